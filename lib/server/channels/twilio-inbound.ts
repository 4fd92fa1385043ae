// Replies to our SMS, posted by Twilio to /api/inbound/twilio/{appKey}. Twilio signs
// each request: base64(HMAC-SHA1(authToken, url + every POST param name and value,
// sorted by name)), in X-Twilio-Signature. A reply that is only an opt-out or opt-in
// keyword (API.md, "Respectful delivery") also changes the sender's sms subscription.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ApiError } from "../api/errors";
import { sqlDb } from "../db";
import { putSubscriptions } from "../delivery/subscriptions";
import { kickMatching } from "../engine/background";
import { loadChannel } from "./channel-config";
import { recordLifecycleEvent } from "./lifecycle";

const STOP_WORDS = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"]);
const START_WORDS = new Set(["START", "UNSTOP", "YES"]);

/** "stop" or "start" when the whole body (any case, trimmed) is one of the keywords. */
export function smsKeyword(body: string): "stop" | "start" | null {
  const word = body.trim().toUpperCase();
  return STOP_WORDS.has(word) ? "stop" : START_WORDS.has(word) ? "start" : null;
}

export function twilioSignature(authToken: string, url: string, params: URLSearchParams): string {
  const sorted = [...params.keys()].sort().map((k) => k + params.getAll(k).join(""));
  return createHmac("sha1", authToken).update(url + sorted.join("")).digest("base64");
}

export async function receiveTwilioReply(prisma: PrismaClient, appKey: string, url: string, signature: string | null, params: URLSearchParams, now: Date) {
  const app = await prisma.app.findUnique({ where: { key: appKey }, select: { id: true } });
  if (!app) throw new ApiError("not_found", "Unknown application");
  const sms = await loadChannel(prisma, app.id, "sms");
  const token = sms.provider === "twilio" ? sms.secrets.authToken : undefined;
  if (!token) throw new ApiError("forbidden", "SMS replies need the twilio provider configured");
  const expected = Buffer.from(twilioSignature(token, url, params));
  const given = Buffer.from(signature ?? "");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new ApiError("forbidden", "Invalid Twilio signature");

  const from = params.get("From") ?? "";
  const user = await prisma.user.findFirst({ where: { appId: app.id, phone: from }, orderBy: { lastSeenAt: "desc" } });
  if (!user) return { recorded: false };
  const keyword = smsKeyword(params.get("Body") ?? "");
  if (keyword) {
    const sql = await sqlDb();
    await sql.transaction((tx) => putSubscriptions(tx, app.id, user.userId, { channels: { sms: keyword === "start" } }, "sms", now));
  }
  const replyTo = await prisma.message.findFirst({ where: { appId: app.id, userId: user.userId, channel: "sms", status: "sent" }, orderBy: { sentAt: "desc" } });
  const message = replyTo ?? { id: `sms-reply-${params.get("MessageSid") ?? now.getTime()}`, appId: app.id, userId: user.userId, channel: "sms", connectorId: null, nodeId: null };
  const recorded = await recordLifecycleEvent(prisma, message, "message.replied", now, { body: params.get("Body") ?? "", from, messageSid: params.get("MessageSid") }, `:${params.get("MessageSid") ?? now.getTime()}`);
  // A subscription change is an event too (user.subscribed/unsubscribed), which may start walks.
  if (recorded || keyword) kickMatching({ walks: Boolean(keyword) });
  return { recorded };
}
