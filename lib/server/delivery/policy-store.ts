// The application's delivery policy (one row of DeliveryPolicy; none means no rule).
import { deliveryPolicySchema, NO_POLICY, type DeliveryPolicy } from "@/lib/delivery/policy";
import type { Sql } from "../sql";

type Row = { appId: string; timezone: string; quietHours: unknown; caps: unknown; capMode: string };

// A stored policy was valid when written; parsing it again keeps one shape everywhere.
const parse = (row: Row): DeliveryPolicy => deliveryPolicySchema.parse({ timezone: row.timezone, quietHours: row.quietHours, caps: row.caps, capMode: row.capMode });

export async function policiesOf(sql: Sql, appIds: string[]): Promise<Map<string, DeliveryPolicy>> {
  const rows = await sql.query<Row>(`SELECT "appId", timezone, "quietHours", caps, "capMode" FROM "DeliveryPolicy" WHERE "appId" = ANY($1::text[])`, [[...new Set(appIds)]]);
  return new Map(appIds.map((id) => {
    const row = rows.find((r) => r.appId === id);
    return [id, row ? parse(row) : NO_POLICY];
  }));
}

export async function getPolicy(sql: Sql, appId: string): Promise<DeliveryPolicy> {
  return (await policiesOf(sql, [appId])).get(appId)!;
}

export async function putPolicy(sql: Sql, appId: string, policy: DeliveryPolicy, now: Date): Promise<DeliveryPolicy> {
  await sql.execute(
    `INSERT INTO "DeliveryPolicy" ("appId", timezone, "quietHours", caps, "capMode", "updatedAt") VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6::timestamp(3))
     ON CONFLICT ("appId") DO UPDATE SET timezone = EXCLUDED.timezone, "quietHours" = EXCLUDED."quietHours", caps = EXCLUDED.caps, "capMode" = EXCLUDED."capMode", "updatedAt" = EXCLUDED."updatedAt"`,
    [appId, policy.timezone, policy.quietHours ? JSON.stringify(policy.quietHours) : null, JSON.stringify(policy.caps), policy.capMode, now.toISOString()],
  );
  return policy;
}
