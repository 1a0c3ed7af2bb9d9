import { isTemplateName, renderEmailText } from "../../../emails/index.server.ts";
import type { Db } from "~/utils/db.server.ts";
import { errorText, renderRow } from "./outbox.server.ts";

/**
 * Reading the outbox as a mailbox: the dev mailbox (demo mode), tests and the data-rights export
 * see what each email says, rendered from its props now as the worker would render it.
 */

export interface MailboxEntry {
  id: number;
  to: string;
  subject: string;
  text: string;
  createdAt: Date;
}

const mailboxColumns = ["id", "to_address", "subject", "template", "props", "text", "created_at"] as const;

/** An outbox row's plain text: rendered from its props, or what was kept, or a note that nothing is. */
export function storedEmailText(row: { template: string; props: unknown; text: string | null }): string {
  if (row.props !== null && isTemplateName(row.template)) {
    try {
      return renderEmailText(row.template, row.props).text;
    } catch (error) {
      return `This email cannot be shown: ${errorText(error)}`;
    }
  }
  return row.text ?? "This email was sent; its content is not kept after delivery.";
}

function toMailboxEntry(row: {
  id: number;
  to_address: string;
  subject: string;
  template: string;
  props: unknown;
  text: string | null;
  created_at: Date;
}): MailboxEntry {
  return {
    id: row.id,
    to: row.to_address,
    subject: row.subject,
    text: storedEmailText(row),
    createdAt: row.created_at,
  };
}

/** The dev mailbox: what would have been sent, newest first. Plain text only: MJML costs. */
export async function listMailbox(db: Db, { limit }: { limit: number }): Promise<MailboxEntry[]> {
  const rows = await db
    .selectFrom("email_outbox")
    .select(mailboxColumns)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map(toMailboxEntry);
}

/**
 * One page of the dev mailbox, newest first, to one address if asked (in any case). One row past
 * the page says whether there is another.
 */
export async function pageMailbox(
  db: Db,
  { pageSize, page, to }: { pageSize: number; page: number; to: string | null },
): Promise<{ messages: MailboxEntry[]; more: boolean }> {
  let query = db.selectFrom("email_outbox").select(mailboxColumns);
  if (to) query = query.where((eb) => eb(eb.fn("lower", ["to_address"]), "=", to.toLowerCase()));
  const rows = await query
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize)
    .execute();
  return { messages: rows.slice(0, pageSize).map(toMailboxEntry), more: rows.length > pageSize };
}

/** One message with its HTML, rendered now as the worker would render it. */
export async function getMailboxMessage(
  db: Db,
  id: number,
): Promise<(MailboxEntry & { html: string }) | undefined> {
  const row = await db
    .selectFrom("email_outbox")
    .select([...mailboxColumns, "html"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  let html: string;
  try {
    html = (await renderRow(row)).html;
  } catch (error) {
    html = `<p>${errorText(error).replace(/[<>&]/g, "")}</p>`;
  }
  return { ...toMailboxEntry(row), html };
}
