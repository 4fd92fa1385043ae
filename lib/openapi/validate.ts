// Checks an OpenAPI 3.1 document: the structure the specification requires (required
// fields, path templates and their parameters, response codes, security schemes, tags,
// resolvable $refs, unique operation ids), that every schema compiles as JSON Schema
// 2020-12 (OpenAPI 3.1's dialect) with Ajv, and that every example matches its schema.
// No OpenAPI validator package is installed here, hence this structural check; Ajv comes
// with the toolchain (a dependency of Prisma's dev tooling).
import Ajv2020 from "ajv/dist/2020";

type Json = { [key: string]: unknown };

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
const PATH_ITEM_KEYS = new Set<string>([...METHODS, "$ref", "summary", "description", "servers", "parameters"]);
const PARAMETER_LOCATIONS = new Set(["query", "header", "path", "cookie"]);
const DOC_ID = "https://cue.invalid/openapi.json";

const isObject = (value: unknown): value is Json => !!value && typeof value === "object" && !Array.isArray(value);

function resolvePointer(doc: Json, ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  let node: unknown = doc;
  for (const raw of ref.slice(2).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = (node as Json)[key];
  }
  return node;
}

function walk(node: unknown, visit: (node: Json, path: string) => void, path = "#"): void {
  if (Array.isArray(node)) node.forEach((item, i) => walk(item, visit, `${path}/${i}`));
  else if (isObject(node)) {
    visit(node, path);
    for (const [key, value] of Object.entries(node)) walk(value, visit, `${path}/${key}`);
  }
}

// Refs inside schemas point into the document; Ajv resolves them against DOC_ID.
function absoluteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(absoluteRefs);
  if (!isObject(node)) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, key === "$ref" && typeof value === "string" && value.startsWith("#/") ? DOC_ID + value : absoluteRefs(value)]),
  );
}

