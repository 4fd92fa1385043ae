import { z } from "zod";
import { signIn } from "@/lib/server/auth/admins";
import { withSessionCookie } from "@/lib/server/auth/dashboard";
import { publicRoute } from "@/lib/server/api/public-route";

export const dynamic = "force-dynamic";

const loginSchema = z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(200) });

// POST /api/auth/login - sign an admin in; sets the session cookie
export const POST = publicRoute(loginSchema, async ({ request, prisma, body, now }) => {
  const token = await signIn(prisma, body.email, body.password, now);
  return withSessionCookie(Response.json({ ok: true }), request, token);
});
