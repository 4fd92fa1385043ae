import { describe, expect, it } from "vitest";
import { mentionedIds, planIdentities } from "./identity";

const none = new Map<string, string>();

describe("planIdentities", () => {
  it("links an anonymous id to the user an identify names, and resolves it there", () => {
    const plan = planIdentities(
      [
        { type: "track", anonymousId: "anon" },
        { type: "identify", userId: "u1", anonymousId: "anon" },
      ],
      none,
    );
    expect(plan.links).toEqual([{ from: "anon", to: "u1" }]);
    expect(plan.resolve("anon")).toBe("u1");
  });

  it("links on any call that carries both ids, once", () => {
    const plan = planIdentities(
      [
        { type: "track", userId: "u1", anonymousId: "anon" },
        { type: "page", userId: "u1", anonymousId: "anon" },
      ],
      none,
    );
    expect(plan.links).toEqual([{ from: "anon", to: "u1" }]);
  });

  it("keeps the first user an anonymous id met: a shared device never merges two people", () => {
    const plan = planIdentities([{ type: "identify", userId: "u2", anonymousId: "anon" }], new Map([["anon", "u1"]]));
    expect(plan.links).toEqual([]);
    expect(plan.resolve("anon")).toBe("u1");
    expect(plan.resolve("u2")).toBe("u2");
  });

  it("does not treat a user that others were merged into as anonymous", () => {
    const plan = planIdentities([{ type: "identify", userId: "u2", anonymousId: "u1" }], new Map([["anon", "u1"]]));
    expect(plan.links).toEqual([]);
  });

  it("merges explicitly on alias, re-pointing earlier aliases to the survivor", () => {
    const plan = planIdentities([{ type: "alias", previousId: "old", userId: "new" }], new Map([["anon", "old"]]));
    expect(plan.links).toEqual([{ from: "old", to: "new" }]);
    expect(plan.resolve("anon")).toBe("new");
    expect(plan.resolve("old")).toBe("new");
  });

  it("ignores an alias between ids that already are one user", () => {
    const plan = planIdentities([{ type: "alias", previousId: "anon", userId: "u1" }], new Map([["anon", "u1"]]));
    expect(plan.links).toEqual([]);
  });

  it("resolves a userId that was itself aliased away", () => {
    const plan = planIdentities([{ type: "track", userId: "old" }], new Map([["old", "new"]]));
    expect(plan.resolve("old")).toBe("new");
  });

  it("lists every id a batch mentions once", () => {
    expect(mentionedIds([{ type: "alias", previousId: "a", userId: "b" }, { type: "track", userId: "b", anonymousId: "c" }])).toEqual(["b", "a", "c"]);
  });
});
