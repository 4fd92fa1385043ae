// Whether a template compiles, each problem naming its field and line (API.md: "refused
// with 400 naming the line"): Liquid's parse errors in every field, then, for MJML, what
// MJML's validator finds in the body once Liquid has rendered it for a sample user. Any
// validator error refuses the template — MJML's "strict" level — while sends render at
// its "soft" level, so a message never fails over a template that was accepted.
import type { Format } from "@/lib/engine/nodes/fields";
import { audienceScope, fillSlots, renderMarkup, renderTemplate, templateErrorAt, templateScope } from "@/lib/engine/templates";
import type { AppRecord, EventRecord, UserRecord } from "@/lib/engine/types";
import type { ErrorDetail } from "../api/errors";
import { escapeHtml, mjmlToHtml } from "./email-body";

export const TEMPLATE_TEXT_FIELDS = ["title", "subject", "body"] as const;
type TextField = (typeof TEMPLATE_TEXT_FIELDS)[number];
type Checked = { format: Format } & Partial<Record<TextField, string | null>>;

/** Who a template renders for when no real user is asked for. */
export const SAMPLE_USER: UserRecord = { id: "u_sample", email: "ada@example.com", phone: "+15550100", name: "Ada", attributes: {} };

export function sampleEvent(user: UserRecord, now: Date): EventRecord {
  return { id: "evt_sample", event: "sample", userId: user.id, data: {}, timestamp: now };
}

const lineOf = (error: unknown): number | null => {
  const token = (error as { token?: { getPosition?: () => [number, number] } } | null)?.token;
  return token?.getPosition?.()[0] ?? null;
};

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).replace(/, line:\d+, col:\d+$/, "").split("\n")[0]!;

/**
 * The template's line for a line of its rendered output. Liquid keeps lines as they are
 * unless a tag drops some (a false {% if %} spanning lines, a loop); then the line is
 * found by its text, which MJML's tags rarely share with another line. null: unknown.
 */
export function sourceLine(renderedLine: number, rendered: string, source: string): number | null {
  const out = rendered.split("\n");
  const src = source.split("\n");
  if (out.length === src.length) return renderedLine;
  const wanted = out[renderedLine - 1]?.trim();
  if (!wanted) return null;
  const matches = src.flatMap((line, i) => (line.trim() === wanted ? [i + 1] : []));
  return matches.length === 1 ? matches[0]! : null;
}

async function mjmlProblems(body: string, app: AppRecord, now: Date): Promise<ErrorDetail[]> {
  const problems: ErrorDetail[] = [];
  body.split("\n").forEach((line, i) => {
    if (/<mj-include\b/i.test(line)) problems.push({ path: "body", message: `line ${i + 1}: mj-include is not supported: a template cannot read files; paste the part in` });
  });
  let rendered: string;
  try {
    // Both kinds of scope: a template may go to a connector's send or to a campaign.
    const { body: marked, values } = renderMarkup(body, templateScope(sampleEvent(SAMPLE_USER, now), SAMPLE_USER, app));
    rendered = values ? fillSlots(marked, values, escapeHtml) : marked;
  } catch (error) {
    const line = lineOf(error);
    return [...problems, { path: "body", message: `${line ? `line ${line}: ` : ""}does not render: ${firstLine(error)}` }];
  }
  try {
    const { errors } = await mjmlToHtml(rendered);
    for (const error of [...errors].sort((a, b) => a.line - b.line)) {
      const line = sourceLine(error.line, rendered, body);
      problems.push({ path: "body", message: line ? `line ${line}: ${error.message}` : `line ${error.line} of the rendered MJML: ${error.message}` });
    }
  } catch (error) {
    // MJML cannot read it at all: no <mjml> root, or not XML-like.
    problems.push({ path: "body", message: `line 1: ${firstLine(error)}` });
  }
  return problems;
}

/**
 * Every problem of a template's texts, each { path: field, message: "line n: …" }; empty
 * when it compiles. Liquid errors come first: MJML is checked only on a body that parses.
 */
export async function templateProblems(template: Checked, app: AppRecord, now: Date): Promise<ErrorDetail[]> {
  const problems: ErrorDetail[] = [];
  for (const field of TEMPLATE_TEXT_FIELDS) {
    const src = template[field];
    if (!src) continue;
    const error = templateErrorAt(src);
    if (error) {
      problems.push({ path: field, message: `line ${error.line}: ${error.message}` });
      continue;
    }
    // Parses, but may still fail to render (a limit, a filter's argument) for anyone.
    if (field !== "body" || template.format === "text") {
      try {
        renderTemplate(src, audienceScope(SAMPLE_USER, app));
      } catch (renderError) {
        const line = lineOf(renderError);
        problems.push({ path: field, message: `${line ? `line ${line}: ` : ""}does not render: ${firstLine(renderError)}` });
      }
    }
  }
  if (template.format === "mjml" && template.body && !problems.some((p) => p.path === "body")) problems.push(...(await mjmlProblems(template.body, app, now)));
  if (template.format === "markdown" && template.body && !problems.some((p) => p.path === "body")) {
    try {
      renderMarkup(template.body, audienceScope(SAMPLE_USER, app));
    } catch (error) {
      const line = lineOf(error);
      problems.push({ path: "body", message: `${line ? `line ${line}: ` : ""}does not render: ${firstLine(error)}` });
    }
  }
  return problems;
}

/** "body: line 12: …", the first problem in words, for the error's message. */
export const problemSummary = (problems: ErrorDetail[]) => (problems[0] ? `${problems[0].path}: ${problems[0].message}` : "The template does not compile");
