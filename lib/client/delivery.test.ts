import { describe, expect, it } from "vitest";
import { topicKeySchema } from "@/lib/delivery/policy";
import { topicKeyFrom } from "./delivery";

describe("topicKeyFrom", () => {
  it.each([
    ["Weekly deals", "weekly-deals"],
    ["Ofertas da Semana!", "ofertas-da-semana"],
    ["  Product news & tips ", "product-news-tips"],
    ["Café crème", "cafe-creme"],
    ["--Beta_2.0", "beta_2.0"],
  ])("proposes a key the API accepts for %j", (name, key) => {
    expect(topicKeyFrom(name)).toBe(key);
    expect(topicKeySchema.safeParse(key).success).toBe(true);
  });

  it("proposes nothing for a name with no letters or digits", () => {
    expect(topicKeyFrom("!!!")).toBe("");
  });
});
