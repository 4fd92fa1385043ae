// CSV for segment members: the export's rows (RFC 4180 quoting) and the import's parser
// (a file of user ids, with a "userId" header or ids in the first column). Pure, so the
// browser parses uploads and the server writes exports with the same rules.

export const MAX_USER_ID_LENGTH = 200;
// Spreadsheets run cells that start with these as formulas; exports defuse them with a
// leading apostrophe, and imports take it off again so that a round trip is exact.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | null | undefined): string {
  let text = value ?? "";
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: (string | null | undefined)[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/** Splits CSV text into rows of cells, honouring quotes, doubled quotes and CRLF/LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte-order mark from spreadsheets
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === "") quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

type InvalidRow = { row: number; value: string; reason: string };
export type UserIdImport = { userIds: string[]; invalid: InvalidRow[]; duplicates: number; column: string | null };

const HEADER_NAMES = ["userid", "user_id", "user id"];

function undoFormulaGuard(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

function idProblem(id: string): string | null {
  if (id === "") return "empty user id";
  if (id.length > MAX_USER_ID_LENGTH) return `longer than ${MAX_USER_ID_LENGTH} characters`;
  if (id.includes("\u0000")) return "contains a NUL character";
  return null;
}

/**
 * The user ids in a CSV file: the "userId" column when the first row names one
 * (userId, user_id or "user id", any case), else the first column of every row.
 * Blank rows are skipped; bad ids are reported by row (1-based, the header included), not dropped silently.
 */
export function parseUserIdCsv(text: string): UserIdImport {
  const rows = parseCsv(text);
  const headerIndex = rows[0]?.findIndex((cell) => HEADER_NAMES.includes(cell.trim().toLowerCase())) ?? -1;
  const column = headerIndex >= 0 ? headerIndex : 0;
  const seen = new Set<string>();
  const result: UserIdImport = { userIds: [], invalid: [], duplicates: 0, column: headerIndex >= 0 ? rows[0]![headerIndex]!.trim() : null };
  rows.forEach((row, index) => {
    if (index === 0 && headerIndex >= 0) return;
    if (row.every((cell) => cell.trim() === "")) return;
    const id = undoFormulaGuard((row[column] ?? "").trim());
    const problem = idProblem(id);
    if (problem) result.invalid.push({ row: index + 1, value: id.slice(0, 60), reason: problem });
    else if (seen.has(id)) result.duplicates++;
    else {
      seen.add(id);
      result.userIds.push(id);
    }
  });
  return result;
}
