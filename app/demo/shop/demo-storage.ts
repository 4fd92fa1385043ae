"use client";

// What the demo remembers between visits, in this browser only. The SDK keeps its own
// state (queue, ids) under its own keys.
export type Credentials = { appKey: string; appSecret: string };
export type Account = { userId: string; name: string; email: string };
export type CartLine = { slug: string; qty: number };

const KEYS = {
  credentials: "cue-demo:credentials",
  onboarded: "cue-demo:onboarded",
  account: "cue-demo:account",
  cart: "cue-demo:cart",
} as const;

function read<T>(key: string): T | null {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, JSON.stringify(value));
  } catch {}
}

export const demoStorage = {
  credentials: () => read<Credentials>(KEYS.credentials),
  setCredentials: (value: Credentials | null) => write(KEYS.credentials, value),
  onboarded: () => read<boolean>(KEYS.onboarded) === true,
  setOnboarded: () => write(KEYS.onboarded, true),
  account: () => read<Account>(KEYS.account),
  setAccount: (value: Account | null) => write(KEYS.account, value),
  cart: () => read<CartLine[]>(KEYS.cart) ?? [],
  setCart: (value: CartLine[]) => write(KEYS.cart, value),
};

/** Credentials handed over in the address (?key=&secret=), which is then cleaned up. */
export function credentialsFromAddress(): Credentials | null {
  const url = new URL(window.location.href);
  const appKey = url.searchParams.get("key");
  const appSecret = url.searchParams.get("secret");
  if (!appKey || !appSecret) return null;
  url.searchParams.delete("key");
  url.searchParams.delete("secret");
  // The secret should not linger in the address bar or the history.
  window.history.replaceState(null, "", url.pathname + url.search + url.hash);
  return { appKey, appSecret };
}
