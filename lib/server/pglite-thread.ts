// Embedded PGlite on its own thread. PGlite runs every statement as WebAssembly on the
// thread that owns it; owned by the Node server's main thread, a busy database kept HTTP
// requests waiting. Here a worker thread (lib/server/pglite-worker.mjs) owns the instance
// and this object stands in for it: the part of PGlite's API that pglite-prisma-adapter
// and pgliteSql (lib/server/sql.ts) call — query, exec, transaction, close.
//
// Protocol (one message per call, answers matched by id, values structured-cloned):
//   open {dataDir} · query {text, params, rowMode, raw, tx?} · exec {text, rowMode, raw, tx?}
//   begin → transaction id · commit {tx} · rollback {tx} · close
// A transaction holds PGlite's lock in the worker from begin to commit/rollback; other
// calls queue there in order. Parsers are functions and cannot cross threads: the caller's
// parsers name type OIDs (`raw`) whose values the worker returns as PostgreSQL's text,
// and they are applied here; PGlite parses every other type in the worker.
import path from "node:path";
import { Worker } from "node:worker_threads";
import { TransactionAbortedError, messages, type QueryOptions, type Results } from "@electric-sql/pglite";

export type ThreadQueryOptions = Pick<QueryOptions, "rowMode" | "parsers">;

/** What a transaction's callback gets: PGlite's Transaction, minus listen and sql. */
export type PGliteThreadTransaction = {
  query<T>(text: string, params?: unknown[], options?: ThreadQueryOptions): Promise<Results<T>>;
  exec(text: string, options?: ThreadQueryOptions): Promise<Results[]>;
  rollback(): Promise<void>;
  readonly closed: boolean;
};

type Request =
  | { op: "open"; dataDir: string }
  | { op: "query"; text: string; params?: unknown[]; rowMode?: "array" | "object"; raw: number[]; tx?: number }
  | { op: "exec"; text: string; rowMode?: "array" | "object"; raw: number[]; tx?: number }
  | { op: "begin" }
  | { op: "commit" | "rollback"; tx: number }
  | { op: "close" };

type SerializedError = { message: string; name?: string; stack?: string; kind: string } & Record<string, unknown>;
type Answer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: SerializedError };

function workerFile(): string {
  // Loaded by Node from the source tree (like prisma/migrations), never bundled.
  return process.env.CUE_PGLITE_WORKER_FILE || path.join(/* turbopackIgnore: true */ process.cwd(), "lib", "server", "pglite-worker.mjs");
}

// The error the caller would have got from PGlite itself: a DatabaseError (what the Prisma
// adapter maps to its error codes) with the server's fields, or a plain Error.
function revive(data: SerializedError): Error {
  let error: Error;
  if (data.kind === "TransactionAbortedError") error = new TransactionAbortedError();
  else if (data.kind !== "Error") error = new messages.DatabaseError(data.message, Number(data.length ?? 0), "error");
  else error = new Error(data.message);
  const { message: _m, stack, kind: _k, name, ...fields } = data;
  Object.assign(error, fields);
  if (name) error.name = name;
  if (stack) error.stack = `${stack}\n    at (PGlite worker thread)`;
  return error;
}

function closedError(why: string): Error {
  return new Error(`PGlite is closed: ${why}`);
}

