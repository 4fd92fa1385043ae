// One operation of the API reference: what it does, who may call it, its parameters,
// body and responses on the left, a curl command with the app's key on the right.
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { cx } from "@/components/ui/cx";
import type { OpenApiDocument, OperationObject, ResponseObject } from "@/lib/openapi/document";
import type { Access } from "@/lib/openapi/operations";
import { SchemaView, constraints, typeLabel } from "./schema-view";

const METHOD_STYLES: Record<string, string> = {
  get: "bg-sky-50 text-sky-700 ring-sky-200",
  post: "bg-brand-50 text-brand-700 ring-brand-200",
  put: "bg-amber-50 text-amber-800 ring-amber-200",
  delete: "bg-red-50 text-red-700 ring-red-200",
};

export function MethodBadge({ method, className }: { method: string; className?: string }) {
  return (
    <span
      className={cx(
        "inline-flex w-14 shrink-0 justify-center rounded-md py-0.5 font-mono text-[11px] font-semibold tracking-wide uppercase ring-1 ring-inset",
        METHOD_STYLES[method] ?? "bg-slate-100 text-slate-700 ring-slate-200",
        className,
      )}
    >
      {method === "delete" ? "DEL" : method}
    </span>
  );
}

export const ACCESS_LABELS: Record<Access, { label: string; tone: BadgeTone; hint: string }> = {
  none: { label: "Public", tone: "neutral", hint: "No credentials" },
  app: { label: "App secret", tone: "brand", hint: "Application key + application secret (or the master secret)" },
  master: { label: "Master secret", tone: "warning", hint: "Application key + master secret, or a dashboard session" },
  cron: { label: "Master or cron secret", tone: "warning", hint: "Application key + master secret, or Bearer $CRON_SECRET" },
};

function SectionTitle({ children }: { children: string }) {
  return <h4 className="mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">{children}</h4>;
}

function resolveResponse(doc: OpenApiDocument, response: ResponseObject | { $ref: string }): ResponseObject | undefined {
  if (!("$ref" in response)) return response;
  return doc.components.responses[response.$ref.split("/").at(-1) ?? ""];
}

function CodePanel({ title, code, copy, testId }: { title: string; code: string; copy?: boolean; testId?: string }) {
  return (
    <div className="overflow-hidden rounded-lg bg-slate-900 ring-1 ring-slate-900/5">
      <div className="flex items-center justify-between border-b border-white/10 py-1.5 pr-1.5 pl-3.5">
        <span className="text-xs font-medium text-slate-400">{title}</span>
        {copy ? <CopyButton value={code} label={`Copy ${title}`} className="h-7 text-slate-300 ring-white/15 hover:bg-white/10 hover:text-white" /> : null}
      </div>
      <pre className="max-h-96 overflow-auto px-3.5 py-3 font-mono text-[12.5px] leading-5 text-slate-100" data-testid={testId}>
        {code}
      </pre>
    </div>
  );
}

export function OperationCard({
  doc,
  method,
  path,
  operation,
  curl,
}: {
  doc: OpenApiDocument;
  method: string;
  path: string;
  operation: OperationObject;
  curl: string;
}) {
  const access = ACCESS_LABELS[operation["x-cue-access"]];
  const parameters = operation.parameters ?? [];
  const body = operation.requestBody?.content["application/json"];
  const responses = Object.entries(operation.responses);
  const success = responses.find(([code]) => code.startsWith("2"));
  const successResponse = success ? resolveResponse(doc, success[1]) : undefined;
  const successContent = successResponse?.content?.["application/json"];

  return (
    <section id={operation.operationId} className="scroll-mt-6" data-testid="api-operation">
      <Card>
        <header className="flex flex-col gap-2 border-b border-slate-100 px-5 py-4 sm:flex-row sm:items-center sm:justify-between">
          <div className="min-w-0">
            <h3 className="text-[15px] font-semibold text-slate-900">{operation.summary}</h3>
            <div className="mt-1.5 flex min-w-0 items-center gap-2.5">
              <MethodBadge method={method} />
              <code className="truncate font-mono text-[13px] text-slate-700">{path}</code>
            </div>
          </div>
          <span title={access.hint} className="shrink-0">
            <Badge tone={access.tone}>{access.label}</Badge>
          </span>
        </header>

        <div className="grid grid-cols-1 xl:grid-cols-[minmax(0,1fr)_minmax(0,25rem)]">
          <div className="min-w-0 space-y-5 px-5 py-4">
            {operation.description ? <p className="text-sm leading-6 text-slate-600">{operation.description}</p> : null}

            {parameters.length > 0 ? (
              <div>
                <SectionTitle>Parameters</SectionTitle>
                <ul className="divide-y divide-slate-100">
                  {parameters.map((param) => (
                    <li key={`${param.in}:${param.name}`} className="py-2.5">
                      <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
                        <code className="font-mono text-[13px] font-semibold text-slate-900">{param.name}</code>
                        <span className="font-mono text-xs text-slate-500">{typeLabel(param.schema)}</span>
                        <span className="text-[11px] text-slate-400">in {param.in}</span>
                        {param.required ? <span className="text-[11px] font-medium tracking-wide text-amber-700 uppercase">required</span> : null}
                        {constraints(param.schema).map((limit) => (
                          <span key={limit} className="rounded bg-slate-100 px-1.5 py-px font-mono text-[11px] text-slate-600">
                            {limit}
                          </span>
                        ))}
                      </div>
                      {param.description ? <p className="mt-1 text-[13px] text-slate-600">{param.description}</p> : null}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}

            {body ? (
              <div>
                <SectionTitle>Request body</SectionTitle>
                <SchemaView schema={body.schema} />
              </div>
            ) : null}

            <div>
              <SectionTitle>Responses</SectionTitle>
              <ul className="space-y-1.5">
                {responses.map(([code, response]) => {
                  const resolved = resolveResponse(doc, response);
                  const ok = code.startsWith("2");
                  return (
                    <li key={code} className="flex gap-3 text-[13px] leading-5">
                      <code className={cx("w-9 shrink-0 font-mono font-semibold", ok ? "text-emerald-700" : "text-slate-500")}>{code}</code>
                      <span className={ok ? "text-slate-800" : "text-slate-500"}>{resolved?.description}</span>
                    </li>
                  );
                })}
              </ul>
              {successContent ? (
                <details className="group mt-3 rounded-lg border border-slate-200">
                  <summary className="cursor-pointer list-none px-3 py-2 text-[13px] font-medium text-slate-700 select-none hover:bg-slate-50">
                    <span className="mr-1.5 inline-block transition-transform group-open:rotate-90">›</span>
                    {success?.[0]} response fields
                  </summary>
                  <div className="border-t border-slate-100 px-3 pb-1">
                    <SchemaView schema={successContent.schema} />
                  </div>
                </details>
              ) : null}
            </div>
          </div>

          <div className="min-w-0 space-y-3 border-t border-slate-100 bg-slate-50/60 px-5 py-4 xl:border-t-0 xl:border-l">
            <CodePanel title="curl" code={curl} copy testId="curl" />
            {successContent?.example !== undefined ? (
              <CodePanel title={`Response ${success?.[0]}`} code={JSON.stringify(successContent.example, null, 2)} />
            ) : null}
          </div>
        </div>
      </Card>
    </section>
  );
}
