// A living dashboard for newcomers: a few hundred users and a few thousand events over
// the last 30 days, shaped like the seed's story (open → onboard → sign up → browse →
// cart → purchase). Deterministic ids make a second load a no-op.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { sqlDb } from "./db";
import { ingestEvents } from "./ingest/ingest";
import type { ValidEvent } from "./ingest/event-input";
import { settleHistoricEvents } from "./analytics/settle-history";

const FIRST = ["Ana", "Bruno", "Carla", "Diogo", "Eva", "Filipe", "Greta", "Hugo", "Inês", "João", "Kim", "Lara", "Miguel", "Nina", "Omar", "Paula", "Rui", "Sofia", "Tiago", "Vera"];
const LAST = ["Silva", "Santos", "Costa", "Martins", "Jansen", "de Vries", "Müller", "Rossi", "Dubois", "Novak"];
const PRODUCTS = ["sneakers", "backpack", "headphones", "rain-jacket", "water-bottle", "sunglasses"];
const PRICES: Record<string, string> = { sneakers: "89.90", backpack: "59.00", headphones: "129.00", "rain-jacket": "119.50", "water-bottle": "19.90", sunglasses: "45.00" };
const CITIES = ["Lisbon", "Porto", "Amsterdam", "Berlin", "Paris"];

// mulberry32: tiny seeded PRNG so every fresh install gets the same demo.
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function demoDataset(now: Date, userCount = 300) {
  const rand = prng(42);
  const pick = <T,>(list: T[]) => list[Math.floor(rand() * list.length)]!;
  const users = [];
  const events: ValidEvent[] = [];
  let n = 0;
  const add = (userId: string, name: string, at: number, data: Record<string, unknown> = {}) => {
    if (at > now.getTime()) return;
    events.push({ eventId: `demo-${n++}`, userId, name, data, timestamp: new Date(at) });
  };
  for (let i = 0; i < userCount; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const userId = `demo_user_${String(i + 1).padStart(3, "0")}`;
    users.push({
      userId,
      name: `${first} ${last}`,
      email: `${first.toLowerCase().normalize("NFD").replace(/[^a-z]/g, "")}.${i + 1}@example.com`,
      phone: rand() < 0.6 ? `+3161${String(1000000 + i * 7919).slice(-7)}` : null,
      attributes: { city: pick(CITIES), plan: rand() < 0.25 ? "pro" : "free" },
    });
    let t = now.getTime() - rand() * 30 * 86_400_000;
    const hour = 3_600_000;
    add(userId, "app.open", t);
    add(userId, "ONBOARDING_COMPLETE", (t += rand() * 0.2 * hour));
    if (rand() < 0.7) add(userId, "SIGNUP", (t += rand() * 30 * hour), { name: first });
    const sessions = 1 + Math.floor(rand() * 8);
    for (let s = 0; s < sessions; s++) {
      t += rand() * 72 * hour;
      add(userId, "app.open", t);
      const views = Math.floor(rand() * 4);
      for (let v = 0; v < views; v++) add(userId, "VIEWPRODUCT", (t += rand() * 0.1 * hour), { product: pick(PRODUCTS) });
      if (rand() < 0.35) {
        const product = pick(PRODUCTS);
        const qty = 1 + Math.floor(rand() * 3);
        const amount = (Number(PRICES[product]) * qty).toFixed(2);
        add(userId, "ADDTOCART", (t += rand() * 0.2 * hour), { product, qty: String(qty), amount, currency: "EUR" });
        if (rand() < 0.55) {
          const orderNr = `A${1000 + n}`;
          add(userId, "PURCHASE", (t += rand() * 2 * hour), { order_nr: orderNr, amount, currency: "EUR" });
          add(userId, "SHIPPING", (t += 20 * hour), { order_nr: orderNr, status: "shipped" });
        }
      }
      add(userId, "app.close", (t += rand() * 0.3 * hour));
    }
  }
  return { users, events };
}

export async function loadDemoData(prisma: PrismaClient, appId: string, now: Date): Promise<number> {
  const { users, events } = demoDataset(now);
  // Profiles carry the span of their own history, not the time of the load.
  const span = new Map<string, { first: Date; last: Date }>();
  for (const e of events) {
    const s = span.get(e.userId);
    if (!s) span.set(e.userId, { first: e.timestamp, last: e.timestamp });
    else if (e.timestamp > s.last) s.last = e.timestamp;
  }
  await prisma.user.createMany({
    data: users.map((u) => ({ ...u, appId, createdAt: span.get(u.userId)?.first, updatedAt: span.get(u.userId)?.first, lastSeenAt: span.get(u.userId)?.last })),
    skipDuplicates: true,
  });
  // Stored in time order, as a real app would have sent them: "latest received" is latest.
  const ordered = [...events].sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
  let accepted = 0;
  for (let i = 0; i < ordered.length; i += 500) {
    accepted += (await ingestEvents(await sqlDb(), appId, ordered.slice(i, i + 500), { match: false })).accepted;
  }
  // Demo history is in the past: nothing in it should enter connectors (but the charts count it).
  await settleHistoricEvents(prisma, appId, "demo-", now);
  return accepted;
}
