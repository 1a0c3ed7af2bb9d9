import { CsvError, parse } from "csv-parse/sync";
import {
  importColumns,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  type ImportColumn,
  findLegalForm,
  findMembershipStatus,
  findServiceArea,
  legalFormLabels,
  membershipStatusLabels,
  organisationFields,
  serviceAreaLabels,
  type LegalForm,
  type MembershipStatus,
  type ServiceArea,
} from "~/schemas/directory.ts";
import { say } from "~/schemas/messages.ts";
import { emailSchema } from "~/schemas/people.ts";
import { restoreFormula } from "~/utils/csv.ts";
import { needsOneLine, oneLine } from "~/utils/one-line.ts";

/** One thing wrong, where a spreadsheet user can find it: row 1 is the header, as in Excel. */
export interface ImportProblem {
  row: number | null;
  column: string | null;
  message: string;
}

/** An organisation as one row describes it; undefined means the cell was blank (keep what is there). */
export interface ImportedOrganisation {
  name: string;
  postcode: string | null;
  legalForm?: LegalForm;
  serviceArea?: ServiceArea;
  staffCount?: number;
  publicIncomeGbp?: string;
  membershipStatus?: MembershipStatus;
  joinedOn?: string;
}

export interface ImportedContact {
  name: string;
  email: string;
  jobTitle?: string;
  isLeader?: boolean;
}

export interface ImportRow {
  row: number;
  organisation: ImportedOrganisation;
  contact: ImportedContact | null;
}

interface ParsedImport {
  rows: ImportRow[];
  problems: ImportProblem[];
  unknownColumns: string[];
  /** Cells of one-line fields whose line breaks or runs of spaces were joined: shown, not refused. */
  tidied: ImportProblem[];
  /** Data rows in the file, blank ones included (row numbers count them too). */
  rowCount: number;
  /** The file could not be read at all: nothing in it can be imported. */
  fatal: boolean;
}

const fatal = (message: string): ParsedImport => ({
  rows: [],
  problems: [{ row: null, column: null, message }],
  unknownColumns: [],
  tidied: [],
  rowCount: 0,
  fatal: true,
});

/** "Organisation Name" and "organisation-name" both mean organisation_name. */
const headerKey = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");

const isColumn = (key: string): key is ImportColumn => importColumns.some((column) => column === key);

function csvErrorMessage(error: CsvError): string {
  const where = typeof error.lines === "number" ? ` (near line ${error.lines} of the file)` : "";
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return `A quoted cell is never closed${where}: check for a stray double quote`;
    case "CSV_INVALID_CLOSING_QUOTE":
      return `A quoted cell has text straight after its closing quote${where}`;
    default:
      return `The file is not valid CSV${where}: save it from your spreadsheet as "CSV UTF-8" and try again`;
  }
}

