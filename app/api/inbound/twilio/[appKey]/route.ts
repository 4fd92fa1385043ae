import { readBodyText } from "@/lib/server/api/body";
import { errorResponse } from "@/lib/server/api/errors";
import { receiveTwilioReply } from "@/lib/server/channels/twilio-inbound";
import { db } from "@/lib/server/db";
import { configuredPublicUrl } from "@/lib/server/public-url";

export const dynamic = "force-dynamic";

// POST /api/inbound/twilio/{appKey} - Twilio's incoming-SMS webhook; records message.replied
export async function POST(request: Request, { params }: { params: Promise<{ appKey: string }> }): Promise<Response> {
  try {
    // Unauthenticated until the signature is checked: never buffer more than an SMS needs.
    const form = new URLSearchParams(await readBodyText(request, 64 * 1024));
    const path = new URL(request.url);
    // Twilio signs the URL it called, which behind a proxy is the public one.
    const url = process.env.CUE_PUBLIC_URL ? `${configuredPublicUrl()}${path.pathname}${path.search}` : request.url;
    await receiveTwilioReply(await db(), (await params).appKey, url, request.headers.get("x-twilio-signature"), form, new Date());
    return new Response("<Response/>", { headers: { "content-type": "text/xml" } });
  } catch (error) {
    return errorResponse(error);
  }
}
