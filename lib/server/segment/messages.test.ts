import { describe, expect, it } from "vitest";
import { ApiError } from "../api/errors";
import { correctedTimestamp, parseSegmentBody, parseSegmentDate } from "./messages";

const now = new Date("2026-11-26T12:00:00.000Z");

function failure(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected an ApiError");
}

describe("parseSegmentDate", () => {
  it.each([
    ["2026-11-26T10:00:00Z", "2026-11-26T10:00:00.000Z"],
    ["2026-11-26T10:00:00.123Z", "2026-11-26T10:00:00.123Z"],
    ["2026-11-26T10:00:00.123456+00:00", "2026-11-26T10:00:00.123Z"],
    ["2026-11-26T11:00:00+0100", "2026-11-26T10:00:00.000Z"],
    ["2026-11-26T10:00:00", "2026-11-26T10:00:00.000Z"],
    ["2026-11-26", "2026-11-26T00:00:00.000Z"],
  ])("reads %s", (input, iso) => {
    expect(parseSegmentDate(input)?.toISOString()).toBe(iso);
  });

  it.each(["yesterday", "26/11/2026", "2026-13-45T99:00:00Z", ""])("refuses %j", (input) => {
    expect(parseSegmentDate(input)).toBeNull();
  });
});

describe("correctedTimestamp", () => {
  it("shifts by the device's clock error: receivedAt − (sentAt − timestamp)", () => {
    // The device's clock is two hours ahead; the event happened 10 s before sending.
    const t = correctedTimestamp("2026-11-26T13:59:50Z", "2026-11-26T14:00:00Z", now);
    expect(t.toISOString()).toBe("2026-11-26T11:59:50.000Z");
  });

  it("takes the timestamp as given without sentAt, and the time of receipt without either", () => {
    expect(correctedTimestamp("2026-01-01T00:00:00Z", undefined, now).toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(correctedTimestamp(undefined, "2026-11-26T14:00:00Z", now)).toEqual(now);
  });
});

describe("parseSegmentBody", () => {
  it("takes a single call's type from its path", () => {
    const [m] = parseSegmentBody("track", { type: "identify", userId: 42, event: "Signed Up", properties: { plan: "pro" } }, now);
    expect(m).toMatchObject({ type: "track", userId: "42", event: "Signed Up", properties: { plan: "pro" }, timestamp: now });
  });

  it("corrects every message of a batch with the batch's sentAt, unless a message has its own", () => {
    const messages = parseSegmentBody(
      "batch",
      {
        sentAt: "2026-11-26T12:30:00Z",
        batch: [
          { type: "track", anonymousId: "a1", event: "A", timestamp: "2026-11-26T12:29:00Z" },
          { type: "track", anonymousId: "a1", event: "B", timestamp: "2026-11-26T12:29:00Z", sentAt: "2026-11-26T12:29:30Z" },
        ],
      },
      now,
    );
    expect(messages.map((m) => m.timestamp.toISOString())).toEqual(["2026-11-26T11:59:00.000Z", "2026-11-26T11:59:30.000Z"]);
  });

  it("merges the batch's context under each message's", () => {
    const [m] = parseSegmentBody(
      "batch",
      { context: { library: { name: "x" }, ip: "1.2.3.4" }, batch: [{ type: "page", userId: "u", context: { ip: "5.6.7.8" } }] },
      now,
    );
    expect(m!.context).toEqual({ library: { name: "x" }, ip: "5.6.7.8" });
  });

  it("names every bad message of a batch and accepts none", () => {
    const error = failure(() =>
      parseSegmentBody(
        "batch",
        {
          batch: [
            { type: "track", userId: "u", event: "ok" },
            { type: "track", userId: "u" },
            { type: "page" },
            { type: "alias", userId: "u" },
            { type: "group", userId: "u" },
            { type: "launch", userId: "u" },
            { type: "track", userId: "x".repeat(201), event: "E" },
          ],
        },
        now,
      ),
    );
    expect(error.status).toBe(400);
    expect(error.details?.map((d) => d.path)).toEqual([
      "batch.1.event",
      "batch.2.userId",
      "batch.3.previousId",
      "batch.4.groupId",
      "batch.5.type",
      "batch.6.userId",
    ]);
  });

  it("refuses a message over 32 KB as too large, naming it", () => {
    const big = { type: "track", userId: "u", event: "Big", properties: { blob: "x".repeat(33 * 1024) } };
    const error = failure(() => parseSegmentBody("batch", { batch: [{ type: "track", userId: "u", event: "ok" }, big] }, now));
    expect(error.code).toBe("payload_too_large");
    expect(error.details?.[0]?.path).toBe("batch.1");
  });

  it("refuses a timestamp still more than 5 minutes ahead after correction", () => {
    const error = failure(() => parseSegmentBody("track", { userId: "u", event: "E", timestamp: "2026-11-26T12:10:00Z" }, now));
    expect(error.details).toEqual([expect.objectContaining({ path: "timestamp" })]);
  });

  it("refuses a batch that is not an array, and more than 2,500 messages", () => {
    expect(failure(() => parseSegmentBody("batch", { batch: {} }, now)).details?.[0]?.path).toBe("batch");
    const many = Array.from({ length: 2501 }, () => ({ type: "track", userId: "u", event: "E" }));
    expect(failure(() => parseSegmentBody("batch", { batch: many }, now)).status).toBe(400);
  });

  it("treats null and empty ids as absent", () => {
    const error = failure(() => parseSegmentBody("identify", { userId: null, anonymousId: "" }, now));
    expect(error.details?.map((d) => d.message)).toEqual(["Send userId, anonymousId or both"]);
  });
});