/** UTF-8 only: a byte sequence that is not UTF-8 is refused rather than read as gibberish. */
function decodeCsv(bytes: Uint8Array): string | null {
  try {
    // The decoder drops a UTF-8 byte order mark, as Excel writes one.
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

const leaderWords = new Map([
  ["yes", true],
  ["y", true],
  ["true", true],
  ["1", true],
  ["leader", true],
  ["no", false],
  ["n", false],
  ["false", false],
  ["0", false],
]);

const choices = (labels: Readonly<Record<string, string>>) => Object.values(labels).join(", ");

type Cells = Partial<Record<ImportColumn, string>>;

const ONE_LINE_COLUMNS: readonly ImportColumn[] = ["organisation_name", "contact_name", "contact_job_title"];

function validateRow(
  row: number,
  cells: Cells,
  problems: ImportProblem[],
  tidied: ImportProblem[],
): ImportRow | null {
  const before = problems.length;
  const problem = (column: ImportColumn, message: string) => problems.push({ row, column, message });
  const text = (column: ImportColumn) => {
    const raw = cells[column] ?? "";
    if (!ONE_LINE_COLUMNS.includes(column)) return raw.trim();
    return oneLine(raw);
  };
  for (const column of ONE_LINE_COLUMNS) {
    const raw = cells[column] ?? "";
    if (needsOneLine(raw))
      tidied.push({
        row,
        column,
        message: `Line breaks or repeated spaces were joined into one line: “${oneLine(raw)}”`,
      });
  }

  const name = organisationFields.name.safeParse(text("organisation_name"));
  if (!name.success)
    problem("organisation_name", name.error.issues[0]?.message ?? "Enter the organisation's name");
  const postcode = organisationFields.postcode.safeParse(text("postcode"));
  if (!postcode.success) problem("postcode", `“${text("postcode")}” is not a UK postcode`);

  const organisation: ImportedOrganisation = {
    name: name.success ? name.data : "",
    postcode: postcode.success ? postcode.data : null,
  };
  /** A typed choice matched to its code; a cell that matches none is a problem, a blank one is left out. */
  const choice = <T extends string>(
    column: ImportColumn,
    find: (typed: string) => T | undefined,
    labels: Record<T, string>,
    what: string,
  ): T | undefined => {
    const typed = text(column);
    if (!typed) return undefined;
    const found = find(typed);
    if (!found) problem(column, `“${typed}” is not ${what}: use one of ${choices(labels)}`);
    return found;
  };
  const legalForm = choice("legal_form", findLegalForm, legalFormLabels, "a legal form we know");
  if (legalForm) organisation.legalForm = legalForm;
  const serviceArea = choice("service_area", findServiceArea, serviceAreaLabels, "a service area we know");
  if (serviceArea) organisation.serviceArea = serviceArea;
  const status = choice(
    "membership_status",
    findMembershipStatus,
    membershipStatusLabels,
    "a membership status",
  );
  if (status) organisation.membershipStatus = status;
  for (const [column, field] of [
    ["staff_count", organisationFields.staffCount],
    ["public_income_gbp", organisationFields.publicIncomeGbp],
    ["joined_on", organisationFields.joinedOn],
  ] as const) {
    if (!text(column)) continue;
    const parsed = field.safeParse(text(column));
    if (!parsed.success) {
      problem(column, parsed.error.issues[0]?.message ?? "This value cannot be read");
      continue;
    }
    if (column === "staff_count" && typeof parsed.data === "number") organisation.staffCount = parsed.data;
    if (column === "public_income_gbp" && typeof parsed.data === "string")
      organisation.publicIncomeGbp = parsed.data;
    if (column === "joined_on" && typeof parsed.data === "string") organisation.joinedOn = parsed.data;
  }

  let contact: ImportedContact | null = null;
  const contactName = text("contact_name");
  const contactEmail = text("contact_email");
  const jobTitle = text("contact_job_title");
  const leader = text("contact_is_leader");
  if (contactName || contactEmail || jobTitle || leader) {
    const email = emailSchema.safeParse(contactEmail);
    if (!contactEmail)
      problem("contact_email", say.enter("the contact's email address: each person signs in with theirs"));
    else if (!email.success) problem("contact_email", `“${contactEmail}” is not an email address`);
    if (!contactName) problem("contact_name", say.enter("the contact's name"));
    else if (contactName.length > 200) problem("contact_name", say.tooLong("the contact's name", 200));
    if (jobTitle.length > 200) problem("contact_job_title", say.tooLong("the job title", 200));
    const isLeader = leader ? leaderWords.get(leader.toLowerCase()) : undefined;
    if (leader && isLeader === undefined) problem("contact_is_leader", `“${leader}” should be yes or no`);
    contact = {
      name: contactName,
      email: email.success ? email.data : "",
      ...(jobTitle ? { jobTitle } : {}),
      ...(isLeader === undefined ? {} : { isLeader }),
    };
  }
  return problems.length > before ? null : { row, organisation, contact };
}

/**
 * Reads an uploaded directory spreadsheet: UTF-8 with or without a byte order mark, CRLF or LF,
 * quoted cells with commas and line breaks, columns found by header name in any order. Each
 * row is checked on its own here; checks against the directory come in the import plan.
 */
export function parseDirectoryCsv(bytes: Uint8Array): ParsedImport {
  if (bytes.byteLength > MAX_IMPORT_BYTES)
    return fatal("The file is larger than 10 MB: split it into smaller files");
  const text = decodeCsv(bytes);
  if (text === null)
    return fatal('The file is not UTF-8 text: in your spreadsheet choose "Save as", then "CSV UTF-8"');
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    });
  } catch (error) {
    if (error instanceof CsvError) return fatal(csvErrorMessage(error));
    throw error;
  }
  const [header, ...data] = records;
  if (!header || header.every((cell) => cell.trim() === ""))
    return fatal("The file is empty: it needs a header row and at least one row of data");
  if (data.length > MAX_IMPORT_ROWS)
    return fatal(`The file has ${data.length} rows; at most ${MAX_IMPORT_ROWS} can be imported at once`);

  const problems: ImportProblem[] = [];
  const unknownColumns: string[] = [];
  const columnAt = new Map<number, ImportColumn>();
  const seen = new Set<ImportColumn>();
  header.forEach((raw, index) => {
    const key = headerKey(raw);
    if (isColumn(key)) {
      if (seen.has(key))
        problems.push({ row: 1, column: key, message: `The column ${key} appears twice: keep one` });
      seen.add(key);
      columnAt.set(index, key);
    } else if (raw.trim()) {
      unknownColumns.push(raw.trim());
    } else if (data.some((cells) => (cells[index] ?? "").trim() !== "")) {
      unknownColumns.push(`(column ${index + 1}, no header)`);
    }
  });
  if (!seen.has("organisation_name")) {
    return {
      ...fatal("The header row has no organisation_name column: the first row must name the columns"),
      unknownColumns,
    };
  }
  if (problems.length)
    return { rows: [], problems, unknownColumns, tidied: [], rowCount: data.length, fatal: true };
  const tidied: ImportProblem[] = [];

  const rows: ImportRow[] = [];
  data.forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((cell) => cell.trim() === "")) return;
    if (cells.slice(header.length).some((cell) => cell.trim() !== "")) {
      problems.push({
        row,
        column: null,
        message: `This row has more cells than the header has columns (${cells.length}, not ${header.length})`,
      });
      return;
    }
    const named: Cells = {};
    for (const [position, column] of columnAt) named[column] = restoreFormula(cells[position] ?? "");
    const valid = validateRow(row, named, problems, tidied);
    if (valid) rows.push(valid);
  });
  return { rows, problems, unknownColumns, tidied, rowCount: data.length, fatal: false };
}
