import { corsPreflight } from "@/lib/server/api/cors";
import { apiRoute } from "@/lib/server/api/handler";
import { eraseUser } from "@/lib/server/erase-user";
import { upsertUser, userIdSchema, userProfile, userUpsertSchema } from "@/lib/server/users";

export const dynamic = "force-dynamic";

// PUT /api/v1/users/{userId} - create or update a user; attributes merge
export const PUT = apiRoute({ access: "app", body: userUpsertSchema }, async ({ prisma, caller, params, body, now }) =>
  upsertUser(prisma, caller.app.id, userIdSchema.parse(params.userId), body, now),
);

// GET /api/v1/users/{userId} - the profile, its segments, latest events and latest journeys
export const GET = apiRoute({ access: "master" }, async ({ prisma, caller, params }) =>
  userProfile(prisma, caller.app.id, userIdSchema.parse(params.userId)),
);

// DELETE /api/v1/users/{userId} - erase the person (GDPR art. 17); aggregate counts stay
export const DELETE = apiRoute({ access: "master" }, async ({ prisma, caller, params }) =>
  eraseUser(prisma, caller.app.id, userIdSchema.parse(params.userId)),
);

// OPTIONS - CORS preflight for the browser SDK on other origins
export const OPTIONS = corsPreflight;
