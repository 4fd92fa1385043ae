import { apiRoute } from "@/lib/server/api/handler";
import { channelPutSchema, channelSchema, listChannels, putChannel } from "@/lib/server/channels/channel-config";

export const dynamic = "force-dynamic";

// GET /api/v1/channels/{channel} - one channel's provider and config, secrets masked
export const GET = apiRoute({ access: "master" }, async ({ prisma, caller, params }) => {
  const channel = channelSchema.parse(params.channel);
  return (await listChannels(prisma, caller.app.id)).channels.find((c) => c.channel === channel);
});

// PUT /api/v1/channels/{channel} - set the provider { provider, config }; secrets stored encrypted
export const PUT = apiRoute({ access: "master", body: channelPutSchema }, async ({ prisma, caller, params, body, now }) =>
  putChannel(prisma, caller.app.id, channelSchema.parse(params.channel), body, now),
);
