import { SESSION_COOKIE, signOut } from "@/lib/server/auth/admins";
import { withSessionCookie } from "@/lib/server/auth/dashboard";
import { assertSameOrigin, readCookie } from "@/lib/server/auth/request-auth";
import { errorResponse } from "@/lib/server/api/errors";
import { db } from "@/lib/server/db";

export const dynamic = "force-dynamic";

// POST /api/auth/logout - end the session
export async function POST(request: Request): Promise<Response> {
  try {
    assertSameOrigin(request); // another site must not sign an admin out
    const token = readCookie(request, SESSION_COOKIE);
    if (token) await signOut(await db(), token);
    return withSessionCookie(Response.json({ ok: true }), request, "", 0);
  } catch (error) {
    return errorResponse(error);
  }
}
