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
const MAX_LOCK_MS = 15 * 60_000;

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

async function checkThrottle(prisma: PrismaClient, key: string, now: Date) {
  const row = await prisma.loginThrottle.findUnique({ where: { key } });
  if (row?.lockedUntil && row.lockedUntil > now) {
    const seconds = Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 1000);
    throw new ApiError("rate_limited", `Too many failed sign-ins; try again in ${seconds} s`, undefined, {
      "Retry-After": String(seconds),
    });
  }
}

async function recordFailure(prisma: PrismaClient, key: string, now: Date) {
  const row = await prisma.loginThrottle.upsert({
    where: { key },
    create: { key, failures: 1 },
    update: { failures: { increment: 1 } },
  });
  if (row.failures >= FREE_FAILURES) {
    const lockMs = Math.min(MAX_LOCK_MS, 1000 * 2 ** (row.failures - FREE_FAILURES + 2));
    await prisma.loginThrottle.update({ where: { key }, data: { lockedUntil: new Date(now.getTime() + lockMs) } });
  }
}

/** Returns a new session token (to set as the cookie) or throws 401/429. */
export async function signIn(prisma: PrismaClient, email: string, password: string, now: Date): Promise<string> {
  const normalized = email.trim().toLowerCase();
  const key = `email:${normalized}`;
  await checkThrottle(prisma, key, now);
  const admin = await prisma.admin.findUnique({ where: { email: normalized } });
  // Verify against a dummy hash when the admin is unknown, so timing does not reveal emails.
  const ok = admin ? await verify(admin.passwordHash, password) : (await verify(DUMMY_HASH, password), false);
  if (!admin || !ok) {
    await recordFailure(prisma, key, now);
    throw new ApiError("unauthorized", "Wrong email or password");
  }
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
