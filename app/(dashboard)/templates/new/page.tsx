import type { Metadata } from "next";
import { TemplateEditor } from "@/components/templates/template-editor";
import type { TemplateDraft } from "@/lib/client/template-draft";
import { CHANNELS, FORMATS, type Channel, type Format } from "@/lib/engine/nodes/fields";
import { STARTER_MARKDOWN, STARTER_MJML } from "@/lib/templates/starter";
import { currentApp } from "../../current-app";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New template · Cue" };

// ?channel=email&format=mjml starts from the starter MJML layout (the list's empty state offers it).
export default async function NewTemplatePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { app } = await currentApp();
  const params = await searchParams;
  const channel: Channel = (CHANNELS as readonly unknown[]).includes(params.channel) ? (params.channel as Channel) : "email";
  const format: Format = channel === "email" && (FORMATS as readonly unknown[]).includes(params.format) ? (params.format as Format) : "text";
  const initial: TemplateDraft = {
    name: "",
    channel,
    format,
    title: "",
    subject: channel === "email" ? "A note from {{ app.name }}" : "",
    body: format === "mjml" ? STARTER_MJML : format === "markdown" ? STARTER_MARKDOWN : "",
  };
  return <TemplateEditor template={null} initial={initial} appName={app.name} />;
}
