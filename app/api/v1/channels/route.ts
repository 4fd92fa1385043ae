import { apiRoute } from "@/lib/server/api/handler";
import { listChannels } from "@/lib/server/channels/channel-config";

export const dynamic = "force-dynamic";

// GET /api/v1/channels - every channel's provider and config, secrets masked
export const GET = apiRoute({ access: "master" }, async ({ prisma, caller }) => listChannels(prisma, caller.app.id));
