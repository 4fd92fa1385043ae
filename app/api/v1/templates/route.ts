import { apiRoute } from "@/lib/server/api/handler";
import { templateCreateSchema, templateListQuery } from "@/lib/server/templates/template-input";
import { createTemplate, listTemplates } from "@/lib/server/templates/templates";

export const dynamic = "force-dynamic";

// GET /api/v1/templates - the application's templates, by channel then name (without bodies)
export const GET = apiRoute({ access: "master", query: templateListQuery }, async ({ prisma, caller, query }) => listTemplates(prisma, caller.app.id, query));

// POST /api/v1/templates - a template that compiles, or 400 naming the field and line
export const POST = apiRoute({ access: "master", body: templateCreateSchema, status: 201 }, async ({ prisma, caller, body, now }) =>
  createTemplate(prisma, caller.app.id, body, now),
);
