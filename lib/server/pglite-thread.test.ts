// The PGlite thread's stand-in behaves like a PGlite instance for its two users: the Prisma
// adapter (rowMode array, parsers by OID, DatabaseError, transactions with an unawaited
// rollback) and pgliteSql (object rows, timestamp → Date as UTC, int8 → BigInt).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { messages } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PGliteThread } from "./pglite-thread";
import { pgliteSql } from "./sql";

let db: PGliteThread;

beforeAll(async () => {
  db = await PGliteThread.open("memory://");
  await db.exec(`CREATE TABLE t (id int PRIMARY KEY, at timestamp(3), n int8, tags text[], doc jsonb)`);
}, 60_000);

afterAll(async () => {
  await db?.close();
});

describe("PGliteThread", () => {
  it("runs queries with parameters and PGlite's own parsing for other types", async () => {
    await db.query(`INSERT INTO t VALUES ($1, $2, $3, $4, $5)`, [1, new Date("2024-05-06T07:08:09.123Z"), 5n, ["a", "b"], { k: 1 }]);
    const { rows, fields, affectedRows } = await db.query<{ id: number; tags: string[]; doc: unknown }>(`SELECT id, tags, doc FROM t`);
    expect(rows).toEqual([{ id: 1, tags: ["a", "b"], doc: { k: 1 } }]);
    expect(fields.map((f) => f.name)).toEqual(["id", "tags", "doc"]);
    expect(affectedRows).toBe(0);
  });

  it("applies the caller's parsers by type OID, in object and array mode", async () => {
    const parsers = { 1114: (v: string) => `ts:${v}`, 20: (v: string) => BigInt(v) * 2n };
    const object = await db.query(`SELECT at, n, id FROM t WHERE id = 1`, [], { parsers });
    expect(object.rows).toEqual([{ at: "ts:2024-05-06 07:08:09.123", n: 10n, id: 1 }]);
    const array = await db.query(`SELECT at, n, NULL::int8 AS z FROM t WHERE id = 1`, [], { rowMode: "array", parsers });
    expect(array.rows).toEqual([["ts:2024-05-06 07:08:09.123", 10n, null]]);
  });

  it("serves pgliteSql: UTC dates and BigInt", async () => {
    const sql = pgliteSql(db);
    const rows = await sql.query<{ at: Date; n: bigint }>(`SELECT at, n FROM t WHERE id = $1`, [1]);
    expect(rows[0]!.at.toISOString()).toBe("2024-05-06T07:08:09.123Z");
    expect(rows[0]!.n).toBe(5n);
    expect(await sql.execute(`UPDATE t SET n = n + 1 WHERE id = $1`, [1])).toBe(1);
    const inTx = await sql.transaction(async (tx) => {
      await tx.execute(`INSERT INTO t (id) VALUES (2)`);
      return tx.query<{ c: bigint }>(`SELECT count(*) AS c FROM t`);
    });
    expect(inTx[0]!.c).toBe(2n);
  });

  it("throws PGlite's DatabaseError with the server's fields", async () => {
    const error = await db.query(`INSERT INTO t (id) VALUES (1)`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(messages.DatabaseError);
    expect(error).toMatchObject({ code: "23505", severity: "ERROR", constraint: "t_pkey", table: "t" });
  });

  it("commits, rolls back on a throw, and honours an unawaited rollback (as the Prisma adapter does)", async () => {
    await db.transaction(async (tx) => void (await tx.query(`INSERT INTO t (id) VALUES (10)`)));
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`INSERT INTO t (id) VALUES (11)`);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    await db.transaction(async (tx) => {
      await tx.query(`INSERT INTO t (id) VALUES (12)`);
      void tx.rollback();
      expect(tx.closed).toBe(true);
      await expect(tx.query(`SELECT 1`)).rejects.toThrow(/closed/);
    });
    const { rows } = await db.query<{ id: number }>(`SELECT id FROM t WHERE id >= 10 ORDER BY id`);
    expect(rows.map((r) => r.id)).toEqual([10]);
  });

  it("runs one transaction at a time; other statements queue behind it", async () => {
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const first = db.transaction(async (tx) => {
      await tx.query(`UPDATE t SET n = 100 WHERE id = 1`);
      order.push("tx1 wrote");
      await held;
      order.push("tx1 ends");
    });
    await new Promise((r) => setTimeout(r, 50));
    const outside = db.query<{ n: number }>(`SELECT n FROM t WHERE id = 1`).then((r) => (order.push("read"), r.rows[0]!.n));
    const second = db.transaction(async () => void order.push("tx2"));
    await new Promise((r) => setTimeout(r, 50));
    release();
    await Promise.all([first, second]);
    expect(await outside).toBe(100); // PGlite's own int8 parser
    expect(order).toEqual(["tx1 wrote", "tx1 ends", "read", "tx2"]);
  });

  it("rejects a statement error inside a transaction and leaves the database usable", async () => {
    await expect(db.transaction((tx) => tx.query(`SELECT * FROM missing_table`))).rejects.toMatchObject({ code: "42P01" });
    expect((await db.query(`SELECT 1 AS one`)).rows).toEqual([{ one: 1 }]);
  });

  it("runs multi-statement exec", async () => {
    const results = await db.exec(`SELECT 1 AS a; SELECT 2 AS b`);
    expect(results.map((r) => r.rows)).toEqual([[{ a: 1 }], [{ b: 2 }]]);
  });
});

