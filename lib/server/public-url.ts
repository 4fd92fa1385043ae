// The address users, browsers and providers reach this server at: CUE_PUBLIC_URL when
// set; otherwise, for a request, this server as the client reached it (behind a proxy
// or not), and without one, localhost on PORT.

export function configuredPublicUrl(env: Record<string, string | undefined> = process.env): string {
  return (env.CUE_PUBLIC_URL?.trim() || `http://localhost:${env.PORT || 3000}`).replace(/\/+$/, "");
}

export function publicOrigin(headers: Headers, requestUrl?: string, env: Record<string, string | undefined> = process.env): string {
  const configured = env.CUE_PUBLIC_URL?.trim();
  if (configured) return new URL(configured).origin;
  const url = requestUrl ? new URL(requestUrl) : null;
  const host = (headers.get("x-forwarded-host") ?? headers.get("host") ?? url?.host ?? "localhost:3000").split(",")[0]!.trim();
  const local = /^(localhost|127\.|\[::1\])/.test(host);
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || (local ? "http" : (url?.protocol.replace(":", "") ?? "https"));
  return `${proto}://${host}`;
}
