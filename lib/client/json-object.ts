// A JSON object typed into a field (an event's data): parsed, or the error to show beside it.
// Empty is no data. `example` shows the shape wanted when the text is JSON but not an object.
export function parseJsonObject(text: string, example: string): { data?: Record<string, unknown> } | { error: string } {
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: "Not valid JSON yet" };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { error: `Write an object, like ${example}` };
  return { data: value as Record<string, unknown> };
}