describe("PGliteThread closing", () => {
  it("ends the thread, and later calls fail as a closed PGlite (mapped to 503)", async () => {
    const other = await PGliteThread.open("memory://");
    await other.close();
    expect(other.closed).toBe(true);
    await expect(other.query(`SELECT 1`)).rejects.toThrow(/PGlite is closed/);
  }, 60_000);

  it("waits for an open transaction, which rolls back when its next statement is refused", async () => {
    // close() needs PGlite's lock, which the transaction holds: its rollback must still
    // reach the thread, or close() never returns (it hung CI's afterAll for 120 s).
    const other = await PGliteThread.open("memory://");
    let proceed!: () => void;
    const inside = new Promise<void>((resolve) => (proceed = resolve));
    let started!: () => void;
    const begun = new Promise<void>((resolve) => (started = resolve));
    const work = other.transaction(async (tx) => {
      started();
      await inside;
      await tx.query(`SELECT 1`);
    });
    await begun;
    const closing = other.close();
    proceed();
    await expect(work).rejects.toThrow(/PGlite is closed: closing/);
    await closing;
    expect(other.closed).toBe(true);
  }, 60_000);
});

describe("PGliteThread lost", () => {
  it("fails what is in flight as a closed PGlite and reports the loss once", async () => {
    // A stand-in worker that opens, then dies on the first statement.
    const file = path.join(mkdtempSync(path.join(tmpdir(), "cue-thread-")), "dies.mjs");
    writeFileSync(file, `import { parentPort } from "node:worker_threads";
parentPort.on("message", (m) => (m.op === "open" ? parentPort.postMessage({ id: m.id, ok: true }) : process.exit(3)));`);
    process.env.CUE_PGLITE_WORKER_FILE = file;
    try {
      const thread = await PGliteThread.open("memory://");
      const lost: string[] = [];
      thread.onLost = (why) => lost.push(why);
      await expect(thread.query(`SELECT 1`)).rejects.toThrow(/PGlite is closed: its thread exited \(code 3\)/);
      await expect(thread.transaction(async () => 1)).rejects.toThrow(/PGlite is closed/);
      expect(lost).toEqual(["its thread exited (code 3)"]);
      await thread.close();
      expect(lost).toHaveLength(1);
    } finally {
      delete process.env.CUE_PGLITE_WORKER_FILE;
    }
  });
});
