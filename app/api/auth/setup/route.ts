import { z } from "zod";
import { adminExists, createAdmin, signIn } from "@/lib/server/auth/admins";
import { withSessionCookie } from "@/lib/server/auth/dashboard";
import { ApiError } from "@/lib/server/api/errors";
import { publicRoute } from "@/lib/server/api/public-route";

export const dynamic = "force-dynamic";

const setupSchema = z.object({
  email: z.email("Enter a valid email address").max(320),
  password: z.string().min(10, "Use at least 10 characters").max(200),
});

// POST /api/auth/setup - create the first admin; refused once any admin exists
export const POST = publicRoute(setupSchema, async ({ request, prisma, body, now }) => {
  if (await adminExists(prisma)) throw new ApiError("conflict", "An admin already exists; sign in instead");
  await createAdmin(prisma, body.email, body.password);
  const token = await signIn(prisma, body.email, body.password, now);
  return withSessionCookie(Response.json({ ok: true }, { status: 201 }), request, token);
});
