// Responses of the respectful-delivery operations: topics, subscriptions, the delivery policy.
import { z } from "zod";
import { deliveryPolicySchema } from "@/lib/delivery/policy";

export const topicSchema = z.object({
  key: z.string(),
  name: z.string(),
  default: z.enum(["subscribed", "unsubscribed"]).meta({ description: "A user's state until they choose: unsubscribed makes an opt-in topic" }),
  builtIn: z.boolean().meta({ description: "marketing and transactional; transactional cannot be unsubscribed from" }),
});
export const topicListSchema = z.object({ topics: z.array(topicSchema) });

export const subscriptionsSchema = z.object({
  topics: z.record(z.string(), z.boolean()).meta({ description: "Every topic of the application: true when subscribed" }),
  channels: z.object({ email: z.boolean(), sms: z.boolean(), push: z.boolean() }).meta({ description: "false stops everything on that channel" }),
});

// What GET answers: the stored policy with its defaults filled in.
export const deliveryPolicyResponseSchema = deliveryPolicySchema;
