import { corsPreflight } from "@/lib/server/api/cors";
import { apiRoute } from "@/lib/server/api/handler";
import { notFound } from "@/lib/server/api/errors";
import { loadChannel } from "@/lib/server/channels/channel-config";

export const dynamic = "force-dynamic";

// GET /api/v1/push/vapid-key - the Web Push public key browsers subscribe with
export const GET = apiRoute({ access: "app" }, async ({ prisma, caller }) => {
  const push = await loadChannel(prisma, caller.app.id, "push");
  if (push.provider !== "webpush" || !push.config.vapidPublicKey) throw notFound("Web Push key (set the push channel to webpush)");
  return { publicKey: String(push.config.vapidPublicKey) };
});

// OPTIONS - CORS preflight for the browser SDK on other origins
export const OPTIONS = corsPreflight;
