// Reads a JSON body without ever buffering more than `maxBytes`: an oversize body is
// refused from its Content-Length, or as soon as the stream passes the limit. What it
// returns is JSON that every later step can handle: nested at most MAX_JSON_DEPTH levels
// (JSON.stringify and the database recurse), with only strings PostgreSQL can store, and
// without "__proto__" keys.
import { ApiError, type ErrorDetail } from "./errors";

export const MAX_JSON_DEPTH = 64;

/** `optional`: an empty body reads as undefined (for routes whose whole body is optional) instead of a 400. */
export async function readJsonBody(request: Request, maxBytes: number, optional = false): Promise<unknown> {
  const type = request.headers.get("content-type");
  if (type && !/^application\/([\w.+-]+\+)?json\b/i.test(type) && !/^text\/plain\b/i.test(type)) {
    throw new ApiError("unsupported_media_type", "Send the body as application/json");
  }
  const text = await readBodyText(request, maxBytes);
  if (!text.trim()) {
    if (optional) return undefined;
    throw new ApiError("invalid_request", "The request body is empty");
  }
  assertNestingDepth(text);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiError("invalid_request", "The request body is not valid JSON");
  }
  assertStorableStrings(json);
  return json;
}

/** The body as UTF-8 text, never buffering more than `maxBytes` (413 past it); for any body, JSON or not. */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const tooLarge = () => new ApiError("payload_too_large", `The request body exceeds ${Math.round(maxBytes / 1024)} KB`);
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!request.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new ApiError("invalid_request", "The request body is not valid UTF-8");
  }
}

const tooDeep = () =>
  new ApiError("invalid_request", `The request body nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels`);

/** Counts bracket depth in the raw text (skipping strings), so a 100,000-level body costs nothing to refuse. */
function assertNestingDepth(text: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) throw tooDeep();
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
}

// PostgreSQL text and jsonb cannot hold U+0000, and jsonb refuses unpaired surrogates
// ("\ud800"), which text columns would silently turn into U+FFFD (merging distinct ids).
/** Why the database could not store `s` as given, or null when it can. */
export function unstorableReason(s: string): string | null {
  if (s.includes("\u0000")) return "contains a NUL character (\\u0000)";
  if (!s.isWellFormed()) return "contains an unpaired UTF-16 surrogate";
  return null;
}

function assertStorableStrings(json: unknown): void {
  const details: ErrorDetail[] = [];
  const check = (s: string, path: string, what: string) => {
    const reason = unstorableReason(s);
    if (reason) details.push({ path, message: `${what} ${reason}` });
  };
  // Iterative walk: depth is already bounded, but nothing here should depend on the stack.
  const stack: [unknown, string][] = [[json, ""]];
  while (stack.length && details.length < 20) {
    const [value, path] = stack.pop()!;
    if (typeof value === "string") check(value, path || "(body)", "The string");
    else if (value !== null && typeof value === "object") {
      for (const [key, child] of Object.entries(value)) {
        const at = path ? `${path}.${key}` : key;
        check(key, at, "The key");
        // JSON.parse makes it an own key, but any later copy of the object (Prisma's JSON
        // serialiser among them) sets the prototype instead: refused, as secure parsers do.
        if (key === "__proto__") details.push({ path: at, message: "A key named __proto__ is not allowed" });
        stack.push([child, at]);
      }
    }
  }
  if (details.length) throw new ApiError("invalid_request", "The request body has keys or strings that cannot be stored", details);
}
