// trigger: where a connector starts — an event (with filters, an occurrence count and a
// re-entry rule) or a stretch of inactivity. Not a step: it compiles into rule.trigger.
import { z } from "zod";
import { SINGLE_OUTPUT, type TriggerDefinition } from "./definition";
import { MAX_WINDOW_HOURS, REENTRY, dataPath, eventName, filterList } from "./fields";
import { MISSING, asData, describeFilters, plural, positive, text, type Data } from "./words";

const eventTriggerSchema = z.object({
  kind: z.literal("event"),
  event: eventName("Choose the event that starts this connector"),
  where: filterList.optional(),
  occurrences: z
    .object({
      atLeast: z
        .number({ error: "Say how many times the event must happen" })
        .int({ error: "Use a whole number of times" })
        .min(1, { error: "At least once" })
        .max(1000, { error: "At most 1000 times" }),
      sameValueOf: dataPath("Choose the field whose value must be the same").optional(),
      withinHours: z
        .number({ error: "Give the window in hours" })
        .positive({ error: "The window must be longer than 0 hours" })
        .max(MAX_WINDOW_HOURS, { error: `The window is at most ${MAX_WINDOW_HOURS} hours` })
        .optional(),
    })
    .optional(),
  reentry: z.enum(REENTRY, { error: "Choose always, ifNotActive or once" }).default("ifNotActive"),
});

const inactivityTriggerSchema = z.object({
  kind: z.literal("inactivity"),
  event: eventName("Choose the event whose absence starts this connector").default("app.open"),
  days: z
    .number({ error: "Say after how many days without the event" })
    .int({ error: "Use a whole number of days" })
    .min(1, { error: "At least 1 day" })
    .max(365, { error: "At most 365 days" }),
});

const triggerDataSchema = z.discriminatedUnion("kind", [eventTriggerSchema, inactivityTriggerSchema], {
  error: "Choose what starts this connector: an event or inactivity",
});
export type TriggerData = z.infer<typeof triggerDataSchema>;

function describeTrigger(data: Data): string {
  if (data.kind === "inactivity") {
    const days = positive(data.days);
    return `No ${text(data.event) ?? "app.open"} for ${days === null ? `${MISSING} days` : plural(days, "day")}`;
  }
  let summary = `When ${text(data.event) ?? MISSING}`;
  const occurrences = asData(data.occurrences);
  const atLeast = positive(occurrences.atLeast);
  if (atLeast !== null && atLeast > 1) summary += ` happens ${atLeast} times`;
  const sameValueOf = text(occurrences.sameValueOf);
  if (atLeast !== null && sameValueOf) summary += ` with the same ${sameValueOf}`;
  const hours = positive(occurrences.withinHours);
  if (atLeast !== null && hours !== null) {
    summary += ` within ${hours % 24 === 0 ? plural(hours / 24, "day") : plural(hours, "hour")}`;
  }
  const where = describeFilters(data.where, " and ");
  return where ? `${summary} where ${where}` : summary;
}

export const triggerNode: TriggerDefinition<TriggerData> = {
  label: "Trigger",
  description: "An event, or a stretch of inactivity, starts the flow",
  initialData: () => ({ kind: "event" }),
  data: triggerDataSchema,
  outputs: () => SINGLE_OUTPUT,
  describe: describeTrigger,
  counts: () => ["entered"],
  compileTrigger(nodeId, data) {
    if (data.kind === "inactivity") return { nodeId, kind: "inactivity", event: data.event, days: data.days };
    return {
      nodeId,
      kind: "event",
      event: data.event,
      where: data.where ?? [],
      occurrences: data.occurrences
        ? {
            atLeast: data.occurrences.atLeast,
            sameValueOf: data.occurrences.sameValueOf ?? null,
            withinHours: data.occurrences.withinHours ?? null,
          }
        : null,
      reentry: data.reentry,
    };
  },
};
