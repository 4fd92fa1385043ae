import { Validator } from "@seriousme/openapi-schema-validator";
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import type { z } from "zod";
import { buildOpenApiDocument } from "./document";
import { toJsonSchema } from "./json-schema";
import { OPERATIONS, type OperationSpec } from "./operations";
import { validateOpenApi } from "./validate";

// Every apiRoute(...) call hands its options to the returned handler, so the test can
// compare what each route really validates with what the document says.
type RouteOptions = { access: string; body?: z.ZodType; query?: z.ZodType; status?: number };
vi.mock("@/lib/server/api/handler", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/server/api/handler")>();
  return {
    ...original,
    apiRoute: (options: RouteOptions, handler: Parameters<typeof original.apiRoute>[1]) =>
      Object.assign(original.apiRoute(options as never, handler as never), { routeOptions: options }),
  };
});

const root = path.resolve(__dirname, "../..");
const METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH"] as const;

/** app/api/v1/users/[userId]/route.ts → /api/v1/users/{userId} */
function routePath(file: string): string {
  const dir = path.dirname(path.relative(path.join(root, "app"), file)).split(path.sep);
  return "/" + dir.filter((part) => !/^\(.*\)$/.test(part)).map((part) => part.replace(/^\[(.+)\]$/, "{$1}")).join("/");
}

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => path.basename(file) === "route.ts")
    // The catch-all answers 404 for paths that are not operations; it is not one.
    .filter((file) => !file.includes("[..."))
    .map((file) => path.join(dir, file))
    .sort();
}

type Route = { key: string; options?: RouteOptions };

async function loadRoutes(): Promise<Route[]> {
  const files = [...routeFiles(path.join(root, "app/api/v1")), path.join(root, "app/api/health/route.ts")];
  const routes: Route[] = [];
  for (const file of files) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const method of METHODS) {
      const handler = mod[method] as (((...args: never[]) => unknown) & { routeOptions?: RouteOptions }) | undefined;
      if (typeof handler === "function") routes.push({ key: `${method} ${routePath(file)}`, options: handler.routeOptions });
    }
  }
  return routes;
}

const keyOf = (op: OperationSpec) => `${op.method} ${op.path}`;
const schemaOf = (schema: z.ZodType | undefined) => (schema ? toJsonSchema(schema, "input") : undefined);

describe("the OpenAPI document", async () => {
  const routes = await loadRoutes();
  const doc = buildOpenApiDocument({ serverUrl: "http://localhost:3000" });

  it("documents every route under app/api/v1 (and /api/health), and nothing that is not a route", () => {
    const served = routes.map((r) => r.key).sort();
    const documented = OPERATIONS.map(keyOf).sort();
    expect(served.filter((key) => !documented.includes(key)), "routes without an entry in lib/openapi/operations.ts").toEqual([]);
    expect(documented.filter((key) => !served.includes(key)), "documented operations without a route").toEqual([]);
    const inDocument = Object.entries(doc.paths).flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`));
    expect(inDocument.sort()).toEqual(documented);
  });

  it("describes each route with the schemas, access and status the route itself uses", () => {
    const mismatches: string[] = [];
    for (const route of routes) {
      const spec = OPERATIONS.find((op) => keyOf(op) === route.key)!;
      const options = route.options;
      if (!options) continue; // hand-written handlers (cron tick, health, this document)
      if (options.access !== spec.access) mismatches.push(`${route.key}: access ${options.access}, documented ${spec.access}`);
      if ((options.status ?? 200) !== spec.success.status) mismatches.push(`${route.key}: status ${options.status ?? 200}, documented ${spec.success.status}`);
      const query = JSON.stringify(schemaOf(options.query));
      if (query !== JSON.stringify(schemaOf(spec.query))) mismatches.push(`${route.key}: the query schema differs from the documented one`);
      const body = JSON.stringify(schemaOf(options.body));
      const documentedBody = spec.bodyValidatedInHandler ? JSON.stringify({}) : JSON.stringify(schemaOf(spec.body));
      if (body !== documentedBody) mismatches.push(`${route.key}: the body schema differs from the documented one`);
    }
    expect(mismatches).toEqual([]);
  });

  it("is a valid OpenAPI 3.1 document whose examples match their schemas", () => {
    expect(validateOpenApi(doc as never)).toEqual([]);
  });

  it("passes the official OpenAPI 3.1 JSON schema", async () => {
    const result = await new Validator().validate(structuredClone(doc) as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("gives every operation a summary, a tag, security and a success response", () => {
    for (const [p, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        expect(op.summary, `${method} ${p}`).toBeTruthy();
        expect(op.tags).toHaveLength(1);
        expect(Object.keys(op.responses).some((code) => code.startsWith("2")), `${method} ${p}`).toBe(true);
        if (op["x-cue-access"] !== "none") expect(op.security.length, `${method} ${p}`).toBeGreaterThan(0);
      }
    }
  });

  it("catches what a broken document gets wrong", () => {
    const broken = structuredClone(doc) as unknown as Record<string, any>;
    broken.openapi = "3.0.0";
    delete broken.info.title;
    broken.paths["/api/v1/users/{userId}"].get.parameters = [];
    broken.paths["/api/v1/events"].post.responses = {};
    broken.paths["/api/v1/segments"].get.security = [{ nope: [] }];
    broken.paths["/api/v1/messages"].get.tags = ["Nowhere"];
    broken.paths["/api/v1/connectors"].post.operationId = "postEvents";
    broken.paths["/api/health"].get.responses["200"].content["application/json"].example = { status: "down" };
    broken.components.schemas.Event.properties.userId = { $ref: "#/components/schemas/Missing" };
    const problems = validateOpenApi(broken).join("\n");
    for (const expected of [
      "openapi: must be a 3.1.x version string",
      "info.title: is required",
      "path parameter {userId} is not described",
      "POST /api/v1/events: needs at least one response",
      "security scheme nope is not defined",
      "tag Nowhere is not declared",
      "duplicate operationId postEvents",
      "the example does not match the schema",
      "$ref #/components/schemas/Missing does not resolve",
    ]) {
      expect(problems).toContain(expected);
    }
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("serves the document publicly, with this server as its server", async () => {
    const { GET } = await import("@/app/api/v1/openapi.json/route");
    const response = await GET(new Request("http://127.0.0.1:3210/api/v1/openapi.json", { headers: { host: "cue.example.com", "x-forwarded-proto": "https" } }));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.openapi).toBe("3.1.0");
    expect(body.servers).toEqual([{ url: "https://cue.example.com", description: "This Cue server" }]);
  });
});
