import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/openapi/document";
import { curlCommand } from "./curl";

const doc = buildOpenApiDocument();
const curl = (method: string, path: string) =>
  curlCommand({ origin: "https://cue.example.com", appKey: "ak_123", method, path, operation: doc.paths[path]![method]! });

describe("curl examples", () => {
  it("use the app's key with the application secret where it is enough", () => {
    const command = curl("post", "/api/v1/events");
    expect(command).toContain(`-u "ak_123:$CUE_APP_SECRET"`);
    expect(command).toContain("-H 'content-type: application/json'");
    expect(command).toContain('"event": "ADDTOCART"');
    expect(command).not.toContain("-X POST");
    expect(command.split("\n").at(-1)).toBe("  'https://cue.example.com/api/v1/events'");
  });

  it("use the master secret for management, fill path parameters and the example query", () => {
    const command = curl("get", "/api/v1/users/{userId}/events");
    expect(command).toContain(`-u "ak_123:$CUE_MASTER_SECRET"`);
    expect(command).toContain("'https://cue.example.com/api/v1/users/u_42/events?limit=50'");
    expect(curl("delete", "/api/v1/connectors/{id}")).toContain("-X DELETE");
    expect(curl("post", "/api/v1/connectors/{id}/publish")).toContain("-X POST");
  });

  it("need no credentials for public endpoints", () => {
    expect(curl("get", "/api/health")).toBe("curl \\\n  'https://cue.example.com/api/health'");
  });

  it("quote single quotes in bodies for the shell", () => {
    const operation = structuredClone(doc.paths["/api/v1/events"]!.post!);
    operation.requestBody!.content["application/json"]!.example = { userId: "u", event: "it's" };
    const command = curlCommand({ origin: "http://x", appKey: "k", method: "post", path: "/api/v1/events", operation });
    expect(command).toContain(`-d '{"userId":"u","event":"it'\\''s"}'`);
  });
});
