import { apiRoute } from "@/lib/server/api/handler";
import { previewTemplate } from "@/lib/server/templates/render";
import { templatePreviewSchema } from "@/lib/server/templates/template-input";

export const dynamic = "force-dynamic";

// POST /api/v1/templates/preview - unsaved texts rendered, with what would stop them saving
export const POST = apiRoute({ access: "master", body: templatePreviewSchema }, async ({ prisma, caller, body, now }) =>
  previewTemplate(prisma, caller.app.id, body, now),
);
