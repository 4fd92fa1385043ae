"use client";

// One message: what the recipient saw, why it did or did not arrive (attempts), and
// what happened after (lifecycle events). Used by the side panel and the full page.
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { messageKeys, messagesApi, type MessageDetail } from "@/lib/client/messages";
import { Alert } from "../ui/alert";
import { Card, CardHeader } from "../ui/card";
import { cx } from "../ui/cx";
import { Spinner } from "../ui/spinner";
import { DateTime, RelativeTime } from "../ui/time";
import { statusHint } from "./channel-meta";
import type { ConnectorName } from "./connector-names";
import { DeliveryAttempts } from "./delivery-attempts";
import { LifecycleEvents } from "./lifecycle-events";
import { MessageFacts } from "./message-facts";
import { MessagePreview } from "./message-preview";

type Layout = "panel" | "page";

export function useMessageDetail(id: string, initialData?: MessageDetail) {
  return useQuery({
    queryKey: messageKeys.detail(id),
    queryFn: ({ signal }) => messagesApi.get(id, signal),
    initialData,
    staleTime: 10_000,
    // A queued message is still being delivered: follow it until it settles. A held one
    // waits for its sendAt (hours, often): checked now and then, not every few seconds.
    refetchInterval: (query) => (query.state.data?.status === "queued" ? 3_000 : query.state.data?.status === "held" ? 60_000 : false),
  });
}

function StatusNote({ message }: { message: MessageDetail }) {
  if (message.status === "failed") {
    return (
      <Alert title="Delivery failed">
        <span className="break-words">{message.error ?? "The provider refused the message."}</span>
      </Alert>
    );
  }
  if (message.status === "skipped") {
    return (
      <Alert tone="warning" title="Not sent">
        {message.reason ?? message.error ?? statusHint("skipped")}
      </Alert>
    );
  }
  if (message.status === "held") {
    return (
      <Alert tone="warning" title={message.sendAt ? <>Held · sends <RelativeTime value={message.sendAt} /></> : "Held"}>
        <span data-testid="message-held-reason">{message.reason ?? statusHint("held")}.</span>{" "}
        {message.sendAt ? (
          <>
            Cue decides it again at <DateTime value={message.sendAt} /> and sends it then, unless the person has unsubscribed by that time or a cap is still full.
          </>
        ) : null}
      </Alert>
    );
  }
  if (message.status === "queued") {
    return (
      <Alert tone="warning" title={message.attempts > 0 ? "Waiting to retry" : "Waiting in the outbox"}>
        {message.error ? <span className="break-words">Last error: {message.error}</span> : "Cue delivers it on the next scheduler pass."}
      </Alert>
    );
  }
  return null;
}

function Section({ layout, title, description, children, testId }: { layout: Layout; title: string; description?: ReactNode; children: ReactNode; testId?: string }) {
  if (layout === "page") {
    return (
      <Card data-testid={testId}>
        <CardHeader title={title} description={description} />
        {children}
      </Card>
    );
  }
  return (
    <section className="border-t border-slate-100 first:border-t-0" data-testid={testId}>
      <div className="px-5 pt-4 pb-1">
        <h3 className="text-xs font-semibold tracking-wider text-slate-500 uppercase">{title}</h3>
        {description ? <p className="mt-0.5 text-xs text-slate-500">{description}</p> : null}
      </div>
      {children}
    </section>
  );
}

export function MessageDetailBody({
  message,
  connectors,
  appName,
  layout,
}: {
  message: MessageDetail;
  connectors: ConnectorName[];
  appName: string;
  layout: Layout;
}) {
  const sentAt = message.sentAt ? <RelativeTime value={message.sentAt} /> : <DateTime value={message.createdAt} />;
  const preview = (
    <Section layout={layout} title="Content" description="As the recipient saw it" testId="message-content">
      <div className={layout === "page" ? "p-5" : "px-5 pt-2 pb-5"}>
        <MessagePreview message={message} appName={appName} sentAt={sentAt} />
      </div>
    </Section>
  );
  const attempts = (
    <Section
      layout={layout}
      title={`Delivery attempts · ${message.deliveries.length}`}
      description="Each hand-over to the provider, oldest first"
      testId="message-attempts"
    >
      <DeliveryAttempts message={message} />
    </Section>
  );
  const events = (
    <Section layout={layout} title={`Lifecycle events · ${message.events.length}`} description="Recorded on the user's timeline" testId="message-events">
      <LifecycleEvents message={message} />
    </Section>
  );
  const facts = (
    <Section layout={layout} title="Details">
      <MessageFacts message={message} connectors={connectors} />
    </Section>
  );
  const note = message.status === "sent" ? null : <StatusNote message={message} />;

  if (layout === "page") {
    return (
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          {note}
          {preview}
          {attempts}
          {events}
        </div>
        <div className="lg:sticky lg:top-8">{facts}</div>
      </div>
    );
  }
  return (
    <div>
      {note ? <div className="px-5 pb-4">{note}</div> : null}
      {preview}
      {attempts}
      {events}
      {facts}
    </div>
  );
}

/** Loads the message, then shows it; loading and errors keep the frame steady. */
export function MessageDetailView({
  id,
  connectors,
  appName,
  layout,
  initialData,
}: {
  id: string;
  connectors: ConnectorName[];
  appName: string;
  layout: Layout;
  initialData?: MessageDetail;
}) {
  const { data, error, isPending } = useMessageDetail(id, initialData);
  if (isPending) {
    return (
      <div className={cx("flex items-center justify-center gap-2 text-sm text-slate-500", layout === "panel" ? "py-24" : "py-20")}>
        <Spinner /> Loading message…
      </div>
    );
  }
  if (error || !data) {
    return (
      <div className="px-5 py-6">
        <Alert title="This message could not be loaded">{error?.message ?? "Unknown error"}</Alert>
      </div>
    );
  }
  return <MessageDetailBody message={data} connectors={connectors} appName={appName} layout={layout} />;
}
