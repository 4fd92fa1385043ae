// What POST /connectors/{id}/check answers, and the warnings publish answers too: one
// schema the route's service, the OpenAPI document and the canvas all read.
import { z } from "zod";

/** The window every check reads: event names and counts of the last 30 days. */
export const CHECK_WINDOW_DAYS = 30;

/** Above this share of the application's users a day, the forecast is a warning. */
export const VOLUME_SHARE = 0.1;

export const WARNING_CODES = ["unseen_event", "overlap", "volume"] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export const checkWarningSchema = z.object({
  code: z.enum(WARNING_CODES).meta({
    description:
      "unseen_event: a trigger, cancel or wait event not logged in the last 30 days; overlap: another live connector starts on " +
      "the same event and sends on the same channel; volume: the forecast is above 10% of the application's users a day",
  }),
  message: z.string().meta({ description: "In words, for a person", example: "ADD_TO_CART has not been logged in the last 30 days. Did you mean ADDTOCART?" }),
  nodeId: z.string().optional().meta({ description: "The node the warning is about" }),
  suggestions: z.array(z.string()).optional().meta({ description: "unseen_event: logged names that look like it, closest first" }),
  connectorId: z.string().optional().meta({ description: "overlap: the live connector it overlaps" }),
});
export type CheckWarning = z.infer<typeof checkWarningSchema>;

export const forecastSchema = z.object({
  messagesPerDay: z.number().meta({ description: "Messages a day if it were live, from the last 30 days of its trigger; an upper bound" }),
  byChannel: z.record(z.string(), z.number()).meta({ description: "The same by channel, for every channel it sends on" }),
  notes: z.array(z.string()).meta({ description: "How the figure was made and what it leaves out, in words" }),
});
export type Forecast = z.infer<typeof forecastSchema>;

export const checkProblemSchema = z.object({ path: z.string(), message: z.string(), nodeId: z.string().optional() });
export type CheckProblem = z.infer<typeof checkProblemSchema>;

export const checkResultSchema = z.object({
  problems: z.array(checkProblemSchema).meta({ description: "Why the graph would not publish (the details a publish would answer 422 with); empty when it compiles" }),
  warnings: z.array(checkWarningSchema).meta({ description: "What to look at before publishing; never blocks it. Empty while there are problems" }),
  forecast: forecastSchema.nullable().meta({ description: "null while the graph has problems" }),
});
export type CheckResult = z.infer<typeof checkResultSchema>;
