import { storedEmailText } from "../app/models/email/mailbox.server.ts";

/**
 * The outbox keeps a template and its props until an email is sent; tests read the plain text the
 * recipient will get, rendered from them exactly as the worker and the dev mailbox do.
 */
export function withText<Row extends { template: string; props: unknown; text: string | null }>(
  rows: readonly Row[],
): (Omit<Row, "text"> & { text: string })[] {
  return rows.map((row) => ({ ...row, text: storedEmailText(row) }));
}
