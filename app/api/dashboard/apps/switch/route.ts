import { z } from "zod";
import { apiRoute } from "@/lib/server/api/handler";
import { switchApp } from "@/lib/server/auth/admins";

export const dynamic = "force-dynamic";

// POST /api/dashboard/apps/switch - make another application current for this session
export const POST = apiRoute(
  { access: "session", body: z.object({ appId: z.string().min(1).max(100) }) },
  async ({ prisma, caller, body }) => {
    await switchApp(prisma, caller.session!.sessionId, body.appId);
    return { currentAppId: body.appId };
  },
);
