// Direct calls to Segment's Tracking API for the segment-*.test.ts files.
import { db } from "@/lib/server/db";
import { basic, call, type TestApp } from "./api-client";

export const writeKeyAuth = (writeKey: string) => ({ authorization: basic(writeKey, "") });

export const post = (path: string, body: unknown, headers: Record<string, string>) => call("POST", path, { body, headers });

export const eventsOf = async (t: TestApp, where: Record<string, unknown>) =>
  (await db()).event.findMany({ where: { appId: t.id, ...where }, orderBy: { seq: "asc" } });

export const userRowOf = async (t: TestApp, userId: string) =>
  (await db()).user.findUnique({ where: { appId_userId: { appId: t.id, userId } } });
