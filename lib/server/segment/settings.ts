// What analytics.js fetches from its CDN before it sends anything
// (`{cdnURL}/v1/projects/{writeKey}/settings`). Serving it lets a page load the library
// with `cdnURL` set to Cue and nothing else: the Segment.io integration it describes
// sends to this same server's /v1.

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
