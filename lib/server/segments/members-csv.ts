// GET …/members.csv: every member as CSV, read a page at a time while the response
// streams, so a segment of millions never sits in memory.
import { csvRow } from "@/lib/segments/csv";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { memberPageAfter, segmentOf } from "./segments";

const PAGE = 1000;
const MEMBER_CSV_COLUMNS = ["userId", "name", "email", "addedAt"] as const;

function fileName(segmentName: string): string {
  const safe = segmentName.replace(/[^\w.-]+/g, "-").replace(/^-+|-+$/g, "") || "segment";
  return `${safe}-members.csv`;
}

export async function membersCsvResponse(prisma: PrismaClient, appId: string, id: string): Promise<Response> {
  const segment = await segmentOf(prisma, appId, id);
  const encoder = new TextEncoder();
  let after: string | null = null;
  let headerSent = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvRow([...MEMBER_CSV_COLUMNS])));
        return;
      }
      try {
        const page = await memberPageAfter(prisma, appId, id, after, PAGE);
        if (page.length > 0) controller.enqueue(encoder.encode(page.map((m) => csvRow([m.userId, m.name, m.email, m.addedAt])).join("")));
        if (page.length < PAGE) controller.close();
        else after = page[page.length - 1]!.userId;
      } catch (error) {
        // Headers are gone already; cutting the stream short is the honest signal left.
        console.error(`[cue] members.csv export of segment ${id} failed`, error);
        controller.error(new Error("The export failed"));
      }
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName(segment.name)}"`,
      "cache-control": "no-store",
    },
  });
}
