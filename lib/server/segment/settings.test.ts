import { describe, expect, it } from "vitest";
import { cdnSettings } from "./settings";

describe("cdnSettings", () => {
  it("points the Segment.io integration at this server's /v1", () => {
    expect(cdnSettings("wk_1", "http://127.0.0.1:3210").integrations["Segment.io"]).toEqual({
      apiKey: "wk_1",
      apiHost: "127.0.0.1:3210/v1",
      protocol: "http",
    });
  });
});
