// What the benchmarks send: the seed connectors (lib/engine/seed-graphs.ts) published
// over the API, and events of the seed's kinds (the demo data's names and payloads) for
// a pool of users, built up front as request bodies.
import { seedGraphs } from "../lib/engine/seed-graphs";
import { auth, type CueServer } from "../tests/support/cue-server";

export async function api(server: CueServer, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: auth(server, "master"), "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : null;
}

/** The server's process has exited: nothing it would answer is worth waiting for. */
export function serverGone(server: CueServer): boolean {
  return server.process.exitCode !== null || server.process.signalCode !== null;
}

/** Creates and publishes a connector; returns its id and the id of its current version. */
export async function publishConnector(server: CueServer, name: string, graph: unknown): Promise<string> {
  const created = await api(server, "POST", "/api/v1/connectors", { name, graph });
  await api(server, "POST", `/api/v1/connectors/${created.id}/publish`);
  return created.id as string;
}

/** `count` active connectors, cycling through the seed's kinds (every kind at least once when count ≥ 11). */
export async function publishSeedConnectors(server: CueServer, count: number): Promise<void> {
  const kinds = Object.entries(seedGraphs);
  for (let i = 0; i < count; i++) {
    const [key, graph] = kinds[i % kinds.length]!;
    await publishConnector(server, `bench ${key} ${i + 1}`, graph);
  }
}

function prng(seed: number) {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

const PRODUCTS = ["sneakers", "backpack", "headphones", "watch", "jacket", "sunglasses"];
// Roughly the demo data's mix: browsing dominates, purchases are rare.
const MIX: [string, number][] = [
  ["app.open", 22], ["VIEWPRODUCT", 30], ["ADDTOCART", 12], ["app.close", 14],
  ["PURCHASE", 6], ["SHIPPING", 6], ["SIGNUP", 5], ["ONBOARDING_COMPLETE", 5],
];
const TOTAL = MIX.reduce((s, [, w]) => s + w, 0);

export type BenchEvent = { userId: string; event: string; data: Record<string, unknown> };

export function eventMaker(users: number, seed = 7) {
  const rand = prng(seed);
  const pick = <T,>(list: T[]) => list[Math.floor(rand() * list.length)]!;
  let order = 0;
  return (): BenchEvent => {
    const userId = `bench_user_${Math.floor(rand() * users)}`;
    let roll = rand() * TOTAL;
    const name = MIX.find(([, w]) => (roll -= w) < 0)?.[0] ?? "app.open";
    const product = pick(PRODUCTS);
    const data: Record<string, unknown> =
      name === "VIEWPRODUCT" ? { product }
      : name === "ADDTOCART" ? { product, qty: "1", amount: "49.95", currency: "EUR" }
      : name === "PURCHASE" ? { order_nr: `B${++order}`, amount: rand() < 0.3 ? 129 : 49.95, currency: "EUR" }
      : name === "SHIPPING" ? { order_nr: `B${order}`, status: "shipped" }
      : name === "SIGNUP" ? { name: "Ada" }
      : {};
    return { userId, event: name, data };
  };
}

/** `count` request bodies of `perRequest` events each (a bare event when perRequest is 1). */
export function requestBodies(count: number, perRequest: number, users: number, seed?: number): string[] {
  const next = eventMaker(users, seed);
  return Array.from({ length: count }, () =>
    JSON.stringify(perRequest === 1 ? next() : { events: Array.from({ length: perRequest }, next) }),
  );
}
