import type { AppRecord, EventRecord, UserRecord } from "./types";

// Small builders shared by the engine's tests.

export const T0 = new Date("2026-11-26T10:00:00.000Z");
export const HOUR = 3_600_000;

export function at(hours: number): Date {
  return new Date(T0.getTime() + hours * HOUR);
}

export function makeEvent(id: string, event: string, data: Record<string, unknown> = {}, hours = 0): EventRecord {
  return { id, event, userId: "u1", data, timestamp: at(hours) };
}

export const user: UserRecord = {
  id: "u1",
  email: "ann@example.com",
  phone: null,
  name: "Ann",
  attributes: { plan: "pro", city: "Lisbon" },
};

export const app: AppRecord = { id: "app1", name: "Shop" };
