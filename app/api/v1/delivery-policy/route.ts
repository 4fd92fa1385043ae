import { deliveryPolicySchema } from "@/lib/delivery/policy";
import { apiRoute } from "@/lib/server/api/handler";
import { getPolicy, putPolicy } from "@/lib/server/delivery/policy-store";
import { sqlDb } from "@/lib/server/db";

export const dynamic = "force-dynamic";

// GET /api/v1/delivery-policy - quiet hours and caps (a default policy holds and caps nothing)
export const GET = apiRoute({ access: "master" }, async ({ caller }) => getPolicy(await sqlDb(), caller.app.id));

// PUT /api/v1/delivery-policy - replaces the policy
export const PUT = apiRoute({ access: "master", body: deliveryPolicySchema }, async ({ caller, body, now }) =>
  putPolicy(await sqlDb(), caller.app.id, body, now),
);
