import { z } from "zod";
import { draftGraphSchema } from "@/lib/engine/graph";

export const connectorCreateSchema = z.object({
  name: z.string().trim().min(1).max(200),
  graph: draftGraphSchema.optional(),
});

export const connectorUpdateSchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  graph: draftGraphSchema.optional(),
});

export const connectorIdSchema = z.string().min(1).max(100);
