// A living dashboard for newcomers: a few hundred users and a few thousand events over
// the last 30 days, shaped like the seed's story (open → onboard → sign up → browse →
// cart → purchase). Deterministic ids make a second load a no-op.
import type { ValidEvent } from "../ingest/event-input";

const FIRST = ["Ana", "Bruno", "Carla", "Diogo", "Eva", "Filipe", "Greta", "Hugo", "Inês", "João", "Kim", "Lara", "Miguel", "Nina", "Omar", "Paula", "Rui", "Sofia", "Tiago", "Vera"];
const LAST = ["Silva", "Santos", "Costa", "Martins", "Jansen", "de Vries", "Müller", "Rossi", "Dubois", "Novak"];
const PRODUCTS = ["sneakers", "backpack", "headphones", "rain-jacket", "water-bottle", "sunglasses"];
const PRICES: Record<string, string> = { sneakers: "89.90", backpack: "59.00", headphones: "129.00", "rain-jacket": "119.50", "water-bottle": "19.90", sunglasses: "45.00" };
const CITIES = ["Lisbon", "Porto", "Amsterdam", "Berlin", "Paris"];

// mulberry32: tiny seeded PRNG so every fresh install gets the same demo.
export function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DEMO_USER_PREFIX = "demo_user_";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type VisitStep = { name: string; at: number; data: Record<string, unknown> };

/** One visit to the shop from `start`: open, a few product views, maybe a cart and an order (shipped the next day), close. */
export function shopVisit(rand: () => number, start: number, orderNr: string): VisitStep[] {
  const pick = <T,>(list: T[]) => list[Math.floor(rand() * list.length)]!;
  let t = start;
  const steps: VisitStep[] = [{ name: "app.open", at: t, data: {} }];
  const views = Math.floor(rand() * 4);
  for (let v = 0; v < views; v++) steps.push({ name: "VIEWPRODUCT", at: (t += rand() * 0.1 * HOUR), data: { product: pick(PRODUCTS) } });
  if (rand() < 0.35) {
    const product = pick(PRODUCTS);
    const qty = 1 + Math.floor(rand() * 3);
    const amount = (Number(PRICES[product]) * qty).toFixed(2);
    steps.push({ name: "ADDTOCART", at: (t += rand() * 0.2 * HOUR), data: { product, qty: String(qty), amount, currency: "EUR" } });
    if (rand() < 0.55) {
      steps.push({ name: "PURCHASE", at: (t += rand() * 2 * HOUR), data: { order_nr: orderNr, amount, currency: "EUR" } });
      steps.push({ name: "SHIPPING", at: (t += 20 * HOUR), data: { order_nr: orderNr, status: "shipped" } });
    }
  }
  steps.push({ name: "app.close", at: (t += rand() * 0.3 * HOUR), data: {} });
  return steps;
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
    const userId = `${DEMO_USER_PREFIX}${String(i + 1).padStart(3, "0")}`;
    users.push({
      userId,
      name: `${first} ${last}`,
      email: `${first.toLowerCase().normalize("NFD").replace(/[^a-z]/g, "")}.${i + 1}@example.com`,
      phone: rand() < 0.6 ? `+3161${String(1000000 + i * 7919).slice(-7)}` : null,
      attributes: { city: pick(CITIES), plan: rand() < 0.25 ? "pro" : "free" },
    });
    let t = now.getTime() - rand() * 30 * DAY;
    add(userId, "app.open", t);
    add(userId, "ONBOARDING_COMPLETE", (t += rand() * 0.2 * HOUR));
    if (rand() < 0.7) add(userId, "SIGNUP", (t += rand() * 30 * HOUR), { name: first });
    const sessions = 1 + Math.floor(rand() * 8);
    for (let s = 0; s < sessions; s++) {
      t += rand() * 72 * HOUR;
      for (const step of shopVisit(rand, t, `A${1000 + n}`)) add(userId, step.name, (t = step.at), step.data);
    }
  }
  events.push(...backInStock(events, now));
  return { users, events, devices: demoDevices(users.map((u) => u.userId)) };
}

// About half the shoppers installed the app and allowed push: a phone each. A PRNG of its
// own, like the back-in-stock story, so the rest of the history stays as it was.
function demoDevices(userIds: string[]): { userId: string; platform: "ios" | "android"; token: string }[] {
  const rand = prng(11);
  return userIds.flatMap((userId) => {
    if (rand() >= 0.55) return [];
    const platform = rand() < 0.6 ? "ios" : "android";
    return [{ userId, platform, token: `demo-${platform}-${userId}` }];
  });
}

export const RESTOCKED_PRODUCT = "rain-jacket";
/** The catalog service's own id: server-side events about products need a user too. */
export const CATALOG_USER = "catalog";

// The rain jacket sold out for three weeks: shoppers who came by asked to be told, then it
// came back six days ago. Drawn from a PRNG of its own, so the rest of the history (and
// the charts built from it) stays what it was before this story was added.
function backInStock(events: ValidEvent[], now: Date): ValidEvent[] {
  const rand = prng(7);
  const from = now.getTime() - 28 * DAY;
  const to = now.getTime() - 8 * DAY;
  const restockedAt = Math.floor((now.getTime() - 6 * DAY) / DAY) * DAY + 9.5 * HOUR;
  const opens = events.filter((e) => e.name === "app.open" && e.timestamp.getTime() >= from && e.timestamp.getTime() < to);
  const asked = new Set<string>();
  const extra: ValidEvent[] = [];
  for (const open of opens) {
    if (rand() >= 0.12 || asked.has(open.userId)) continue;
    asked.add(open.userId);
    const at = new Date(open.timestamp.getTime() + 60_000 + rand() * 600_000);
    extra.push({ eventId: `demo-notify-${asked.size}`, userId: open.userId, name: "NOTIFY_ME", data: { product: RESTOCKED_PRODUCT }, timestamp: at });
  }
  extra.push({ eventId: "demo-restocked", userId: CATALOG_USER, name: "PRODUCT_RESTOCKED", data: { product: RESTOCKED_PRODUCT }, timestamp: new Date(restockedAt) });
  return extra;
}
