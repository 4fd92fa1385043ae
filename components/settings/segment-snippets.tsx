import { Card, CardHeader } from "../ui/card";
import { CopyButton } from "../ui/copy-button";

type Snippet = { id: string; title: string; description: string; code: string };

function snippets(writeKey: string, origin: string): Snippet[] {
  return [
    {
      id: "browser",
      title: "Browser — analytics.js (@segment/analytics-next)",
      description: "cdnURL points the library at Cue: it loads its settings from here and sends here.",
      code: [
        `import { AnalyticsBrowser } from "@segment/analytics-next";`,
        ``,
        `export const analytics = AnalyticsBrowser.load({`,
        `  writeKey: "${writeKey}",`,
        `  cdnURL: "${origin}",`,
        `});`,
        ``,
        `analytics.page();`,
        `analytics.identify("u_42", { email: "ada@example.com", name: "Ada" });`,
        `analytics.track("Order Completed", { orderId: "A1001", total: 42 });`,
      ].join("\n"),
    },
    {
      id: "node",
      title: "Server — @segment/analytics-node",
      description: "host replaces api.segment.io; batching, retries and message ids work unchanged.",
      code: [
        `import { Analytics } from "@segment/analytics-node";`,
        ``,
        `const analytics = new Analytics({ writeKey: "${writeKey}", host: "${origin}" });`,
        ``,
        `analytics.track({ userId: "u_42", event: "Order Completed", properties: { orderId: "A1001" } });`,
        `await analytics.closeAndFlush();`,
      ].join("\n"),
    },
    {
      id: "http",
      title: "Any other Segment or RudderStack library, or plain HTTP",
      description: "Set the library's API host to this server; the paths under /v1 are Segment's.",
      code: [
        `curl -u "${writeKey}:" \\`,
        `  -H 'content-type: application/json' \\`,
        `  -d '{"userId":"u_42","event":"Order Completed","properties":{"orderId":"A1001"}}' \\`,
        `  ${origin}/v1/track`,
      ].join("\n"),
    },
  ];
}

/** How to send with Segment's libraries, filled in with this app's write key and Cue's address. */
export function SegmentSnippets({ writeKey, origin }: { writeKey: string; origin: string }) {
  return (
    <Card>
      <CardHeader
        title="Send with Segment's libraries"
        description="Already instrumented with Segment? Change the host and the write key; track, page and screen calls become events, identify updates the user."
      />
      <div className="divide-y divide-slate-100">
        {snippets(writeKey, origin).map((s) => (
          <section key={s.id} className="px-5 py-5" aria-labelledby={`snippet-${s.id}`}>
            <div className="mb-3 flex items-start justify-between gap-4">
              <div>
                <h3 id={`snippet-${s.id}`} className="text-sm font-medium text-slate-900">{s.title}</h3>
                <p className="mt-1 text-sm leading-6 text-slate-500">{s.description}</p>
              </div>
              <CopyButton value={s.code} label={`Copy ${s.id} snippet`} />
            </div>
            <pre
              className="overflow-x-auto rounded-lg bg-slate-900 px-4 py-3.5 font-mono text-[13px] leading-6 text-slate-100"
              data-testid={`segment-snippet-${s.id}`}
            >
              {s.code}
            </pre>
          </section>
        ))}
      </div>
    </Card>
  );
}
