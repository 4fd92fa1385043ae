// Who each message is about. A message names userId, anonymousId or both; an anonymous
// id stands for its own (anonymous) user until an identify — or any call carrying both
// ids — or an alias links it to a user, whose history it then joins. Pure: the caller
// passes the aliases it read and applies the links this returns.

export type IdentityLink = { from: string; to: string };
export type IdentityPlan = { links: IdentityLink[]; resolve: (id: string) => string };

type Identified = { type: string; userId?: string; anonymousId?: string; previousId?: string };

/** `known`: anonymousId → userId as stored (always pointing at a live user). */
export function planIdentities(messages: Identified[], known: ReadonlyMap<string, string>): IdentityPlan {
  const aliasOf = new Map(known);
  const targets = new Set(known.values());
  const resolve = (id: string) => aliasOf.get(id) ?? id;
  const links: IdentityLink[] = [];

  const link = (from: string, to: string) => {
    links.push({ from, to });
    for (const [key, value] of aliasOf) if (value === from) aliasOf.set(key, to);
    aliasOf.set(from, to);
    targets.delete(from);
    targets.add(to);
  };

  for (const m of messages) {
    if (m.type === "alias") {
      // An explicit alias merges whatever both ids stand for.
      const from = resolve(m.previousId!);
      const to = resolve(m.userId!);
      if (from !== to) link(from, to);
    } else if (m.userId && m.anonymousId) {
      // Implicit links only claim a fresh anonymous id: the first user it meets keeps it,
      // so a shared device never merges two known people.
      const fresh = !aliasOf.has(m.anonymousId) && !targets.has(m.anonymousId);
      const to = resolve(m.userId);
      if (fresh && m.anonymousId !== to) link(m.anonymousId, to);
    }
  }
  return { links, resolve };
}

/** Every id a batch mentions, for reading the aliases that apply to it. */
export function mentionedIds(messages: Identified[]): string[] {
  const ids = new Set<string>();
  for (const m of messages) for (const id of [m.userId, m.anonymousId, m.previousId]) if (id) ids.add(id);
  return [...ids];
}
