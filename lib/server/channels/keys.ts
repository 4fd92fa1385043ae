// The server's own secret, from CUE_SECRET_KEY: it encrypts channel secrets at rest
// and signs tracking and unsubscribe links. With the embedded database and no key
// set, one is made on first use and kept beside the data (a single process owns that
// data anyway); with PostgreSQL every instance must share the key, so it must be set.
import { createHash, hkdfSync, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ApiError } from "../api/errors";

const holder = globalThis as unknown as { __cueMasterKey?: Buffer };

function masterKey(): Buffer {
  if (holder.__cueMasterKey) return holder.__cueMasterKey;
  const configured = process.env.CUE_SECRET_KEY;
  let key: Buffer;
  if (configured) {
    key = createHash("sha256").update(configured).digest();
  } else if (!process.env.DATABASE_URL) {
    const dir = path.resolve(/* turbopackIgnore: true */ process.env.CUE_DATA_DIR || "data");
    const file = path.join(dir, "secret.key");
    if (!existsSync(file)) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600 });
    }
    key = createHash("sha256").update(readFileSync(file, "utf8").trim()).digest();
  } else {
    throw new ApiError("conflict", "Set CUE_SECRET_KEY on every Cue instance to store channel secrets and sign links");
  }
  holder.__cueMasterKey = key;
  return key;
}

/** A 32-byte key for one purpose, derived from the server secret. */
export function derivedKey(purpose: "channel-secrets" | "tracking" | "inbound" | "unsubscribe"): Buffer {
  return Buffer.from(hkdfSync("sha256", masterKey(), Buffer.alloc(0), `cue:${purpose}`, 32));
}
