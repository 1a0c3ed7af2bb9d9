import { sql } from "kysely";
import type { Actor } from "~/models/accounts/people.server.ts";
import { citationText, evidenceKindLabels } from "~/schemas/evidence.ts";
import type { Db } from "~/utils/db.server.ts";
import type { CitationSource } from "~/utils/markdown.server.ts";
import {
  evidenceValues,
  freezableValues,
  listCitableEvidence,
  type CitingSubject,
  type EvidenceValue,
} from "./evidence.server.ts";

/**
 * Evidence as documents cite it: live while a document is a draft, frozen as it stood when the
 * document was signed off, so later changes and withdrawals never alter what went out.
 */

const toCitationSource = (value: EvidenceValue): CitationSource => ({
  id: value.evidenceId,
  problem: value.problem,
  text: value.text,
  url: value.url,
  n: value.n,
  laterNote: value.laterNote,
});

/** Live citation targets for the editor and for staff reading a draft. */
export async function liveCitationSources(
  db: Db,
  ids: readonly number[],
): Promise<Map<number, CitationSource>> {
  const values = await evidenceValues(db, ids, { asOf: new Date() });
  return new Map([...values].map(([id, value]) => [id, toCitationSource(value)]));
}

/**
 * Freezes what a document cites as it stands now: called in the transaction that signs the
 * document off. Freezing the same subject again keeps the first snapshot. A survey figure too close
 * to one published earlier is held at that earlier value (freezableValues).
 */
export async function freezeCitations(
  db: Db,
  subject: CitingSubject,
  ids: readonly number[],
): Promise<number> {
  const values = await freezableValues(db, ids, subject);
  const rows = values
    .filter((value) => value.problem === null)
    .map((value) => ({
      evidence_id: value.evidenceId,
      subject_type: subject.type,
      subject_id: subject.id,
      frozen_value: value.value,
      frozen_n: value.n,
      frozen_on: value.on,
      frozen_text: value.text,
      frozen_url: value.url,
    }));
  if (!rows.length) return 0;
  const inserted = await db
    .insertInto("evidence_citations")
    .values(rows)
    .onConflict((oc) => oc.columns(["subject_type", "subject_id", "evidence_id"]).doNothing())
    .returning("id")
    .execute();
  return inserted.length;
}

/** The frozen citations of a signed-off document, ready to render. */
export async function frozenCitationSources(
  db: Db,
  subject: CitingSubject,
  ids: readonly number[],
): Promise<Map<number, CitationSource>> {
  const values = await evidenceValues(db, ids, { frozen: subject });
  return new Map([...values].map(([id, value]) => [id, toCitationSource(value)]));
}

/** How many signed-off documents cite an item: shown before someone withdraws it. */
export async function countFrozenCitations(db: Db, evidenceId: number): Promise<number> {
  const row = await db
    .selectFrom("evidence_citations")
    .select(sql<number>`count(*)`.as("count"))
    .where("evidence_id", "=", evidenceId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** What an editor's citation picker lists: active items matching the words, ready to cite. */
export async function citationPicker(db: Db, actor: Actor, { q }: { q: string }) {
  return (await listCitableEvidence(db, actor, { q })).map((item) => ({
    id: item.id,
    label: item.label,
    kindLabel: evidenceKindLabels[item.kind],
    citation: citationText(item.id),
  }));
}
