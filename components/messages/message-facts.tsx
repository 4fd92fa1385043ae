// Who, what and when of one message, with links to the user and the connector.
import Link from "next/link";
import { userHref } from "@/lib/client/paging";
import type { MessageDetail } from "@/lib/client/messages";
import { AttributeList } from "../users/attribute-list";
import { CopyButton } from "../ui/copy-button";
import { DateTime } from "../ui/time";
import { ChannelLabel } from "./channel-meta";
import { connectorHref, findConnector, type ConnectorName } from "./connector-names";

const linkClass = "font-medium text-brand-700 hover:text-brand-800 hover:underline underline-offset-2";

function Mono({ value, copyLabel }: { value: string; copyLabel?: string }) {
  return (
    <span className="inline-flex max-w-full min-w-0 items-center gap-1">
      <code className="truncate font-mono text-[13px] text-slate-700" title={value}>
        {value}
      </code>
      {copyLabel ? <CopyButton value={value} label={copyLabel} className="h-6 px-1.5 ring-0" /> : null}
    </span>
  );
}

function ConnectorValue({ message, connectors }: { message: MessageDetail; connectors: ConnectorName[] }) {
  if (!message.connectorId && message.campaignId) {
    return (
      <Link href={`/campaigns/${encodeURIComponent(message.campaignId)}`} className={linkClass} data-testid="message-campaign-link">
        None: sent by a campaign
      </Link>
    );
  }
  if (!message.connectorId) return <span className="text-slate-500">None: a test send from Settings</span>;
  const connector = findConnector(connectors, message.connectorId);
  if (!connector) return <Mono value={message.connectorId} />;
  if (connector.deleted) return <span className="text-slate-600">{connector.name} (deleted)</span>;
  return (
    <Link href={connectorHref(connector.id)} className={linkClass} data-testid="message-connector-link">
      {connector.name}
    </Link>
  );
}

export function MessageFacts({ message, connectors }: { message: MessageDetail; connectors: ConnectorName[] }) {
  return (
    <AttributeList
      items={[
        {
          label: "User",
          value: (
            <Link href={userHref(message.userId)} className={`${linkClass} font-mono text-[13px] break-all`} data-testid="message-user-link">
              {message.userId}
            </Link>
          ),
        },
        { label: "Channel", value: <ChannelLabel channel={message.channel} /> },
        { label: "Connector", value: <ConnectorValue message={message} connectors={connectors} /> },
        { label: "Step", value: message.nodeId ? <Mono value={message.nodeId} /> : null },
        { label: "Topic", value: <Mono value={message.topic} /> },
        { label: "Created", value: <DateTime value={message.createdAt} /> },
        // When a held message is released, or a queued one is next tried.
        ...(message.sendAt ? [{ label: message.status === "held" ? "Sends at" : "Next attempt", value: <DateTime value={message.sendAt} /> }] : []),
        { label: "Sent", value: message.sentAt ? <DateTime value={message.sentAt} /> : null },
        // Opens and clicks are tracked for email (pixel, redirect) and push (reported by the app) only.
        ...(message.channel === "email" || message.channel === "push"
          ? [
              { label: "Opened", value: message.openedAt ? <DateTime value={message.openedAt} /> : null },
              { label: "Clicked", value: message.clickedAt ? <DateTime value={message.clickedAt} /> : null },
            ]
          : []),
        { label: "Attempts", value: <span className="tabular-nums">{message.attempts}</span> },
        { label: "Provider id", value: message.providerMessageId ? <Mono value={message.providerMessageId} copyLabel="Copy provider message id" /> : null },
        { label: "Message id", value: <Mono value={message.id} copyLabel="Copy message id" /> },
      ]}
    />
  );
}
