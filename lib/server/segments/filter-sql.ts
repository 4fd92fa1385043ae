// A filter (path, op, value) as a SQL boolean over a jsonb value, with the engine's
// semantics (lib/engine/operators.ts): comparisons are numeric when both sides read as
// finite numbers, else string comparisons; a missing path and JSON null are "not set".
// filter-sql.test (integration) holds the two to the same table of cases.
//
// Known, documented differences: strings in hex/octal/binary notation ("0x10") read as
// numbers in JavaScript but as text here, and numeric strings compare exactly here
// where JavaScript rounds them to doubles (they differ beyond ~15 significant digits).
import { isScalar, type Operator } from "@/lib/engine/operators";
import { Prisma } from "@/lib/generated/prisma/client";

type Sql = Prisma.Sql;

// What String.prototype.trim removes, so " 120 " reads as a number in both places.
const WHITESPACE = " \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";
// Decimal notation only, with a bounded exponent so the numeric cast can never fail.
const DECIMAL = "^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?0*[0-9]{1,4})?$";
// Past this JavaScript reads a number as Infinity, which is not a number to the engine.
const FINITE_LIMIT = Prisma.raw("1.797693134862315807937e308");

/** The engine's asNumber for a JavaScript value known when the query is built. */
function asNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string" || value.trim() === "") return null;
  const parsed = Number(value.trim());
  return Number.isFinite(parsed) && new RegExp(DECIMAL).test(value.trim()) ? parsed : null;
}

const typeOf = (v: Sql) => Prisma.sql`jsonb_typeof(${v})`;
const isScalarSql = (v: Sql) => Prisma.sql`(${typeOf(v)} IN ('string', 'number', 'boolean'))`;
const textOf = (v: Sql) => Prisma.sql`(${v} #>> '{}')`;

// The jsonb value as numeric when the engine would read it as a finite number, else NULL.
function numberOf(v: Sql): Sql {
  const trimmed = Prisma.sql`btrim(${textOf(v)}, ${WHITESPACE}::text)`;
  const raw = Prisma.sql`CASE ${typeOf(v)}
    WHEN 'number' THEN ${textOf(v)}::numeric
    WHEN 'string' THEN CASE WHEN ${trimmed} ~ ${DECIMAL}::text THEN ${trimmed}::numeric END
  END`;
  return Prisma.sql`(SELECT CASE WHEN abs(n) < ${FINITE_LIMIT} THEN n END FROM (SELECT ${raw} AS n) AS parsed)`;
}

const textParam = (value: unknown) => Prisma.sql`${String(value)}::text`;
const numberParam = (value: number) => Prisma.sql`${String(value)}::numeric`;

type Comparison = "=" | ">" | ">=" | "<" | "<=";

// compare(actual, expected) <op> 0, as a nullable SQL boolean.
function compared(v: Sql, expected: unknown, op: Comparison): Sql {
  const cmp = Prisma.raw(op);
  const asText = Prisma.sql`(${isScalarSql(v)} AND ${textOf(v)} COLLATE "C" ${cmp} ${textParam(expected)} COLLATE "C")`;
  const number = asNumber(expected);
  if (number === null) return asText;
  return Prisma.sql`COALESCE(${numberOf(v)} ${cmp} ${numberParam(number)}, ${asText})`;
}

function isIn(v: Sql, list: unknown[]): Sql {
  const numbers = list.filter((item) => asNumber(item) !== null);
  const texts = list.filter((item) => asNumber(item) === null);
  const parts: Sql[] = [];
  if (numbers.length) {
    const number = numberOf(v);
    parts.push(Prisma.sql`${number} IN (${Prisma.join(numbers.map((item) => numberParam(asNumber(item)!)))})`);
    // A value that does not read as a number is compared with the number's text.
    parts.push(Prisma.sql`(${number} IS NULL AND ${isScalarSql(v)} AND ${textOf(v)} IN (${Prisma.join(numbers.map(textParam))}))`);
  }
  if (texts.length) parts.push(Prisma.sql`(${isScalarSql(v)} AND ${textOf(v)} IN (${Prisma.join(texts.map(textParam))}))`);
  return parts.length ? Prisma.sql`(${Prisma.join(parts, " OR ")})` : Prisma.sql`false`;
}

const always = (sql: Sql) => Prisma.sql`COALESCE(${sql}, false)`;

const OPERATOR_SQL: Record<Operator, (v: Sql, expected: unknown) => Sql> = {
  eq: (v, e) => always(compared(v, e, "=")),
  neq: (v, e) => Prisma.sql`NOT ${always(compared(v, e, "="))}`,
  gt: (v, e) => always(compared(v, e, ">")),
  gte: (v, e) => always(compared(v, e, ">=")),
  lt: (v, e) => always(compared(v, e, "<")),
  lte: (v, e) => always(compared(v, e, "<=")),
  in: (v, e) => always(isIn(v, Array.isArray(e) ? e : [])),
  nin: (v, e) => Prisma.sql`NOT ${always(isIn(v, Array.isArray(e) ? e : []))}`,
  contains: (v, e) =>
    isScalar(e)
      ? always(Prisma.sql`CASE ${typeOf(v)}
          WHEN 'array' THEN EXISTS (SELECT 1 FROM jsonb_array_elements(${v}) AS item(value) WHERE ${always(compared(Prisma.sql`item.value`, e, "="))})
          WHEN 'string' THEN strpos(${textOf(v)}, ${textParam(e)}) > 0
          ELSE false END`)
      : Prisma.sql`false`,
  startsWith: (v, e) =>
    isScalar(e)
      ? always(Prisma.sql`(${typeOf(v)} = 'string' AND left(${textOf(v)}, char_length(${textParam(e)})) = ${textParam(e)})`)
      : Prisma.sql`false`,
  exists: (v) => always(Prisma.sql`${typeOf(v)} <> 'null'`),
  notExists: (v) => Prisma.sql`NOT ${always(Prisma.sql`${typeOf(v)} <> 'null'`)}`,
};

/** The value at a dot path inside a jsonb object, read as the engine's readPath reads it. */
export function jsonPath(object: Sql, path: string): Sql {
  return Prisma.sql`(${object} #> ARRAY[${Prisma.join(path.split(".").map((part) => Prisma.sql`${part}::text`))}])`;
}

/** An object-valued jsonb column, or {} when it holds anything else (as the engine's records do). */
export function objectOrEmpty(column: Sql): Sql {
  return Prisma.sql`(CASE WHEN jsonb_typeof(${column}) = 'object' THEN ${column} ELSE '{}'::jsonb END)`;
}

/** The filter as a SQL boolean (never NULL) over `value`, a jsonb expression (SQL NULL = missing). */
export function filterSql(op: Operator, value: Sql, expected: unknown): Sql {
  return Prisma.sql`(${OPERATOR_SQL[op](value, expected)})`;
}
