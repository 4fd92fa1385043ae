// Demo data on a fresh embedded database: the shoppers' profiles and phones, then their month of
// history played by the engine through the demo's journeys (replay.ts).
import { demoDataset } from "./dataset";
import { replayDemoHistory } from "./replay";
import type { Database } from "../db";
import { newId } from "../ids";

const HOUR = 3_600_000;

export async function loadDemoData({ prisma, sql }: Pick<Database, "prisma" | "sql">, appId: string, now: Date): Promise<number> {
  const { users, events, devices } = demoDataset(now);
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
  await prisma.device.createMany({
    data: devices.map((d) => ({ id: newId("dev"), appId, ...d, createdAt: span.get(d.userId)?.first, updatedAt: span.get(d.userId)?.first })),
    skipDuplicates: true,
  });
  // Stored in time order, as a real app would have sent them: "latest received" is latest.
  const ordered = [...events].sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
  // The journeys go live on the hour before the first event.
  const start = new Date(Math.floor(ordered[0]!.timestamp.getTime() / HOUR) * HOUR - HOUR);
  return replayDemoHistory({ prisma, sql }, appId, users.map((u) => u.userId), ordered, start, now);
}
