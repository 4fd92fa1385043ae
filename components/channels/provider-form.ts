// The provider form's state and its conversion to and from the API's config. Secrets
// never come back from the API, so the form tracks which ones are stored: left empty,
// a stored secret is sent back as the mask and the server keeps it.
import type { ApiErrorDetail } from "@/lib/client/api";
import { SECRET_MASK, type ProviderName } from "@/lib/client/channels";
import { PROVIDER_SPECS, RATE_FIELD, type ProviderField } from "./provider-fields";

export type HeaderRow = { id: number; name: string; value: string; stored: boolean };

export type ProviderDraft = {
  values: Record<string, string>;
  checks: Record<string, boolean>;
  storedSecrets: string[];
  clearedSecrets: string[];
  headers: HeaderRow[];
  /** Header names the server holds; their values are never shown. */
  storedHeaders: string[];
};

export type FieldErrors = Record<string, string>;

let nextRowId = 1;
export const newHeaderRow = (name = "", value = "", stored = false): HeaderRow => ({ id: nextRowId++, name, value, stored });

export function formFields(provider: ProviderName): ProviderField[] {
  const fields = PROVIDER_SPECS[provider].fields;
  return provider === "log" ? fields : [...fields, RATE_FIELD];
}

/** The form for `provider`, filled from the stored config (null: nothing stored for it). */
export function draftFor(provider: ProviderName, config: Record<string, unknown> | null): ProviderDraft {
  const draft: ProviderDraft = { values: {}, checks: {}, storedSecrets: [], clearedSecrets: [], headers: [], storedHeaders: [] };
  for (const field of formFields(provider)) {
    const value = config?.[field.key];
    if (field.kind === "checkbox") draft.checks[field.key] = value === true;
    else if (field.kind === "secret") {
      draft.values[field.key] = "";
      if (value === SECRET_MASK) draft.storedSecrets.push(field.key);
    } else if (field.kind === "headers") {
      const stored = value && typeof value === "object" ? Object.keys(value) : [];
      draft.storedHeaders = stored;
      draft.headers = stored.map((name) => newHeaderRow(name, "", true));
    } else draft.values[field.key] = value === undefined || value === null ? "" : String(value);
  }
  return draft;
}

/** True once the rows differ from the stored headers: added, removed, renamed or given a value. */
export function headersEdited(draft: ProviderDraft): boolean {
  const { headers, storedHeaders } = draft;
  return headers.length !== storedHeaders.length || headers.some((row, i) => !row.stored || row.value !== "" || row.name !== storedHeaders[i]);
}

function headersConfig(draft: ProviderDraft, errors: FieldErrors): Record<string, string> | undefined {
  if (!headersEdited(draft)) {
    return draft.storedHeaders.length ? Object.fromEntries(draft.storedHeaders.map((name) => [name, SECRET_MASK])) : undefined;
  }
  // Headers are one secret: once they change, every value must be given again.
  const headers: Record<string, string> = {};
  for (const row of draft.headers) {
    const name = row.name.trim();
    if (!name) {
      if (row.value) errors.headers = "Give every header a name";
      continue;
    }
    if (name in headers) errors.headers = `“${name}” appears twice`;
    if (row.stored && !row.value) errors.headers = `Re-enter the value of “${name}”: changed headers are saved together`;
    headers[name] = row.value;
  }
  return headers;
}

/**
 * The config to PUT, or the problems the server could not report (it never sees masked values).
 * `stored` is the saved config of this same provider: values the form does not edit, like the
 * public VAPID key, go back with it, since a PUT replaces the whole config.
 */
export function buildConfig(
  provider: ProviderName,
  draft: ProviderDraft,
  stored: Record<string, unknown> | null = null,
): { config: Record<string, unknown>; errors: FieldErrors } {
  const config: Record<string, unknown> = {};
  // Without it the server keeps the private key but drops the public one, breaking every subscription.
  if (provider === "webpush" && typeof stored?.vapidPublicKey === "string") config.vapidPublicKey = stored.vapidPublicKey;
  const errors: FieldErrors = {};
  for (const field of formFields(provider)) {
    const raw = draft.values[field.key] ?? "";
    switch (field.kind) {
      case "text":
        if (raw.trim()) config[field.key] = raw.trim();
        break;
      case "number": {
        const number = Number(raw.trim());
        // Not a number: send the text and let the API's own message say what is wrong.
        if (raw.trim()) config[field.key] = Number.isFinite(number) ? number : raw.trim();
        break;
      }
      case "checkbox":
        config[field.key] = draft.checks[field.key] === true;
        break;
      case "secret":
        if (raw) config[field.key] = raw;
        else if (draft.clearedSecrets.includes(field.key)) config[field.key] = "";
        else if (draft.storedSecrets.includes(field.key)) config[field.key] = SECRET_MASK;
        break;
      case "headers": {
        const headers = headersConfig(draft, errors);
        if (headers) config[field.key] = headers;
        break;
      }
    }
  }
  return { config, errors };
}

/** Comparable form state: row ids are React keys, not content. */
export function draftSignature(draft: ProviderDraft): string {
  return JSON.stringify({ ...draft, headers: draft.headers.map(({ name, value, stored }) => [name, value, stored]) });
}

function friendlyMessage(message: string): string {
  if (/received undefined/.test(message)) return "Required";
  if (/expected number, received/.test(message)) return "Enter a number";
  if (/^Invalid URL$/i.test(message)) return "Enter a full URL, such as https://example.com/hook";
  return message;
}

/** The API's details ("config.port", "config.headers.X-Token") as messages per form field; the rest stay general. */
export function errorsFromDetails(details: ApiErrorDetail[]): { fields: FieldErrors; general: string[] } {
  const fields: FieldErrors = {};
  const general: string[] = [];
  for (const detail of details) {
    const [root, key] = detail.path.split(".");
    const field = root === "config" && key ? key : root === "provider" ? "provider" : null;
    if (field) fields[field] ??= friendlyMessage(detail.message);
    else general.push(detail.message);
  }
  return { fields, general };
}

/** One line describing a stored setting, for the collapsed channel card. */
export function settingSummary(provider: ProviderName, config: Record<string, unknown>): string {
  const text = (key: string) => (typeof config[key] === "string" || typeof config[key] === "number" ? String(config[key]) : "");
  switch (provider) {
    case "log":
      return "Messages are recorded in the log, not delivered";
    case "smtp":
      return [`${text("host")}:${text("port")}`, text("from") && `from ${text("from")}`].filter(Boolean).join(" · ");
    case "twilio":
      return [text("from") && `from ${text("from")}`, text("baseUrl") && `via ${text("baseUrl")}`].filter(Boolean).join(" · ");
    case "webpush":
      return text("subject") ? `Contact ${text("subject")}` : "VAPID keys generated";
    case "http": {
      const headers = config.headers && typeof config.headers === "object" ? Object.keys(config.headers).length : 0;
      return [text("url"), headers ? `${headers} ${headers === 1 ? "header" : "headers"}` : ""].filter(Boolean).join(" · ");
    }
  }
}
