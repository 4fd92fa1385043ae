// A connector's goal: the event that counts as success, and how long after entering a
// user has to log it. Stored in Connector.goal; parsed on every read (JSON is untrusted).
import { z } from "zod";

export const DEFAULT_GOAL_HOURS = 168;
export const MAX_GOAL_HOURS = 24 * 365;

export const connectorGoalSchema = z
  .object({
    event: z.string().trim().min(1, "goal.event is required").max(200, "event names are at most 200 characters"),
    withinHours: z.number().int().min(1).max(MAX_GOAL_HOURS).default(DEFAULT_GOAL_HOURS),
    exit: z.boolean().optional().meta({ description: "When true, the goal event also ends the user's walk in progress, as exited" }),
  })
  .strict()
  .meta({ description: `An entered user converts by logging \`event\` after entering and within \`withinHours\` (default ${DEFAULT_GOAL_HOURS}, one week)` });

export type ConnectorGoal = z.infer<typeof connectorGoalSchema>;

/** The stored goal, or null when there is none (or it is not one we could have written). */
export function parseGoal(json: unknown): ConnectorGoal | null {
  const parsed = connectorGoalSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}
