import { ApiError, errorResponse } from "@/lib/server/api/errors";

export const dynamic = "force-dynamic";

// ANY /api/v1/{unknown path} - 404 in the API's error shape, not the dashboard's HTML
// page. Answered before any credential check: it reads nothing, so it reveals nothing.
function unknownRoute(request: Request): Response {
  const { pathname } = new URL(request.url);
  return errorResponse(new ApiError("not_found", `No API route for ${request.method} ${pathname}; the API is described at /api/v1/openapi.json`));
}

export const GET = unknownRoute;
export const POST = unknownRoute;
export const PUT = unknownRoute;
export const PATCH = unknownRoute;
export const DELETE = unknownRoute;
export const OPTIONS = unknownRoute;
