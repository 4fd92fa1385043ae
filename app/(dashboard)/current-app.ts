// What every dashboard page starts with: the signed-in session and its application.
import { notFound } from "next/navigation";
import { requireSession } from "@/lib/server/auth/dashboard";
import { db } from "@/lib/server/db";

export async function currentApp() {
  const session = await requireSession();
  const prisma = await db();
  const app = await prisma.app.findUnique({
    where: { id: session.appId },
    select: { id: true, name: true, key: true, createdAt: true },
  });
  if (!app) notFound();
  return { session, prisma, app };
}
