// The segment a /segments/[id] page shows, or Next's 404 page when it is not the
// current application's.
import { notFound } from "next/navigation";
import { ApiError } from "@/lib/server/api/errors";
import { getSegment } from "@/lib/server/segments/segments";
import { currentApp } from "../../current-app";

export async function loadSegment(id: string) {
  const { prisma, app } = await currentApp();
  try {
    return await getSegment(prisma, app.id, id);
  } catch (error) {
    if (error instanceof ApiError && error.code === "not_found") notFound();
    throw error;
  }
}
