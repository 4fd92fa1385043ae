// A campaign names its segment by id or by name, whichever the caller has at hand.
import type { PrismaClient } from "@/lib/generated/prisma/client";

export async function findSegment(prisma: PrismaClient, appId: string, idOrName: string) {
  const matches = await prisma.segment.findMany({
    where: { appId, OR: [{ id: idOrName }, { name: idOrName }] },
    select: { id: true, name: true },
  });
  // A segment whose name happens to be another segment's id: the id wins.
  return matches.find((s) => s.id === idOrName) ?? matches[0] ?? null;
}
