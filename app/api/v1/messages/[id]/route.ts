import { z } from "zod";
import { apiRoute } from "@/lib/server/api/handler";
import { getMessage } from "@/lib/server/messages";

export const dynamic = "force-dynamic";

// GET /api/v1/messages/{id} - one message, its delivery attempts and lifecycle events
export const GET = apiRoute({ access: "master" }, async ({ prisma, caller, params }) =>
  getMessage(prisma, caller.app.id, z.string().min(1).max(100).parse(params.id)),
);
