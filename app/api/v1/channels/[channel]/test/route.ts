import { z } from "zod";
import { apiRoute } from "@/lib/server/api/handler";
import { channelSchema } from "@/lib/server/channels/channel-config";
import { sendTestMessage } from "@/lib/server/channels/test-send";

export const dynamic = "force-dynamic";

const testSchema = z.object({
  userId: z.string().min(1).max(200),
  title: z.string().max(500).optional(),
  subject: z.string().max(500).optional(),
  body: z.string().min(1).max(20_000).optional(),
});

// POST /api/v1/channels/{channel}/test - send a test message to a user now; returns it with its attempts
export const POST = apiRoute({ access: "master", body: testSchema }, async ({ prisma, caller, params, body, now }) =>
  sendTestMessage(prisma, caller.app.id, channelSchema.parse(params.channel), body.userId, body, now),
);
