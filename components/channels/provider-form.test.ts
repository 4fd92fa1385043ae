import { describe, expect, it } from "vitest";
import { SECRET_MASK } from "@/lib/client/channels";
import { buildConfig, draftFor, draftSignature, errorsFromDetails, newHeaderRow, settingSummary } from "./provider-form";

describe("provider form ↔ channel config", () => {
  it("fills the form from a stored config, keeping secrets out of the inputs", () => {
    const draft = draftFor("smtp", { host: "smtp.example.com", port: 587, secure: true, user: "shop", pass: SECRET_MASK, from: "Shop <a@b.co>" });
    expect(draft.values).toMatchObject({ host: "smtp.example.com", port: "587", user: "shop", pass: "", from: "Shop <a@b.co>" });
    expect(draft.checks.secure).toBe(true);
    expect(draft.storedSecrets).toEqual(["pass"]);
  });

  it("sends an untouched stored secret back as the mask, so the server keeps it", () => {
    const draft = draftFor("smtp", { host: "h", port: 25, pass: SECRET_MASK, from: "a@b.co" });
    expect(buildConfig("smtp", draft).config).toEqual({ host: "h", port: 25, secure: false, pass: SECRET_MASK, from: "a@b.co" });
  });

  it("sends a typed secret as typed, and a cleared optional secret as empty", () => {
    const draft = draftFor("smtp", { host: "h", port: 25, pass: SECRET_MASK, from: "a@b.co" });
    expect(buildConfig("smtp", { ...draft, values: { ...draft.values, pass: "new-pass" } }).config.pass).toBe("new-pass");
    expect(buildConfig("smtp", { ...draft, clearedSecrets: ["pass"] }).config.pass).toBe("");
  });

  it("converts numbers and leaves empty optional fields out", () => {
    const draft = draftFor("twilio", null);
    draft.values = { ...draft.values, accountSid: " AC1 ", authToken: "tok", from: "+1555", ratePerSecond: "5" };
    expect(buildConfig("twilio", draft).config).toEqual({ accountSid: "AC1", authToken: "tok", from: "+1555", ratePerSecond: 5 });
  });

  it("passes text that is not a number through, so the API reports it on the field", () => {
    const draft = draftFor("smtp", null);
    draft.values.port = "abc";
    expect(buildConfig("smtp", draft).config.port).toBe("abc");
  });

  it("round-trips masked webhook headers untouched", () => {
    const draft = draftFor("http", { url: "https://hooks.example.com", headers: { authorization: SECRET_MASK, "x-team": SECRET_MASK } });
    expect(draft.headers.map((h) => h.name)).toEqual(["authorization", "x-team"]);
    expect(buildConfig("http", draft)).toEqual({
      config: { url: "https://hooks.example.com", headers: { authorization: SECRET_MASK, "x-team": SECRET_MASK } },
      errors: {},
    });
  });

  it("asks for every header value again once the headers change, since they are saved as one secret", () => {
    const draft = draftFor("http", { url: "https://h.example", headers: { authorization: SECRET_MASK } });
    const added = { ...draft, headers: [...draft.headers, newHeaderRow("x-new", "1")] };
    expect(buildConfig("http", added).errors.headers).toMatch(/Re-enter the value of “authorization”/);
    const complete = { ...added, headers: added.headers.map((h) => (h.stored ? { ...h, value: "Bearer t" } : h)) };
    expect(buildConfig("http", complete)).toEqual({ config: { url: "https://h.example", headers: { authorization: "Bearer t", "x-new": "1" } }, errors: {} });
  });

  it("keeps the Web Push key pair: the stored public key goes back with the masked private key left out", () => {
    const stored = { subject: "mailto:a@b.co", vapidPublicKey: "BPub", vapidPrivateKey: SECRET_MASK };
    const draft = draftFor("webpush", stored);
    draft.values.subject = "mailto:ops@b.co";
    expect(buildConfig("webpush", draft, stored).config).toEqual({ vapidPublicKey: "BPub", subject: "mailto:ops@b.co" });
    expect(buildConfig("webpush", draftFor("webpush", null), null).config).toEqual({});
  });

  it("sees a form changed back to what is stored as unchanged", () => {
    const draft = draftFor("http", { url: "https://h.example", headers: { a: SECRET_MASK } });
    const edited = { ...draft, values: { ...draft.values, url: "https://other.example" } };
    expect(draftSignature(edited)).not.toBe(draftSignature(draft));
    const back = { ...edited, values: { ...edited.values, url: "https://h.example" }, headers: draft.headers.map((h) => ({ ...h, id: h.id + 100 })) };
    expect(draftSignature(back)).toBe(draftSignature(draft));
  });
});

describe("API errors on the form", () => {
  it("puts config.* details on their fields in plain words and keeps the rest general", () => {
    const { fields, general } = errorsFromDetails([
      { path: "config.port", message: "Invalid input: expected number, received string" },
      { path: "config.host", message: "Invalid input: expected string, received undefined" },
      { path: "config.headers.X-Token", message: "Too big" },
      { path: "provider", message: "Use one of log, smtp" },
      { path: "(body)", message: "Body must be JSON" },
    ]);
    expect(fields).toEqual({ port: "Enter a number", host: "Required", headers: "Too big", provider: "Use one of log, smtp" });
    expect(general).toEqual(["Body must be JSON"]);
  });
});

describe("setting summary", () => {
  it("describes each provider in one line", () => {
    expect(settingSummary("smtp", { host: "smtp.example.com", port: 587, from: "a@b.co" })).toBe("smtp.example.com:587 · from a@b.co");
    expect(settingSummary("http", { url: "https://h.example", headers: { a: SECRET_MASK } })).toBe("https://h.example · 1 header");
    expect(settingSummary("log", {})).toMatch(/not delivered/);
  });
});
