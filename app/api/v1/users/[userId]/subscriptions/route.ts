import { apiRoute } from "@/lib/server/api/handler";
import { sqlDb } from "@/lib/server/db";
import { kickMatching } from "@/lib/server/engine/background";
import { getSubscriptions, putSubscriptions, subscriptionsPutSchema } from "@/lib/server/delivery/subscriptions";
import { userIdSchema } from "@/lib/server/users";

export const dynamic = "force-dynamic";

// GET /api/v1/users/{userId}/subscriptions - every topic and channel, subscribed or not
export const GET = apiRoute({ access: "master" }, async ({ caller, params }) =>
  getSubscriptions(await sqlDb(), caller.app.id, userIdSchema.parse(params.userId)),
);

// PUT /api/v1/users/{userId}/subscriptions - merges the changes; each one is also a user.subscribed / user.unsubscribed event
export const PUT = apiRoute({ access: "app", body: subscriptionsPutSchema }, async ({ caller, params, body, now }) => {
  const sql = await sqlDb();
  const source = caller.via === "session" ? "dashboard" : "api";
  const subscriptions = await sql.transaction((tx) => putSubscriptions(tx, caller.app.id, userIdSchema.parse(params.userId), body, source, now));
  // The change events may have started or woken walks whose messages wait for the drain.
  kickMatching({ walks: true });
  return subscriptions;
});
