import { z } from "zod";
import { draftGraphSchema } from "@/lib/engine/graph";
import { connectorGoalSchema } from "../analytics/connector-goal";

export const connectorCreateSchema = z.object({
  name: z.string().trim().min(1).max(200),
  graph: draftGraphSchema.optional(),
});

export const connectorUpdateSchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  graph: draftGraphSchema.optional(),
  // null removes the goal; absent leaves it as it is.
  goal: connectorGoalSchema.nullable().optional(),
});

// The whole body is optional: without it (or without graph) the stored draft is checked.
export const connectorCheckSchema = z
  .object({ graph: draftGraphSchema.optional().meta({ description: "An unsaved graph to check instead of the stored draft" }) })
  .optional();

export const connectorIdSchema = z.string().min(1).max(100);
