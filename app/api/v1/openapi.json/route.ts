import { buildOpenApiDocument } from "@/lib/openapi/document";
import { publicOrigin } from "@/lib/server/public-url";

export const dynamic = "force-dynamic";

// GET /api/v1/openapi.json - this API's OpenAPI 3.1 description; public, so tools can load it
export async function GET(request: Request): Promise<Response> {
  const serverUrl = publicOrigin(request.headers, request.url);
  return Response.json(buildOpenApiDocument({ serverUrl }), {
    headers: { "cache-control": "public, max-age=300", "access-control-allow-origin": "*" },
  });
}
