import { describe, expect, it } from "vitest";
import { topicOptions } from "./use-topics";

const topics = [
  { key: "marketing", name: "Marketing", default: "subscribed", builtIn: true },
  { key: "transactional", name: "Transactional", default: "subscribed", builtIn: true },
  { key: "weekly-deals", name: "Weekly deals", default: "unsubscribed", builtIn: false },
] as const;

describe("topicOptions", () => {
  it("offers the default topic as the empty value, then every other topic, opt-in ones marked", () => {
    expect(topicOptions([...topics], "")).toEqual([
      { value: "", label: "Marketing (default)" },
      { value: "transactional", label: "Transactional" },
      { value: "weekly-deals", label: "Weekly deals · opt-in" },
    ]);
  });

  it("keeps a chosen key the application does not have, so the picker never silently changes it", () => {
    expect(topicOptions([...topics], "gone").at(-1)).toEqual({ value: "gone", label: "gone (no such topic)", missing: true });
    expect(topicOptions([...topics], "marketing")).toHaveLength(3);
  });
});
