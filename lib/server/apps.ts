// Applications (workspaces) and their credentials.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { forgetAppKeys } from "./auth/app-keys";
import { hashSecret } from "./auth/secrets";
import { newId, newSecret } from "./ids";

export type AppCredentials = { key: string; secret: string; masterSecret: string; writeKey: string };
export type PublicApp = { id: string; name: string; key: string; createdAt: Date };
export type RotatableCredential = "secret" | "masterSecret" | "writeKey";

const publicFields = { id: true, name: true, key: true, createdAt: true } as const;

// Segment's write keys are 32 alphanumerics; ours carry a readable prefix on top.
const newWriteKey = () => newId("wk", 32);

export async function createApp(
  prisma: PrismaClient,
  name: string,
  given?: Partial<AppCredentials>,
): Promise<{ app: PublicApp; credentials: AppCredentials }> {
  const credentials = {
    key: given?.key ?? newId("ak", 20),
    secret: given?.secret ?? newSecret("as"),
    masterSecret: given?.masterSecret ?? newSecret("ms"),
    writeKey: given?.writeKey ?? newWriteKey(),
  };
  const app = await prisma.app.create({
    data: {
      id: newId("app"),
      name,
      key: credentials.key,
      secretHash: hashSecret(credentials.secret),
      masterSecretHash: hashSecret(credentials.masterSecret),
      writeKey: credentials.writeKey,
    },
    select: publicFields,
  });
  return { app, credentials };
}

export function listApps(prisma: PrismaClient): Promise<PublicApp[]> {
  return prisma.app.findMany({ select: publicFields, orderBy: { createdAt: "asc" } });
}

/**
 * Replaces one credential and returns the new value. Secrets are returned once and only
 * their hash is stored; the write key is stored as is (it ships inside web pages).
 */
export async function rotateSecrets(prisma: PrismaClient, appId: string, which: RotatableCredential): Promise<string> {
  const value = which === "writeKey" ? newWriteKey() : newSecret(which === "secret" ? "as" : "ms");
  await prisma.app.update({
    where: { id: appId },
    data:
      which === "writeKey"
        ? { writeKey: value }
        : which === "secret"
          ? { secretHash: hashSecret(value) }
          : { masterSecretHash: hashSecret(value) },
  });
  forgetAppKeys();
  return value;
}

/** The application a Segment write key belongs to, if any. */
export function appForWriteKey(prisma: PrismaClient, writeKey: string) {
  return prisma.app.findUnique({ where: { writeKey }, select: { id: true, name: true } });
}

// Applications created before write keys existed get one, so every app can ingest.
async function backfillWriteKeys(prisma: PrismaClient): Promise<void> {
  const missing = await prisma.app.findMany({ where: { writeKey: null }, select: { id: true } });
  for (const { id } of missing) {
    await prisma.app.updateMany({ where: { id, writeKey: null }, data: { writeKey: newWriteKey() } });
  }
}

/**
 * With CUE_APP_KEY/CUE_APP_SECRET/CUE_MASTER_SECRET set (and optionally CUE_WRITE_KEY),
 * an app with exactly these credentials exists afterwards. Otherwise the very first
 * start creates "Demo" and prints its credentials once. Returns the app created, if any.
 */
export async function bootstrapApps(
  prisma: PrismaClient,
  env: Record<string, string | undefined>,
  log: (line: string) => void,
): Promise<PublicApp | null> {
  const created = await ensureBootstrapApp(prisma, env, log);
  await backfillWriteKeys(prisma);
  return created;
}

async function ensureBootstrapApp(
  prisma: PrismaClient,
  env: Record<string, string | undefined>,
  log: (line: string) => void,
): Promise<PublicApp | null> {
  const { CUE_APP_KEY: key, CUE_APP_SECRET: secret, CUE_MASTER_SECRET: masterSecret } = env;
  const writeKey = env.CUE_WRITE_KEY || undefined;
  if (key && secret && masterSecret) {
    const existing = await prisma.app.findUnique({ where: { key }, select: publicFields });
    if (existing) {
      await prisma.app.update({
        where: { key },
        data: { secretHash: hashSecret(secret), masterSecretHash: hashSecret(masterSecret), ...(writeKey ? { writeKey } : {}) },
      });
      forgetAppKeys();
      return null;
    }
    const { app } = await createApp(prisma, "Default", { key, secret, masterSecret, writeKey });
    log(`[cue] created application "${app.name}" from CUE_APP_KEY`);
    return app;
  }
  if ((await prisma.app.count()) > 0) return null;
  const { app, credentials } = await createApp(prisma, "Demo", { writeKey });
  log(
    [
      "[cue] created the Demo application. Its secrets are shown this once:",
      `      application key    ${credentials.key}`,
      `      application secret ${credentials.secret}`,
      `      master secret      ${credentials.masterSecret}`,
      `      write key          ${credentials.writeKey} (Segment-compatible ingestion; also shown in Settings)`,
      "      (rotate them in Settings to see new ones)",
    ].join("\n"),
  );
  return app;
}
