import { describe, expect, it } from "vitest";
import { normalizeEventName, orList, similarNames } from "./similar-names";

const logged = (...names: string[]) => new Map(names.map((name, index) => [name, names.length - index]));

describe("normalizeEventName", () => {
  it.each([
    ["ADD_TO_CART", "addtocart"],
    ["ADDTOCART", "addtocart"],
    ["add-to-cart", "addtocart"],
    ["Add To Cart", "addtocart"],
    ["app.open", "appopen"],
    ["order:paid/now", "orderpaidnow"],
  ])("%s folds to %s", (name, folded) => {
    expect(normalizeEventName(name)).toBe(folded);
  });
});

describe("similarNames", () => {
  it("finds the same name spelled with other case and separators", () => {
    expect(similarNames("ADD_TO_CART", logged("ADDTOCART", "PURCHASE"))).toEqual(["ADDTOCART"]);
    expect(similarNames("add-to-cart", logged("PURCHASE", "ADDTOCART"))).toEqual(["ADDTOCART"]);
    expect(similarNames("AddToCart", logged("add_to_cart"))).toEqual(["add_to_cart"]);
  });

  it("finds a typo a letter or two off", () => {
    expect(similarNames("PURCHSE", logged("PURCHASE", "SIGNUP"))).toEqual(["PURCHASE"]);
    expect(similarNames("message.open", logged("message.opened", "app.open"))).toEqual(["message.opened"]);
  });

  it("offers nothing for a different word", () => {
    expect(similarNames("SIGNIN", logged("SIGNUP"))).toEqual([]);
    expect(similarNames("CART", logged("ADDTOCART", "PURCHASE"))).toEqual([]);
    expect(similarNames("ADD_TO_CART", new Map())).toEqual([]);
  });

  it("never offers the name itself, and nothing for a name of separators only", () => {
    expect(similarNames("ADDTOCART", logged("ADDTOCART"))).toEqual([]);
    expect(similarNames("__", logged("_", "ADDTOCART"))).toEqual([]);
  });

  it("puts the closest first, then the most logged, and keeps at most the limit", () => {
    const known = new Map([
      ["VIEW_PRODUCTS", 5],
      ["VIEWPRODUCT", 2],
      ["view-product", 9],
      ["VIEWPRODUKT", 100],
    ]);
    expect(similarNames("VIEW_PRODUCT", known)).toEqual(["view-product", "VIEWPRODUCT", "VIEWPRODUKT"]);
    expect(similarNames("VIEW_PRODUCT", known, 1)).toEqual(["view-product"]);
  });
});

describe("orList", () => {
  it("joins names the way a sentence does", () => {
    expect(orList([])).toBe("");
    expect(orList(["A"])).toBe("A");
    expect(orList(["A", "B"])).toBe("A or B");
    expect(orList(["A", "B", "C"])).toBe("A, B or C");
  });
});
