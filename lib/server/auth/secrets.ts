import { createHash, timingSafeEqual } from "node:crypto";

// Application secrets are 256-bit random tokens, so a fast hash is enough to make a
// stolen table useless (unlike passwords, which get argon2). It also keeps per-request
// authentication cheap on the ingest path.
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const given = Buffer.from(hashSecret(secret), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored);
}
