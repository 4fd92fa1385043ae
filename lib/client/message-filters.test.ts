import { describe, expect, it } from "vitest";
import { countActiveFilters, messageFiltersSearch, parseMessageFilters } from "./message-filters";

describe("message filters in the query string", () => {
  it("reads the filters the page links carry", () => {
    const filters = parseMessageFilters(new URLSearchParams("channel=email&status=failed&connector=con_1&user=u%2042"));
    expect(filters).toEqual({ channel: "email", status: "failed", connectorId: "con_1", userId: "u 42" });
  });

  it("reads held, the status of messages the delivery policy keeps back", () => {
    expect(parseMessageFilters(new URLSearchParams("status=held"))).toEqual({ status: "held" });
  });

  it("drops unknown channels and statuses instead of sending them to the API", () => {
    expect(parseMessageFilters({ channel: "fax", status: "lost", user: "  " })).toEqual({});
  });

  it("takes the first value when a parameter repeats", () => {
    expect(parseMessageFilters({ channel: ["sms", "push"] })).toEqual({ channel: "sms" });
  });

  it("round-trips through the search string, with the open message alongside", () => {
    const filters = { channel: "push", userId: "u&1", connectorId: "con_9" } as const;
    const search = messageFiltersSearch(filters, "msg_1");
    expect(search).toBe("?channel=push&connector=con_9&user=u%261&message=msg_1");
    expect(parseMessageFilters(new URLSearchParams(search))).toEqual(filters);
    expect(messageFiltersSearch({})).toBe("");
  });

  it("carries a campaign as ?campaign=, for the campaign page's link to its messages", () => {
    expect(messageFiltersSearch({ campaignId: "cmp_1", status: "skipped" })).toBe("?status=skipped&campaign=cmp_1");
    expect(parseMessageFilters(new URLSearchParams("campaign=cmp_1"))).toEqual({ campaignId: "cmp_1" });
    expect(countActiveFilters({ campaignId: "cmp_1" })).toBe(1);
  });

  it("counts the filters in use", () => {
    expect(countActiveFilters({})).toBe(0);
    expect(countActiveFilters({ status: "sent", userId: "u_1" })).toBe(2);
  });
});
