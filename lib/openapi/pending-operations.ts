// Endpoints the browser SDK is built against that the server does not serve yet. They
// are not in the published document; openapi.test.ts fails once a route file for one
// of them exists, as the reminder to move its entry into OPERATIONS (with the route's
// own schema in place of the one here).
import { z } from "zod";
import { userIdSchema } from "@/lib/server/users";
import type { OperationSpec } from "./operations";

export const userMergeSchema = z.object({
  anonymousId: z.string().min(1).max(200).meta({ description: "The id the browser used before it knew who the user is" }),
});

export const PENDING_OPERATIONS: OperationSpec[] = [
  {
    method: "POST",
    path: "/api/v1/users/{userId}/merge",
    tag: "Users",
    summary: "Merge an anonymous user into this user",
    description:
      "What the anonymous id did (events, profile fields the user lacks, devices, segment memberships, enrollments, messages) " +
      "becomes the user's, the anonymous user is removed, and later events sent for the anonymous id are stored for the user. " +
      "Idempotent: merging an id that already points at this user changes nothing. With the application secret only an anonymous " +
      "user can be merged — one without email or phone that is not already an alias of another user (else 409); the master secret may merge any two users.",
    access: "app",
    params: { userId: { schema: userIdSchema, description: "The identified user", example: "u_42" } },
    body: userMergeSchema,
    bodyExample: { anonymousId: "anon_6f1c2a4e-93b1-4d6e-a0c2-1f7e5b9d3a80" },
    success: {
      status: 200,
      description: "Merged (merged: false when there was nothing left to merge)",
      schema: z.object({ userId: z.string(), anonymousId: z.string(), merged: z.boolean() }),
      example: { userId: "u_42", anonymousId: "anon_6f1c2a4e-93b1-4d6e-a0c2-1f7e5b9d3a80", merged: true },
    },
    errors: [409],
  },
  {
    method: "GET",
    path: "/api/v1/push/vapid-key",
    tag: "Users",
    summary: "The Web Push public key",
    description:
      "The VAPID public key browsers subscribe with (PushManager.subscribe's applicationServerKey). 404 while the push channel's provider is not webpush.",
    access: "app",
    success: {
      status: 200,
      description: "The key, base64url",
      schema: z.object({ publicKey: z.string() }),
      example: { publicKey: "BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U" },
    },
    errors: [404],
  },
];
