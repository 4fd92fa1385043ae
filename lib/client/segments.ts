// Segments as /api/v1/segments answers them, the query keys the Segments screens cache
// them under, and the calls those screens make.
import type { SegmentRule } from "@/lib/engine/segment-rule";
import { apiFetch, withQuery } from "./api";

export type SegmentKind = "manual" | "dynamic";
export type SegmentSummary = {
  id: string;
  name: string;
  kind: SegmentKind;
  rule: SegmentRule | null;
  description: string | null;
  members: number;
  createdAt: string;
  refreshedAt: string | null;
};
export type SegmentMember = { userId: string; name: string | null; email: string | null; addedAt: string };
export type MemberPage = { total: number; members: SegmentMember[] };
export type RulePreview = { count: number; description: string; sample: { userId: string; name: string | null; email: string | null }[] };

export const MEMBERS_PAGE_SIZE = 50;
// The API takes at most this many user ids per call; imports are sent in chunks.
export const MEMBER_IDS_PER_CALL = 10_000;

export const segmentKeys = {
  all: ["segments"] as const,
  members: (id: string, params: { q: string; offset: number }) => ["segments", "members", id, params] as const,
  preview: (rule: unknown) => ["segments", "preview", rule] as const,
};

const base = (id: string) => `/api/v1/segments/${encodeURIComponent(id)}`;

export const segmentsApi = {
  create: (body: { name: string; kind: SegmentKind; rule?: unknown }) => apiFetch<SegmentSummary>("/api/v1/segments", { body }),
  update: (id: string, body: { name?: string; rule?: unknown }) => apiFetch<SegmentSummary>(base(id), { method: "PUT", body }),
  remove: (id: string) => apiFetch<{ deleted: true }>(base(id), { method: "DELETE" }),
  refresh: (id: string) => apiFetch<{ added: number; removed: number; segment: SegmentSummary }>(`${base(id)}/refresh`, { method: "POST" }),
  preview: (rule: unknown, signal?: AbortSignal) => apiFetch<RulePreview>("/api/v1/segments/preview", { body: { rule }, signal }),
  members: (id: string, params: { q: string; offset: number }, signal?: AbortSignal) =>
    apiFetch<MemberPage>(withQuery(`${base(id)}/members`, { ...params, limit: MEMBERS_PAGE_SIZE }), { signal }),
  addMembers: (id: string, userIds: string[]) => apiFetch<{ added: number }>(`${base(id)}/members`, { body: { userIds } }),
  removeMembers: (id: string, userIds: string[]) => apiFetch<{ removed: number }>(`${base(id)}/members`, { method: "DELETE", body: { userIds } }),
  exportHref: (id: string) => `${base(id)}/members.csv`,
};

export function segmentHref(id: string): string {
  return `/segments/${encodeURIComponent(id)}`;
}
