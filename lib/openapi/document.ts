// Builds the OpenAPI 3.1 document served at /api/v1/openapi.json and rendered at /docs.
import type { z } from "zod";
import { nodeDataSchemas } from "@/lib/engine/nodes/registry";
import { providerSpecs } from "@/lib/server/channels/registry";
import { toJsonSchema, type JsonSchema } from "./json-schema";
import { OPERATIONS, TAGS, type Access, type OperationSpec } from "./operations";
import { COMPONENT_SCHEMAS } from "./responses";

export type OpenApiDocument = {
  openapi: string;
  info: { title: string; version: string; description?: string };
  servers?: { url: string; description?: string }[];
  tags: { name: string; description?: string }[];
  paths: Record<string, Record<string, OperationObject>>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, ResponseObject>;
    securitySchemes: Record<string, JsonSchema>;
  };
};

export type ParameterObject = {
  name: string;
  in: "path" | "query";
  required: boolean;
  description?: string;
  schema: JsonSchema;
  example?: string;
};
export type ResponseObject = {
  description: string;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
  content?: Record<string, { schema: JsonSchema; example?: unknown }>;
};
export type OperationObject = {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  security: Record<string, string[]>[];
  parameters?: ParameterObject[];
  requestBody?: { required: boolean; description?: string; content: Record<string, { schema: JsonSchema; example?: unknown }> };
  responses: Record<string, ResponseObject | { $ref: string }>;
  "x-cue-access": Access;
};

export const API_VERSION = "1.0.0";

const DESCRIPTION = `Cue's public HTTP API. Apps, servers and the browser SDK log events and update users;
management (connectors, segments, messages, channels) needs the master secret.

**Authentication.** HTTP Basic with the application key as the user name and a secret as the
password: the *application secret* for events, users, devices and push opens (what an app or a
browser needs), the *master secret* for everything. A request with the wrong secret answers 401,
an application secret on a management endpoint 403.

**Errors** always have one shape, \`{ "error": { "code", "message", "details"? } }\`, with an
honest status; a request that fails stores nothing. 429 and 503 carry \`Retry-After\`.

**Idempotency.** Give each event a client \`id\` (a UUID): sending it again is counted as a
duplicate, stored once and triggers nothing twice, so retries are always safe.`;

const SECURITY_SCHEMES: Record<string, JsonSchema> = {
  appSecret: {
    type: "http",
    scheme: "basic",
    description: "Application key as the user name, application secret as the password. Events, users, devices, push opens.",
  },
  masterSecret: {
    type: "http",
    scheme: "basic",
    description: "Application key as the user name, master secret as the password. Everything, management included; keep it on servers.",
  },
  dashboardSession: {
    type: "apiKey",
    in: "cookie",
    name: "cue_session",
    description: "A signed-in dashboard session (same-origin requests only).",
  },
  cronSecret: { type: "http", scheme: "bearer", description: "Bearer $CRON_SECRET; only for POST /api/v1/cron/tick." },
};

const SECURITY: Record<Access, Record<string, string[]>[]> = {
  none: [],
  app: [{ appSecret: [] }, { masterSecret: [] }, { dashboardSession: [] }],
  master: [{ masterSecret: [] }, { dashboardSession: [] }],
  cron: [{ masterSecret: [] }, { cronSecret: [] }, { dashboardSession: [] }],
};

const errorContent = { "application/json": { schema: { $ref: "#/components/schemas/Error" } } };
const retryAfter = { "Retry-After": { description: "Seconds to wait before trying again", schema: { type: "integer" } } };

export const ERROR_RESPONSES: Record<string, { status: number; response: ResponseObject }> = {
  BadRequest: { status: 400, response: { description: "Malformed JSON or invalid fields; details name each one", content: errorContent } },
  Unauthorized: { status: 401, response: { description: "Missing or wrong credentials", content: errorContent } },
  Forbidden: { status: 403, response: { description: "Valid credentials that may not do this (the application secret on a management endpoint)", content: errorContent } },
  NotFound: { status: 404, response: { description: "No such resource in this application", content: errorContent } },
  Conflict: { status: 409, response: { description: "Conflicts with what exists", content: errorContent } },
  PayloadTooLarge: { status: 413, response: { description: "The body (512 KB) or an event's data (32 KB) is too large", content: errorContent } },
  UnsupportedMediaType: { status: 415, response: { description: "The body is not JSON", content: errorContent } },
  InvalidGraph: { status: 422, response: { description: "The graph does not compile; details name the node ids", content: errorContent } },
  RateLimited: { status: 429, response: { description: "Too many requests", headers: retryAfter, content: errorContent } },
  Unavailable: { status: 503, response: { description: "The database is unavailable; retry shortly", headers: retryAfter, content: errorContent } },
};
const errorRef = (status: number) => {
  const name = Object.keys(ERROR_RESPONSES).find((key) => ERROR_RESPONSES[key]!.status === status);
  if (!name) throw new Error(`No shared response for status ${status}`);
  return { $ref: `#/components/responses/${name}` };
};

