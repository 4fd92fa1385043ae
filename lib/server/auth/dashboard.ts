// Session helpers for dashboard pages (server components) and the sign-in routes.
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { db } from "../db";
import { SESSION_COOKIE, sessionCookie, sessionFromToken, type SessionInfo } from "./admins";

export async function currentSession(): Promise<SessionInfo | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return sessionFromToken(await db(), token, new Date());
}

/** For pages: the signed-in admin with an application selected, or a redirect to sign in. */
export async function requireSession(): Promise<SessionInfo & { appId: string }> {
  const session = await currentSession();
  if (!session) redirect("/login");
  if (!session.appId) redirect("/login?error=no-app");
  return { ...session, appId: session.appId };
}

export function isSecureRequest(request: Request): boolean {
  return request.headers.get("x-forwarded-proto") === "https" || new URL(request.url).protocol === "https:";
}

export function withSessionCookie(response: Response, request: Request, token: string, maxAge?: number): Response {
  response.headers.append("set-cookie", sessionCookie(token, isSecureRequest(request), maxAge));
  return response;
}
