// Who a backtest's messages reach and what becomes of each: the people it meets (profile,
// time zone, subscriptions, push device), loaded in three queries a batch; the members
// of the segments its sends to a segment name, as they stand at backtest time (a live
// step reaches them when it runs, lib/server/campaigns/fan-out.ts); and each message's
// fate under the person's address, today's consent and today's delivery policy
// (lib/delivery/decide.ts), the way the live gate decides it.
import type { Slot } from "@/lib/delivery/caps";
import { consentOf, decide, type Choice } from "@/lib/delivery/decide";
import { DEFAULT_TOPIC, type DeliveryPolicy } from "@/lib/delivery/policy";
import type { Channel, SendOptions } from "@/lib/engine/nodes/fields";
import type { UserRecord } from "@/lib/engine/types";
import { choicesOf } from "../delivery/subscriptions";
import type { TopicRecord } from "../delivery/topics";
import type { Sql } from "../sql";
import { unreachableReason } from "./addresses";
import { usersWithDevices } from "./effects";
import { userRecord, type UserRow } from "./records";

export type Person = { user: UserRecord; zone: string | null; choices: Choice[]; hasDevice: boolean };

/** These users as a message would find them; one never seen gets a bare profile, as the fan-out gives it. */
export async function loadPeople(sql: Sql, appId: string, ids: string[]): Promise<Map<string, Person>> {
  const people = new Map<string, Person>();
  if (ids.length === 0) return people;
  const [profiles, chosen, devices] = await Promise.all([
    sql.query<UserRow & { timezone: string | null }>(`SELECT "userId", email, phone, name, attributes, timezone FROM "User" WHERE "appId" = $1 AND "userId" = ANY($2::text[])`, [appId, ids]),
    choicesOf(sql, appId, ids),
    usersWithDevices(sql, appId, ids),
  ]);
  const byId = new Map(profiles.map((p) => [p.userId, p]));
  for (const userId of ids) {
    const profile = byId.get(userId);
    const user = profile ? userRecord(profile) : { id: userId, email: null, phone: null, name: null, attributes: {} };
    people.set(userId, { user, zone: profile?.timezone ?? null, choices: chosen.get(userId) ?? [], hasDevice: devices.has(userId) });
  }
  return people;
}

/** Segment members by segment name, read once per name; null for a name no segment has (the live step then sends nothing). */
export class SegmentMembers {
  private readonly members = new Map<string, string[] | null>();
  readonly people = new Map<string, Person>();

  constructor(private readonly sql: Sql, private readonly appId: string) {}

  of(name: string): string[] | null {
    return this.members.get(name) ?? null;
  }

  /** Reads the segments not read yet, and their members' profiles. */
  async load(names: Iterable<string>) {
    const unread = [...new Set(names)].filter((name) => !this.members.has(name));
    if (unread.length === 0) return;
    const rows = await this.sql.query<{ name: string; userId: string | null }>(
      `SELECT s.name, m."userId" FROM "Segment" s LEFT JOIN "SegmentMember" m ON m."segmentId" = s.id
       WHERE s."appId" = $1 AND s.name = ANY($2::text[]) ORDER BY s.name, m."userId"`,
      [this.appId, unread],
    );
    for (const name of unread) this.members.set(name, null);
    for (const row of rows) {
      const list = this.members.get(row.name) ?? [];
      if (row.userId !== null) list.push(row.userId);
      this.members.set(row.name, list);
    }
    const fresh = [...new Set(rows.flatMap((r) => (r.userId !== null && !this.people.has(r.userId) ? [r.userId] : [])))];
    for (const [id, person] of await loadPeople(this.sql, this.appId, fresh)) this.people.set(id, person);
  }
}

export type Outgoing = { channel: Channel; options: SendOptions; at: Date };

/**
 * The fate of one message to `person` (with `user` as the walk left their profile): no
 * address for the channel is a skip before any rule, as live; then consent, quiet hours
 * and caps. Caps count the person's earlier backtest messages; a hold counts as sent.
 */
export function messageFates(policy: DeliveryPolicy, topics: Map<string, TopicRecord>) {
  const slots = new Map<string, Slot[]>();
  return (person: Person, user: UserRecord, m: Outgoing): "sent" | "skipped" => {
    if (unreachableReason(m.channel, user, person.hasDevice)) return "skipped";
    const topicKey = m.options.topic || DEFAULT_TOPIC;
    const taken = slots.get(user.id) ?? [];
    const verdict = decide(
      { channel: m.channel, topic: topicKey, at: m.at, ignoreQuietHours: m.options.ignoreQuietHours ?? false, ignoreCaps: m.options.ignoreCaps ?? false, timezone: person.zone },
      consentOf(person.choices, m.channel, topicKey, topics.get(topicKey)),
      policy,
      taken,
    );
    if (verdict.status === "skipped") return "skipped";
    // Only caps read the slots: without caps nothing is kept per person.
    if (policy.caps.length > 0) slots.set(user.id, taken).get(user.id)!.push({ channel: m.channel, at: verdict.sendAt.getTime() });
    return "sent";
  };
}
