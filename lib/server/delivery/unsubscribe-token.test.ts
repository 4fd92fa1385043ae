import { createHmac } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { derivedKey } from "../channels/keys";
import { trackingToken } from "../channels/tracking";
import { readUnsubscribeToken, unsubscribeToken, unsubscribeUrl, type UnsubscribeClaim } from "./unsubscribe-token";

const claim: UnsubscribeClaim = { appId: "app_1", userId: "user-42@example.com", topic: "marketing", messageId: "msg_abc" };

// A payload signed with the real key, to show that a valid signature alone is not enough.
const signedPayload = (value: unknown) => {
  const payload = Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${payload}.${createHmac("sha256", derivedKey("unsubscribe")).update(payload).digest("base64url")}`;
};

beforeAll(() => {
  process.env.CUE_SECRET_KEY ??= "unit-test-secret";
});

describe("unsubscribe tokens", () => {
  it("read back the app, user, topic and message they were made for", () => {
    expect(readUnsubscribeToken(unsubscribeToken(claim))).toEqual(claim);
  });

  it("are opaque and URL-safe", () => {
    const token = unsubscribeToken(claim);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(token).not.toContain("user-42");
    expect(unsubscribeUrl("https://cue.example.com", claim)).toBe(`https://cue.example.com/u/${token}`);
  });

  it("refuse a payload altered to name another user, keeping the signature", () => {
    const [, signature] = unsubscribeToken(claim).split(".");
    const other = Buffer.from(JSON.stringify({ a: claim.appId, u: "someone-else", t: claim.topic, m: claim.messageId })).toString("base64url");
    expect(readUnsubscribeToken(`${other}.${signature}`)).toBeNull();
  });

  it("refuse an altered or missing signature", () => {
    const token = unsubscribeToken(claim);
    const last = token.at(-1) === "A" ? "B" : "A";
    expect(readUnsubscribeToken(token.slice(0, -1) + last)).toBeNull();
    expect(readUnsubscribeToken(token.split(".")[0]!)).toBeNull();
    expect(readUnsubscribeToken(`${token.split(".")[0]}.`)).toBeNull();
  });

  it("refuse tokens signed for another purpose (a tracking link)", () => {
    expect(readUnsubscribeToken(trackingToken("msg_abc"))).toBeNull();
  });

  it("refuse garbage and oversized input", () => {
    for (const bad of ["", ".", "a.b.c", "not a token", `${"x".repeat(3000)}.sig`]) expect(readUnsubscribeToken(bad)).toBeNull();
  });

  it("refuse a correctly signed payload that is not a whole claim", () => {
    expect(readUnsubscribeToken(signedPayload({ a: "app_1", u: "u" }))).toBeNull();
    expect(readUnsubscribeToken(signedPayload({ ...{ a: "app_1", u: "u", t: "marketing", m: "m" }, extra: 1 }))).toBeNull();
    expect(readUnsubscribeToken(signedPayload("just a string"))).toBeNull();
    const notJson = Buffer.from("{oops").toString("base64url");
    expect(readUnsubscribeToken(`${notJson}.${createHmac("sha256", derivedKey("unsubscribe")).update(notJson).digest("base64url")}`)).toBeNull();
  });
});
