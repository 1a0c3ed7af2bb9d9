import { foldedContains } from "~/utils/search.server.ts";
import type { EvidenceItemsRow } from "../../../db/schema.ts";
import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import {
  consentMethodSchema,
  evidenceKindSchema,
  evidenceStatusSchema,
  type ConsentMethod,
  type EvidenceKind,
  type EvidenceStatus,
  type NewEvidence,
} from "~/schemas/evidence.ts";
import { PAGE_SIZE } from "~/schemas/paging.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";

/**
 * The evidence library: sources, figures and quotes that documents cite. The library is the
 * desk's working material, so only staff see it whole. Items typed in by staff hold their value
 * here; items computed from a survey carry an `origin` and compute their value, which is why
 * every reader goes through evidenceValue. What documents cite, and freezing it, is in
 * citations.server.ts.
 */

export interface EvidenceItem {
  id: number;
  kind: EvidenceKind;
  status: EvidenceStatus;
  label: string;
  title: string | null;
  publisher: string | null;
  url: string | null;
  publishedOn: string | null;
  /** numeric as text, exact ("42.5000" is shown as "42.5"). */
  value: string | null;
  unit: string | null;
  n: number | null;
  asOf: string | null;
  sourceNote: string | null;
  quoteText: string | null;
  attribution: string | null;
  anonymous: boolean | null;
  consentMethod: ConsentMethod | null;
  consentOn: string | null;
  origin: unknown;
  createdAt: Date;
  withdrawnAt: Date | null;
  withdrawnReason: string | null;
}

export const evidenceColumns = [
  "id",
  "kind",
  "status",
  "label",
  "title",
  "publisher",
  "url",
  "published_on",
  "value",
  "unit",
  "n",
  "as_of",
  "source_note",
  "quote_text",
  "attribution",
  "anonymous",
  "consent_method",
  "consent_on",
  "origin",
  "created_at",
  "withdrawn_at",
  "withdrawn_reason",
] as const;

type EvidenceRow = Pick<EvidenceItemsRow, (typeof evidenceColumns)[number]>;

export function toEvidence(row: EvidenceRow): EvidenceItem {
  return {
    id: row.id,
    kind: evidenceKindSchema.parse(row.kind),
    status: evidenceStatusSchema.parse(row.status),
    label: row.label,
    title: row.title,
    publisher: row.publisher,
    url: row.url,
    publishedOn: row.published_on,
    value: row.value,
    unit: row.unit,
    n: row.n,
    asOf: row.as_of,
    sourceNote: row.source_note,
    quoteText: row.quote_text,
    attribution: row.attribution,
    anonymous: row.anonymous,
    consentMethod: row.consent_method === null ? null : consentMethodSchema.parse(row.consent_method),
    consentOn: row.consent_on,
    origin: row.origin,
    createdAt: row.created_at,
    withdrawnAt: row.withdrawn_at,
    withdrawnReason: row.withdrawn_reason,
  };
}

export async function createEvidence(db: Db, actor: Actor, input: NewEvidence): Promise<EvidenceItem> {
  requireStaffActor(actor);
  const base = { kind: input.kind, label: input.label, created_by: actor.id };
  const values =
    input.kind === "source"
      ? {
          ...base,
          title: input.title,
          publisher: input.publisher,
          url: input.url,
          published_on: input.publishedOn,
        }
      : input.kind === "figure"
        ? {
            ...base,
            value: input.value,
            unit: input.unit,
            n: input.n,
            as_of: input.asOf,
            source_note: input.sourceNote,
            url: input.url,
          }
        : {
            ...base,
            quote_text: input.quoteText,
            anonymous: input.anonymous === "yes",
            attribution: input.anonymous === "yes" ? null : input.attribution,
            consent_method: input.consentMethod,
            consent_on: input.consentOn,
          };
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto("evidence_items")
      .values(values)
      .returning(evidenceColumns)
      .executeTakeFirstOrThrow();
    const created = toEvidence(row);
    await writeAudit(trx, {
      actorId: actor.id,
      action: "evidence.created",
      subjectType: "evidence",
      subjectId: created.id,
      after: created,
    });
    return created;
  });
}

export async function getEvidence(db: Db, actor: Actor, id: number): Promise<EvidenceItem> {
  requireStaffActor(actor);
  const row = await db
    .selectFrom("evidence_items")
    .select(evidenceColumns)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw Refusal.notFound();
  return toEvidence(row);
}

interface EvidenceListQuery {
  kind?: EvidenceKind | null;
  status?: EvidenceStatus | null;
  q?: string | null;
  page?: number;
}

export async function listEvidence(
  db: Db,
  actor: Actor,
  query: EvidenceListQuery = {},
): Promise<{ items: EvidenceItem[]; total: number; page: number; pageSize: number }> {
  requireStaffActor(actor);
  const page = Math.max(1, Math.floor(query.page ?? 1));
  let base = db.selectFrom("evidence_items");
  if (query.kind) base = base.where("kind", "=", query.kind);
  if (query.status) base = base.where("status", "=", query.status);
  const q = query.q?.trim();
  if (q) {
    base = base.where((eb) =>
      eb.or([
        foldedContains("label", q),
        foldedContains("title", q),
        foldedContains("publisher", q),
        foldedContains("quote_text", q),
        foldedContains("source_note", q),
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    base
      .select(evidenceColumns)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toEvidence), total: count.count, page, pageSize: PAGE_SIZE };
}

/** active → withdrawn: the only writer of `status`. Documents citing it are flagged, never broken. */
export async function withdrawEvidence(
  db: Db,
  actor: Actor,
  id: number,
  reason: string,
): Promise<EvidenceItem> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom("evidence_items")
      .select(evidenceColumns)
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw Refusal.notFound();
    if (before.status !== "active") throw Refusal.conflict("This evidence has already been withdrawn.");
    const row = await trx
      .updateTable("evidence_items")
      .set({
        status: "withdrawn",
        withdrawn_at: new Date(),
        withdrawn_reason: reason,
        updated_at: new Date(),
      })
      .where("id", "=", id)
      .returning(evidenceColumns)
      .executeTakeFirstOrThrow();
    const after = toEvidence(row);
    await writeAudit(trx, {
      actorId: actor.id,
      action: "evidence.withdrawn",
      subjectType: "evidence",
      subjectId: id,
      before: toEvidence(before),
      after,
    });
    return after;
  });
}

/** Active items for the editor's citation picker, newest first. */
export async function listCitableEvidence(
  db: Db,
  actor: Actor,
  { q, limit = 50 }: { q?: string | null; limit?: number } = {},
): Promise<EvidenceItem[]> {
  const { items } = await listEvidence(db, actor, { status: "active", q, page: 1 });
  return items.slice(0, limit);
}
