import { describe, expect, it } from "vitest";
import { isInternal } from "./net-guard";

describe("isInternal", () => {
  it.each([
    "127.0.0.1", "10.1.2.3", "192.168.0.1", "172.16.0.1", "169.254.169.254", "0.0.0.0",
    "::1", "::", "fc00::1", "fd12:3456::1", "fe80::1", "ff02::1",
    // IPv4 inside IPv6, in every spelling a URL or a resolver may hand over.
    "::ffff:127.0.0.1", "::ffff:7f00:1", "0:0:0:0:0:ffff:7f00:1", "::ffff:a9fe:a9fe", "::7f00:1", "64:ff9b::7f00:1", "64:ff9b::10.0.0.1",
  ])("refuses %s", (ip) => expect(isInternal(ip)).toBe(true));

  it.each(["93.184.216.34", "8.8.8.8", "2606:4700::1111", "::ffff:5db8:d822", "64:ff9b::808:808"])("allows %s", (ip) => expect(isInternal(ip)).toBe(false));

  it("reads the hostname a URL normalises a mapped address to", () => {
    expect(new URL("http://[::ffff:127.0.0.1]/").hostname).toBe("[::ffff:7f00:1]");
    expect(isInternal(new URL("http://[::ffff:127.0.0.1]/").hostname.slice(1, -1))).toBe(true);
  });
});
