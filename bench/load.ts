// A lean HTTP load generator: keep-alive sockets from node:http, bodies built up front,
// nothing per request but a write and a read, so it takes little of the two cores it
// shares with the server under test.
import http from "node:http";

export type Target = { url: string; path: string; authorization?: string };
export type LoadResult = { requests: number; failures: number; seconds: number; firstFailure?: string };

/** Rejects on a socket error (reset, refused) and when no answer came within `timeoutMs`. */
export function post(agent: http.Agent, target: Target, body: string, timeoutMs = 60_000): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(target.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        hostname,
        port,
        path: target.path,
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          ...(target.authorization ? { authorization: target.authorization } : {}),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    req.end(body);
  });
}

/**
 * `concurrency` clients, each sending its next request as soon as the last one answered,
 * for `seconds`. `bodies` are cycled through; a request counts when it gets `status`.
 */
/** Like post, but a failure is an answer with status 0 and the error's message: it never rejects. */
export function tryPost(agent: http.Agent, target: Target, body: string): Promise<{ status: number; text: string }> {
  return post(agent, target, body).catch((error: Error) => ({ status: 0, text: `${(error as NodeJS.ErrnoException).code ?? ""} ${error.message}`.trim() }));
}

export async function closedLoop(target: Target, options: { concurrency: number; seconds: number; bodies: string[]; status?: number }): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const wanted = options.status ?? 202;
  const deadline = performance.now() + options.seconds * 1000;
  const started = performance.now();
  let next = 0;
  const result: LoadResult = { requests: 0, failures: 0, seconds: 0 };
  const client = async () => {
    while (performance.now() < deadline) {
      const body = options.bodies[next++ % options.bodies.length]!;
      const res = await tryPost(agent, target, body);
      if (res.status === wanted) result.requests++;
      else {
        result.failures++;
        result.firstFailure ??= `${res.status} ${res.text.slice(0, 300)}`;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, client));
  result.seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return result;
}
