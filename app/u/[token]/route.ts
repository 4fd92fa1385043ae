import { ApiError, errorResponse } from "@/lib/server/api/errors";
import { sqlDb } from "@/lib/server/db";
import { claimOf, readForm, savePreferences, unsubscribeOneClick } from "@/lib/server/delivery/unsubscribe";
import { kickMatching } from "@/lib/server/engine/background";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ token: string }> };

// The page lives one segment down because a segment with a route handler cannot also have a page.
const preferencesPath = (token: string) => `/u/${encodeURIComponent(token)}/preferences`;

// GET /u/{token} - an email's unsubscribe link opened in a browser: on to the preferences page
export async function GET(_request: Request, { params }: Context): Promise<Response> {
  return new Response(null, { status: 303, headers: { location: preferencesPath((await params).token), "cache-control": "no-store" } });
}

// POST /u/{token} - List-Unsubscribe=One-Click (RFC 8058) leaves the email's topic; the preferences page's form saves every choice
export async function POST(request: Request, { params }: Context): Promise<Response> {
  try {
    const { token } = await params;
    const claim = claimOf(token);
    const form = await readForm(request);
    const now = new Date();
    let response: Response;
    if (form.get("List-Unsubscribe") === "One-Click") {
      response = Response.json(await unsubscribeOneClick(await sqlDb(), claim, now));
    } else if (form.get("intent") === "save") {
      await savePreferences(await sqlDb(), claim, form, now);
      response = new Response(null, { status: 303, headers: { location: `${preferencesPath(token)}?saved=1` } });
    } else {
      throw new ApiError("invalid_request", "Send List-Unsubscribe=One-Click to unsubscribe");
    }
    // The user.unsubscribed/subscribed events may start or wake walks.
    kickMatching({ walks: true });
    return response;
  } catch (error) {
    return errorResponse(error);
  }
}
