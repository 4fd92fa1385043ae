import type { Metadata } from "next";
import { newTemplateHref } from "@/components/templates/template-links";
import { TemplatesList } from "@/components/templates/templates-list";
import { ButtonLink } from "@/components/ui/button";
import { PlusIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { CHANNELS, type Channel } from "@/lib/engine/nodes/fields";
import { listTemplates } from "@/lib/server/templates/templates";
import { currentApp } from "../current-app";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Templates · Cue" };

export default async function TemplatesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { prisma, app } = await currentApp();
  const { channel: asked } = await searchParams;
  const channel = (CHANNELS as readonly unknown[]).includes(asked) ? (asked as Channel) : null;
  const { templates } = await listTemplates(prisma, app.id, {});
  return (
    <>
      <PageHeader
        title="Templates"
        description="Messages written once and picked by connectors and campaigns. Emails can be responsive MJML or markdown layouts; every text is Liquid, rendered for each person."
        actions={
          templates.length > 0 ? (
            <ButtonLink href={newTemplateHref(channel ?? undefined, channel === "email" ? "mjml" : undefined)}>
              <PlusIcon /> New template
            </ButtonLink>
          ) : null
        }
      />
      <TemplatesList templates={templates} channel={channel} />
    </>
  );
}