const QUERY_DESCRIPTIONS: Record<string, string> = {
  limit: "Page size",
  offset: "How many to skip",
  cursor: "nextCursor from the previous page",
  q: "Search text",
  userId: "Only this user",
  event: "Only this event name",
  connectorId: "Only this connector",
  channel: "Only this channel",
  status: "Only this status",
};

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** GET /api/v1/users/{userId}/events → getUsersByUserIdEvents */
export function operationId(method: string, path: string): string {
  const parts = path
    .replace(/^\/api(\/v1)?\//, "")
    .split("/")
    .filter(Boolean)
    .map((part) => {
      const param = /^\{(.+)\}$/.exec(part);
      const words = (param ? param[1]! : part).split(/[^A-Za-z0-9]+/).filter(Boolean).map(capitalise).join("");
      return param ? `By${words}` : words;
    });
  return method.toLowerCase() + parts.join("");
}

function isRequired(schema: z.ZodType): boolean {
  return !schema.safeParse(undefined).success;
}

function errorStatuses(op: OperationSpec): number[] {
  const statuses = new Set<number>(op.errors ?? []);
  if (op.access !== "none") statuses.add(401).add(503);
  if (op.access === "master" || op.access === "cron") statuses.add(403);
  if (op.params) statuses.add(400).add(404);
  if (op.query) statuses.add(400);
  if (op.body) statuses.add(400).add(413).add(415);
  return [...statuses].sort((a, b) => a - b);
}

// Adds descriptions to body fields by name, wherever they appear, unless one is there.
function describeFields(schema: JsonSchema, fields: Record<string, string>): JsonSchema {
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (!node || typeof node !== "object") return node;
    const out: JsonSchema = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === "properties" && value && typeof value === "object") {
        out[key] = Object.fromEntries(
          Object.entries(value).map(([name, field]) => {
            const described = visit(field) as JsonSchema;
            return [name, fields[name] && !described.description ? { ...described, description: fields[name] } : described];
          }),
        );
      } else out[key] = visit(value);
    }
    return out;
  };
  return visit(schema) as JsonSchema;
}

function buildOperation(op: OperationSpec, components: ReadonlyMap<z.ZodType, string>): OperationObject {
  const parameters: ParameterObject[] = [
    ...Object.entries(op.params ?? {}).map(([name, param]) => ({
      name,
      in: "path" as const,
      required: true,
      description: param.description,
      schema: toJsonSchema(param.schema, "input"),
      example: param.example,
    })),
    ...Object.entries(op.query?.shape ?? {}).map(([name, field]) => ({
      name,
      in: "query" as const,
      required: isRequired(field as z.ZodType),
      description: QUERY_DESCRIPTIONS[name],
      schema: toJsonSchema(field as z.ZodType, "input"),
      ...(op.queryExample?.[name] !== undefined ? { example: op.queryExample[name] } : {}),
    })),
  ];
  const responses: OperationObject["responses"] = {
    [String(op.success.status)]: {
      description: op.success.description,
      content: {
        [op.success.contentType ?? "application/json"]: {
          schema: toJsonSchema(op.success.schema, "output", components),
          ...(op.success.example !== undefined ? { example: op.success.example } : {}),
        },
      },
    },
  };
  for (const status of errorStatuses(op)) responses[String(status)] = errorRef(status);

  return {
    operationId: operationId(op.method, op.path),
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    security: SECURITY[op.access],
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? {
          requestBody: {
            // A body schema that accepts undefined is an optional body (the wrapper reads an empty one as undefined).
            required: isRequired(op.body),
            content: {
              "application/json": {
                schema: describeFields(toJsonSchema(op.body, "input"), op.fields ?? {}),
                ...(op.bodyExample !== undefined ? { example: op.bodyExample } : {}),
              },
            },
          },
        }
      : {}),
    responses,
    "x-cue-access": op.access,
  };
}

function componentSchemas(components: ReadonlyMap<z.ZodType, string>): Record<string, JsonSchema> {
  const schemas: Record<string, JsonSchema> = {};
  for (const [name, schema] of Object.entries(COMPONENT_SCHEMAS)) schemas[name] = toJsonSchema(schema, "output", components);
  for (const [type, schema] of Object.entries(nodeDataSchemas)) {
    schemas[`${capitalise(type)}Data`] = { description: `The data of a ${type} node`, ...toJsonSchema(schema, "input") };
  }
  for (const [provider, spec] of Object.entries(providerSpecs)) {
    schemas[`${capitalise(provider)}Config`] = { description: `Settings of the ${spec.label} provider`, ...toJsonSchema(spec.schema, "input") };
  }
  return schemas;
}

let built: OpenApiDocument | null = null;

/** The document; `serverUrl` (this server's public origin) becomes its one server. */
export function buildOpenApiDocument(options: { serverUrl?: string } = {}): OpenApiDocument {
  built ??= buildDocument();
  return options.serverUrl ? { ...built, servers: [{ url: options.serverUrl, description: "This Cue server" }] } : built;
}

function buildDocument(): OpenApiDocument {
  const components = new Map<z.ZodType, string>(Object.entries(COMPONENT_SCHEMAS).map(([name, schema]) => [schema, name]));
  const paths: OpenApiDocument["paths"] = {};
  for (const op of OPERATIONS) {
    (paths[op.path] ??= {})[op.method.toLowerCase()] = buildOperation(op, components);
  }
  return {
    openapi: "3.1.0",
    info: { title: "Cue API", version: API_VERSION, description: DESCRIPTION },
    tags: TAGS.map((tag) => ({ ...tag })),
    paths,
    components: {
      schemas: componentSchemas(components),
      responses: Object.fromEntries(Object.entries(ERROR_RESPONSES).map(([name, { response }]) => [name, response])),
      securitySchemes: SECURITY_SCHEMES,
    },
  };
}