export function validateOpenApi(doc: Json): string[] {
  const problems: string[] = [];
  const problem = (where: string, message: string) => problems.push(`${where}: ${message}`);

  if (typeof doc.openapi !== "string" || !/^3\.1\.\d+$/.test(doc.openapi)) problem("openapi", "must be a 3.1.x version string");
  const info = doc.info;
  if (!isObject(info)) problem("info", "is required");
  else {
    if (typeof info.title !== "string" || !info.title) problem("info.title", "is required");
    if (typeof info.version !== "string" || !info.version) problem("info.version", "is required");
  }
  if (!isObject(doc.paths) && !isObject(doc.components) && !isObject(doc.webhooks)) problem("(root)", "needs paths, components or webhooks");
  if (doc.servers !== undefined) {
    if (!Array.isArray(doc.servers)) problem("servers", "must be an array");
    else doc.servers.forEach((s, i) => (!isObject(s) || typeof s.url !== "string") && problem(`servers.${i}`, "needs a url"));
  }

  const tagNames = new Set<string>();
  if (doc.tags !== undefined) {
    if (!Array.isArray(doc.tags)) problem("tags", "must be an array");
    else
      for (const tag of doc.tags) {
        if (!isObject(tag) || typeof tag.name !== "string") problem("tags", "every tag needs a name");
        else if (tagNames.has(tag.name)) problem("tags", `duplicate tag ${tag.name}`);
        else tagNames.add(tag.name);
      }
  }

  const components = isObject(doc.components) ? doc.components : {};
  const schemes = isObject(components.securitySchemes) ? components.securitySchemes : {};
  for (const [name, scheme] of Object.entries(schemes)) {
    if (!isObject(scheme)) {
      problem(`securitySchemes.${name}`, "must be an object");
      continue;
    }
    if (scheme.type === "http" && typeof scheme.scheme !== "string") problem(`securitySchemes.${name}`, "http needs a scheme");
    else if (scheme.type === "apiKey" && (typeof scheme.name !== "string" || !["query", "header", "cookie"].includes(String(scheme.in)))) {
      problem(`securitySchemes.${name}`, "apiKey needs a name and in (query, header or cookie)");
    } else if (!["http", "apiKey", "oauth2", "openIdConnect", "mutualTLS"].includes(String(scheme.type))) {
      problem(`securitySchemes.${name}`, `unknown type ${String(scheme.type)}`);
    }
  }
  const checkSecurity = (where: string, security: unknown) => {
    if (security === undefined) return;
    if (!Array.isArray(security)) return problem(where, "security must be an array");
    for (const requirement of security) {
      if (!isObject(requirement)) problem(where, "a security requirement must be an object");
      else for (const name of Object.keys(requirement)) if (!(name in schemes)) problem(where, `security scheme ${name} is not defined`);
    }
  };
  checkSecurity("security", doc.security);

  const operationIds = new Set<string>();
  const templates = new Map<string, string>();
  for (const [path, item] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    if (!path.startsWith("/")) problem(path, "a path must start with /");
    const normalised = path.replace(/\{[^}]+\}/g, "{}");
    if (templates.has(normalised)) problem(path, `is the same template as ${templates.get(normalised)}`);
    templates.set(normalised, path);
    if (!isObject(item)) {
      problem(path, "a path item must be an object");
      continue;
    }
    for (const key of Object.keys(item)) if (!PATH_ITEM_KEYS.has(key) && !key.startsWith("x-")) problem(path, `unknown field ${key}`);
    const templateNames = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    const shared = Array.isArray(item.parameters) ? item.parameters : [];

    for (const method of METHODS) {
      const op = item[method];
      if (op === undefined) continue;
      const where = `${method.toUpperCase()} ${path}`;
      if (!isObject(op)) {
        problem(where, "an operation must be an object");
        continue;
      }
      if (op.operationId !== undefined) {
        if (typeof op.operationId !== "string") problem(where, "operationId must be a string");
        else if (operationIds.has(op.operationId)) problem(where, `duplicate operationId ${op.operationId}`);
        else operationIds.add(op.operationId);
      }
      if (Array.isArray(op.tags)) for (const tag of op.tags) if (!tagNames.has(String(tag))) problem(where, `tag ${String(tag)} is not declared`);
      checkSecurity(where, op.security);

      const params = [...shared, ...(Array.isArray(op.parameters) ? op.parameters : [])]
        .map((p) => (isObject(p) && typeof p.$ref === "string" ? resolvePointer(doc, p.$ref) : p))
        .filter(isObject);
      const seen = new Set<string>();
      for (const param of params) {
        const key = `${String(param.in)}:${String(param.name)}`;
        if (typeof param.name !== "string" || !PARAMETER_LOCATIONS.has(String(param.in))) problem(where, "a parameter needs a name and a valid in");
        if (seen.has(key)) problem(where, `duplicate parameter ${key}`);
        seen.add(key);
        if (param.in === "path" && param.required !== true) problem(where, `path parameter ${String(param.name)} must be required`);
        if (param.in === "path" && !templateNames.includes(String(param.name))) problem(where, `path parameter ${String(param.name)} is not in the path`);
        if ((param.schema === undefined) === (param.content === undefined)) problem(where, `parameter ${String(param.name)} needs exactly one of schema and content`);
      }
      for (const name of templateNames) {
        if (!params.some((p) => p.in === "path" && p.name === name)) problem(where, `path parameter {${name}} is not described`);
      }

      if (op.requestBody !== undefined) {
        const body = isObject(op.requestBody) && typeof op.requestBody.$ref === "string" ? resolvePointer(doc, op.requestBody.$ref) : op.requestBody;
        if (!isObject(body) || !isObject(body.content)) problem(where, "requestBody needs content");
      }
      if (!isObject(op.responses) || Object.keys(op.responses).length === 0) {
        problem(where, "needs at least one response");
        continue;
      }
      for (const [code, response] of Object.entries(op.responses)) {
        if (code !== "default" && !/^[1-5](\d\d|XX)$/.test(code)) problem(where, `response code ${code} is not a status`);
        const resolved = isObject(response) && typeof response.$ref === "string" ? resolvePointer(doc, response.$ref) : response;
        if (!isObject(resolved) || typeof resolved.description !== "string") problem(`${where} ${code}`, "a response needs a description");
      }
    }
  }

  walk(doc, (node, at) => {
    if (typeof node.$ref === "string" && node.$ref.startsWith("#") && resolvePointer(doc, node.$ref) === undefined) {
      problem(at, `$ref ${node.$ref} does not resolve`);
    }
  });

  problems.push(...schemaProblems(doc));
  return problems;
}

// Every schema compiles as JSON Schema 2020-12, and every example matches its schema.
function schemaProblems(doc: Json): string[] {
  const problems: string[] = [];
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: DOC_ID, components: absoluteRefs(isObject(doc.components) ? doc.components : {}) });

  const check = (where: string, schema: unknown, example?: { value: unknown }) => {
    try {
      const validate = ajv.compile(absoluteRefs(schema) as object);
      if (example && !validate(example.value)) {
        problems.push(`${where}: the example does not match the schema: ${ajv.errorsText(validate.errors)}`);
      }
    } catch (error) {
      problems.push(`${where}: the schema does not compile: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const components = isObject(doc.components) ? doc.components : {};
  for (const [name, schema] of Object.entries(isObject(components.schemas) ? components.schemas : {})) {
    check(`components.schemas.${name}`, schema);
  }
  const withContent = { paths: doc.paths, responses: components.responses };
  walk(withContent, (node, at) => {
    if (isObject(node.content)) {
      for (const [type, media] of Object.entries(node.content)) {
        if (!isObject(media) || media.schema === undefined) continue;
        check(`${at}/content/${type}`, media.schema, "example" in media ? { value: media.example } : undefined);
      }
    }
    if (typeof node.in === "string" && node.schema !== undefined) {
      // Query and path values arrive as text; the schemas coerce them.
      check(`${at} (parameter ${String(node.name)})`, node.schema);
    }
  });
  return problems;
}
