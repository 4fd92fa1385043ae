import { timingSafeEqual } from "node:crypto";
import { apiRoute } from "@/lib/server/api/handler";
import { ApiError, errorResponse } from "@/lib/server/api/errors";
import { database } from "@/lib/server/db";
import { backgroundIdle } from "@/lib/server/engine/background";
import { runTick } from "@/lib/server/engine/tick";

export const dynamic = "force-dynamic";

// Immediate work this process already started finishes first, so a caller who ingests
// and then ticks sees every consequence of what it sent.
const tick = async () => {
  await backgroundIdle();
  return runTick(await database());
};

function bearerMatches(header: string, secret: string | undefined): boolean {
  if (!secret) return false;
  const given = Buffer.from(header.slice("Bearer ".length).trim());
  const wanted = Buffer.from(secret);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

const withMaster = apiRoute({ access: "master" }, tick);

// POST /api/v1/cron/tick - one scheduler pass (master secret, or Bearer $CRON_SECRET); returns counts
export async function POST(request: Request): Promise<Response> {
  const authorization = request.headers.get("authorization");
  if (!authorization?.startsWith("Bearer ")) return withMaster(request);
  try {
    if (!bearerMatches(authorization, process.env.CRON_SECRET)) throw new ApiError("unauthorized", "Wrong cron secret");
    return Response.json(await tick());
  } catch (error) {
    return errorResponse(error);
  }
}
