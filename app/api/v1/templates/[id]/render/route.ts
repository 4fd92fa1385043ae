import { apiRoute } from "@/lib/server/api/handler";
import { renderSavedTemplate } from "@/lib/server/templates/render";
import { templateRenderSchema } from "@/lib/server/templates/template-input";

export const dynamic = "force-dynamic";

// POST /api/v1/templates/{id}/render - the template rendered for a user (or a sample one) and an event
export const POST = apiRoute({ access: "master", body: templateRenderSchema }, async ({ prisma, caller, params, body, now }) =>
  renderSavedTemplate(prisma, caller.app.id, params.id!, body, now),
);
