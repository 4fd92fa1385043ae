// The Templates page's body: channel tabs, then each channel's templates in a table
// (name with its subject or title, format, last change). Filtering is a link
// (?channel=email), so the server renders every view and the back button works.
import Link from "next/link";
import { templateHref, type TemplateSummary } from "@/lib/client/templates";
import { CHANNELS, type Channel, type Format } from "@/lib/engine/nodes/fields";
import { CHANNEL_META, ChannelTile } from "../messages/channel-meta";
import { Badge, type BadgeTone } from "../ui/badge";
import { ButtonLink } from "../ui/button";
import { Card } from "../ui/card";
import { cx } from "../ui/cx";
import { EmptyState } from "../ui/empty-state";
import { PlusIcon } from "../ui/icons";
import { Table, TBody, THead, Td, Th } from "../ui/table";
import { RelativeTime } from "../ui/time";
import { TemplatesIcon } from "./template-icon";
import { newTemplateHref } from "./template-links";

const FORMAT_BADGES: Record<Format, { label: string; tone: BadgeTone }> = {
  text: { label: "Text", tone: "neutral" },
  markdown: { label: "Markdown", tone: "success" },
  mjml: { label: "MJML", tone: "brand" },
};

function ChannelTabs({ templates, current }: { templates: TemplateSummary[]; current: Channel | null }) {
  const tabs = [{ channel: null, label: "All", count: templates.length }, ...CHANNELS.map((channel) => ({ channel, label: CHANNEL_META[channel].label, count: templates.filter((t) => t.channel === channel).length }))];
  return (
    <nav aria-label="Channels" className="mb-6 flex flex-wrap gap-1.5">
      {tabs.map((tab) => (
        <Link
          key={tab.label}
          href={tab.channel ? `/templates?channel=${tab.channel}` : "/templates"}
          aria-current={tab.channel === current ? "page" : undefined}
          className={cx(
            "inline-flex items-center gap-2 rounded-lg px-3 py-1.5 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-brand-500",
            tab.channel === current ? "bg-white text-slate-900 shadow-xs ring-1 ring-slate-200" : "text-slate-500 hover:bg-slate-100 hover:text-slate-800",
          )}
        >
          {tab.label}
          <span className={cx("rounded-full px-1.5 text-xs tabular-nums", tab.channel === current ? "bg-brand-50 text-brand-700" : "bg-slate-100 text-slate-500")}>{tab.count}</span>
        </Link>
      ))}
    </nav>
  );
}

function ChannelTable({ channel, templates }: { channel: Channel; templates: TemplateSummary[] }) {
  return (
    <section aria-labelledby={`templates-${channel}`} data-testid="template-group" data-channel={channel}>
      <h2 id={`templates-${channel}`} className="mb-3 flex items-center gap-2.5 text-sm font-semibold text-slate-900">
        <ChannelTile channel={channel} />
        {CHANNEL_META[channel].label}
        <span className="font-normal text-slate-400">{templates.length}</span>
      </h2>
      <Card className="overflow-hidden">
        <Table className="table-fixed">
          <THead>
            <tr>
              <Th>Name</Th>
              <Th className="w-32">Format</Th>
              <Th align="right" className="hidden w-40 sm:table-cell">
                Updated
              </Th>
            </tr>
          </THead>
          <TBody>
            {templates.map((template) => (
              <tr key={template.id} className="group relative hover:bg-slate-50/80" data-testid="template-row">
                <Td className="py-3">
                  <Link href={templateHref(template.id)} className="block min-w-0 focus-visible:outline-none">
                    <span className="absolute inset-0" aria-hidden="true" />
                    <span className="block truncate font-medium text-slate-900 group-hover:text-brand-700">{template.name}</span>
                    {template.subject || template.title ? <span className="block truncate text-xs text-slate-500">{template.subject ?? template.title}</span> : null}
                  </Link>
                </Td>
                <Td>
                  <Badge tone={FORMAT_BADGES[template.format].tone}>{FORMAT_BADGES[template.format].label}</Badge>
                </Td>
                <Td align="right" className="hidden text-slate-500 sm:table-cell">
                  <RelativeTime value={template.updatedAt} />
                </Td>
              </tr>
            ))}
          </TBody>
        </Table>
      </Card>
    </section>
  );
}

export function TemplatesList({ templates, channel }: { templates: TemplateSummary[]; channel: Channel | null }) {
  if (templates.length === 0) {
    return (
      <Card>
        <EmptyState
          icon={TemplatesIcon}
          title="No templates yet"
          actions={
            <>
              <ButtonLink href={newTemplateHref("email", "mjml")}>
                <PlusIcon /> New email from the starter layout
              </ButtonLink>
              <ButtonLink href={newTemplateHref()} variant="secondary">
                New template
              </ButtonLink>
            </>
          }
        >
          Write a message once — a responsive MJML or markdown email, a push, an SMS, a webhook payload — and pick it in any connector&apos;s send step or
          campaign. The starter layout has a header, your message, a button and the unsubscribe footer.
        </EmptyState>
      </Card>
    );
  }
  const shown = CHANNELS.filter((c) => (channel ? c === channel : templates.some((t) => t.channel === c)));
  return (
    <>
      <ChannelTabs templates={templates} current={channel} />
      <div className="space-y-8">
        {shown.map((c) => {
          const mine = templates.filter((t) => t.channel === c);
          return mine.length ? (
            <ChannelTable key={c} channel={c} templates={mine} />
          ) : (
            <Card key={c}>
              <EmptyState
                icon={CHANNEL_META[c].icon}
                title={`No ${CHANNEL_META[c].noun} templates yet`}
                actions={
                  <ButtonLink href={newTemplateHref(c, c === "email" ? "mjml" : undefined)}>
                    <PlusIcon /> New {CHANNEL_META[c].label.toLowerCase()} template
                  </ButtonLink>
                }
              />
            </Card>
          );
        })}
      </div>
    </>
  );
}
