import { apiRoute } from "@/lib/server/api/handler";
import { templateUpdateSchema } from "@/lib/server/templates/template-input";
import { deleteTemplate, getTemplate, updateTemplate } from "@/lib/server/templates/templates";

export const dynamic = "force-dynamic";

// GET /api/v1/templates/{id} - one template with its body and the connectors that use it
export const GET = apiRoute({ access: "master" }, async ({ prisma, caller, params }) => getTemplate(prisma, caller.app.id, params.id!));

// PUT /api/v1/templates/{id} - replace the fields given; live connectors keep the texts they were published with
export const PUT = apiRoute({ access: "master", body: templateUpdateSchema }, async ({ prisma, caller, params, body, now }) =>
  updateTemplate(prisma, caller.app.id, params.id!, body, now),
);

// DELETE /api/v1/templates/{id} - 409 while a connector uses it
export const DELETE = apiRoute({ access: "master" }, async ({ prisma, caller, params }) => deleteTemplate(prisma, caller.app.id, params.id!));
