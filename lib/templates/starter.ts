// Starting points for a new email template, for the template editor (and the demo data)
// to offer. Plain constants, safe to import in the browser. The MJML layout is the usual
// responsive email: a header with the app's name, the content, a button, and a footer
// with the unsubscribe link ({{ unsubscribe_url }}: where it stands, Cue adds no footer).

export const STARTER_MJML = `<mjml>
  <mj-head>
    <mj-title>{{ app.name }}</mj-title>
    <mj-preview>Something new for you, {{ user.name | default: "there" }}</mj-preview>
    <mj-attributes>
      <mj-all font-family="Helvetica, Arial, sans-serif" />
      <mj-text font-size="15px" line-height="1.5" color="#0f172a" />
    </mj-attributes>
  </mj-head>
  <mj-body background-color="#f1f5f9">
    <mj-section background-color="#3b55e6" padding="20px 24px">
      <mj-column>
        <mj-text font-size="20px" font-weight="bold" color="#ffffff">{{ app.name }}</mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" padding="24px">
      <mj-column>
        <mj-text font-size="22px" font-weight="bold">Hi {{ user.name | default: "there" }},</mj-text>
        <mj-text>Write your message here. Liquid works everywhere: {{ event.data.product | default: "your favourites" }} are waiting.</mj-text>
        <mj-button href="https://example.com" background-color="#3b55e6" color="#ffffff" border-radius="6px" font-size="15px">Take a look</mj-button>
      </mj-column>
    </mj-section>
    <mj-section padding="16px 24px">
      <mj-column>
        <mj-text font-size="12px" color="#64748b" align="center">
          You get this email from {{ app.name }}. <a href="{{ unsubscribe_url }}" style="color:#64748b">Unsubscribe or change your preferences</a>
        </mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>
`;

export const STARTER_MARKDOWN = `# Hi {{ user.name | default: "there" }},

Write your message here. **Markdown** and Liquid both work: {{ event.data.product | default: "your favourites" }} are waiting.

[Take a look](https://example.com)

---

You get this email from {{ app.name }}. [Unsubscribe or change your preferences]({{ unsubscribe_url }})
`;
