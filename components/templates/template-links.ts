import type { Channel, Format } from "@/lib/engine/nodes/fields";

/** The new-template page, starting on a channel (and for email a format, whose starter layout fills the body). */
export const newTemplateHref = (channel?: Channel, format?: Format) =>
  `/templates/new${channel ? `?channel=${channel}${format ? `&format=${format}` : ""}` : ""}`;
