// The embedded database's own thread: owns the PGlite instance, so its WebAssembly runs
// beside the HTTP server's event loop instead of on it. Driven by lib/server/pglite-thread.ts
// (see the protocol there). Plain JavaScript on purpose: Node loads this file as it is,
// both under Next.js (`next start`) and under vitest, with no bundler or TypeScript step.
import { parentPort } from "node:worker_threads";
import { PGlite, messages } from "@electric-sql/pglite";

/** @type {PGlite | undefined} */
let db;
/** Open transactions by id: PGlite's own transaction object and the way to end it. */
const transactions = new Map();
let nextTransaction = 1;

const raw = (value) => value;

// Function-valued options cannot cross threads: the caller names the type OIDs it parses
// itself, and those come back as PostgreSQL's text; PGlite parses every other type here.
function queryOptions(message) {
  const parsers = {};
  for (const oid of message.raw ?? []) parsers[oid] = raw;
  return { rowMode: message.rowMode, parsers };
}

function on(message) {
  if (message.tx === undefined) {
    if (!db) throw new Error("PGlite is closed");
    return db;
  }
  const open = transactions.get(message.tx);
  if (!open) throw new Error("Transaction is closed");
  return open.tx;
}

const FIELDS = ["length", "severity", "code", "detail", "hint", "position", "internalPosition", "internalQuery", "where", "schema", "table", "column", "dataType", "constraint", "file", "line", "routine", "query"];

function serializeError(error) {
  if (!(error instanceof Error)) return { message: String(error), kind: "Error" };
  const out = { message: error.message, name: error.name, stack: error.stack, kind: error instanceof messages.DatabaseError ? error.constructor.name : "Error" };
  for (const key of FIELDS) {
    const value = error[key];
    if (value === undefined || value === null || typeof value === "function" || typeof value === "object") continue;
    out[key] = value;
  }
  return out;
}

function reply(id, value) {
  parentPort.postMessage({ id, ok: true, value });
}

function fail(id, error) {
  parentPort.postMessage({ id, ok: false, error: serializeError(error) });
}

async function begin() {
  const id = nextTransaction++;
  return new Promise((started, failedToStart) => {
    const open = {};
    const ended = new Promise((resolve) => (open.end = resolve));
    open.done = db
      .transaction(async (tx) => {
        open.tx = tx;
        transactions.set(id, open);
        started(id);
        // Holds PGlite's transaction lock until the caller commits or rolls back: other
        // queries and transactions queue behind it, in PGlite's own mutex, in this thread.
        if ((await ended) === "rollback") await tx.rollback();
      })
      .finally(() => transactions.delete(id));
    open.done.catch(failedToStart); // only matters if BEGIN itself failed (no-op once started)
  });
}

async function end(message, how) {
  const open = transactions.get(message.tx);
  if (!open) throw new Error("Transaction is closed");
  open.end(how);
  await open.done;
}

async function handle(message) {
  switch (message.op) {
    case "open":
      db = await PGlite.create(message.dataDir);
      return;
    case "query":
      return on(message).query(message.text, message.params, queryOptions(message));
    case "exec":
      return on(message).exec(message.text, queryOptions(message));
    case "begin":
      if (!db) throw new Error("PGlite is closed");
      return begin();
    case "commit":
      return end(message, "commit");
    case "rollback":
      return end(message, "rollback");
    case "close": {
      const open = db;
      db = undefined;
      if (open && !open.closed) await open.close();
      return;
    }
    default:
      throw new Error(`unknown operation ${message.op}`);
  }
}

parentPort.on("message", (message) => {
  handle(message).then(
    (value) => {
      try {
        reply(message.id, value);
      } catch (error) {
        fail(message.id, error); // a value that cannot be cloned
      }
    },
    (error) => fail(message.id, error),
  );
});
