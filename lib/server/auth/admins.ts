// Dashboard admins: argon2id password hashes, sessions stored by the sha256 of their
// token, and throttled sign-in so a password cannot be guessed online.
import { hash, verify } from "@node-rs/argon2";
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ApiError } from "../api/errors";
import { newId } from "../ids";
import { hashSecret } from "./secrets";

export const SESSION_COOKIE = "cue_session";
export const SESSION_DAYS = 30;
const FREE_FAILURES = 5;
const MAX_LOCK_SECONDS = 15 * 60;

export type SessionInfo = { sessionId: string; adminId: string; email: string; appId: string | null };

export async function createAdmin(prisma: PrismaClient, email: string, password: string) {
  return prisma.admin.create({
    data: { id: newId("adm"), email: email.trim().toLowerCase(), passwordHash: await hash(password) },
    select: { id: true, email: true },
  });
}

export async function adminExists(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.admin.count()) > 0;
}

/** CUE_ADMIN_EMAIL / CUE_ADMIN_PASSWORD: that admin exists afterwards, with that password. */
export async function bootstrapAdmin(prisma: PrismaClient, env: NodeJS.ProcessEnv): Promise<void> {
  const email = env.CUE_ADMIN_EMAIL?.trim().toLowerCase();
  const password = env.CUE_ADMIN_PASSWORD;
  if (!email || !password) return;
  const existing = await prisma.admin.findUnique({ where: { email } });
  if (!existing) await createAdmin(prisma, email, password);
  else if (!(await verify(existing.passwordHash, password))) {
    await prisma.admin.update({ where: { email }, data: { passwordHash: await hash(password) } });
  }
}

// Every attempt is counted before its password is checked, in one statement that also
// sets the lock when the count reaches FREE_FAILURES (4 s, doubling, at most 15 min). With
// check-then-record, guesses sent all at once would all pass the check before any failure
// was recorded. A successful sign-in deletes the row.
async function countAttempt(prisma: PrismaClient, key: string, now: Date): Promise<void> {
  const at = now.toISOString();
  const counted = await prisma.$queryRaw<{ failures: number }[]>`
    INSERT INTO "LoginThrottle" ("key", "failures", "updatedAt") VALUES (${key}, 1, ${at}::timestamp(3))
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = "LoginThrottle"."failures" + 1,
      "lockedUntil" = CASE WHEN "LoginThrottle"."failures" + 1 >= ${FREE_FAILURES}::int
        THEN ${at}::timestamp(3) + make_interval(secs => LEAST(${MAX_LOCK_SECONDS}::float8,
          power(2, LEAST("LoginThrottle"."failures" + 1 - ${FREE_FAILURES}::int + 2, 20))::float8))
        ELSE NULL END,
      "updatedAt" = EXCLUDED."updatedAt"
    WHERE "LoginThrottle"."lockedUntil" IS NULL OR "LoginThrottle"."lockedUntil" <= ${at}::timestamp(3)
    RETURNING "failures"`;
  if (counted.length > 0) return;
  // Nothing updated: the key is locked.
  const row = await prisma.loginThrottle.findUnique({ where: { key }, select: { lockedUntil: true } });
  const seconds = Math.max(1, Math.ceil(((row?.lockedUntil?.getTime() ?? 0) - now.getTime()) / 1000));
  throw new ApiError("rate_limited", `Too many failed sign-ins; try again in ${seconds} s`, undefined, {
    "Retry-After": String(seconds),
  });
}

/** Returns a new session token (to set as the cookie) or throws 401/429. */
export async function signIn(prisma: PrismaClient, email: string, password: string, now: Date): Promise<string> {
  const normalized = email.trim().toLowerCase();
  const key = `email:${normalized}`;
  await countAttempt(prisma, key, now);
  const admin = await prisma.admin.findUnique({ where: { email: normalized } });
  // Verify against a dummy hash when the admin is unknown, so timing does not reveal emails.
  const ok = admin ? await verify(admin.passwordHash, password) : (await verify(DUMMY_HASH, password), false);
  if (!admin || !ok) throw new ApiError("unauthorized", "Wrong email or password");
  await prisma.loginThrottle.deleteMany({ where: { key } });
  const firstApp = await prisma.app.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } });
  const token = randomBytes(32).toString("base64url");
  await prisma.session.create({
    data: {
      id: hashSecret(token),
      adminId: admin.id,
      appId: firstApp?.id ?? null,
      expiresAt: new Date(now.getTime() + SESSION_DAYS * 86_400_000),
    },
  });
  return token;
}

const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$2Rqn1I0Ni4ZL3LkcZiP8qyUiXgPJhbbUAV1I7bNSGmU";

export async function sessionFromToken(prisma: PrismaClient, token: string | undefined, now: Date): Promise<SessionInfo | null> {
  if (!token) return null;
  const session = await prisma.session.findUnique({
    where: { id: hashSecret(token) },
    include: { admin: { select: { email: true } } },
  });
  if (!session || session.expiresAt <= now) return null;
  let appId = session.appId;
  if (!appId) {
    // An admin who signed up before any app existed: attach the first app there is.
    appId = (await prisma.app.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } }))?.id ?? null;
    if (appId) await prisma.session.update({ where: { id: session.id }, data: { appId } });
  }
  return { sessionId: session.id, adminId: session.adminId, email: session.admin.email, appId };
}

export async function switchApp(prisma: PrismaClient, sessionId: string, appId: string): Promise<void> {
  const app = await prisma.app.findUnique({ where: { id: appId }, select: { id: true } });
  if (!app) throw new ApiError("not_found", "Application not found");
  await prisma.session.update({ where: { id: sessionId }, data: { appId } });
}

export async function signOut(prisma: PrismaClient, token: string): Promise<void> {
  await prisma.session.deleteMany({ where: { id: hashSecret(token) } });
}

export function sessionCookie(token: string, secure: boolean, maxAgeSeconds = SESSION_DAYS * 86_400): string {
  return [
    `${SESSION_COOKIE}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${maxAgeSeconds}`,
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}
