import { errorResponse, ApiError } from "@/lib/server/api/errors";
import { database } from "@/lib/server/db";

export const dynamic = "force-dynamic";

// GET /api/health - 200 when the database answers, 503 otherwise
export async function GET(): Promise<Response> {
  try {
    const { prisma, mode } = await database();
    await prisma.$queryRaw`SELECT 1`;
    return Response.json({ status: "ok", database: mode });
  } catch {
    return errorResponse(new ApiError("unavailable", "The database cannot be reached", undefined, { "Retry-After": "5" }));
  }
}
