// What the demo application runs: the templates, connectors, segment, delivery policy
// and campaign a new user finds published, as plain data. lib/server/demo/replay.ts sets
// them up at the start of the demo history and lets the engine play the history through
// them, so every journey, message and conversion on the dashboard is the engine's own.
import type { Graph } from "@/lib/engine/graph";
import type { DeliveryPolicy } from "@/lib/delivery/policy";
import type { SegmentRule } from "@/lib/engine/segment-rule";
import { STARTER_MJML } from "@/lib/templates/starter";

// The starter layout with the demo shop's own words in place of its placeholder.
const WELCOME_MJML = STARTER_MJML.replace(/<mj-text>Write your message here\.[^<]*<\/mj-text>/, `<mj-text>Thanks for joining {{ app.name }}. New arrivals every week, free returns for 30 days, and a note from us the moment something you want is back in stock.</mj-text>`)
  .replace(">Take a look<", ">Start shopping<");

export const DEMO_TEMPLATES = {
  welcome: { name: "Welcome", channel: "email", format: "mjml", subject: "Welcome to {{ app.name }}, {{ user.name | default: \"friend\" }}", body: WELCOME_MJML },
  welcomeShipping: {
    name: "Welcome — free shipping",
    channel: "email",
    format: "markdown",
    subject: "Your first order ships free",
    body: `# Welcome, {{ user.name | default: "friend" }}!

Your first order from **{{ app.name }}** ships free — no code needed.

[Start shopping](https://shop.example.com)

---

You get this email from {{ app.name }}. [Unsubscribe or change your preferences]({{ unsubscribe_url }})
`,
  },
  cartReminder: {
    name: "Cart reminder",
    channel: "email",
    format: "markdown",
    subject: "You left {{ event.data.product }} in your cart",
    body: `Hi {{ user.name | default: "there" }},

Your **{{ event.data.product }}** ({{ event.data.qty }} × for {{ event.data.amount }} {{ event.data.currency }}) is still waiting in your cart.

[Finish your order](https://shop.example.com/cart)

---

[Unsubscribe]({{ unsubscribe_url }})
`,
  },
} as const;

export type DemoTemplateKey = keyof typeof DEMO_TEMPLATES;

const node = (id: string, type: Graph["nodes"][number]["type"], x: number, y: number, data: Record<string, unknown>) => ({ id, type, position: { x, y }, data });
const edge = (source: string, target: string, sourceHandle: string | null = null) => ({ id: `e-${source}-${sourceHandle ?? "next"}-${target}`, source, target, sourceHandle });

export type DemoConnector = { name: string; graph: Graph; goal?: { event: string; withinHours: number; exit?: boolean } };

/** The demo's connectors, given the ids its templates got. */
export function demoConnectors(templates: Record<DemoTemplateKey, string>): DemoConnector[] {
  return [
    {
      name: "Welcome email A/B test",
      goal: { event: "PURCHASE", withinHours: 168 },
      graph: {
        nodes: [
          node("trigger", "trigger", 0, 0, { kind: "event", event: "ONBOARDING_COMPLETE" }),
          node("split", "split", 0, 150, { branches: [{ key: "a", weight: 45 }, { key: "b", weight: 45 }, { key: "control", weight: 10 }] }),
          node("a", "action", -220, 300, { kind: "send", channel: "email", template: templates.welcome }),
          node("b", "action", 220, 300, { kind: "send", channel: "email", template: templates.welcomeShipping }),
        ],
        edges: [edge("trigger", "split"), edge("split", "a", "a"), edge("split", "b", "b")],
      },
    },
    {
      name: "Cart abandonment",
      goal: { event: "PURCHASE", withinHours: 72 },
      graph: {
        nodes: [
          node("trigger", "trigger", 0, 0, { kind: "event", event: "ADDTOCART" }),
          node("wait", "wait", 0, 150, { event: "PURCHASE", within: { amount: 4, unit: "hours" } }),
          node("remember", "action", -220, 300, { kind: "setAttributes", attributes: { last_order_amount: "{{ event.data.amount }}" } }),
          node("remind", "action", 220, 300, { kind: "send", channel: "email", template: templates.cartReminder }),
          node("nudge", "delay", 220, 450, { amount: 1, unit: "days" }),
          node("cancel", "cancel", 220, 600, { events: ["PURCHASE"] }),
          node("sms", "action", 220, 750, { kind: "send", channel: "sms", body: "{{ app.name }}: your {{ event.data.product }} is still in your cart. Reply STOP to opt out." }),
        ],
        edges: [edge("trigger", "wait"), edge("wait", "remember", "yes"), edge("wait", "remind", "no"), edge("remind", "nudge"), edge("nudge", "cancel"), edge("cancel", "sms")],
      },
    },
    {
      name: "Product scarcity",
      graph: {
        nodes: [
          node("trigger", "trigger", 0, 0, { kind: "event", event: "VIEWPRODUCT", occurrences: { atLeast: 2, sameValueOf: "product" } }),
          node("send", "action", 0, 150, { kind: "send", channel: "sms", body: "Only a few {{ event.data.product }} left at {{ app.name }}. Reply STOP to opt out." }),
        ],
        edges: [edge("trigger", "send")],
      },
    },
    {
      name: "Back in stock: waitlist",
      graph: {
        nodes: [
          node("trigger", "trigger", 0, 0, { kind: "event", event: "NOTIFY_ME" }),
          node("segment", "action", 0, 150, { kind: "addToSegment", segment: "Waitlist {{ event.data.product }}" }),
        ],
        edges: [edge("trigger", "segment")],
      },
    },
    {
      name: "Back in stock: restocked",
      graph: {
        nodes: [
          node("trigger", "trigger", 0, 0, { kind: "event", event: "PRODUCT_RESTOCKED" }),
          node("send", "action", 0, 150, {
            kind: "sendToSegment", segment: "Waitlist {{ event.data.product }}", channel: "email",
            subject: "{{ event.data.product }} is back in stock", body: "Good news: {{ event.data.product }} is back. Get yours before it sells out again.",
          }),
        ],
        edges: [edge("trigger", "send")],
      },
    },
  ];
}

export const DEMO_SEGMENT: { name: string; rule: SegmentRule } = {
  name: "Recent buyers",
  rule: { match: "all", conditions: [{ kind: "event", event: "PURCHASE", withinDays: 7 }] },
};

/** Texts at night wait for the morning in Lisbon; a second text within a day waits for the next. */
export const DEMO_POLICY: DeliveryPolicy = {
  timezone: "Europe/Lisbon",
  quietHours: { start: "21:00", end: "08:00", channels: ["push", "sms"], mode: "hold" },
  caps: [{ channel: "sms", max: 1, per: { amount: 1, unit: "days" } }],
  capMode: "defer",
};

/** Sent to the recent buyers three days before the demo's "now", at 10:00 UTC. */
export const DEMO_CAMPAIGN = {
  channel: "email" as const,
  subject: "A thank-you weekend: 15% off everything",
  body: "Thanks for shopping with {{ app.name }}, {{ user.name | default: \"friend\" }}. Use THANKYOU15 at checkout this weekend.",
  daysBeforeNow: 3,
};

/** Demo users who said no to marketing: their messages show as skipped, with the reason. */
export const DEMO_UNSUBSCRIBED_EVERY = 17; // every 17th demo user
