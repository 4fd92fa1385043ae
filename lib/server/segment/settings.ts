// What analytics.js fetches from its CDN before it sends anything
// (`{cdnURL}/v1/projects/{writeKey}/settings`). Serving it lets a page load the library
// with `cdnURL` set to Cue and nothing else: the Segment.io integration it describes
// sends to this same server's /v1.

/** CUE_PUBLIC_URL when set; otherwise this server as the client reached it, behind a proxy or not. */
export function publicOrigin(headers: Headers, requestUrl?: string, env: Record<string, string | undefined> = process.env): string {
  const configured = env.CUE_PUBLIC_URL?.trim();
  if (configured) return new URL(configured).origin;
  const url = requestUrl ? new URL(requestUrl) : null;
  const host = (headers.get("x-forwarded-host") ?? headers.get("host") ?? url?.host ?? "localhost:3000").split(",")[0]!.trim();
  const local = /^(localhost|127\.|\[::1\])/.test(host);
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || (local ? "http" : (url?.protocol.replace(":", "") ?? "https"));
  return `${proto}://${host}`;
}

export function cdnSettings(writeKey: string, origin: string) {
  const url = new URL(origin);
  return {
    integrations: {
      "Segment.io": {
        apiKey: writeKey,
        apiHost: `${url.host}/v1`,
        protocol: url.protocol.replace(":", ""),
      },
    },
    plan: {},
    remotePlugins: [],
    // The library's own telemetry is Segment's business, not this server's.
    metrics: { sampleRate: 0 },
  };
}
