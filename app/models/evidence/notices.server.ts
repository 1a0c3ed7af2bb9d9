import { sql } from "kysely";
import type { Db } from "~/utils/db.server.ts";

export type NoticeDocumentKind = "position" | "submission" | "letter";

/**
 * Writes "your evidence was used" notices for a document that has just gone out, one per
 * organisation, in the transaction of the move that sent it. The organisations are those
 * `listEvidenceUses` would show it to: the signatories of a delivered letter; for a published
 * position or a submitted response, every organisation whose invitation to a cited survey is
 * marked responded (never which answer was whose, so anonymous surveys count the same way).
 * The unique key makes a retried or repeated move add nothing. Returns how many were new.
 */
export async function recordEvidenceUseNotices(
  trx: Db,
  { kind, documentId }: { kind: NoticeDocumentKind; documentId: number },
): Promise<number> {
  const organisations =
    kind === "letter"
      ? sql`select distinct sig.organisation_id
          from letter_final_signatories f
          join letter_signatures sig on sig.id = f.signature_id
          where f.letter_id = ${documentId} and sig.organisation_id is not null`
      : sql`select distinct i.organisation_id
          from evidence_citations c
          join evidence_items e on e.id = c.evidence_id
          join survey_invitations i
            on i.survey_id = (e.origin->>'surveyId')::int and i.responded and i.organisation_id is not null
          where e.origin->>'type' in ('survey_figure', 'survey_quote')
            and ${
              kind === "position"
                ? sql`c.subject_type = 'position_version' and c.subject_id =
                    (select published_version_id from positions where id = ${documentId})`
                : sql`c.subject_type = 'submission' and c.subject_id = ${documentId}`
            }`;
  const { rows } = await sql<{ id: number }>`
    insert into evidence_use_notices (organisation_id, document_kind, document_id)
    select organisation_id, ${kind}, ${documentId} from (${organisations}) as used
    on conflict (organisation_id, document_kind, document_id) do nothing
    returning id`.execute(trx);
  return rows.length;
}
