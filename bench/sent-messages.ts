// When each message of a connector was sent, by user: what every event → message figure
// reads. On PostgreSQL straight from the database (one indexed query, however many
// thousands of messages a capacity step made); on PGlite the database lives inside the
// server, so through the messages API, newest first, paging back only to `sinceMs`.
import type { CueServer } from "../tests/support/cue-server";
import type { Sql } from "./baselines";
import { api } from "./workload";

/** userId → sentAt (ms since the epoch) of the sent messages of `connectorId` created since `sinceMs`. */
export type SentReader = (connectorId: string, sinceMs: number) => Promise<Map<string, number>>;

export function sentOverSql(sql: Sql, appId: string): SentReader {
  return async (connectorId, sinceMs) => {
    // timestamp(3) columns hold UTC; extract(epoch …) reads them as such, whatever the session's zone.
    const rows = (await sql(
      `SELECT "userId", (extract(epoch FROM "sentAt") * 1000)::float8 AS sent FROM "Message"
       WHERE "appId" = $1 AND "createdAt" >= $2::timestamp(3) AND "connectorId" = $3 AND "sentAt" IS NOT NULL`,
      [appId, new Date(sinceMs).toISOString(), connectorId],
    )) as { userId: string; sent: number }[];
    return new Map(rows.map((r) => [r.userId, Number(r.sent)]));
  };
}

type Page = { messages: { userId: string; status: string; sentAt: string | null; createdAt: string }[]; nextCursor: string | null };

export function sentOverHttp(server: CueServer): SentReader {
  return async (connectorId, sinceMs) => {
    const sent = new Map<string, number>();
    let cursor: string | null = null;
    do {
      const page: Page = await api(server, "GET", `/api/v1/messages?connectorId=${connectorId}&status=sent&limit=200${cursor ? `&cursor=${cursor}` : ""}`);
      for (const m of page.messages) if (m.sentAt) sent.set(m.userId, Date.parse(m.sentAt));
      const oldest = page.messages.at(-1);
      cursor = oldest && Date.parse(oldest.createdAt) >= sinceMs ? page.nextCursor : null;
    } while (cursor);
    return sent;
  };
}
