import { describe, expect, it } from "vitest";
import { backoffDelay, parseRetryAfter } from "./backoff";
import { UUID_PATTERN, uuid } from "./ids";
import { OpQueue } from "./queue";
import { fakeStore } from "./test-kit";
import type { Op } from "./types";

const event = (id: string): Op => ({ kind: "event", id, userId: "u", event: "E", data: {} });

describe("OpQueue", () => {
  it("keeps operations in order across instances sharing a store", () => {
    const store = fakeStore();
    const a = new OpQueue(store, "q");
    a.push(event("1"));
    a.push(event("2"));
    const b = new OpQueue(store, "q");
    expect(b.all().map((op) => op.id)).toEqual(["1", "2"]);
    b.remove(["1"]);
    expect(a.size()).toBe(2); // a's cached view, until told
    a.invalidate();
    expect(a.all().map((op) => op.id)).toEqual(["2"]);
  });

  it("changes start from what another tab stored meanwhile", () => {
    const store = fakeStore();
    const tabA = new OpQueue(store, "q");
    const tabB = new OpQueue(store, "q");
    tabA.push(event("a1"));
    tabB.push(event("b1"));
    tabA.push(event("a2"));
    expect(new OpQueue(store, "q").all().map((op) => op.id)).toEqual(["a1", "b1", "a2"]);
  });

  it("ignores a corrupt stored value and anything that is not an operation", () => {
    expect(new OpQueue(fakeStore({ q: "{not json" }), "q").all()).toEqual([]);
    const mixed = JSON.stringify([event("1"), { kind: "nope", id: "2", userId: "u" }, null, 5]);
    expect(new OpQueue(fakeStore({ q: mixed }), "q").all().map((op) => op.id)).toEqual(["1"]);
  });

  it("drops the oldest events past the cap and says how many", () => {
    const queue = new OpQueue(fakeStore(), "q", 3);
    queue.push({ kind: "user", id: "u1", userId: "u", traits: {} });
    expect(queue.push(event("1"))).toBe(0);
    expect(queue.push(event("2"))).toBe(0);
    expect(queue.push(event("3"))).toBe(1);
    expect(queue.all().map((op) => op.id)).toEqual(["u1", "2", "3"]);
  });

  it("holds operations in memory while the store refuses writes, and persists them once it accepts", () => {
    const store = fakeStore();
    const queue = new OpQueue(store, "q");
    store.refuseWrites(true);
    queue.push(event("1"));
    queue.push(event("2"));
    expect(queue.size()).toBe(2);
    store.refuseWrites(false);
    queue.push(event("3"));
    expect(JSON.parse(store.values.get("q")!).map((op: Op) => op.id)).toEqual(["1", "2", "3"]);
  });
});

describe("backoff", () => {
  it("doubles from 1 s up to 30 s, jittered between half and all of the step", () => {
    expect([1, 2, 3, 4, 5, 6, 10].map((n) => backoffDelay(n, () => 1))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    expect([1, 2, 6].map((n) => backoffDelay(n, () => 0))).toEqual([500, 1_000, 15_000]);
  });

  it("reads Retry-After in seconds or as a date", () => {
    const now = Date.parse("2026-11-26T10:00:00Z");
    expect(parseRetryAfter("5", now)).toBe(5_000);
    expect(parseRetryAfter("Thu, 26 Nov 2026 10:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});

describe("uuid", () => {
  it("makes version-4 UUIDs, with or without crypto.randomUUID", () => {
    expect(uuid()).toMatch(UUID_PATTERN);
    const noRandomUuid = { getRandomValues: <T extends ArrayBufferView | null>(a: T) => crypto.getRandomValues(a as unknown as Uint8Array) as unknown as T };
    expect(uuid(noRandomUuid)).toMatch(UUID_PATTERN);
    const insecure = { randomUUID: () => { throw new Error("insecure context"); } };
    const ids = new Set(Array.from({ length: 100 }, () => uuid(insecure)));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(UUID_PATTERN);
  });
});
