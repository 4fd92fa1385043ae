import { z } from "zod";
import { compile } from "./compile";
import { NODE_TYPES, type CompileContext } from "./nodes/definition";
import type { TemplateContent } from "./nodes/fields";
import { NODES, nodeDataSchemas, outputsOf } from "./nodes/registry";
import type { Rule } from "./rule";
import { templateError } from "./templates";
import { backEdges } from "./walk";

export const MAX_NODES = 200;
export const MAX_EDGES = 400;

const id = z.string().min(1).max(100);

const draftNodeSchema = z.object({
  id,
  type: z.enum(NODE_TYPES),
  position: z.object({ x: z.number(), y: z.number() }).default({ x: 0, y: 0 }),
  // Any JSON object: the canvas saves half-filled nodes and publish says what is missing.
  data: z.record(z.string(), z.unknown()).default({}),
});

const draftEdgeSchema = z.object({
  id,
  source: id,
  target: id,
  sourceHandle: z.string().max(100).nullable().optional(),
});

// What the canvas can always save: only structure that no editor state can excuse
// (duplicate ids, dangling edges, size) is rejected here. React Flow's extra keys
// (selected, measured, ...) are stripped, so only the domain graph is stored.
// Edges written by hand (API users, scripts) often lack an id; React Flow needs one.
function withEdgeIds(input: unknown): unknown {
  if (!input || typeof input !== "object" || !Array.isArray((input as { edges?: unknown }).edges)) return input;
  const graph = input as { edges: unknown[] };
  return {
    ...graph,
    edges: graph.edges.map((edge, index) =>
      edge && typeof edge === "object" && !("id" in edge)
        ? { ...edge, id: `e${index + 1}-${String((edge as { source?: unknown }).source)}-${String((edge as { target?: unknown }).target)}` }
        : edge,
    ),
  };
}

export const draftGraphSchema = z.preprocess(withEdgeIds, z
  .object({
    nodes: z.array(draftNodeSchema).max(MAX_NODES, { error: `A connector has at most ${MAX_NODES} steps` }),
    edges: z.array(draftEdgeSchema).max(MAX_EDGES, { error: `A connector has at most ${MAX_EDGES} connections` }),
  })
  .superRefine((graph, ctx) => {
    const nodeIds = new Set<string>();
    graph.nodes.forEach((node, index) => {
      if (nodeIds.has(node.id)) ctx.addIssue({ code: "custom", path: ["nodes", index, "id"], message: `Duplicate node id ${node.id}` });
      nodeIds.add(node.id);
    });
    const edgeIds = new Set<string>();
    graph.edges.forEach((edge, index) => {
      if (edgeIds.has(edge.id)) ctx.addIssue({ code: "custom", path: ["edges", index, "id"], message: `Duplicate edge id ${edge.id}` });
      edgeIds.add(edge.id);
      for (const end of ["source", "target"] as const) {
        if (!nodeIds.has(edge[end])) {
          ctx.addIssue({ code: "custom", path: ["edges", index, end], message: `Edge ${edge.id} points to a missing node ${edge[end]}` });
        }
      }
    });
  }));
export type Graph = z.infer<typeof draftGraphSchema>;
export type GraphNode = Graph["nodes"][number];
export type GraphEdge = Graph["edges"][number];

export type Problem = { nodeId?: string; edgeId?: string; path: string; message: string };

export type GraphValidation = { ok: true; rule: Rule } | { ok: false; problems: Problem[] };

// The executable check: publish and the canvas's problem list both call this, so a
// graph rule is written once. Every problem is reported, not just the first.
// `templates`: the application's saved templates that sends name. The server always
// passes them (lib/server/engine/compile-draft.ts), so publish refuses a send whose
// template is gone or made for another channel; without them (a canvas that has not
// loaded them) such sends are not checked, and the rule is not one to run.
export function validateGraph(input: Graph, options: { templates?: ReadonlyMap<string, TemplateContent> } = {}): GraphValidation {
  const draft = draftGraphSchema.safeParse(input);
  if (!draft.success) {
    return { ok: false, problems: draft.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })) };
  }
  const graph = draft.data;
  const { templates } = options;
  const context: CompileContext | null = templates ? { template: (id) => templates.get(id) } : null;
  const problems = [...topologyProblems(graph), ...graph.nodes.flatMap((node) => nodeDataProblems(node, context))];
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rule: compile(graph, templates) };
}

