import { corsPreflight } from "@/lib/server/api/cors";
import { apiRoute } from "@/lib/server/api/handler";
import { deviceSchema, registerDevice } from "@/lib/server/devices";
import { userIdSchema } from "@/lib/server/users";

export const dynamic = "force-dynamic";

// POST /api/v1/users/{userId}/devices - register a push target for the user
export const POST = apiRoute({ access: "app", body: deviceSchema, status: 201 }, async ({ prisma, caller, params, body, now }) =>
  registerDevice(prisma, caller.app.id, userIdSchema.parse(params.userId), body, now),
);

// OPTIONS - CORS preflight for the browser SDK on other origins
export const OPTIONS = corsPreflight;
