// Client ids for events (the server's idempotency key) and anonymous users.

type CryptoLike = { randomUUID?: () => string; getRandomValues?: <T extends ArrayBufferView | null>(array: T) => T };

/** A version-4 UUID from the platform's CSPRNG, or Math.random where there is none. */
export function uuid(crypto: CryptoLike | undefined = globalThis.crypto): string {
  if (crypto?.randomUUID) {
    try {
      // Only available in secure contexts (https, localhost); plain-http pages fall through.
      return crypto.randomUUID();
    } catch {}
  }
  const bytes = new Uint8Array(16);
  if (crypto?.getRandomValues) crypto.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => (b + 0x100).toString(16).slice(1)).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
