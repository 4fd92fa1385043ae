// Sign-in state that has served its purpose: expired sessions, and throttle rows whose
// lock has lapsed and that saw no attempt for a day. Without this, guessing at many
// made-up emails would grow LoginThrottle for ever. Run by the tick, at most every
// ten minutes per process; the statements are idempotent, so several processes are fine.
import type { PrismaClient } from "@/lib/generated/prisma/client";

const EVERY_MS = 10 * 60_000;
const FORGET_AFTER_MS = 24 * 3_600_000;
let lastRun = 0;

/** What the tick calls: the cleanup below, at most every ten minutes in this process. */
export async function forgetStaleSignInsNowAndThen(prisma: PrismaClient, now: Date): Promise<void> {
  if (now.getTime() - lastRun < EVERY_MS) return;
  lastRun = now.getTime();
  await forgetStaleSignIns(prisma, now);
}

export async function forgetStaleSignIns(prisma: PrismaClient, now: Date): Promise<{ sessions: number; throttles: number }> {
  const sessions = await prisma.session.deleteMany({ where: { expiresAt: { lte: now } } });
  const throttles = await prisma.loginThrottle.deleteMany({
    where: {
      updatedAt: { lt: new Date(now.getTime() - FORGET_AFTER_MS) },
      OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }],
    },
  });
  return { sessions: sessions.count, throttles: throttles.count };
}
