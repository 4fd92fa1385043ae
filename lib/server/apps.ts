// Applications (workspaces) and their credentials.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hashSecret } from "./auth/secrets";
import { newId, newSecret } from "./ids";

export type AppCredentials = { key: string; secret: string; masterSecret: string };
export type PublicApp = { id: string; name: string; key: string; createdAt: Date };

const publicFields = { id: true, name: true, key: true, createdAt: true } as const;

export async function createApp(
  prisma: PrismaClient,
  name: string,
  given?: Partial<AppCredentials>,
): Promise<{ app: PublicApp; credentials: AppCredentials }> {
  const credentials = {
    key: given?.key ?? newId("ak", 20),
    secret: given?.secret ?? newSecret("as"),
    masterSecret: given?.masterSecret ?? newSecret("ms"),
  };
  const app = await prisma.app.create({
    data: {
      id: newId("app"),
      name,
      key: credentials.key,
      secretHash: hashSecret(credentials.secret),
      masterSecretHash: hashSecret(credentials.masterSecret),
    },
    select: publicFields,
  });
  return { app, credentials };
}

export function listApps(prisma: PrismaClient): Promise<PublicApp[]> {
  return prisma.app.findMany({ select: publicFields, orderBy: { createdAt: "asc" } });
}

/** Replaces one or both secrets; the new values are returned once and never stored. */
export async function rotateSecrets(
  prisma: PrismaClient,
  appId: string,
  which: "secret" | "masterSecret",
): Promise<string> {
  const value = newSecret(which === "secret" ? "as" : "ms");
  await prisma.app.update({
    where: { id: appId },
    data: which === "secret" ? { secretHash: hashSecret(value) } : { masterSecretHash: hashSecret(value) },
  });
  return value;
}

/**
 * With CUE_APP_KEY/CUE_APP_SECRET/CUE_MASTER_SECRET set, an app with exactly these
 * credentials exists afterwards. Otherwise the very first start creates "Demo" and
 * prints its credentials once. Returns the app created, if any.
 */
export async function bootstrapApps(
  prisma: PrismaClient,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<PublicApp | null> {
  const { CUE_APP_KEY: key, CUE_APP_SECRET: secret, CUE_MASTER_SECRET: masterSecret } = env;
  if (key && secret && masterSecret) {
    const existing = await prisma.app.findUnique({ where: { key }, select: publicFields });
    if (existing) {
      await prisma.app.update({
        where: { key },
        data: { secretHash: hashSecret(secret), masterSecretHash: hashSecret(masterSecret) },
      });
      return null;
    }
    const { app } = await createApp(prisma, "Default", { key, secret, masterSecret });
    log(`[cue] created application "${app.name}" from CUE_APP_KEY`);
    return app;
  }
  if ((await prisma.app.count()) > 0) return null;
  const { app, credentials } = await createApp(prisma, "Demo");
  log(
    [
      "[cue] created the Demo application. Its secrets are shown this once:",
      `      application key    ${credentials.key}`,
      `      application secret ${credentials.secret}`,
      `      master secret      ${credentials.masterSecret}`,
      "      (rotate them in Settings to see new ones)",
    ].join("\n"),
  );
  return app;
}
