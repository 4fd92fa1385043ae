// An email's parts at delivery: a markdown or MJML template's HTML gets its web links
// tracked (never the unsubscribe link, mailto: or #anchors), the unsubscribe footer when
// the template has no link, and the open pixel before </body>; plain-text emails as before.
import { beforeAll, describe, expect, it } from "vitest";
import type { OutboundMessage } from "./provider";
import { emailHtml, emailText, readTrackingToken } from "./tracking";

beforeAll(() => {
  process.env.CUE_SECRET_KEY ??= "tracking-test-key";
});

const PUBLIC = "https://cue.example";
const UNSUBSCRIBE = `${PUBLIC}/u/abc.def`;

function message(over: Partial<OutboundMessage>): OutboundMessage {
  return {
    id: "msg_1", appId: "app_1", channel: "email", topic: "marketing", unsubscribeUrl: UNSUBSCRIBE, title: null, subject: "Hi", body: "Hi", html: null, url: null,
    to: { userId: "u1", email: "ann@example.com", phone: null, name: "Ann" }, devices: [], meta: { connectorId: null, nodeId: null, enrollmentId: null },
    ...over,
  };
}

const clickTargets = (html: string) =>
  [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&")).map((href) => {
    const token = href.startsWith(`${PUBLIC}/api/t/c/`) ? readTrackingToken(href.slice(`${PUBLIC}/api/t/c/`.length)) : null;
    return token ? `tracked ${token.u}` : href;
  });

describe("a template's HTML", () => {
  const html = `<!doctype html><html><body><div>
    <a href="https://shop.example/p?a=1&amp;b=2" style="x">Shop</a>
    <a
      class="button" href='https://shop.example/sale'>Sale</a>
    <a href="mailto:help@shop.example">Mail</a> <a href="#top">Top</a>
    <a href="${UNSUBSCRIBE}">Unsubscribe</a>
    <link href="https://fonts.example/css">
  </div></BODY></html>`;

  it("tracks web links but not the unsubscribe link, mailto: or anchors, and adds the pixel before </body>", () => {
    const out = emailHtml(message({ html, body: "text part" }), PUBLIC);
    expect(clickTargets(out)).toEqual([
      "tracked https://shop.example/p?a=1&b=2",
      "tracked https://shop.example/sale",
      "mailto:help@shop.example",
      "#top",
      UNSUBSCRIBE,
      "https://fonts.example/css",
    ]);
    expect(out).toMatch(/<img src="https:\/\/cue\.example\/api\/t\/o\/[^"]+" width="1" height="1" alt="" style="display:block;border:0"><\/BODY><\/html>$/);
    expect(out).not.toContain("Don't want these emails?");
  });

  it("adds the unsubscribe footer when the template has no link, in the HTML and the text", () => {
    const bare = "<html><body><p>Hello</p></body></html>";
    const out = emailHtml(message({ html: bare, body: "Hello" }), PUBLIC);
    expect(out).toContain(`Don't want these emails? <a href="${UNSUBSCRIBE}"`);
    expect(out.indexOf("Don't want")).toBeLessThan(out.indexOf("</body>"));
    expect(emailText(message({ html: bare, body: "Hello" }))).toBe(`Hello\n\n---\nDon't want these emails? Unsubscribe or change your preferences: ${UNSUBSCRIBE}`);
  });

  it("keeps the text part as rendered, without the action's URL (the template places its links)", () => {
    expect(emailText(message({ html, body: "Shop [https://shop.example]", url: "https://action.example" }))).toBe("Shop [https://shop.example]");
  });

  it("has neither footer nor unsubscribe link on a transactional email", () => {
    const out = emailHtml(message({ html: "<html><body>Receipt</body></html>", topic: "transactional", unsubscribeUrl: null }), PUBLIC);
    expect(out).not.toContain("Don't want");
    expect(out).toContain("/api/t/o/");
  });
});

describe("a plain-text email", () => {
  it("is still paragraphs with tracked links, the action's URL as a button, the footer and the pixel", () => {
    const out = emailHtml(message({ body: "Hi Ann\n\nSee https://shop.example/sale", url: "https://shop.example/open" }), PUBLIC);
    expect(clickTargets(out).slice(0, 2)).toEqual(["tracked https://shop.example/sale", "tracked https://shop.example/open"]);
    expect(out).toContain("Don't want these emails?");
    expect(emailText(message({ body: "Hi", url: "https://shop.example/open" }))).toContain("Hi\n\nhttps://shop.example/open");
  });
});
