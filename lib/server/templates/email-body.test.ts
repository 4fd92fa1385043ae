// Markdown and MJML to an email's HTML and text parts, after Liquid: escaped user data,
// slots filled into a layout converted once, and the fallback when MJML might read a slot.
import { describe, expect, it } from "vitest";
import { renderContent, templateScope, UNSUBSCRIBE_URL_PLACEHOLDER } from "@/lib/engine/templates";
import { app, makeEvent, user } from "@/lib/engine/test-records";
import type { Content } from "@/lib/engine/nodes/fields";
import { STARTER_MARKDOWN, STARTER_MJML } from "@/lib/templates/starter";
import { emailParts, layoutCacheSize, markdownToHtml, messageParts } from "./email-body";

const scopeFor = (name: string, data: Record<string, unknown> = {}) => templateScope(makeEvent("e1", "ADDTOCART", data), { ...user, name }, app);

async function render(content: Content, name = "Ann", data: Record<string, unknown> = {}) {
  const rendered = renderContent(content, scopeFor(name, data));
  return emailParts({ format: content.format!, body: rendered.body, values: rendered.values });
}

describe("markdown", () => {
  it("renders to a responsive HTML document and a plain-text part", async () => {
    const { html, text } = await render({ format: "markdown", body: "# Hi {{ user.name }}\n\nYour **{{ event.data.product }}** waits: [see it](https://shop.example/p/{{ event.data.sku }})" }, "Ann", { product: "kettle", sku: "k1" });
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain("max-width:600px");
    expect(html).toContain("<h1>Hi Ann</h1>");
    expect(html).toContain("Your <strong>kettle</strong> waits");
    expect(html).toContain('<a href="https://shop.example/p/k1">see it</a>');
    expect(text).toBe("Hi Ann\n\nYour kettle waits: see it [https://shop.example/p/k1]");
  });

  it("escapes user data: a name with markup is text in the HTML, and reads as written in the text part", async () => {
    const { html, text } = await render({ format: "markdown", body: "Hi {{ user.name }}" }, "<script>alert(1)</script>");
    expect(html).toContain("Hi &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>");
    expect(text).toBe("Hi <script>alert(1)</script>");
  });

  it("does not let user data add markdown (a link, emphasis)", async () => {
    const { html } = await render({ format: "markdown", body: "Hi {{ user.name }}" }, "[win](https://evil.example) *now*");
    expect(html).not.toContain("<a ");
    expect(html).toContain("[win](https://evil.example) *now*");
  });

  it("links a URL value written bare or in a link", async () => {
    const { html } = await render({ format: "markdown", body: "Open {{ event.data.url }} or <{{ event.data.url }}>" }, "Ann", { url: "https://shop.example/a?b=1&c=2" });
    expect(html).toContain('<a href="https://shop.example/a?b=1&amp;c=2">https://shop.example/a?b=1&amp;c=2</a> or <a href="https://shop.example/a?b=1&amp;c=2">');
  });

  it("keeps {{ unsubscribe_url }} for delivery, in the link and in the text", async () => {
    const { html, text } = await render({ format: "markdown", body: "[Unsubscribe]({{ unsubscribe_url }})" });
    expect(html).toContain(`<a href="${UNSUBSCRIBE_URL_PLACEHOLDER}">Unsubscribe</a>`);
    expect(text).toBe(`Unsubscribe [${UNSUBSCRIBE_URL_PLACEHOLDER}]`);
  });

  it("renders the starter layout", async () => {
    const { html, text } = await render({ format: "markdown", body: STARTER_MARKDOWN }, "Ann", { product: "Kettles" });
    expect(html).toContain("<h1>Hi Ann,</h1>");
    expect(text).toContain("Kettles are waiting");
    expect(html).toContain(`href="${UNSUBSCRIBE_URL_PLACEHOLDER}"`);
  });

  it("wraps marked's output in the shell", () => {
    expect(markdownToHtml("*x*")).toContain("<p><em>x</em></p>\n</div></body></html>");
  });
});

describe("MJML", () => {
  it("renders the starter layout to responsive HTML with the Liquid values, and a text part", async () => {
    const { html, text } = await render({ format: "mjml", body: STARTER_MJML }, "Ann", { product: "Kettles" });
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain("@media only screen and (min-width:480px)");
    expect(html).toContain("Hi Ann,");
    expect(html).toContain("Kettles are waiting");
    expect(html).toContain('href="https://example.com"');
    expect(html).toContain(`href="${UNSUBSCRIBE_URL_PLACEHOLDER}"`);
    expect(text).toContain("Hi Ann,");
    expect(text).toContain("Take a look [https://example.com]");
    expect(text).toContain(`Unsubscribe or change your preferences [${UNSUBSCRIBE_URL_PLACEHOLDER}]`);
    // The preview teaser is hidden in the HTML and left out of the text.
    expect(text).not.toContain("Something new for you");
  });

  it("escapes user data in text and attributes", async () => {
    const body = '<mjml><mj-body><mj-section><mj-column><mj-text>Hi {{ user.name }}</mj-text><mj-button href="{{ event.data.url }}">Go</mj-button></mj-column></mj-section></mj-body></mjml>';
    const { html, text } = await render({ format: "mjml", body }, '<img src=x onerror=alert(1)>', { url: 'https://x.example/"><script>' });
    expect(html).toContain("Hi &lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain('href="https://x.example/&#34;&gt;&lt;script&gt;"');
    expect(html).not.toMatch(/<img src=x|<script>/);
    expect(text).toContain("Hi <img src=x onerror=alert(1)>");
  });

  it("converts a layout once for recipients whose values differ, each getting their own values", async () => {
    const body = '<mjml><mj-body><mj-section><mj-column><mj-text>Layout-once {{ user.name }}</mj-text></mj-column></mj-section></mj-body></mjml>';
    const before = layoutCacheSize();
    const [ann, bo] = await Promise.all([render({ format: "mjml", body }, "Ann"), render({ format: "mjml", body }, "Bo")]);
    expect(layoutCacheSize()).toBe(before + 1);
    expect(ann.html).toContain("Layout-once Ann");
    expect(bo.html).toContain("Layout-once Bo");
    expect(ann.html.replace("Ann", "Bo")).toBe(bo.html);
  });

  it("converts per recipient when a value sits in an attribute MJML computes with", async () => {
    const body = '<mjml><mj-body><mj-section padding="{{ event.data.pad }}"><mj-column><mj-text>Pad</mj-text></mj-column></mj-section></mj-body></mjml>';
    const { html } = await render({ format: "mjml", body }, "Ann", { pad: "7px" });
    expect(html).toContain("padding:7px");
    expect(html).not.toContain("cueslot");
  });

  it("fails a body MJML cannot read", async () => {
    await expect(render({ format: "mjml", body: "just text {{ user.name }}" })).rejects.toThrow(/mjml/i);
    expect(await messageParts("email", { format: "mjml", body: "no root" })).toEqual({ error: expect.stringMatching(/^The email could not be rendered: .*mjml/i) });
  });

  it("is not applied to other channels or plain text", async () => {
    expect(await messageParts("email", { body: "plain" })).toBeNull();
    expect(await messageParts("push", { body: "# x", format: "markdown" })).toBeNull();
  });
});
