// DESIGN.md's use cases, end to end through the HTTP API: create, publish, send events
// (past timestamps cross 24 h delays), tick, read the messages.
import { beforeAll, describe, expect, it } from "vitest";
import { seedGraphs } from "@/lib/engine/seed-graphs";
import { createTestApp, type TestApp } from "./api-client";
import { hoursAgo, messagesOf, publishConnector, pushDevice, send, tick } from "./engine-helpers";

let t: TestApp;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp("Use cases");
  for (const key of Object.keys(seedGraphs) as (keyof typeof seedGraphs)[]) {
    ids[key] = await publishConnector(t, key, seedGraphs[key]);
  }
});

describe("seed use cases", () => {
  it("welcomes a user after on-boarding with a push", async () => {
    await pushDevice(t, "u_welcome");
    await send(t, { userId: "u_welcome", event: "ONBOARDING_COMPLETE" });
    await tick(t);
    const msgs = await messagesOf(t, { userId: "u_welcome", connectorId: ids.welcome! });
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatchObject({ channel: "push", status: "sent", body: "Welcome" });
  });

  it("reminds after 24 h when sign-up is not done, and not when it is", async () => {
    await pushDevice(t, "u_rem_no");
    await pushDevice(t, "u_rem_yes");
    await send(t, [
      { userId: "u_rem_no", event: "ONBOARDING_COMPLETE", timestamp: hoursAgo(25) },
      { userId: "u_rem_yes", event: "ONBOARDING_COMPLETE", timestamp: hoursAgo(25) },
      { userId: "u_rem_yes", event: "SIGNUP", data: { name: "Yara" }, timestamp: hoursAgo(20) },
    ]);
    await tick(t);
    expect(await messagesOf(t, { userId: "u_rem_no", connectorId: ids.signupReminder! })).toHaveLength(1);
    expect(await messagesOf(t, { userId: "u_rem_yes", connectorId: ids.signupReminder! })).toHaveLength(0);
  });

  it("congratulates on sign-up by name", async () => {
    await pushDevice(t, "u_signup");
    await send(t, { userId: "u_signup", event: "SIGNUP", data: { name: "Joel" } });
    await tick(t);
    const [msg] = await messagesOf(t, { userId: "u_signup", connectorId: ids.signupWelcome! });
    expect(msg?.body).toBe("Welcome aboard, Joel");
  });

  it("sends scarcity on the second view of the same product, once", async () => {
    await pushDevice(t, "u_scarce");
    await send(t, [
      { userId: "u_scarce", event: "VIEWPRODUCT", data: { product: "shoes" }, timestamp: hoursAgo(3) },
      { userId: "u_scarce", event: "VIEWPRODUCT", data: { product: "hat" }, timestamp: hoursAgo(2.5) },
    ]);
    await tick(t);
    expect(await messagesOf(t, { userId: "u_scarce", connectorId: ids.productScarcity! })).toHaveLength(0);
    await send(t, { userId: "u_scarce", event: "VIEWPRODUCT", data: { product: "shoes" }, timestamp: hoursAgo(2) });
    await send(t, { userId: "u_scarce", event: "VIEWPRODUCT", data: { product: "shoes" }, timestamp: hoursAgo(1) });
    await tick(t);
    const msgs = await messagesOf(t, { userId: "u_scarce", connectorId: ids.productScarcity! });
    expect(msgs.map((m) => m.body)).toEqual(["Only a few left"]);
  });

  it("adds to a waitlist and notifies every member when the product is restocked", async () => {
    for (const u of ["u_wait_1", "u_wait_2", "u_wait_other"]) await pushDevice(t, u);
    await send(t, [
      { userId: "u_wait_1", event: "NOTIFY_ME", data: { product: "kettle" } },
      { userId: "u_wait_2", event: "NOTIFY_ME", data: { product: "kettle" } },
      { userId: "u_wait_other", event: "NOTIFY_ME", data: { product: "toaster" } },
    ]);
    await tick(t);
    const segments = (await t.master("GET", "/api/v1/segments")).body.segments;
    expect(segments).toEqual(expect.arrayContaining([expect.objectContaining({ name: "Waitlist kettle", members: 2 })]));
    await send(t, { userId: "server", event: "PRODUCT_RESTOCKED", data: { product: "kettle" } });
    await tick(t);
    const msgs = await messagesOf(t, { connectorId: ids.backInStockRestocked! });
    expect(msgs.map((m) => m.userId).sort()).toEqual(["u_wait_1", "u_wait_2"]);
    expect(msgs[0]?.body).toBe("kettle is back in stock");
    // Made by the campaign fan-out (page by page, outside the step), as the step's own messages.
    expect(new Set(msgs.map((m) => m.nodeId))).toEqual(new Set(["send"]));
    expect((await t.master("GET", "/api/v1/campaigns")).body.campaigns).toEqual([]);
    // The same restock again is a new walk; the members hear once per walk.
    await send(t, { userId: "server", event: "PRODUCT_RESTOCKED", data: { product: "kettle" } });
    await tick(t);
    expect(await messagesOf(t, { connectorId: ids.backInStockRestocked! })).toHaveLength(4);
  });

  it("wins back a dormant user once per period of inactivity", async () => {
    await pushDevice(t, "u_dormant");
    await send(t, { userId: "u_dormant", event: "app.open", timestamp: hoursAgo(31 * 24) });
    await tick(t);
    await tick(t);
    expect((await messagesOf(t, { userId: "u_dormant", connectorId: ids.dormantUsers! })).map((m) => m.body)).toEqual(["We miss you"]);
    // Back, then silent again for over 30 days (a backdated open models the passing time).
    await send(t, { userId: "u_dormant", event: "app.open", timestamp: hoursAgo(30.5 * 24) });
    await tick(t);
    expect(await messagesOf(t, { userId: "u_dormant", connectorId: ids.dormantUsers! })).toHaveLength(2);
  });

  it("does not call an active user dormant", async () => {
    await send(t, { userId: "u_active", event: "app.open", timestamp: hoursAgo(2) });
    await tick(t);
    expect(await messagesOf(t, { userId: "u_active", connectorId: ids.dormantUsers! })).toHaveLength(0);
  });

  it("reminds of an abandoned cart with qty, amount and currency", async () => {
    await pushDevice(t, "u_cart_left");
    await send(t, { userId: "u_cart_left", event: "ADDTOCART", data: { qty: "2", amount: "120.00", currency: "EUR" }, timestamp: hoursAgo(25) });
    await tick(t);
    const msgs = await messagesOf(t, { userId: "u_cart_left", connectorId: ids.cartAbandonment! });
    expect(msgs.map((m) => [m.status, m.body])).toEqual([["sent", "You left 2 items (120.00 EUR)"]]);
  });

  it("cancels the cart reminder when the user purchases in time", async () => {
    await pushDevice(t, "u_cart_bought");
    await send(t, [
      { userId: "u_cart_bought", event: "ADDTOCART", data: { qty: "1", amount: "10.00", currency: "EUR" }, timestamp: hoursAgo(25) },
      { userId: "u_cart_bought", event: "PURCHASE", data: { order_nr: "B7", amount: "10.00" }, timestamp: hoursAgo(24.5) },
    ]);
    await tick(t);
    expect(await messagesOf(t, { userId: "u_cart_bought", connectorId: ids.cartAbandonment! })).toHaveLength(0);
  });

  it("confirms an order by email, or skips with a reason when there is no address", async () => {
    await t.app("PUT", "/api/v1/users/u_order", { email: "buyer@example.com" });
    await send(t, [
      { userId: "u_order", event: "PURCHASE", data: { order_nr: "A-100", amount: "20" } },
      { userId: "u_order_noemail", event: "PURCHASE", data: { order_nr: "A-101", amount: "20" } },
    ]);
    await tick(t);
    const [ok] = await messagesOf(t, { userId: "u_order", connectorId: ids.orderConfirmation! });
    expect(ok).toMatchObject({ channel: "email", status: "sent", subject: "Order A-100 confirmed" });
    const [skipped] = await messagesOf(t, { userId: "u_order_noemail", connectorId: ids.orderConfirmation! });
    expect(skipped).toMatchObject({ status: "skipped", error: "The user has no email address" });
  });

  it("tells a user the shipping status from a server-side event", async () => {
    await pushDevice(t, "u_ship");
    await t.master("POST", "/api/v1/events", { userId: "u_ship", event: "SHIPPING", data: { status: "out for delivery" } });
    await tick(t);
    const [msg] = await messagesOf(t, { userId: "u_ship", connectorId: ids.shippingStatus! });
    expect(msg?.body).toBe("Your order is out for delivery");
  });

  it("thanks only purchases at or above the threshold", async () => {
    await send(t, [
      { userId: "u_big", event: "PURCHASE", data: { amount: "120.00", currency: "EUR" } },
      { userId: "u_small", event: "PURCHASE", data: { amount: "99.99", currency: "EUR" } },
    ]);
    await tick(t);
    expect(await messagesOf(t, { userId: "u_big", connectorId: ids.purchaseThreshold! })).toHaveLength(1);
    expect(await messagesOf(t, { userId: "u_small", connectorId: ids.purchaseThreshold! })).toHaveLength(0);
  });
});
