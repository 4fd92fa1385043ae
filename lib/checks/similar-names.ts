// "Did you mean ADDTOCART?": the logged event names close to one that was never logged.
// Names are compared after folding case and separators (ADD_TO_CART, add-to-cart and
// AddToCart are one spelling), then by edit distance, so a typo one or two letters off
// is found too. Matching itself stays exact: a suggestion is for a person to accept.
import { distance } from "fastest-levenshtein";

/** Lower case without separators: "ADD_TO_CART", "add-to-cart" and "Add To Cart" all read "addtocart". */
export function normalizeEventName(name: string): string {
  return name.toLowerCase().replace(/[\s._\-:/]+/g, "");
}

// How far apart two folded names may be and still be offered: about one edit in four
// letters, at least one and at most three ("purchse" → "purchase", not "signin" → "signup").
function allowedDistance(a: string, b: string): number {
  return Math.min(3, Math.max(1, Math.floor(Math.max(a.length, b.length) / 4)));
}

/**
 * Up to `limit` names from `known` (name → how often it was logged) that look like `name`,
 * closest first, then the most logged. The name itself is never offered.
 */
export function similarNames(name: string, known: ReadonlyMap<string, number>, limit = 3): string[] {
  const folded = normalizeEventName(name);
  const candidates: { name: string; distance: number; count: number }[] = [];
  for (const [candidate, count] of known) {
    if (candidate === name) continue;
    const other = normalizeEventName(candidate);
    if (folded === "" || other === "") continue;
    const apart = folded === other ? 0 : distance(folded, other);
    if (apart <= allowedDistance(folded, other)) candidates.push({ name: candidate, distance: apart, count });
  }
  return candidates
    .sort((a, b) => a.distance - b.distance || b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, limit)
    .map((candidate) => candidate.name);
}

/** "ADDTOCART", "ADDTOCART or ADD_CART", "A, B or C". */
export function orList(names: readonly string[]): string {
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
}
