// Run as a separate process by the crash test: one outbox pass against DATABASE_URL.
import { deliverDue } from "@/lib/server/channels/outbox";
import { closeDatabase, database } from "@/lib/server/db";

async function main() {
  const result = await deliverDue(await database(), new Date());
  console.log(JSON.stringify(result));
  await closeDatabase();
}

void main();
