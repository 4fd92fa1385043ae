import { z } from "zod";
import { corsPreflight } from "@/lib/server/api/cors";
import { apiRoute } from "@/lib/server/api/handler";
import { notFound } from "@/lib/server/api/errors";
import { recordEngagement } from "@/lib/server/channels/engagement";

export const dynamic = "force-dynamic";

// POST /api/v1/messages/{id}/opened - an app reports that the user opened a push message
export const POST = apiRoute({ access: "app" }, async ({ prisma, caller, params, now }) => {
  const id = z.string().min(1).max(100).parse(params.id);
  const message = await prisma.message.findFirst({ where: { id, appId: caller.app.id }, select: { id: true } });
  if (!message) throw notFound("Message");
  await recordEngagement(prisma, id, "opened", now);
  return { opened: true };
});

// OPTIONS - CORS preflight for the browser SDK on other origins
export const OPTIONS = corsPreflight;
