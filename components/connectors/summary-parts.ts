// Splits a step summary into plain text and Liquid output tags ({{ event.data.qty }}),
// so the canvas can show each tag as a small field chip. describeNode cuts long text
// with "…", which can leave a tag unclosed at the end; that one becomes a chip too.

export type SummaryPart = { text: string } | { field: string; source: string };

const TAG = /\{\{\s*([^}]*?)\s*\}\}|\{\{\s*([^}]*?)\s*\}?…$/g;

function fieldOf(expression: string, cut: boolean): string {
  const [variable = ""] = expression.split("|");
  const field = variable.trim().replace(/^event\.data\./, "");
  return field ? (cut ? `${field}…` : field) : "…";
}

export function summaryParts(text: string): SummaryPart[] {
  const parts: SummaryPart[] = [];
  let last = 0;
  for (const match of text.matchAll(TAG)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index) });
    const cut = match[1] === undefined;
    parts.push({ field: fieldOf((cut ? match[2] : match[1]) ?? "", cut), source: match[0] });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
