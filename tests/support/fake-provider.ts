// A local HTTP server standing in for a provider (Twilio, a webhook receiver, a push
// service): it records every request and answers from a script, then 200s.
import { createServer, type IncomingMessage, type Server } from "node:http";

export type Recorded = { method: string; path: string; headers: IncomingMessage["headers"]; body: Buffer; at: number };
export type Reply = { status: number; headers?: Record<string, string>; body?: string };

export type FakeProvider = {
  url: string;
  requests: Recorded[];
  /** Replies for the next requests, in order; afterwards every request gets 200. */
  script(...replies: Reply[]): void;
  /** Runs when a request arrives, before the reply is written. */
  onRequest(hook: ((req: Recorded) => void) | null): void;
  close(): Promise<void>;
};

export async function startFakeProvider(defaultReply: Reply = { status: 200, body: "{}" }): Promise<FakeProvider> {
  const requests: Recorded[] = [];
  let queue: Reply[] = [];
  let hook: ((req: Recorded) => void) | null = null;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const recorded = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks), at: Date.now() };
      requests.push(recorded);
      hook?.(recorded);
      const reply = queue.shift() ?? defaultReply;
      res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
      res.end(reply.body ?? "{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...replies) => void (queue = replies),
    onRequest: (h) => void (hook = h),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
