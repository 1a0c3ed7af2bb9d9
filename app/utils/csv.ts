// CSV for spreadsheets: RFC 4180 quoting, and no cell a spreadsheet would run as a formula.

export type CsvValue = string | number | null | undefined;

/**
 * A text cell starting with =, +, -, @ (or a tab or carriage return, which some spreadsheets skip
 * before reading one of those) becomes a formula when opened: a leading single quote keeps it text.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Numbers are written as numbers; only text can carry a formula, so only text is neutralised. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "number" ? String(value) : neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** With a byte order mark so Excel reads UTF-8 (Siân, Llŷr) correctly, and CRLF line ends. */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return "\uFEFF" + rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
