"use client";

// The message detail as a side panel over the log, on a native modal <dialog>: the
// browser traps focus, closes it on Escape and makes the log inert meanwhile.
import Link from "next/link";
import { useEffect, useRef } from "react";
import { messageHref, type MessageRecord } from "@/lib/client/messages";
import { userHref } from "@/lib/client/paging";
import { CloseIcon } from "../ui/icons";
import { RelativeTime } from "../ui/time";
import { CHANNEL_META, ChannelTile, MessageStatusBadge, messageHeadline } from "./channel-meta";
import { connectorHref, findConnector, type ConnectorName } from "./connector-names";
import { MessageDetailView, useMessageDetail } from "./message-detail";


function DrawerHeader({ id, summary, connectors, onClose }: { id: string; summary?: MessageRecord; connectors: ConnectorName[]; onClose: () => void }) {
  const { data } = useMessageDetail(id);
  const message = data ?? summary;
  const connector = findConnector(connectors, message?.connectorId ?? null);
  return (
    <div className="sticky top-0 z-10 flex items-start gap-3 border-b border-slate-100 bg-white/95 px-5 py-4 backdrop-blur">
      {message ? <ChannelTile channel={message.channel} size="lg" /> : <span className="size-10 rounded-lg bg-slate-100" />}
      <div className="min-w-0 flex-1">
        <h2 id="message-drawer-title" className="truncate text-base font-semibold text-slate-900">
          {message ? messageHeadline(message) : "Message"}
        </h2>
        {message ? (
          <div className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500">
            <MessageStatusBadge status={message.status} />
            <span>
              {CHANNEL_META[message.channel]?.label} · <RelativeTime value={message.sentAt ?? message.createdAt} />
            </span>
          </div>
        ) : null}
        {message ? (
          <p className="mt-1.5 truncate text-xs text-slate-500">
            To{" "}
            <Link href={userHref(message.userId)} className="font-mono text-slate-700 hover:text-brand-700 hover:underline">
              {message.userId}
            </Link>
            {connector ? (
              <>
                {" "}· from{" "}
                {connector.deleted ? (
                  <span className="text-slate-700">{connector.name} (deleted)</span>
                ) : (
                  <Link href={connectorHref(connector.id)} className="text-slate-700 hover:text-brand-700 hover:underline">
                    {connector.name}
                  </Link>
                )}
              </>
            ) : message.connectorId ? null : (
              " · test send"
            )}
          </p>
        ) : null}
      </div>
      <div className="flex shrink-0 items-center gap-1">
        <Link
          href={messageHref(id)}
          className="rounded-md px-2 py-1.5 text-xs font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-500"
        >
          Open page
        </Link>
        <button
          type="button"
          onClick={onClose}
          className="rounded-md p-1.5 text-slate-400 hover:bg-slate-100 hover:text-slate-600 focus-visible:outline-2 focus-visible:outline-brand-500"
          aria-label="Close"
        >
          <CloseIcon className="size-4.5" />
        </button>
      </div>
    </div>
  );
}

export function MessageDrawer({
  messageId,
  summary,
  connectors,
  appName,
  onClose,
}: {
  messageId: string | null;
  summary?: MessageRecord;
  connectors: ConnectorName[];
  appName: string;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const open = messageId !== null;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby="message-drawer-title"
      data-testid="message-drawer"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        // A click on the backdrop lands on the <dialog> element itself.
        if (event.target === ref.current) onClose();
      }}
      className="fixed inset-y-0 right-0 left-auto m-0 h-dvh max-h-none w-full max-w-xl overflow-y-auto bg-white p-0 text-slate-900 shadow-2xl ring-1 ring-slate-900/10 transition duration-200 ease-out backdrop:bg-slate-900/30 backdrop:backdrop-blur-[1px] starting:open:translate-x-6 starting:open:opacity-0"
    >
      {messageId ? (
        <div className="min-h-full">
          <DrawerHeader id={messageId} summary={summary} connectors={connectors} onClose={onClose} />
          <div className="pt-4 pb-8">
            <MessageDetailView id={messageId} connectors={connectors} appName={appName} layout="panel" />
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
