// AES-256-GCM for channel secrets at rest: "v1.<iv>.<tag>.<ciphertext>", base64url.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { derivedKey } from "./keys";

export function seal(plain: Record<string, string>): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", derivedKey("channel-secrets"), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(plain), "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), body].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

export function open(box: string): Record<string, string> {
  const [version, iv, tag, body] = box.split(".");
  if (version !== "v1" || !iv || !tag || !body) throw new Error("Unreadable secret box");
  const decipher = createDecipheriv("aes-256-gcm", derivedKey("channel-secrets"), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  const plain = Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  return JSON.parse(plain) as Record<string, string>;
}
