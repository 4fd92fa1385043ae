// How Segment's calls become Cue data. The table in the README and the API reference
// describes exactly this file.
import { userUpsertSchema } from "../users";
import type { ProfileFields } from "../ingest/profiles";
import type { SegmentMessage } from "./messages";

/** The event names page and screen calls are stored under; `name`/`category` go into data. */
export const PAGE_EVENT = "page.viewed";
export const SCREEN_EVENT = "screen.viewed";

/** track, page and screen become events; identify, group and alias do not. */
export function eventOf(m: SegmentMessage): { name: string; data: Record<string, unknown> } | null {
  if (m.type === "track") return { name: m.event!, data: m.properties };
  if (m.type === "page" || m.type === "screen") {
    return {
      name: m.type === "page" ? PAGE_EVENT : SCREEN_EVENT,
      data: { ...m.properties, ...(m.name ? { name: m.name } : {}), ...(m.category ? { category: m.category } : {}) },
    };
  }
  return null;
}

/** identify updates the profile from traits; group records the group on the user. */
export function profileOf(m: SegmentMessage): { fields: ProfileFields; attributes: Record<string, unknown> } | null {
  if (m.type === "identify") return profileFromTraits(m.traits);
  if (m.type === "group") return { fields: {}, attributes: { groupId: m.groupId, group: m.traits } };
  return null;
}

const FIELDS = ["email", "phone", "name"] as const;

/**
 * email, phone and name fill the profile's fields (name falls back to firstName +
 * lastName, as Segment's own libraries do); every other trait is an attribute. A value
 * Cue cannot take as a field (an email that is not an address) is kept as an attribute
 * rather than refusing the call, since Segment accepts any trait.
 */
export function profileFromTraits(traits: Record<string, unknown>): { fields: ProfileFields; attributes: Record<string, unknown> } {
  const fields: ProfileFields = {};
  const attributes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(traits)) {
    if (!(FIELDS as readonly string[]).includes(key)) attributes[key] = value;
  }
  for (const key of FIELDS) {
    if (!(key in traits)) continue;
    const parsed = userUpsertSchema.shape[key].safeParse(traits[key]);
    if (parsed.success) fields[key] = parsed.data ?? null;
    else attributes[key] = traits[key];
  }
  if (!("name" in traits)) {
    const full = [traits.firstName, traits.lastName].filter((p): p is string => typeof p === "string" && p.trim() !== "").join(" ");
    if (full) fields.name = full.slice(0, 200);
  }
  return { fields, attributes };
}
