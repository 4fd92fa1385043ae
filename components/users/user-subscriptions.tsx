"use client";

// A profile's "Subscriptions" card: every topic and channel with a switch the admin can
// flip for the person (a PUT, recorded as a user.subscribed / user.unsubscribed event
// from "dashboard"), and the person's clock against the quiet hours.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import {
  deliveryApi,
  deliveryKeys,
  SUBSCRIPTION_CHANNELS,
  TRANSACTIONAL_TOPIC_KEY,
  type DeliveryPolicy,
  type Subscriptions,
  type SubscriptionsChange,
  type Topic,
} from "@/lib/client/delivery";
import { queryKeys } from "@/lib/client/query-keys";
import { describeQuietHours } from "@/lib/delivery/policy";
import { clockIn, quietUntil } from "@/lib/delivery/quiet-hours";
import { localTime } from "@/lib/time-zone";
import { CHANNEL_META, ChannelTile } from "../messages/channel-meta";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Card, CardHeader } from "../ui/card";
import { Spinner } from "../ui/spinner";
import { Switch } from "../ui/switch";

function merge(current: Subscriptions, change: SubscriptionsChange): Subscriptions {
  return { topics: { ...current.topics, ...change.topics }, channels: { ...current.channels, ...change.channels } };
}

function Heading({ children }: { children: string }) {
  return <h3 className="px-5 pt-3.5 pb-1 text-xs font-semibold tracking-wider text-slate-500 uppercase">{children}</h3>;
}

function Row({ name, label, note, checked, disabled, onChange, testId }: { name: string; label?: ReactNode; note?: ReactNode; checked: boolean; disabled?: boolean; onChange: (on: boolean) => void; testId: string }) {
  return (
    <li className="flex items-center justify-between gap-3 px-5 py-2" data-testid={testId}>
      <div className="min-w-0 text-sm text-slate-800">
        {label ?? name}
        {note ? <span className="block text-xs text-slate-500">{note}</span> : null}
      </div>
      <Switch size="sm" checked={checked} disabled={disabled} onCheckedChange={onChange} aria-label={name} />
    </li>
  );
}

/** Their clock now, and whether quiet hours hold their messages at this moment. */
function LocalClock({ timezone, policy }: { timezone: string | null; policy: DeliveryPolicy | undefined }) {
  const zone = timezone ?? policy?.timezone ?? "UTC";
  const now = new Date();
  const quiet = policy?.quietHours ?? null;
  const until = quiet ? quietUntil(now, zone, quiet) : null;
  return (
    <div className="space-y-1 border-t border-slate-100 bg-slate-50/70 px-5 py-3 text-xs leading-5 text-slate-500" data-testid="subscriptions-clock">
      <p>
        <span className="font-medium text-slate-700 tabular-nums">{localTime(now, zone)}</span> their time ·{" "}
        {timezone ? zone : <>no zone of their own, so the policy&apos;s {zone}</>}
      </p>
      {quiet ? (
        <p>
          {until ? <span className="font-medium text-amber-700">In quiet hours now, until {clockIn(until, zone)}. </span> : null}
          {describeQuietHours(quiet)}.
        </p>
      ) : null}
    </div>
  );
}

export function UserSubscriptions({ userId, timezone }: { userId: string; timezone: string | null }) {
  const queryClient = useQueryClient();
  const key = deliveryKeys.subscriptions(userId);
  const subscriptions = useQuery({ queryKey: key, queryFn: ({ signal }) => deliveryApi.subscriptions(userId, signal) });
  const topics = useQuery({ queryKey: deliveryKeys.topics, queryFn: ({ signal }) => deliveryApi.topics(signal), staleTime: 60_000 });
  const policy = useQuery({ queryKey: deliveryKeys.policy, queryFn: ({ signal }) => deliveryApi.policy(signal), staleTime: 60_000 });
  const [note, setNote] = useState<string | null>(null);

  const change = useMutation({
    mutationFn: (delta: SubscriptionsChange) => deliveryApi.changeSubscriptions(userId, delta),
    // The switch moves at once; a refusal puts it back.
    onMutate: async (delta) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<Subscriptions>(key);
      if (previous) queryClient.setQueryData(key, merge(previous, delta));
      setNote(null);
      return { previous };
    },
    onError: (_error, _delta, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
    onSuccess: (saved, delta) => {
      queryClient.setQueryData(key, saved);
      const on = Object.values({ ...delta.topics, ...delta.channels })[0];
      setNote(`Recorded on the timeline as user.${on ? "subscribed" : "unsubscribed"}.`);
      // The change is an event of the user: the timeline shows it.
      void queryClient.invalidateQueries({ queryKey: queryKeys.users.events(userId) });
    },
  });

  const data = subscriptions.data;
  const named = new Map((topics.data?.topics ?? []).map((t) => [t.key, t]));
  // Every topic the user has an answer for, in the application's order.
  const topicKeys = data ? [...(topics.data?.topics ?? []).map((t) => t.key).filter((k) => k in data.topics), ...Object.keys(data.topics).filter((k) => !named.has(k))] : [];

  return (
    <Card data-testid="user-subscriptions">
      <CardHeader title="Subscriptions" description="What this person gets. Switching one off stops those messages." />
      {subscriptions.isPending ? (
        <div className="flex items-center gap-2 px-5 py-6 text-sm text-slate-500">
          <Spinner /> Loading subscriptions…
        </div>
      ) : subscriptions.error || !data ? (
        <div className="px-5 py-4">
          <Alert>{subscriptions.error?.message ?? "Subscriptions could not be loaded"}</Alert>
        </div>
      ) : (
        <>
          <Heading>Topics</Heading>
          <ul aria-label="Topics">
            {topicKeys.map((topicKey) => {
              const topic: Topic | undefined = named.get(topicKey);
              const transactional = topicKey === TRANSACTIONAL_TOPIC_KEY;
              return (
                <Row
                  key={topicKey}
                  testId={`subscription-topic-${topicKey}`}
                  name={topic?.name ?? topicKey}
                  note={
                    transactional ? (
                      "Always sent: receipts and alerts"
                    ) : topic?.default === "unsubscribed" ? (
                      <Badge tone="success" className="mt-0.5 px-1.5 py-0 text-[11px]">Opt-in</Badge>
                    ) : undefined
                  }
                  checked={data.topics[topicKey] ?? false}
                  disabled={transactional || change.isPending}
                  onChange={(on) => change.mutate({ topics: { [topicKey]: on } })}
                />
              );
            })}
          </ul>
          <Heading>Channels</Heading>
          <ul aria-label="Channels" className="pb-2">
            {SUBSCRIPTION_CHANNELS.map((channel) => (
              <Row
                key={channel}
                testId={`subscription-channel-${channel}`}
                name={CHANNEL_META[channel].label}
                label={
                  <span className="flex items-center gap-2">
                    <ChannelTile channel={channel} />
                    {CHANNEL_META[channel].label}
                  </span>
                }
                checked={data.channels[channel]}
                disabled={change.isPending}
                onChange={(on) => change.mutate({ channels: { [channel]: on } })}
              />
            ))}
          </ul>
          {change.error ? (
            <div className="px-5 pb-3">
              <Alert>{change.error.message}</Alert>
            </div>
          ) : note ? (
            <p className="px-5 pb-3 text-xs text-emerald-700" role="status">
              {note}
            </p>
          ) : null}
          <LocalClock timezone={timezone} policy={policy.data} />
        </>
      )}
    </Card>
  );
}
