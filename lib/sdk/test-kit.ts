// Fakes for the SDK's unit tests: a scripted Cue server behind a fetch function, and a
// localStorage-like store that can be made to refuse writes.
import type { KeyValue } from "./storage";
import type { FetchLike, FetchResponse } from "./transport";

export type SeenRequest = {
  url: string;
  path: string;
  method: string;
  headers: Record<string, string>;
  body: any;
  keepalive: boolean;
};

type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | Error;
type Responder = (request: SeenRequest) => Reply | Promise<Reply>;

export function reply(status: number, body?: unknown, headers?: Record<string, string>): Reply {
  return { status, body, headers };
}

/** A fake Cue: records every request; answers 202/200 unless told otherwise. */
export function fakeCue() {
  const requests: SeenRequest[] = [];
  const stored = new Map<string, any>();
  let responder: Responder = (request) => defaultReply(request);

  function defaultReply(request: SeenRequest): Reply {
    if (request.path === "/api/v1/events") {
      let accepted = 0;
      for (const event of request.body.events as any[]) {
        if (stored.has(event.id)) continue;
        stored.set(event.id, event);
        accepted++;
      }
      return reply(202, { accepted, duplicates: request.body.events.length - accepted });
    }
    return reply(200, { ok: true });
  }

  const fetch: FetchLike = async (url, init) => {
    const parsed = new URL(url);
    const request: SeenRequest = {
      url,
      path: parsed.pathname,
      method: init.method,
      headers: init.headers,
      body: init.body === undefined ? undefined : JSON.parse(init.body),
      keepalive: init.keepalive === true,
    };
    requests.push(request);
    const answer = await responder(request);
    if (answer instanceof Error) throw answer;
    const response: FetchResponse = {
      status: answer.status,
      headers: new Headers(answer.headers),
      text: async () => (answer.body === undefined ? "" : JSON.stringify(answer.body)),
    };
    return response;
  };

  return {
    fetch,
    requests,
    /** Events the server stored, by client id (duplicates are not stored again). */
    stored,
    respond(next: Responder) {
      responder = next;
    },
    /** Back to normal behaviour. */
    heal() {
      responder = defaultReply;
    },
    accept: defaultReply,
    eventRequests: () => requests.filter((r) => r.path === "/api/v1/events"),
  };
}

export function fakeStore(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  let refuse = false;
  const store: KeyValue & { values: Map<string, string>; refuseWrites(on: boolean): void } = {
    values,
    get: (key) => values.get(key) ?? null,
    set: (key, value) => {
      if (refuse) return false;
      values.set(key, value);
      return true;
    },
    remove: (key) => void values.delete(key),
    refuseWrites: (on) => {
      refuse = on;
    },
  };
  return store;
}

/** A deterministic id sequence: id-1, id-2, … */
export function sequentialIds(prefix = "id") {
  let n = 0;
  return () => `${prefix}-${++n}`;
}
