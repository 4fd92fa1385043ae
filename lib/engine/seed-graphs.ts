import type { Graph } from "./graph";

// DESIGN.md's use cases as graphs. The server's integration tests, the demo data and
// the canvas template gallery all start from these, so they follow the table exactly.

type Step = { id: string; type: Graph["nodes"][number]["type"]; data: Record<string, unknown> };

const ROW_HEIGHT = 150;

// A straight line of steps laid out top to bottom, each connected to the next.
function chain(...steps: Step[]): Graph {
  return {
    nodes: steps.map((step, index) => ({ ...step, position: { x: 0, y: index * ROW_HEIGHT } })),
    edges: steps.slice(1).map((step, index) => ({ id: `e${index + 1}`, source: steps[index]!.id, target: step.id, sourceHandle: null })),
  };
}

const onEvent = (event: string, extra: Record<string, unknown> = {}): Step => ({
  id: "trigger",
  type: "trigger",
  data: { kind: "event", event, ...extra },
});
const push = (body: string, id = "send"): Step => ({ id, type: "action", data: { kind: "send", channel: "push", body } });
const wait24h: Step = { id: "delay", type: "delay", data: { amount: 24, unit: "hours" } };
const cancelIf = (...events: string[]): Step => ({ id: "cancel", type: "cancel", data: { events } });

export const seedGraphs = {
  welcome: chain(onEvent("ONBOARDING_COMPLETE"), push("Welcome")),
  signupReminder: chain(
    onEvent("ONBOARDING_COMPLETE"),
    wait24h,
    cancelIf("SIGNUP"),
    push("You're almost there: finish signing up to get started"),
  ),
  signupWelcome: chain(onEvent("SIGNUP"), push("Welcome aboard, {{ event.data.name }}")),
  productScarcity: chain(onEvent("VIEWPRODUCT", { occurrences: { atLeast: 2, sameValueOf: "product" } }), push("Only a few left")),
  backInStockWaitlist: chain(onEvent("NOTIFY_ME"), {
    id: "segment",
    type: "action",
    data: { kind: "addToSegment", segment: "Waitlist {{ event.data.product }}" },
  }),
  backInStockRestocked: chain(onEvent("PRODUCT_RESTOCKED"), {
    id: "send",
    type: "action",
    data: {
      kind: "sendToSegment",
      segment: "Waitlist {{ event.data.product }}",
      channel: "push",
      body: "{{ event.data.product }} is back in stock",
    },
  }),
  dormantUsers: chain(
    { id: "trigger", type: "trigger", data: { kind: "inactivity", event: "app.open", days: 30 } },
    push("We miss you"),
  ),
  cartAbandonment: chain(
    onEvent("ADDTOCART"),
    wait24h,
    cancelIf("PURCHASE"),
    push("You left {{ event.data.qty }} items ({{ event.data.amount }} {{ event.data.currency }})"),
  ),
  orderConfirmation: chain(onEvent("PURCHASE"), {
    id: "send",
    type: "action",
    data: {
      kind: "send",
      channel: "email",
      subject: "Order {{ event.data.order_nr }} confirmed",
      body: "Thank you for your order {{ event.data.order_nr }}. We will let you know when it ships.",
    },
  }),
  shippingStatus: chain(onEvent("SHIPPING"), push("Your order is {{ event.data.status }}")),
  purchaseThreshold: chain(
    onEvent("PURCHASE", { where: [{ path: "amount", op: "gte", value: 100 }] }),
    push("Thank you for your order of {{ event.data.amount }} {{ event.data.currency }}: free shipping on your next one"),
  ),
} satisfies Record<string, Graph>;

export type SeedGraphKey = keyof typeof seedGraphs;

// Names and one-line purposes for the template gallery and the demo data.
export const seedConnectors: Array<{ key: SeedGraphKey; name: string; description: string }> = [
  { key: "welcome", name: "Welcome after on-boarding", description: "Greet users who finish on-boarding" },
  { key: "signupReminder", name: "Sign-up reminder", description: "Remind users who on-boarded but did not sign up within 24 hours" },
  { key: "signupWelcome", name: "Congratulate on sign-up", description: "Welcome new sign-ups by name" },
  { key: "productScarcity", name: "Product scarcity", description: "Nudge users who viewed the same product twice" },
  { key: "backInStockWaitlist", name: "Back in stock: waitlist", description: "Put users who ask to be notified on the product's waitlist" },
  { key: "backInStockRestocked", name: "Back in stock: notify", description: "Tell the product's waitlist when it is restocked" },
  { key: "dormantUsers", name: "Dormant users", description: "Win back users who have not opened the app for 30 days" },
  { key: "cartAbandonment", name: "Cart abandonment", description: "Remind users of their cart unless they purchase within 24 hours" },
  { key: "orderConfirmation", name: "Order confirmation", description: "Email an order confirmation on purchase" },
  { key: "shippingStatus", name: "Shipping status", description: "Tell users where their order is" },
  { key: "purchaseThreshold", name: "Big purchase thank-you", description: "Thank users for purchases of 100 or more" },
];
