import type { Metadata } from "next";
import { headers } from "next/headers";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { CopyButton, CopyField } from "@/components/ui/copy-button";
import { CodeIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { DocsToc } from "@/components/docs/docs-toc";
import { OperationCard } from "@/components/docs/operation-card";
import { SchemaView, schemaAnchor } from "@/components/docs/schema-view";
import { SECRET_VARIABLES, curlCommand } from "@/components/docs/curl";
import { buildOpenApiDocument } from "@/lib/openapi/document";
import { publicOrigin } from "@/lib/server/public-url";
import { sdkSnippet } from "@/lib/sdk/snippet";
import { currentApp } from "../current-app";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "API reference · Cue" };

const SDK_METHODS = [
  ["Cue.identify(userId, traits)", "who uses the page; earlier events become theirs"],
  ["Cue.logCustomEvent(name, data)", "the one line, anywhere, any time"],
  ["Cue.enablePush()", "Web Push, with /cue-sw.js served from your site"],
  ["Cue.reset()", "on sign-out"],
] as const;

export default async function ApiReferencePage() {
  const { app } = await currentApp();
  const origin = publicOrigin(await headers());
  const doc = buildOpenApiDocument({ serverUrl: origin });
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ path, method, operation })),
  );
  const groups = doc.tags.map((tag) => ({ ...tag, operations: operations.filter((o) => o.operation.tags[0] === tag.name) }));
  const snippet = sdkSnippet({ origin, appKey: app.key });

  return (
    <>
      <PageHeader
        title="API reference"
        description={
          <>
            Every endpoint of Cue&apos;s HTTP API, generated from the same schemas the server validates requests with. The examples
            use the key of <span className="font-medium text-slate-700">{app.name}</span>.
          </>
        }
        actions={
          <ButtonLink href="/api/v1/openapi.json" variant="secondary" target="_blank" prefetch={false}>
            <CodeIcon /> openapi.json
          </ButtonLink>
        }
      />

      <div className="space-y-6">
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
          <Card>
            <CardHeader title="Authentication" description="HTTP Basic: the application key as the user name, a secret as the password." />
            <div className="space-y-4 px-5 py-4 text-sm leading-6 text-slate-600">
              <CopyField value={app.key} label="application key" />
              <p>
                The <strong className="font-medium text-slate-800">application secret</strong> may log events, update users, register
                devices and report push opens: what an app or a browser needs. The{" "}
                <strong className="font-medium text-slate-800">master secret</strong> may do everything. Cue stores secrets hashed, so the
                examples read them from <code className="font-mono text-[13px] text-slate-800">${SECRET_VARIABLES.app}</code> and{" "}
                <code className="font-mono text-[13px] text-slate-800">${SECRET_VARIABLES.master}</code>; rotate one in Settings to see a
                new value.
              </p>
              <p>
                Errors always read <code className="font-mono text-[13px] text-slate-800">{`{"error": {"code", "message", "details"}}`}</code>{" "}
                with an honest status, and a failed request stores nothing. Give events an <code className="font-mono text-[13px]">id</code>{" "}
                and retries are safe: a repeat is counted as a duplicate, never stored twice.
              </p>
            </div>
          </Card>

          <Card>
            <CardHeader
              title="Browser SDK"
              description="One script tag, then one line per event: batched, retried, kept while offline. app.open and app.close log themselves."
              actions={<CopyButton value={snippet} label="Copy SDK snippet" />}
            />
            <div className="space-y-3 px-5 py-4">
              <pre className="overflow-x-auto rounded-lg bg-slate-900 px-4 py-3 font-mono text-[12.5px] leading-5 text-slate-100" data-testid="sdk-snippet">
                {snippet}
              </pre>
<ul className="grid grid-cols-1 gap-x-6 gap-y-2.5 text-[13px] sm:grid-cols-2">
                {SDK_METHODS.map(([call, what]) => (
                  <li key={call}>
                    <code className="font-mono text-slate-800">{call}</code>
                    <p className="text-slate-500">{what}</p>
                  </li>
                ))}
              </ul>
            </div>
          </Card>
        </div>

        <DocsToc groups={groups.map((g) => ({ name: g.name, operations: g.operations.map((o) => ({ id: o.operation.operationId, method: o.method, summary: o.operation.summary })) }))} />

        {groups.map((group) => (
          <section key={group.name} id={`tag-${group.name}`} aria-labelledby={`tag-${group.name}-title`} className="scroll-mt-6 space-y-4 pt-4">
            <div>
              <h2 id={`tag-${group.name}-title`} className="text-lg font-semibold tracking-tight text-slate-900">
                {group.name}
              </h2>
              <p className="mt-0.5 text-sm text-slate-500">{group.description}</p>
            </div>
            {group.operations.map(({ path, method, operation }) => (
              <OperationCard
                key={operation.operationId}
                doc={doc}
                method={method}
                path={path}
                operation={operation}
                curl={curlCommand({ origin, appKey: app.key, method, path, operation })}
              />
            ))}
          </section>
        ))}

        <section id="schemas" aria-labelledby="schemas-title" className="scroll-mt-6 space-y-4 pt-4">
          <div>
            <h2 id="schemas-title" className="text-lg font-semibold tracking-tight text-slate-900">Schemas</h2>
            <p className="mt-0.5 text-sm text-slate-500">Shapes that several endpoints share.</p>
          </div>
          <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
            {Object.entries(doc.components.schemas).map(([name, schema]) => (
              <Card key={name} id={schemaAnchor(name)} className="scroll-mt-6">
                <div className="border-b border-slate-100 px-5 py-3">
                  <h3 className="font-mono text-sm font-semibold text-slate-900">{name}</h3>
                </div>
                <div className="px-5 py-2">
                  <SchemaView schema={schema} />
                </div>
              </Card>
            ))}
          </div>
        </section>
      </div>
    </>
  );
}
