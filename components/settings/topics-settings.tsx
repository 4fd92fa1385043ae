"use client";

// Settings → Topics: what people can subscribe to, and the form that adds one. Every
// send names a topic (Marketing unless it chooses another), so a person who leaves one
// stops getting its messages and nothing else.
import { useQuery } from "@tanstack/react-query";
import { deliveryApi, deliveryKeys, DEFAULT_TOPIC_KEY, TRANSACTIONAL_TOPIC_KEY, type Topic, type TopicList } from "@/lib/client/delivery";
import { Badge } from "../ui/badge";
import { Card, CardHeader } from "../ui/card";
import { NewTopicForm } from "./new-topic-form";

function Audience({ topic }: { topic: Topic }) {
  if (topic.key === TRANSACTIONAL_TOPIC_KEY) {
    return (
      <>
        <Badge tone="neutral">Always sent</Badge>
        <p className="mt-1 text-xs text-slate-500">Receipts and alerts. Nobody can unsubscribe.</p>
      </>
    );
  }
  return topic.default === "subscribed" ? (
    <>
      <Badge tone="brand">Opt-out</Badge>
      <p className="mt-1 text-xs text-slate-500">Everyone, until they unsubscribe.</p>
    </>
  ) : (
    <>
      <Badge tone="success">Opt-in</Badge>
      <p className="mt-1 text-xs text-slate-500">Only people who subscribe.</p>
    </>
  );
}

function TopicRow({ topic }: { topic: Topic }) {
  return (
    <li className="grid grid-cols-1 gap-2 px-5 py-3.5 sm:grid-cols-[minmax(0,1fr)_12rem] sm:items-center sm:gap-6" data-testid="topic-row" data-topic={topic.key}>
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-sm font-medium text-slate-900">{topic.name}</span>
          {topic.builtIn ? <Badge tone="neutral" className="bg-white">Built-in</Badge> : null}
          {topic.key === DEFAULT_TOPIC_KEY ? <span className="text-xs text-slate-500">Default for sends</span> : null}
        </div>
        <code className="mt-0.5 block truncate font-mono text-[13px] text-slate-500">{topic.key}</code>
      </div>
      <div>
        <Audience topic={topic} />
      </div>
    </li>
  );
}

export function TopicsSettings({ initial }: { initial: TopicList }) {
  const { data } = useQuery({
    queryKey: deliveryKeys.topics,
    queryFn: ({ signal }) => deliveryApi.topics(signal),
    initialData: initial,
    staleTime: 60_000,
  });
  const own = data.topics.filter((t) => !t.builtIn).length;

  return (
    <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <Card>
        <CardHeader
          title="Topics"
          description={`${data.topics.length} topics · ${own === 0 ? "none of your own yet" : `${own} of your own`}. People choose per topic; a send names one.`}
        />
        <div className="hidden grid-cols-[minmax(0,1fr)_12rem] gap-6 border-b border-slate-100 bg-slate-50/60 px-5 py-2 text-xs font-medium tracking-wide text-slate-500 uppercase sm:grid">
          <span>Topic</span>
          <span>Who receives it</span>
        </div>
        <ul className="divide-y divide-slate-100" aria-label="Topics">
          {data.topics.map((topic) => (
            <TopicRow key={topic.key} topic={topic} />
          ))}
        </ul>
        <p className="border-t border-slate-100 px-5 py-3.5 text-xs leading-5 text-slate-500">
          People change their topics from the link in every email, by SMS (STOP), or through the API; you can change them on a user&apos;s profile.
        </p>
      </Card>
      <div className="lg:sticky lg:top-8">
        <NewTopicForm />
      </div>
    </div>
  );
}
