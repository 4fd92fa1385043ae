// Renders a JSON Schema from the OpenAPI document as a readable field list: name, type,
// required, limits and description, nested objects indented, shared shapes linked.
import type { ReactNode } from "react";
import type { JsonSchema } from "@/lib/openapi/json-schema";
import { COMPONENT_REF } from "@/lib/openapi/json-schema";

const MAX_DEPTH = 4;

export const schemaAnchor = (name: string) => `schema-${name}`;

const isSchema = (value: unknown): value is JsonSchema => !!value && typeof value === "object" && !Array.isArray(value);

function refName(schema: JsonSchema): string | null {
  return typeof schema.$ref === "string" && schema.$ref.startsWith(COMPONENT_REF) ? schema.$ref.slice(COMPONENT_REF.length) : null;
}

function variants(schema: JsonSchema): JsonSchema[] | null {
  const list = schema.anyOf ?? schema.oneOf;
  return Array.isArray(list) ? list.filter(isSchema) : null;
}

const isNull = (schema: JsonSchema) => schema.type === "null";

/** The shape of a value in one short line: string, integer | null, "a" | "b", Event[], Record<string, any>. */
export function typeLabel(schema: JsonSchema): ReactNode {
  const ref = refName(schema);
  if (ref) {
    return (
      <a href={`#${schemaAnchor(ref)}`} className="text-brand-700 underline decoration-brand-200 underline-offset-2 hover:decoration-brand-500">
        {ref}
      </a>
    );
  }
  if ("const" in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  const options = variants(schema);
  if (options) {
    return options.map((option, i) => (
      <span key={i}>
        {i > 0 ? " | " : null}
        {typeLabel(option)}
      </span>
    ));
  }
  if (Array.isArray(schema.type)) return schema.type.join(" | ");
  if (schema.type === "array") return <>{isSchema(schema.items) ? typeLabel(schema.items) : "any"}[]</>;
  if (schema.type === "object" && !isSchema(schema.properties) && isSchema(schema.additionalProperties)) {
    const value = schema.additionalProperties;
    return Object.keys(value).length === 0 ? "object" : <>Record&lt;string, {typeLabel(value)}&gt;</>;
  }
  if (typeof schema.type === "string") return schema.format ? `${schema.type} (${String(schema.format)})` : schema.type;
  return "any";
}

export function constraints(schema: JsonSchema): string[] {
  const out: string[] = [];
  const has = (key: string) => typeof schema[key] === "number";
  if (has("minLength") && has("maxLength")) out.push(`${schema.minLength}–${schema.maxLength} chars`);
  else if (has("maxLength")) out.push(`≤ ${schema.maxLength} chars`);
  else if (has("minLength") && schema.minLength !== 0) out.push(`≥ ${schema.minLength} chars`);
  if (has("minimum") && has("maximum")) out.push(`${schema.minimum}–${schema.maximum}`);
  else if (has("minimum")) out.push(`≥ ${schema.minimum}`);
  else if (has("maximum")) out.push(`≤ ${schema.maximum}`);
  if (has("exclusiveMinimum")) out.push(`> ${schema.exclusiveMinimum}`);
  if (has("minItems") && has("maxItems")) out.push(`${schema.minItems}–${schema.maxItems} items`);
  else if (has("maxItems")) out.push(`≤ ${schema.maxItems} items`);
  if (typeof schema.pattern === "string") out.push(`matches ${schema.pattern}`);
  if ("default" in schema) out.push(`default ${JSON.stringify(schema.default)}`);
  return out;
}

// The object a field's children come from: the field itself, the item of an array, or
// the non-null member of a nullable object.
function childObject(schema: JsonSchema): JsonSchema | null {
  if (isSchema(schema.properties)) return schema;
  if (schema.type === "array" && isSchema(schema.items) && isSchema(schema.items.properties)) return schema.items;
  const options = variants(schema);
  if (options && options.length === 2 && options.some(isNull)) {
    const other = options.find((o) => !isNull(o));
    return other ? childObject(other) : null;
  }
  return null;
}

function FieldRow({ name, schema, required, depth }: { name: string; schema: JsonSchema; required: boolean; depth: number }) {
  const limits = constraints(schema);
  const child = depth < MAX_DEPTH ? childObject(schema) : null;
  const options = variants(schema);
  const objectVariants = options && !child && options.filter((o) => isSchema(o.properties)).length > 1 ? options : null;
  return (
    <li className="py-2.5">
      <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
        <code className="font-mono text-[13px] font-semibold text-slate-900">{name}</code>
        <span className="font-mono text-xs text-slate-500">{typeLabel(schema)}</span>
        {required ? <span className="text-[11px] font-medium tracking-wide text-amber-700 uppercase">required</span> : null}
        {limits.map((limit) => (
          <span key={limit} className="rounded bg-slate-100 px-1.5 py-px font-mono text-[11px] text-slate-600">
            {limit}
          </span>
        ))}
      </div>
      {typeof schema.description === "string" ? <p className="mt-1 text-[13px] leading-5 text-slate-600">{schema.description}</p> : null}
      {child ? (
        <div className="mt-2 border-l-2 border-slate-100 pl-4">
          <Fields schema={child} depth={depth + 1} />
        </div>
      ) : null}
      {objectVariants && depth < MAX_DEPTH ? <Variants options={objectVariants} depth={depth + 1} /> : null}
    </li>
  );
}

function Variants({ options, depth }: { options: JsonSchema[]; depth: number }) {
  return (
    <div className="mt-2 space-y-2">
      {options.map((option, i) => (
        <div key={i} className="rounded-lg border border-slate-200 px-3 py-1">
          <p className="pt-1.5 text-[11px] font-medium tracking-wide text-slate-500 uppercase">
            {i === 0 ? "Either" : "or"}
            {typeof option.title === "string" ? <span className="ml-1.5 text-slate-800 normal-case">{option.title}</span> : null}
          </p>
          <Fields schema={option} depth={depth} />
        </div>
      ))}
    </div>
  );
}

function Fields({ schema, depth }: { schema: JsonSchema; depth: number }) {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const entries = Object.entries(properties).filter((entry): entry is [string, JsonSchema] => isSchema(entry[1]));
  if (entries.length === 0) return <p className="py-2 text-[13px] text-slate-500">Any JSON object.</p>;
  return (
    <ul className="divide-y divide-slate-100">
      {entries.map(([name, field]) => (
        <FieldRow key={name} name={name} schema={field} required={required.has(name)} depth={depth} />
      ))}
    </ul>
  );
}

/** A whole schema: its fields, the variants of a union, or its one-line type. */
export function SchemaView({ schema }: { schema: JsonSchema }) {
  const options = variants(schema);
  return (
    <div>
      {typeof schema.description === "string" ? <p className="mb-2 text-[13px] leading-5 text-slate-600">{schema.description}</p> : null}
      {isSchema(schema.properties) ? (
        <Fields schema={schema} depth={0} />
      ) : options && options.some((o) => isSchema(o.properties)) ? (
        <Variants options={options} depth={0} />
      ) : (
        <p className="font-mono text-[13px] text-slate-700">{typeLabel(schema)}</p>
      )}
    </div>
  );
}
