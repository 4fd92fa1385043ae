// Templates as the /api/v1/templates endpoints take and return them (API.md "Templates"),
// with the query keys the template screens and pickers cache them under.
import type { z } from "zod";
import type { Channel, Format } from "@/lib/engine/nodes/fields";
import type { templateDetailSchema, templatePreviewResultSchema, templateRenderedSchema, templateSummarySchema } from "@/lib/openapi/template-responses";
import { apiFetch, withQuery } from "./api";

// The shapes are the OpenAPI schemas' own (a type-only import), so the screens cannot drift from the API.
export type TemplateSummary = z.infer<typeof templateSummarySchema>;
export type TemplateDetail = z.infer<typeof templateDetailSchema>;
export type TemplatePreview = z.infer<typeof templatePreviewResultSchema>;
export type TemplateRendered = z.infer<typeof templateRenderedSchema>;

/** What a save sends: the texts the channel has (see templateTexts). */
export type TemplateTexts = { name: string; channel: Channel; format: Format; title?: string | null; subject?: string | null; body: string };

/** A trigger event to render with, as POST /templates/preview and /render take it. */
export type ExampleEvent = { event?: string; data?: Record<string, unknown>; timestamp?: string };
export type PreviewRequest = Omit<TemplateTexts, "name"> & { userId?: string; event?: ExampleEvent };

export const templateKeys = {
  all: ["templates"] as const,
  list: (channel?: Channel) => ["templates", "list", channel ?? "all"] as const,
  detail: (id: string) => ["templates", "detail", id] as const,
  preview: (request: PreviewRequest) => ["templates", "preview", request] as const,
  render: (id: string, scope: { userId?: string; event?: ExampleEvent }) => ["templates", "render", id, scope] as const,
};

const one = (id: string) => `/api/v1/templates/${encodeURIComponent(id)}`;

export const templatesApi = {
  list: (channel?: Channel, signal?: AbortSignal) => apiFetch<{ templates: TemplateSummary[] }>(withQuery("/api/v1/templates", { channel }), { signal }),
  get: (id: string, signal?: AbortSignal) => apiFetch<TemplateDetail>(one(id), { signal }),
  create: (texts: TemplateTexts) => apiFetch<TemplateDetail>("/api/v1/templates", { body: texts }),
  update: (id: string, texts: TemplateTexts) => apiFetch<TemplateDetail>(one(id), { method: "PUT", body: texts }),
  remove: (id: string) => apiFetch<{ deleted: true }>(one(id), { method: "DELETE" }),
  preview: (request: PreviewRequest, signal?: AbortSignal) => apiFetch<TemplatePreview>("/api/v1/templates/preview", { body: request, signal }),
  render: (id: string, scope: { userId?: string; event?: ExampleEvent }, signal?: AbortSignal) =>
    apiFetch<TemplateRendered>(`${one(id)}/render`, { body: scope, signal }),
};

export const templateHref = (id: string) => `/templates/${encodeURIComponent(id)}`;
