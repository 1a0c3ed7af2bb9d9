/**
 * CSV for spreadsheets. A cell starting with =, +, -, @ (or a tab or carriage return, which some
 * spreadsheets skip before reading a formula) would run as a formula when opened: every export
 * neutralises it with a leading single quote, so the text reads the same and never executes.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * Undoes neutraliseFormula when a spreadsheet we exported comes back: a quote before a formula
 * character is ours, so "'=Health" imports as "=Health" and a round trip changes nothing. A quote
 * before anything else is the person's own and stays.
 */
export function restoreFormula(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

type Cell = string | number | boolean | null | undefined;

export function csvCell(cell: Cell): string {
  if (cell === null || cell === undefined) return "";
  // Numbers are written by us, never typed by a person: a negative figure stays a number.
  const text = typeof cell === "string" ? neutraliseFormula(cell) : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * RFC 4180 text with CRLF line ends and a UTF-8 byte order mark, which Excel needs to read
 * Welsh and other non-ASCII letters correctly.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
