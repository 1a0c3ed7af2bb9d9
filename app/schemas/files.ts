/** Files people upload: survey answers and documents in the evidence library (client-safe). */

/** The most any upload may weigh; a survey's file question may ask for less. */
export const MAX_FILE_MEGABYTES = 10;
export const MEGABYTE = 1024 * 1024;

/** What we accept, by the type read from the content (never the name), with the extension we save it under. */
export const acceptedFileTypes = {
  "application/pdf": { extension: "pdf", label: "PDF" },
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
    extension: "docx",
    label: "Word (DOCX)",
  },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
    extension: "xlsx",
    label: "Excel (XLSX)",
  },
  "application/vnd.oasis.opendocument.text": { extension: "odt", label: "OpenDocument text (ODT)" },
  "application/vnd.oasis.opendocument.spreadsheet": {
    extension: "ods",
    label: "OpenDocument spreadsheet (ODS)",
  },
  "text/csv": { extension: "csv", label: "CSV" },
  "image/png": { extension: "png", label: "PNG" },
  "image/jpeg": { extension: "jpg", label: "JPEG" },
} as const;
export type AcceptedMediaType = keyof typeof acceptedFileTypes;

export function isAcceptedMediaType(value: string): value is AcceptedMediaType {
  return Object.hasOwn(acceptedFileTypes, value);
}

/** For the file input's accept attribute: a hint to the browser's picker, never trusted. */
export const ACCEPT_ATTRIBUTE = ".pdf,.docx,.xlsx,.odt,.ods,.csv,.png,.jpg,.jpeg";

/** Why an upload was refused, for the page to say in its own language. */
export type FileProblem =
  | { kind: "too_large"; limit: string }
  | { kind: "unknown_type" }
  | { kind: "type_not_taken"; type: string }
  | { kind: "misnamed"; extension: string; label: string };

export const ACCEPTED_FILES_SENTENCE =
  "PDF, Word (DOCX), Excel (XLSX), OpenDocument (ODT, ODS), CSV, PNG or JPEG";

/** "2.4 MB", "310 KB" */
export function formatFileSize(bytes: number): string {
  if (bytes >= MEGABYTE) return `${(bytes / MEGABYTE).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
