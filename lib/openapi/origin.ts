// The origin clients use to reach this server, behind a proxy too (x-forwarded-*).
export function publicOrigin(headers: Headers, fallback: string): string {
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  if (!host) return fallback;
  const first = host.split(",")[0]!.trim();
  const forwarded = headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  const local = /^(localhost|127\.|\[::1\])/.test(first);
  return `${forwarded || (local ? "http" : new URL(fallback).protocol.replace(":", ""))}://${first}`;
}
