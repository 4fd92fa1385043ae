import { describe, expect, it } from "vitest";
import { savedSummary } from "./saved-summary";

const topics = [
  { key: "marketing", name: "Marketing", subscribed: true, locked: false },
  { key: "transactional", name: "Transactional", subscribed: true, locked: true },
  { key: "weekly-deals", name: "Weekly deals", subscribed: true, locked: false },
];

describe("savedSummary", () => {
  it("names the topics left", () => {
    expect(savedSummary({ appName: "Acme", email: true, topics: topics.map((t) => (t.key === "marketing" ? { ...t, subscribed: false } : t)) })).toBe(
      "You're unsubscribed from Marketing.",
    );
    expect(savedSummary({ appName: "Acme", email: true, topics: topics.map((t) => ({ ...t, subscribed: t.locked })) })).toBe(
      "You're unsubscribed from Marketing and Weekly deals.",
    );
  });

  it("says when every topic is on", () => {
    expect(savedSummary({ appName: "Acme", email: true, topics })).toBe("You're subscribed to every topic from Acme.");
  });

  it("says that the email channel off stops every email", () => {
    expect(savedSummary({ appName: "Acme", email: false, topics })).toBe("You won't get any more emails from Acme.");
  });
});
