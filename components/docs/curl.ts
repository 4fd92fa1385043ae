// A copy-paste curl command for one operation of the OpenAPI document, with the app's
// real key and the secret left to an environment variable (secrets are stored hashed;
// nobody can show them again).
import type { OperationObject } from "@/lib/openapi/document";

export const SECRET_VARIABLES = { app: "CUE_APP_SECRET", master: "CUE_MASTER_SECRET" } as const;

const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

export function curlCommand(options: { origin: string; appKey: string; method: string; path: string; operation: OperationObject }): string {
  const { operation } = options;
  const method = options.method.toUpperCase();
  const params = operation.parameters ?? [];
  let path = options.path;
  for (const param of params.filter((p) => p.in === "path")) {
    path = path.replace(`{${param.name}}`, encodeURIComponent(param.example ?? param.name));
  }
  const query = params
    .filter((p) => p.in === "query" && p.example !== undefined)
    .map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(p.example!)}`)
    .join("&");
  const url = `${options.origin}${path}${query ? `?${query}` : ""}`;

  const access = operation["x-cue-access"];
  const lines = ["curl"];
  if (access === "app") lines.push(`-u "${options.appKey}:$${SECRET_VARIABLES.app}"`);
  else if (access === "master" || access === "cron") lines.push(`-u "${options.appKey}:$${SECRET_VARIABLES.master}"`);
  if (method !== "GET" && !(method === "POST" && operation.requestBody)) lines.push(`-X ${method}`);
  const body = operation.requestBody?.content["application/json"]?.example;
  if (body !== undefined) {
    lines.push(`-H 'content-type: application/json'`);
    const json = JSON.stringify(body);
    lines.push(`-d ${shellQuote(json.length > 90 ? JSON.stringify(body, null, 2) : json)}`);
  }
  lines.push(shellQuote(url));
  return lines.join(" \\\n  ");
}
