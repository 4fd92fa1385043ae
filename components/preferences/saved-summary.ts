import type { Preferences } from "@/lib/server/delivery/unsubscribe";

const list = (names: string[]) => (names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : (names[0] ?? ""));

/** What the saved choices mean, in one sentence: the page's confirmation. */
export function savedSummary(p: Pick<Preferences, "appName" | "email" | "topics">): string {
  if (!p.email) return `You won't get any more emails from ${p.appName}.`;
  const off = p.topics.filter((t) => !t.locked && !t.subscribed).map((t) => t.name);
  if (off.length === 0) return `You're subscribed to every topic from ${p.appName}.`;
  return `You're unsubscribed from ${list(off)}.`;
}
