// The paths Segment's Tracking API answers under /v1, including the one-letter forms
// analytics.js posts to (`/v1/t`, `/v1/p`, … and `/v1/b` when batching) and `/v1/import`,
// Segment's name for historical batches.
import { ApiError } from "../api/errors";
import { MAX_BATCH_BYTES, MAX_MESSAGE_BYTES, type SegmentCall } from "./messages";

const CALLS: Record<string, SegmentCall> = {
  track: "track",
  t: "track",
  identify: "identify",
  i: "identify",
  page: "page",
  p: "page",
  screen: "screen",
  s: "screen",
  group: "group",
  g: "group",
  alias: "alias",
  a: "alias",
  batch: "batch",
  b: "batch",
  import: "batch",
};

export function segmentCall(path: string | undefined): SegmentCall {
  const call = path ? CALLS[path] : undefined;
  if (!call) throw new ApiError("not_found", `No Tracking API call at /v1/${path ?? ""}`);
  return call;
}

export const bodyLimit = (call: SegmentCall) => (call === "batch" ? MAX_BATCH_BYTES : MAX_MESSAGE_BYTES);
