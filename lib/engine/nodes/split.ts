// split: sends each user down one branch, by weight, the same one every time: the branch
// is a stable function of (connector, node, user), so a user re-entering takes the same
// path and an experiment's groups stay apart. A branch with nothing connected is a
// holdout: the walk completes there and still counts for conversion (/stats splits).
import { z } from "zod";
import { isoTime } from "../iso-time";
import type { StepDefinition } from "./definition";
import { nextId, stepId } from "./fields";
import { MISSING, asData, type Data } from "./words";

export const MIN_BRANCHES = 2;
export const MAX_BRANCHES = 5;

const branchKey = z
  .string({ error: "Name the branch" })
  .regex(/^[A-Za-z0-9_-]{1,40}$/, { error: "A branch key is 1–40 letters, digits, _ or -" });

const splitDataSchema = z.object({
  branches: z
    .array(
      z.object({
        key: branchKey,
        weight: z.number({ error: "Give the branch a weight" }).positive({ error: "A weight is more than 0" }).max(100, { error: "A weight is at most 100" }),
      }),
      { error: "List the branches" },
    )
    .min(MIN_BRANCHES, { error: `A split has at least ${MIN_BRANCHES} branches` })
    .max(MAX_BRANCHES, { error: `A split has at most ${MAX_BRANCHES} branches` })
    .superRefine((branches, ctx) => {
      const keys = new Set<string>();
      branches.forEach((branch, index) => {
        if (keys.has(branch.key)) ctx.addIssue({ code: "custom", path: [index, "key"], message: `Two branches are called ${branch.key}` });
        keys.add(branch.key);
      });
      const total = branches.reduce((sum, branch) => sum + branch.weight, 0);
      if (Math.abs(total - 100) > 1e-9) ctx.addIssue({ code: "custom", message: `The weights add up to ${Number(total.toFixed(4))}; they must add up to 100` });
    }),
});
export type SplitData = z.infer<typeof splitDataSchema>;

const splitStepSchema = z.object({
  type: z.literal("split"),
  id: stepId,
  branches: z.array(z.object({ key: z.string(), weight: z.number().positive(), next: nextId })).min(1),
});
export type SplitStep = z.infer<typeof splitStepSchema>;

// FNV-1a, then murmur3's finaliser so that ids differing in one character spread evenly.
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The branch this user takes at this node of this connector, always the same one. */
export function splitBranch(branches: readonly { key: string; weight: number }[], connectorId: string, nodeId: string, userId: string): number {
  const point = (hash32(`${connectorId}\u0000${nodeId}\u0000${userId}`) / 2 ** 32) * 100;
  let upTo = 0;
  for (let i = 0; i < branches.length; i++) {
    upTo += branches[i]!.weight;
    if (point < upTo) return i;
  }
  return branches.length - 1;
}

function drawnBranches(data: Data): { key: string; weight: number | null }[] {
  const list = Array.isArray(data.branches) ? data.branches : [];
  return list.flatMap((item) => {
    const branch = asData(item);
    if (typeof branch.key !== "string" || branch.key === "") return [];
    return [{ key: branch.key, weight: typeof branch.weight === "number" && Number.isFinite(branch.weight) ? branch.weight : null }];
  });
}

export const splitNode: StepDefinition<SplitData, SplitStep> = {
  label: "Split",
  description: "A/B test: send users down weighted branches, or hold some out",
  initialData: () => ({ branches: [{ key: "a", weight: 50 }, { key: "b", weight: 50 }] }),
  data: splitDataSchema,
  outputs: (data) => drawnBranches(data).map((branch) => ({ handle: branch.key, label: branch.weight === null ? branch.key : `${branch.key} ${branch.weight}%` })),
  describe(data) {
    const branches = drawnBranches(data);
    if (branches.length === 0) return `Split ${MISSING}`;
    return `Split ${branches.map((b) => `${b.key} ${b.weight === null ? MISSING : `${b.weight}%`}`).join(" · ")}`;
  },
  counts: () => ["entered", "passed"],
  step: splitStepSchema,
  compile: (id, data, next) => ({ type: "split", id, branches: data.branches.map((branch) => ({ ...branch, next: next(branch.key) })) }),
  targets: (step) => step.branches.map((branch) => branch.next),
  run(step, { ctx, clock }) {
    const branch = step.branches[splitBranch(step.branches, ctx.connectorId, step.id, ctx.trigger.userId)]!;
    return { next: branch.next, trace: { nodeId: step.id, at: isoTime(clock), what: "branched", detail: branch.key } };
  },
  tell(entry, step) {
    if (entry.what !== "branched") return [];
    const branch = step.branches.find((b) => b.key === entry.detail);
    const holdout = branch && branch.next === null ? " (a holdout: nothing more is sent)" : "";
    return [{ at: entry.at, nodeId: entry.nodeId, messageId: null, kind: "branched", text: `Split: went down branch ${entry.detail ?? MISSING}${holdout}` }];
  },
};
