import type { EvidenceItemsRow } from "../../../db/schema.ts";
import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import { surveyFigureOrigin } from "~/models/evidence/survey-evidence.server.ts";
import { computeSurveyFigure } from "~/models/evidence/survey-figures.server.ts";
import { heldValue, publishedFigures, republicationConflict } from "./republication.server.ts";
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
import { describeEvidence } from "~/utils/evidence-text.ts";
import { formatDate } from "~/utils/format.ts";
import { londonDay } from "~/utils/london-time.ts";
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

const evidenceColumns = [
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

function toEvidence(row: EvidenceRow): EvidenceItem {
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
    const pattern = `%${q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    base = base.where((eb) =>
      eb.or([
        eb("label", "ilike", pattern),
        eb("title", "ilike", pattern),
        eb("publisher", "ilike", pattern),
        eb("quote_text", "ilike", pattern),
        eb("source_note", "ilike", pattern),
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

/** A document that cites evidence, e.g. `{ type: "position_version", id: 12 }`. */
export interface CitingSubject {
  type: string;
  id: number;
}

/** Live as the item stood at `asOf`, or as frozen when `frozen` (a document) was signed off. */
type EvidenceValueMode = { asOf: Date } | { frozen: CitingSubject };

export interface EvidenceValue {
  evidenceId: number;
  kind: EvidenceKind;
  status: EvidenceStatus;
  value: string | null;
  n: number | null;
  /** The date the value describes (a figure's as-of date, a source's publication date). */
  on: string | null;
  text: string;
  url: string | null;
  /** False when the value comes from a frozen snapshot. */
  live: boolean;
  /** Why a document must not cite it now; null when it may. */
  problem: "withdrawn" | "no_consent" | null;
  /**
   * A frozen citation of an item withdrawn since: the document keeps it as approved and says so
   * beside it ("This source was later withdrawn on 4 December 2026.").
   */
  laterNote: string | null;
}

function liveValue(item: EvidenceItem): EvidenceValue {
  const on = item.kind === "figure" ? item.asOf : item.kind === "source" ? item.publishedOn : item.consentOn;
  const problem =
    item.status === "withdrawn"
      ? "withdrawn"
      : item.kind === "quote" && (item.consentMethod === null || item.consentOn === null)
        ? "no_consent"
        : null;
  return {
    evidenceId: item.id,
    kind: item.kind,
    status: item.status,
    value: item.value,
    n: item.n,
    on,
    text: describeEvidence(item, { value: item.value, on }),
    url: item.url,
    live: true,
    problem,
    laterNote: null,
  };
}

/** A figure computed from a survey as it stood at `asOf`, with disclosure control applied. */
async function computedValue(
  db: Db,
  item: EvidenceItem,
  origin: NonNullable<ReturnType<typeof surveyFigureOrigin>>,
  asOf: Date,
): Promise<EvidenceValue> {
  const base = liveValue(item);
  const computed = await computeSurveyFigure(db, origin, asOf);
  if (!computed)
    return { ...base, value: null, n: null, text: describeEvidence(item, { value: null, on: null }) };
  const text = computed.withheld
    ? `${item.label}: ${computed.withheld === `fewer than ${computed.threshold} responses` ? `fewer than ${computed.threshold}` : "withheld"} (${computed.withheld}), ${formatDate(computed.on)}. Source: ${item.sourceNote ?? "a survey"}`
    : describeEvidence(item, { value: computed.value, on: computed.on });
  return { ...base, value: computed.value, n: computed.n, on: computed.on, text };
}

async function loadItems(db: Db, ids: readonly number[]): Promise<Map<number, EvidenceItem>> {
  const wanted = [...new Set(ids)].filter((id) => Number.isSafeInteger(id) && id > 0 && id <= 2_147_483_647);
  if (!wanted.length) return new Map();
  const rows = await db
    .selectFrom("evidence_items")
    .select(evidenceColumns)
    .where("id", "in", wanted)
    .execute();
  return new Map(rows.map((row) => [row.id, toEvidence(row)]));
}

/**
 * The value of one item: live as it stood at `asOf`, or as frozen for a signed-off document (null
 * when that document did not cite it). Hand-entered items keep one value, so `asOf` only hides
 * items that did not exist yet; items with a survey `origin` are computed as the survey stood then.
 */
export async function evidenceValue(
  db: Db,
  id: number,
  mode: EvidenceValueMode,
): Promise<EvidenceValue | null> {
  const values = await evidenceValues(db, [id], mode);
  return values.get(id) ?? null;
}

export async function evidenceValues(
  db: Db,
  ids: readonly number[],
  mode: EvidenceValueMode,
): Promise<Map<number, EvidenceValue>> {
  const items = await loadItems(db, ids);
  const values = new Map<number, EvidenceValue>();
  if ("asOf" in mode) {
    for (const item of items.values()) {
      if (item.createdAt > mode.asOf) continue;
      const origin = surveyFigureOrigin(item.origin);
      values.set(item.id, origin ? await computedValue(db, item, origin, mode.asOf) : liveValue(item));
    }
    return values;
  }
  if (!items.size) return values;
  const frozen = await db
    .selectFrom("evidence_citations")
    .select(["evidence_id", "frozen_value", "frozen_n", "frozen_on", "frozen_text", "frozen_url"])
    .where("subject_type", "=", mode.frozen.type)
    .where("subject_id", "=", mode.frozen.id)
    .where("evidence_id", "in", [...items.keys()])
    .execute();
  for (const row of frozen) {
    const item = items.get(row.evidence_id);
    if (!item) continue;
    values.set(item.id, {
      evidenceId: item.id,
      kind: item.kind,
      status: item.status,
      value: row.frozen_value,
      n: row.frozen_n,
      on: row.frozen_on,
      text: row.frozen_text,
      url: row.frozen_url,
      live: false,
      // A frozen citation stands as it was approved; a withdrawal since is said beside it.
      problem: null,
      laterNote: item.withdrawnAt ? withdrawalNote(item.withdrawnAt) : null,
    });
  }
  return values;
}

const withdrawalNote = (withdrawnAt: Date) =>
  `This source was later withdrawn on ${formatDate(londonDay(withdrawnAt))}.`;

/** For documents kept as approved: a note for each of these items withdrawn since. */
export async function withdrawalNotes(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  const items = await loadItems(db, ids);
  return new Map(
    [...items.values()].flatMap((item) =>
      item.withdrawnAt ? [[item.id, withdrawalNote(item.withdrawnAt)] as const] : [],
    ),
  );
}

/**
 * The values a document freezes on sign-off: live now, except that a survey figure whose value
 * beside an earlier published one would describe a few responses is held at the latest earlier
 * published value of the same figure (or withheld when there is none), with its earlier date.
 */
export async function freezableValues(
  db: Db,
  ids: readonly number[],
  subject: CitingSubject,
): Promise<EvidenceValue[]> {
  const [items, values] = await Promise.all([
    loadItems(db, ids),
    evidenceValues(db, ids, { asOf: new Date() }),
  ]);
  const out: EvidenceValue[] = [];
  for (const value of values.values()) {
    const item = items.get(value.evidenceId);
    const origin = item ? surveyFigureOrigin(item.origin) : null;
    const survey = origin
      ? await db
          .selectFrom("surveys")
          .select("disclosure_threshold")
          .where("id", "=", origin.surveyId)
          .executeTakeFirst()
      : undefined;
    if (!item || !origin || !survey || value.value === null) {
      out.push(value);
      continue;
    }
    const now = { origin, value: value.value, n: value.n };
    const earlier = await publishedFigures(db, origin, subject);
    const conflict = republicationConflict(now, earlier, survey.disclosure_threshold);
    if (!conflict) {
      out.push(value);
      continue;
    }
    const held = heldValue(now, earlier);
    out.push(
      held
        ? {
            ...value,
            value: held.value,
            n: held.n,
            on: held.on,
            text: describeEvidence(item, { value: held.value, on: held.on }),
          }
        : {
            ...value,
            value: null,
            n: null,
            text: `${item.label}: withheld (it was published earlier at a count too close to today's), ${formatDate(value.on ?? londonDay())}. Source: ${item.sourceNote ?? "a survey"}`,
          },
    );
  }
  return out;
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
