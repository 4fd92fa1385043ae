"use client";

// The topics a send can name, for the pickers of the connector inspector and the
// campaign form. "" stands for the default topic (a send without one is marketing).
import { useQuery } from "@tanstack/react-query";
import { DEFAULT_TOPIC_KEY, deliveryApi, deliveryKeys, type Topic } from "./delivery";

export type TopicOption = { value: string; label: string; missing?: boolean };

/** The picker's options: the default first, then the others; a chosen key the app lacks stays, marked. */
export function topicOptions(topics: readonly Topic[], current: string): TopicOption[] {
  const marketing = topics.find((t) => t.key === DEFAULT_TOPIC_KEY);
  const options: TopicOption[] = [
    { value: "", label: `${marketing?.name ?? "Marketing"} (default)` },
    ...topics.filter((t) => t.key !== DEFAULT_TOPIC_KEY).map((t) => ({ value: t.key, label: t.default === "unsubscribed" ? `${t.name} · opt-in` : t.name })),
  ];
  if (current && current !== DEFAULT_TOPIC_KEY && !topics.some((t) => t.key === current)) {
    options.push({ value: current, label: `${current} (no such topic)`, missing: true });
  }
  return options;
}

export function useTopics() {
  return useQuery({ queryKey: deliveryKeys.topics, queryFn: ({ signal }) => deliveryApi.topics(signal), staleTime: 60_000 });
}
