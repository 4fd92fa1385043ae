import { z } from "zod";
import { apiRoute } from "@/lib/server/api/handler";
import { createApp, listApps } from "@/lib/server/apps";
import { switchApp } from "@/lib/server/auth/admins";

export const dynamic = "force-dynamic";

// GET /api/dashboard/apps - every application, and which one this session is on
export const GET = apiRoute({ access: "session" }, async ({ prisma, caller }) => ({
  apps: await listApps(prisma),
  currentAppId: caller.app.id,
}));

// POST /api/dashboard/apps - create an application and switch to it; secrets shown once
export const POST = apiRoute(
  { access: "session", body: z.object({ name: z.string().trim().min(1).max(100) }), status: 201 },
  async ({ prisma, caller, body }) => {
    const { app, credentials } = await createApp(prisma, body.name);
    await switchApp(prisma, caller.session!.sessionId, app.id);
    return { app, credentials };
  },
);