/** The template ids the graph's sends name, for the server to load before validating. */
export function templateIdsOf(graph: Graph): string[] {
  const ids = graph.nodes.flatMap((node) => (node.type === "action" && typeof node.data.template === "string" && node.data.template.trim() ? [node.data.template.trim()] : []));
  return [...new Set(ids)];
}

function nodeProblem(nodeId: string, message: string, field?: string): Problem {
  return { nodeId, path: field ? `nodes.${nodeId}.${field}` : `nodes.${nodeId}`, message };
}

function edgeProblem(edge: GraphEdge, message: string, field?: string): Problem {
  return { edgeId: edge.id, nodeId: edge.source, path: field ? `edges.${edge.id}.${field}` : `edges.${edge.id}`, message };
}

function topologyProblems(graph: Graph): Problem[] {
  const problems: Problem[] = [];
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const triggers = graph.nodes.filter((node) => node.type === "trigger");
  if (triggers.length === 0) problems.push({ path: "nodes", message: "Add a trigger: every connector starts with one" });
  for (const extra of triggers.slice(1)) {
    problems.push(nodeProblem(extra.id, "A connector has exactly one trigger; remove this one or the other"));
  }

  const outgoing = new Map<string, GraphEdge[]>();
  for (const edge of graph.edges) {
    outgoing.set(edge.source, [...(outgoing.get(edge.source) ?? []), edge]);
    if (nodes.get(edge.target)?.type === "trigger") {
      problems.push(edgeProblem(edge, "Nothing can lead into the trigger; it is where the connector starts"));
    }
  }

  for (const node of graph.nodes) {
    problems.push(...outputProblems(node, outgoing.get(node.id) ?? []));
  }

  const ids = graph.nodes.map((node) => node.id);
  for (const edge of backEdges(ids, (id) => outgoing.get(id) ?? [], (edge) => edge.target)) {
    problems.push(edgeProblem(edge, "This connection makes a loop; connectors run top to bottom without cycles"));
  }

  const [trigger] = triggers;
  if (trigger) {
    const reached = new Set([trigger.id]);
    const queue = [trigger.id];
    for (let current = queue.shift(); current !== undefined; current = queue.shift()) {
      for (const edge of outgoing.get(current) ?? []) {
        if (!reached.has(edge.target)) {
          reached.add(edge.target);
          queue.push(edge.target);
        }
      }
    }
    for (const node of graph.nodes) {
      if (!reached.has(node.id) && node.type !== "trigger") {
        problems.push(nodeProblem(node.id, "This step is not connected to the trigger, so nothing would ever reach it"));
      }
    }
  }
  return problems;
}

// A node with one output takes one edge (its handle is ignored); a branching node takes
// at most one edge per named output, from that output's handle.
function outputProblems(node: GraphNode, edges: GraphEdge[]): Problem[] {
  const outputs = outputsOf(node.type, node.data);
  const named = outputs.filter((output) => output.handle !== null);
  if (named.length === 0) {
    return edges.length > 1
      ? [nodeProblem(node.id, "This step connects to more than one next step; fan-out is not supported, use a condition to branch")]
      : [];
  }
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const handles = named.map((output) => output.handle as string);
  for (const edge of edges) {
    const handle = edge.sourceHandle;
    if (!handle || !handles.includes(handle)) {
      problems.push(edgeProblem(edge, `Connect from this step's ${orList(named.map((output) => output.label))} handle`, "sourceHandle"));
    } else if (seen.has(handle)) {
      problems.push(nodeProblem(node.id, `The "${handle}" branch connects to more than one step; fan-out is not supported`));
    } else {
      seen.add(handle);
    }
  }
  return problems;
}

function orList(words: string[]): string {
  return words.length <= 1 ? words.join("") : `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;
}

function nodeDataProblems(node: GraphNode, context: CompileContext | null): Problem[] {
  const result = nodeDataSchemas[node.type].safeParse(node.data);
  const problems: Problem[] = result.success
    ? []
    : result.error.issues.map((issue) =>
        nodeProblem(node.id, issue.message, ["data", ...issue.path.map(String)].join(".")),
      );
  // Templates are checked on the raw data so a bad template shows up even while
  // other fields of the node are still missing.
  for (const field of NODES[node.type].templateFields ?? []) {
    const value = node.data[field];
    if (typeof value !== "string") continue;
    const error = templateError(value);
    if (error) problems.push(nodeProblem(node.id, `This template does not parse: ${error}`, `data.${field}`));
  }
  if (context) {
    for (const problem of NODES[node.type].templateProblems?.(node.data, context) ?? []) {
      problems.push(nodeProblem(node.id, problem.message, `data.${problem.field}`));
    }
  }
  return problems;
}
