// zod → JSON Schema (2020-12, which is OpenAPI 3.1's dialect) with zod 4's own
// converter, then tidied for reading: shared shapes become $refs to components, the
// long regexes behind formats go, and responses do not promise "no other fields" (new
// optional fields are a compatible change).
import { z } from "zod";

export type JsonSchema = { [key: string]: unknown };
export type Io = "input" | "output";

export const COMPONENT_REF = "#/components/schemas/";

const FORMATS_WITH_NOISY_PATTERNS = new Set(["date-time", "email", "uri", "date"]);

function tidy(node: unknown, io: Io): unknown {
  if (Array.isArray(node)) return node.map((item) => tidy(item, io));
  if (!node || typeof node !== "object") return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$schema") continue;
    if (key === "pattern" && FORMATS_WITH_NOISY_PATTERNS.has(String((node as JsonSchema).format))) continue;
    if (key === "additionalProperties" && value === false && io === "output") continue;
    // zod's int() bounds (±2^53-1) and string record keys say nothing a reader needs.
    if ((key === "minimum" || key === "maximum") && Math.abs(Number(value)) === Number.MAX_SAFE_INTEGER) continue;
    if (key === "propertyNames" && JSON.stringify(value) === '{"type":"string"}') continue;
    out[key] = tidy(value, io);
  }
  return out;
}

/** `components`: schemas that become `$ref`s wherever they appear (except at the root). */
export function toJsonSchema(schema: z.ZodType, io: Io, components: ReadonlyMap<z.ZodType, string> = new Map()): JsonSchema {
  const json = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
    override: (ctx) => {
      const name = components.get(ctx.zodSchema as unknown as z.ZodType);
      if (!name || ctx.path.length === 0) return;
      const target = ctx.jsonSchema as JsonSchema;
      for (const key of Object.keys(target)) delete target[key];
      target.$ref = COMPONENT_REF + name;
    },
  });
  return tidy(json, io) as JsonSchema;
}
