import { describe, expect, it } from "vitest";
import { configuredPublicUrl, publicOrigin } from "./public-url";

describe("publicOrigin", () => {
  it("prefers CUE_PUBLIC_URL", () => {
    expect(publicOrigin(new Headers({ host: "internal:3000" }), undefined, { CUE_PUBLIC_URL: "https://cue.example.com/" })).toBe("https://cue.example.com");
  });

  it("follows the proxy's forwarded host and protocol", () => {
    const headers = new Headers({ host: "internal:3000", "x-forwarded-host": "cue.example.com", "x-forwarded-proto": "https" });
    expect(publicOrigin(headers, "http://internal:3000/v1/x", {})).toBe("https://cue.example.com");
  });

  it("assumes http on loopback and the request's protocol elsewhere", () => {
    expect(publicOrigin(new Headers({ host: "127.0.0.1:3210" }), undefined, {})).toBe("http://127.0.0.1:3210");
    expect(publicOrigin(new Headers({ host: "cue.example.com" }), "https://cue.example.com/v1", {})).toBe("https://cue.example.com");
  });
});

describe("configuredPublicUrl", () => {
  it("uses CUE_PUBLIC_URL without a trailing slash, else localhost on PORT", () => {
    expect(configuredPublicUrl({ CUE_PUBLIC_URL: "https://cue.example.com/" })).toBe("https://cue.example.com");
    expect(configuredPublicUrl({ PORT: "4000" })).toBe("http://localhost:4000");
  });
});
