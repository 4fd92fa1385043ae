// The rules an event can touch, found by its name. Matching asks which live connectors
// start on an event name, whether any version still cancels on it and whose goal ends
// walks on it; reading every
// connector of the app for that on each pass made matching cost grow with the account
// (issue 18). Each app's rules are kept per process, indexed by event name, and re-read
// only when the app's rulesVersion counter moved: publish, pause, resume, delete and a goal change bump
// it in their transaction (rulesChanged) and send a "cue_rules" notice, which drops the
// app here at once; the counter read on every call catches a notice that was missed.
import type { Rule } from "@/lib/engine/rule";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseGoal } from "../analytics/connector-goal";
import { listen, notify } from "../notify";
import { prismaSql, type Sql } from "../sql";
import { versionRule } from "./records";

export type LiveConnector = { id: string; versionId: string; rule: Rule };

export type AppRules = {
  /** Live connectors (status active, published, not deleted) whose event trigger is on this event name. */
  triggersOn(eventName: string): LiveConnector[];
  /** True when a version that may still have walkers (every version of every connector not deleted) cancels on this event name. */
  cancelsOn(eventName: string): boolean;
  /** Connectors (not deleted) whose goal, with exit, is this event name. */
  exitsOn(eventName: string): ReadonlySet<string>;
  /** Live connectors whose trigger is an inactivity trigger. */
  inactivity: LiveConnector[];
};

// rules: every version of every connector not deleted, by version id (null: unreadable).
// Published versions never change, so a re-read only fetches the rules of new versions.
type Entry = { version: number; rules: AppRules; versionRules: Map<string, Rule | null> };

// Process-wide, on globalThis like the database handle (db.ts): Next.js bundles route
// handlers and instrumentation separately, and they must share one cache and one
// listener; the cache must outlive a request, or every matching pass would re-read it.
type State = { apps: Map<string, Entry>; listening?: Promise<unknown> };
const holder = globalThis as unknown as { __cueRuleIndex?: State };
const state: State = (holder.__cueRuleIndex ??= { apps: new Map() });

const NONE: LiveConnector[] = Object.freeze([]) as unknown as LiveConnector[];

const NO_EXITS: ReadonlySet<string> = new Set();

function indexRules(live: LiveConnector[], versionRules: Map<string, Rule | null>, exits: Map<string, Set<string>>): AppRules {
  const byEvent = new Map<string, LiveConnector[]>();
  const inactivity: LiveConnector[] = [];
  for (const connector of live) {
    const { trigger } = connector.rule;
    if (trigger.kind === "inactivity") inactivity.push(connector);
    else byEvent.set(trigger.event, [...(byEvent.get(trigger.event) ?? []), connector]);
  }
  const cancels = new Set<string>();
  for (const rule of versionRules.values()) for (const name of rule?.cancelEvents ?? []) cancels.add(name);
  return {
    triggersOn: (eventName) => byEvent.get(eventName) ?? NONE,
    cancelsOn: (eventName) => cancels.has(eventName),
    exitsOn: (eventName) => exits.get(eventName) ?? NO_EXITS,
    inactivity,
  };
}

type VersionRow = { connectorId: string; appId: string; live: boolean; versionId: string; goal: unknown };

async function readApps(sql: Sql, apps: { id: string; version: number }[]): Promise<void> {
  const ids = apps.map((a) => a.id);
  const rows = await sql.query<VersionRow>(
    `SELECT c.id AS "connectorId", c."appId", v.id AS "versionId",
            (c.status = 'active' AND c.version = v.version) AS live, c.goal
     FROM "Connector" c JOIN "ConnectorVersion" v ON v."connectorId" = c.id
     WHERE c."appId" = ANY($1::text[]) AND c."deletedAt" IS NULL
     ORDER BY c.id`,
    [ids],
  );
  const known = new Map<string, Rule | null>();
  for (const id of ids) for (const [versionId, rule] of state.apps.get(id)?.versionRules ?? []) known.set(versionId, rule);
  const missing = rows.map((r) => r.versionId).filter((id) => !known.has(id));
  if (missing.length > 0) {
    const fetched = await sql.query<{ id: string; rule: unknown }>(`SELECT id, rule FROM "ConnectorVersion" WHERE id = ANY($1::text[])`, [missing]);
    // versionRule parses once per version and process, and logs an unreadable rule.
    for (const row of fetched) known.set(row.id, versionRule(row.id, row.rule));
  }
  for (const { id, version } of apps) {
    const versionRules = new Map<string, Rule | null>();
    const live: LiveConnector[] = [];
    const exits = new Map<string, Set<string>>();
    for (const row of rows) {
      if (row.appId !== id) continue;
      const goal = parseGoal(row.goal);
      if (goal?.exit) exits.set(goal.event, (exits.get(goal.event) ?? new Set()).add(row.connectorId));
      const rule = known.get(row.versionId) ?? null;
      versionRules.set(row.versionId, rule);
      if (row.live && rule) live.push({ id: row.connectorId, versionId: row.versionId, rule });
    }
    const current = state.apps.get(id);
    // A slower concurrent read of an older counter must not replace a newer entry.
    if (!current || current.version <= version) state.apps.set(id, { version, rules: indexRules(live, versionRules, exits), versionRules });
  }
}

function listenOnce(): void {
  state.listening ??= listen("cue_rules", (appId) => void state.apps.delete(appId)).catch((error) => {
    state.listening = undefined; // try again on the next call; the counter covers meanwhile
    console.warn("[cue] could not listen for rule changes; relying on the counter:", error instanceof Error ? error.message : error);
  });
}

/** The rules of these apps from the process cache; one small query per call reads the apps' change counters, and only apps whose counter moved are re-read. */
export async function appRules(sql: Sql, appIds: string[]): Promise<Map<string, AppRules>> {
  listenOnce();
  const ids = [...new Set(appIds)];
  if (ids.length === 0) return new Map();
  // The counter is read before the rules: a change committed in between makes the next
  // call re-read, never leaves new counter beside old rules.
  const counters = await sql.query<{ id: string; rulesVersion: number }>(`SELECT id, "rulesVersion" FROM "App" WHERE id = ANY($1::text[])`, [ids]);
  const stale = counters.filter((c) => state.apps.get(c.id)?.version !== c.rulesVersion).map((c) => ({ id: c.id, version: c.rulesVersion }));
  if (stale.length > 0) await readApps(sql, stale);
  const result = new Map<string, AppRules>();
  for (const { id } of counters) {
    const entry = state.apps.get(id);
    if (entry) result.set(id, entry.rules);
  }
  return result;
}

/** Inside the Prisma transaction that publishes, pauses, resumes or deletes a connector: bumps the app's counter, and tells other processes (notify(…, "cue_rules", appId) from lib/server/notify.ts; on PostgreSQL it is delivered on commit). */
export async function rulesChanged(tx: Prisma.TransactionClient, appId: string): Promise<void> {
  await tx.$executeRaw`UPDATE "App" SET "rulesVersion" = "rulesVersion" + 1 WHERE id = ${appId}`;
  await notify(prismaSql(tx), "cue_rules", appId);
}
