// Authentication reads applications through a short in-memory cache: rotating a secret
// must still retire the old one at once in this process, and the cache must not keep a
// key alive longer than it promises elsewhere.
import { describe, expect, it } from "vitest";
import { createApp, rotateSecrets } from "@/lib/server/apps";
import { appByKey } from "@/lib/server/auth/app-keys";
import { db } from "@/lib/server/db";
import { basic, call, createTestApp } from "./api-client";

const ingest = (key: string, secret: string) =>
  call("POST", "/api/v1/events", { headers: { authorization: basic(key, secret) }, body: { userId: "u_1", event: "PING" } });

describe("application key cache", () => {
  it("refuses a rotated secret on the very next request", async () => {
    const t = await createTestApp("Key cache");
    expect((await ingest(t.key, t.secret)).status).toBe(202); // now cached
    const fresh = await rotateSecrets(await db(), t.id, "secret");
    expect((await ingest(t.key, t.secret)).status).toBe(401);
    expect((await ingest(t.key, fresh)).status).toBe(202);
  });

  it("re-reads a key changed behind its back once the entry expires", async () => {
    const t = await createTestApp("Key cache elsewhere");
    const prisma = await db();
    const now = Date.now();
    const before = await appByKey(prisma, t.key, now);
    // Another process rotates: a direct write this process's cache knows nothing about.
    await prisma.app.update({ where: { id: t.id }, data: { secretHash: "changed elsewhere" } });
    expect((await appByKey(prisma, t.key, now + 1_000))!.secretHash).toBe(before!.secretHash);
    expect((await appByKey(prisma, t.key, now + 6_000))!.secretHash).toBe("changed elsewhere");
  });

  it("does not remember keys that do not exist", async () => {
    const prisma = await db();
    const key = `ak_later_${Date.now()}`;
    expect(await appByKey(prisma, key)).toBeNull();
    // Created by "another process" right after a request with its key was refused.
    const { app } = await createApp(prisma, "Created later", { key, secret: "as_later", masterSecret: "ms_later", writeKey: `wk_${key}` });
    expect((await appByKey(prisma, key))?.id).toBe(app.id);
  });
});
