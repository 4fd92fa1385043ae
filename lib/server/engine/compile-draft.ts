// Whether a stored (or given) draft graph would publish: it reads, it compiles
// (validateGraph, the canvas's own check, with the saved templates its sends name, whose
// texts the rule then carries), and every topic its sends name exists.
// Publish refuses with these problems (422); check lists them.
import { draftGraphSchema, templateIdsOf, validateGraph, type Graph } from "@/lib/engine/graph";
import type { Rule } from "@/lib/engine/rule";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { ErrorDetail } from "../api/errors";
import { unknownTopics } from "../delivery/topics";
import { prismaSql } from "../sql";
import { templatesByIds } from "../templates/templates";

export function parseGraph(json: unknown): Graph {
  const parsed = draftGraphSchema.safeParse(json);
  return parsed.success ? parsed.data : { nodes: [], edges: [] };
}

// Why a stored draft does not parse (written by an older, laxer version), or null.
export function unreadable(json: unknown): string | null {
  const parsed = draftGraphSchema.safeParse(json);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  return `The stored graph cannot be read (${issue ? `${issue.path.join(".") || "graph"}: ${issue.message}` : "invalid"})`;
}

export type CompiledDraft = { ok: true; graph: Graph; rule: Rule } | { ok: false; message: string; problems: ErrorDetail[] };

// A send on a topic the app does not have would reach people who never chose it: refused, on the node.
function topicProblems(db: PrismaClient | Prisma.TransactionClient, appId: string, graph: Graph): Promise<ErrorDetail[]> {
  const used = graph.nodes.flatMap((n) =>
    n.type === "action" && typeof n.data.topic === "string" && n.data.topic ? [{ nodeId: n.id, topic: n.data.topic, path: `nodes.${n.id}.data.topic` }] : [],
  );
  return unknownTopics(prismaSql(db), appId, used);
}

/** The draft's rule, or why it would not publish: the message and details of publish's 422. */
export async function compileDraft(db: PrismaClient | Prisma.TransactionClient, appId: string, json: unknown): Promise<CompiledDraft> {
  const graphError = unreadable(json);
  if (graphError) return { ok: false, message: `${graphError}; replace the draft before publishing`, problems: [{ path: "graph", message: graphError }] };
  const graph = parseGraph(json);
  const validation = validateGraph(graph, { templates: await templatesByIds(db, appId, templateIdsOf(graph)) });
  if (!validation.ok) {
    return {
      ok: false,
      message: `The graph does not compile: ${validation.problems[0]?.message ?? "it has problems"}`,
      problems: validation.problems.map((p) => ({ path: p.path, message: p.message, ...(p.nodeId ? { nodeId: p.nodeId } : {}) })),
    };
  }
  const topics = await topicProblems(db, appId, graph);
  if (topics.length > 0) {
    const topic = graph.nodes.find((n) => n.id === topics[0]!.nodeId)?.data.topic;
    return { ok: false, message: `The graph does not compile: no topic "${String(topic)}"`, problems: topics };
  }
  return { ok: true, graph, rule: validation.rule };
}
