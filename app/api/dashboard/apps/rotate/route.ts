import { z } from "zod";
import { apiRoute } from "@/lib/server/api/handler";
import { rotateSecrets } from "@/lib/server/apps";

export const dynamic = "force-dynamic";

// POST /api/dashboard/apps/rotate - replace the current app's secret, master secret or write key
export const POST = apiRoute(
  { access: "session", body: z.object({ which: z.enum(["secret", "masterSecret", "writeKey"]) }) },
  async ({ prisma, caller, body }) => ({ which: body.which, value: await rotateSecrets(prisma, caller.app.id, body.which) }),
);
