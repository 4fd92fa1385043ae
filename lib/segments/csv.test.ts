import { describe, expect, it } from "vitest";
import { csvCell, csvRow, parseCsv, parseUserIdCsv } from "./csv";

describe("csvCell", () => {
  it.each([
    ["plain", "plain"],
    ["", ""],
    [null, ""],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    [" padded ", '" padded "'],
    ["=SUM(A1)", "'=SUM(A1)"],
    ["+1 555", "'+1 555"],
    ["-5", "'-5"],
    ["@user", "'@user"],
  ])("%j → %s", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it("ends rows with CRLF", () => {
    expect(csvRow(["a", "b,c", null])).toBe('a,"b,c",\r\n');
  });
});

describe("parseCsv", () => {
  it.each([
    ["a,b\nc,d", [["a", "b"], ["c", "d"]]],
    ["a,b\r\nc,d\r\n", [["a", "b"], ["c", "d"]]],
    ['"a,1","say ""hi"""\n', [["a,1", 'say "hi"']]],
    ['"two\nlines",x', [["two\nlines", "x"]]],
    ["\ufeffuserId\nu1", [["userId"], ["u1"]]],
    ["a,,c", [["a", "", "c"]]],
    ["", []],
  ])("%j", (text, rows) => {
    expect(parseCsv(text)).toEqual(rows);
  });
});

describe("parseUserIdCsv", () => {
  it("reads the userId column wherever the header puts it", () => {
    expect(parseUserIdCsv("email,userId\nada@example.com,u_1\nbob@example.com,u_2\n")).toEqual({ userIds: ["u_1", "u_2"], invalid: [], duplicates: 0, column: "userId" });
  });

  it.each(["user_id", "User ID", "USERID"])("recognises the header %s", (header) => {
    expect(parseUserIdCsv(`${header}\nu_1`).userIds).toEqual(["u_1"]);
  });

  it("takes the first column when there is no header, and skips blank rows", () => {
    expect(parseUserIdCsv("u_1,Ada\n\nu_2,Bob\n  \n")).toEqual({ userIds: ["u_1", "u_2"], invalid: [], duplicates: 0, column: null });
  });

  it("reports invalid ids by row and counts duplicates", () => {
    const result = parseUserIdCsv(`userId,name\nu_1,a\n,b\n${"x".repeat(201)},c\nu_1,d\nu_2,e`);
    expect(result.userIds).toEqual(["u_1", "u_2"]);
    expect(result.duplicates).toBe(1);
    expect(result.invalid).toEqual([
      { row: 3, value: "", reason: "empty user id" },
      { row: 4, value: "x".repeat(60), reason: "longer than 200 characters" },
    ]);
  });

  it("round-trips an export, formula guard and quoting included", () => {
    const ids = ["u_1", "=cmd()", "a,b", 'q"uote', "-1"];
    const exported = csvRow(["userId", "name"]) + ids.map((id) => csvRow([id, "n"])).join("");
    expect(parseUserIdCsv(exported).userIds).toEqual(ids);
  });
});
