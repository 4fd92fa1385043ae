// A dynamic segment's rule as one SELECT of the user ids that match it at `now`.
// Event conditions become uncorrelated IN / NOT IN sub-selects over the
// (appId, name, timestamp) index, which PostgreSQL runs once and hashes, rather than a
// probe per user; attribute conditions read the User row.
import { eventCounts, USER_FIELDS, type AttributeCondition, type EventCondition, type SegmentRule } from "@/lib/engine/segment-rule";
import { Prisma } from "@/lib/generated/prisma/client";
import { filterSql, jsonPath, objectOrEmpty } from "./filter-sql";

type Sql = Prisma.Sql;
const DAY_MS = 86_400_000;

const at = (date: Date) => Prisma.sql`${date.toISOString()}::timestamp(3)`;

function eventConditionSql(appId: string, condition: EventCondition, now: Date): Sql {
  const data = objectOrEmpty(Prisma.sql`e.data`);
  const filters = (condition.where ?? []).map((f) => filterSql(f.op, jsonPath(data, f.path), f.value));
  const matching = filters.length ? Prisma.sql`AND ${Prisma.join(filters, " AND ")}` : Prisma.empty;
  const since = condition.withinDays ? Prisma.sql`AND e."timestamp" >= ${at(new Date(now.getTime() - condition.withinDays * DAY_MS))}` : Prisma.empty;
  const events = Prisma.sql`FROM "Event" e
    WHERE e."appId" = ${appId} AND e.name = ${condition.event} ${since} AND e."timestamp" <= ${at(now)} ${matching}`;
  const { atLeast, atMost } = eventCounts(condition);
  if (atLeast === 0) {
    // "At most n times" (n = 0: never): everyone except those who did it more often.
    return Prisma.sql`u."userId" NOT IN (SELECT e."userId" ${events} GROUP BY e."userId" HAVING count(*) > ${atMost!}::int)`;
  }
  const upper = atMost === undefined ? Prisma.empty : Prisma.sql`AND count(*) <= ${atMost}::int`;
  return Prisma.sql`u."userId" IN (SELECT e."userId" ${events} GROUP BY e."userId" HAVING count(*) >= ${atLeast}::int ${upper})`;
}

// The user as the engine's user record has it: { id, email, name, phone, attributes }.
function userValue(path: string): Sql {
  const [root, ...rest] = path.split(".");
  if (root === "attributes") return jsonPath(objectOrEmpty(Prisma.sql`u.attributes`), rest.join("."));
  const columns: Record<(typeof USER_FIELDS)[number], Sql> = {
    id: Prisma.sql`to_jsonb(u."userId")`,
    email: Prisma.sql`to_jsonb(u.email)`,
    name: Prisma.sql`to_jsonb(u.name)`,
    phone: Prisma.sql`to_jsonb(u.phone)`,
  };
  return columns[root as (typeof USER_FIELDS)[number]];
}

function attributeConditionSql(condition: AttributeCondition): Sql {
  return filterSql(condition.op, userValue(condition.path), condition.value);
}

/** SELECT u."userId" FROM "User" u WHERE <the rule holds at now>. */
export function matchingUsersSql(appId: string, rule: SegmentRule, now: Date): Sql {
  const conditions = rule.conditions.map((c) => (c.kind === "event" ? eventConditionSql(appId, c, now) : attributeConditionSql(c)));
  const combined = Prisma.join(
    conditions.map((c) => Prisma.sql`(${c})`),
    rule.match === "all" ? " AND " : " OR ",
  );
  return Prisma.sql`SELECT u."userId" FROM "User" u WHERE u."appId" = ${appId} AND (${combined})`;
}
