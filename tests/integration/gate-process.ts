// One process for delivery-cap-race.test.ts: on "send <appId> <userId> <enrollmentId>" it
// opens a transaction on DATABASE_URL, records one webhook message for that user through
// the real recordSends (the gate, then the insert), prints the status decided, and keeps
// the transaction open until "commit". So the test holds one decision open in one process
// while another process decides for the same user.
import { createInterface } from "node:readline";
import { sqlDb } from "@/lib/server/db";
import { recordSends, type EffectContext } from "@/lib/server/engine/effects";

async function main() {
  const sql = await sqlDb();
  const open: { commit?: () => void } = {};
  const lines = createInterface({ input: process.stdin });
  console.log("ready");
  for await (const line of lines) {
    const [command, appId, userId, enrollmentId] = line.trim().split(" ");
    if (command === "commit") {
      open.commit?.();
      continue;
    }
    if (command !== "send" || !appId || !userId || !enrollmentId) continue;
    const committed = new Promise<void>((resolve) => (open.commit = resolve));
    void sql
      .transaction(async (tx) => {
        const now = new Date();
        const user = { id: userId, email: null, phone: null, name: null, attributes: {} };
        const ctx: EffectContext = {
          tx, now, dueAt: now, app: { id: appId, name: "Race" }, user,
          trigger: { id: `evt-${enrollmentId}`, event: "RACE", userId, data: {}, timestamp: now },
          enrollment: { id: enrollmentId, connectorId: "con_race" }, sends: [],
        };
        const tally = await recordSends(tx, [{ ctx, nodeId: "a", channel: "webhook", user, content: { body: enrollmentId }, options: {} }], now);
        console.log(`decided ${tally.queued > 0 ? "queued" : tally.held > 0 ? "held" : "skipped"}`);
        await committed;
      })
      .then(() => console.log("committed"));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
