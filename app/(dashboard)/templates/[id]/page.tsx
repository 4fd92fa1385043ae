import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TemplateEditor } from "@/components/templates/template-editor";
import { ApiError } from "@/lib/server/api/errors";
import { getTemplate } from "@/lib/server/templates/templates";
import { currentApp } from "../../current-app";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Template · Cue" };

export default async function TemplatePage({ params }: { params: Promise<{ id: string }> }) {
  const { prisma, app } = await currentApp();
  const { id } = await params;
  const template = await getTemplate(prisma, app.id, id).catch((error: unknown) => {
    if (error instanceof ApiError && error.code === "not_found") notFound();
    throw error;
  });
  const initial = { name: template.name, channel: template.channel, format: template.format, title: template.title ?? "", subject: template.subject ?? "", body: template.body };
  // key: moving from one template to another starts a fresh form.
  return <TemplateEditor key={template.id} template={template} initial={initial} appName={app.name} />;
}
