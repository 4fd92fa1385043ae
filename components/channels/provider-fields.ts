// What each provider asks for, in the words a marketer or their developer needs. The
// server's schema (lib/server/channels/registry.ts) is the rule; this is the form.
import type { ProviderName } from "@/lib/client/channels";

export type FieldKind = "text" | "number" | "secret" | "checkbox" | "headers";

export type ProviderField = {
  key: string;
  kind: FieldKind;
  label: string;
  hint?: string;
  placeholder?: string;
  /** The form marks it; the API enforces it. */
  required?: boolean;
  /** A secret that may be removed (SMTP without a password); required secrets can only be replaced. */
  clearable?: boolean;
  /** Takes the whole row instead of half of it. */
  wide?: boolean;
  mono?: boolean;
};

export type ProviderSpec = { name: ProviderName; label: string; summary: string; fields: ProviderField[] };

export const RATE_FIELD: ProviderField = {
  key: "ratePerSecond",
  kind: "number",
  label: "Send rate limit",
  placeholder: "Default",
  hint: "Messages per second for this application, to protect your provider quota and budget.",
};

export const PROVIDER_SPECS: Record<ProviderName, ProviderSpec> = {
  log: {
    name: "log",
    label: "Log only",
    summary: "Records each message as sent without delivering it. Safe for trying out connectors.",
    fields: [],
  },
  smtp: {
    name: "smtp",
    label: "SMTP",
    summary: "Any SMTP server: Postmark, SendGrid, Amazon SES, Mailgun or your own.",
    fields: [
      { key: "host", kind: "text", label: "Host", required: true, placeholder: "smtp.postmarkapp.com", mono: true },
      { key: "port", kind: "number", label: "Port", required: true, placeholder: "587", hint: "587 for STARTTLS, 465 for TLS from the start." },
      { key: "secure", kind: "checkbox", label: "Connect with TLS from the start", hint: "Turn on for port 465. On 587 the connection is upgraded with STARTTLS.", wide: true },
      { key: "user", kind: "text", label: "Username", placeholder: "Optional", mono: true },
      { key: "pass", kind: "secret", label: "Password", placeholder: "Optional", clearable: true },
      {
        key: "from",
        kind: "text",
        label: "From",
        required: true,
        placeholder: "Shop <hello@shop.example>",
        hint: "The sender people see. Use an address your SMTP provider lets you send from.",
        wide: true,
      },
    ],
  },
  twilio: {
    name: "twilio",
    label: "Twilio",
    summary: "Text messages through Twilio's Messages API, or any server that speaks it.",
    fields: [
      { key: "accountSid", kind: "text", label: "Account SID", required: true, placeholder: "AC…", mono: true, hint: "On your Twilio console's home page." },
      { key: "authToken", kind: "secret", label: "Auth token", required: true },
      {
        key: "from",
        kind: "text",
        label: "From",
        required: true,
        placeholder: "+15551234567",
        mono: true,
        hint: "Your Twilio number in E.164 format, or an approved alphanumeric sender id.",
      },
      {
        key: "baseUrl",
        kind: "text",
        label: "API base URL",
        placeholder: "https://api.twilio.com",
        mono: true,
        hint: "Leave empty for Twilio. Set it to send through a Twilio-compatible API.",
      },
    ],
  },
  webpush: {
    name: "webpush",
    label: "Web Push",
    summary: "Browser notifications with VAPID. Cue generates this application's key pair.",
    fields: [
      {
        key: "subject",
        kind: "text",
        label: "Contact",
        required: true,
        placeholder: "mailto:ops@shop.example",
        mono: true,
        hint: "How push services reach you about your traffic: a mailto: address or an https:// URL.",
        wide: true,
      },
    ],
  },
  http: {
    name: "http",
    label: "HTTP webhook",
    summary: "A JSON POST per message to your endpoint, with the message id as Idempotency-Key.",
    fields: [
      {
        key: "url",
        kind: "text",
        label: "Endpoint URL",
        required: true,
        placeholder: "https://hooks.shop.example/cue",
        mono: true,
        hint: "Cue POSTs each message here as JSON. A send action with its own URL overrides it.",
        wide: true,
      },
      {
        key: "headers",
        kind: "headers",
        label: "Headers",
        hint: "Sent with every request, e.g. an Authorization token. Stored encrypted and shown masked.",
        wide: true,
      },
    ],
  },
};
