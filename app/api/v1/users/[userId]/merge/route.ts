import { corsPreflight } from "@/lib/server/api/cors";
import { apiRoute } from "@/lib/server/api/handler";
import { mergeAnonymousUser, userMergeSchema } from "@/lib/server/user-merge";
import { userIdSchema } from "@/lib/server/users";

export const dynamic = "force-dynamic";

// POST /api/v1/users/{userId}/merge - fold an anonymous id's history into this user
export const POST = apiRoute({ access: "app", body: userMergeSchema }, async ({ prisma, caller, params, body, now }) =>
  mergeAnonymousUser(prisma, caller, userIdSchema.parse(params.userId), body.anonymousId, now),
);

// OPTIONS - CORS preflight for the browser SDK on other origins
export const OPTIONS = corsPreflight;