export class PGliteThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  #nextId = 1;
  #openTransactions = 0;
  #referenced = true;
  #closed: string | undefined; // why, once closed
  #closing: Promise<void> | undefined;
  /** Called once if the thread ends without close() (it crashed, or ran out of memory). */
  onLost?: (why: string) => void;

  private constructor(file: string) {
    this.#worker = new Worker(file, { name: "pglite" });
    this.#worker.on("message", (answer: Answer) => this.#answer(answer));
    this.#worker.on("error", (error) => this.#fail(`its thread failed: ${error.message}`));
    this.#worker.on("exit", (code) => this.#fail(`its thread exited (code ${code})`));
  }

  /** Starts the thread and opens (or creates) the data directory in it. */
  static async open(dataDir: string): Promise<PGliteThread> {
    const thread = new PGliteThread(workerFile());
    try {
      await thread.#request({ op: "open", dataDir });
    } catch (error) {
      await thread.#worker.terminate();
      throw error;
    }
    return thread;
  }

  get closed(): boolean {
    return this.#closed !== undefined || this.#closing !== undefined;
  }

  async query<T>(text: string, params?: unknown[], options?: ThreadQueryOptions, tx?: number): Promise<Results<T>> {
    const result = (await this.#request({ op: "query", text, params, rowMode: options?.rowMode, raw: rawOids(options), tx })) as Results<T>;
    return parse(result, options);
  }

  async exec(text: string, options?: ThreadQueryOptions, tx?: number): Promise<Results[]> {
    const results = (await this.#request({ op: "exec", text, rowMode: options?.rowMode, raw: rawOids(options), tx })) as Results[];
    return results.map((result) => parse(result, options));
  }

  /** Like PGlite's: commits when the callback resolves, rolls back when it throws. */
  async transaction<T>(callback: (tx: PGliteThreadTransaction) => Promise<T>): Promise<T> {
    const id = (await this.#request({ op: "begin" })) as number;
    this.#openTransactions++;
    let closed = false;
    let ending: Promise<unknown> | undefined;
    const end = (op: "commit" | "rollback") => {
      closed = true;
      // Goes through while closing: close() waits for PGlite's lock, which this holds.
      ending = this.#request({ op, tx: id }, true);
      return ending;
    };
    const checkOpen = () => {
      if (closed) throw new Error("Transaction is closed");
    };
    const tx: PGliteThreadTransaction = {
      query: async (text, params, options) => (checkOpen(), this.query(text, params, options, id)),
      exec: async (text, options) => (checkOpen(), this.exec(text, options, id)),
      rollback: async () => {
        checkOpen();
        await end("rollback");
      },
      get closed() {
        return closed;
      },
    };
    try {
      const result = await callback(tx);
      await (closed ? ending : end("commit"));
      return result;
    } catch (error) {
      await (closed ? ending : end("rollback"))?.catch(() => {});
      throw error;
    } finally {
      this.#openTransactions--;
      this.#reference();
    }
  }

  /** Closes the database and ends the thread. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      try {
        if (!this.#closed) await this.#request({ op: "close" }, true);
      } finally {
        this.#fail("closed");
        await this.#worker.terminate();
      }
    })();
    return this.#closing;
  }

  #request(request: Request, closing = false): Promise<unknown> {
    if (this.#closed) return Promise.reject(closedError(this.#closed));
    if (this.#closing && !closing) return Promise.reject(closedError("closing"));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      try {
        this.#worker.postMessage({ ...request, id });
      } catch (error) {
        this.#pending.delete(id); // e.g. a parameter that cannot be cloned
        reject(error as Error);
      }
      this.#reference();
    });
  }

  #answer(answer: Answer) {
    const waiting = this.#pending.get(answer.id);
    if (!waiting) return;
    this.#pending.delete(answer.id);
    this.#reference();
    if (answer.ok) waiting.resolve(answer.value);
    else waiting.reject(revive(answer.error));
  }

  #fail(why: string) {
    const lost = this.#closed === undefined && this.#closing === undefined;
    this.#closed ??= why;
    if (lost) queueMicrotask(() => this.onLost?.(why));
    for (const waiting of this.#pending.values()) waiting.reject(closedError(why));
    this.#pending.clear();
  }

  // An idle thread must not keep the process alive (an in-process PGlite did not); a
  // thread with work in flight must, or a script awaiting a query would just exit.
  #reference() {
    const busy = this.#pending.size > 0 || this.#openTransactions > 0;
    if (busy === this.#referenced) return;
    this.#referenced = busy;
    if (busy) this.#worker.ref();
    else this.#worker.unref();
  }
}

function rawOids(options?: ThreadQueryOptions): number[] {
  return options?.parsers ? Object.keys(options.parsers).map(Number) : [];
}

function parse<T>(result: Results<T>, options?: ThreadQueryOptions): Results<T> {
  const parsers = options?.parsers;
  if (!parsers || result.rows.length === 0) return result;
  const byArray = options?.rowMode === "array";
  // As PGlite: in object mode a repeated column name keeps its last value.
  const columns: { key: number | string; oid: number; parser: (value: string, oid: number) => unknown }[] = [];
  result.fields.forEach((field, index) => {
    const parser = parsers[field.dataTypeID] as ((value: string, oid: number) => unknown) | undefined;
    if (!byArray) {
      const later = result.fields.findIndex((f, i) => i > index && f.name === field.name);
      if (later !== -1) return;
    }
    if (parser) columns.push({ key: byArray ? index : field.name, oid: field.dataTypeID, parser });
  });
  if (columns.length === 0) return result;
  for (const row of result.rows as Record<string | number, unknown>[]) {
    for (const { key, oid, parser } of columns) {
      const value = row[key];
      if (value !== null && value !== undefined) row[key] = parser(value as string, oid);
    }
  }
  return result;
}
