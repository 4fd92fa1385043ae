// PostgreSQL stopped under load: ingest answers 503 with Retry-After and stores nothing
// half-written, the dashboard says what is wrong, and after the restart everything
// resumes with no manual step.
import { afterEach, describe, expect, it } from "vitest";
import { api, count, harness, sleep, waitFor, type Harness } from "./harness";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("a database outage", () => {
  it("answers 503 while PostgreSQL is down and resumes by itself", async () => {
    h = await harness();
    const server = await h.start({ CUE_ADMIN_EMAIL: "ops@example.com", CUE_ADMIN_PASSWORD: "outage-password-1", CUE_TICK_SECONDS: "1" });
    const login = await fetch(`${server.url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "ops@example.com", password: "outage-password-1" }) });
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;

    // Steady load: a batch of 5 events every 50 ms, every answer kept.
    const answers: { status: number; accepted: number; retryAfter: string | null; body: string }[] = [];
    let n = 0;
    let running = true;
    const load = (async () => {
      while (running) {
        const events = Array.from({ length: 5 }, () => ({ id: `load-${n++}`, userId: `u_${n % 50}`, event: "LOAD" }));
        try {
          const res = await api(server, "POST", "/api/v1/events", { events }, "secret");
          answers.push({ status: res.status, accepted: res.body?.accepted ?? 0, retryAfter: res.headers.get("retry-after"), body: JSON.stringify(res.body) });
        } catch (error) {
          answers.push({ status: 0, accepted: 0, retryAfter: null, body: String(error) });
        }
        await sleep(50);
      }
    })();

    await sleep(1500);
    h.postgres.stop();
    await waitFor("503s", async () => answers.some((a) => a.status === 503), 20_000);
    const page = await fetch(`${server.url}/overview`, { headers: { cookie } });
    expect(await page.text()).toContain("The database is unavailable");
    await sleep(1000);
    h.postgres.start();
    const restartedAt = answers.length;
    await waitFor("202s again", async () => answers.slice(restartedAt).some((a) => a.status === 202), 30_000);
    await sleep(1000);
    running = false;
    await load;

    const unavailable = answers.filter((a) => a.status === 503);
    expect(unavailable.length).toBeGreaterThan(0);
    expect(unavailable.every((a) => a.retryAfter && JSON.parse(a.body).error.code === "unavailable")).toBe(true);
    // Only 202 and 503: never a 500, never a dropped connection, never a stack trace.
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([202, 503]));
    expect(answers.some((a) => /at .*\.js|SELECT|INSERT/.test(a.body))).toBe(false);
    // Exactly what was acknowledged is stored: nothing half-written, nothing lost.
    const acknowledged = answers.reduce((sum, a) => sum + (a.status === 202 ? a.accepted : 0), 0);
    expect(await count(h, `SELECT count(*) FROM "Event" WHERE name = 'LOAD'`)).toBe(acknowledged);
    const back = await fetch(`${server.url}/overview`, { headers: { cookie } });
    expect(await back.text()).not.toContain("The database is unavailable");
  }, 180_000);
});
