import { sql } from "kysely";
import { z } from "zod";
import type { ConsultationsRow } from "../../../db/schema.ts";
import { isStaff, type Actor } from "~/models/accounts/people.server.ts";
import {
  consultationLevelSchema,
  RADAR_PAGE_SIZE,
  sourceKindSchema,
  triageStateSchema,
  type ConsultationLevel,
  type DeadlineGroup,
  type ManualConsultationInput,
  type MatchedKeyword,
  type Nation,
  type RadarFilter,
  type RadarView,
  type SourceKind,
  type TriageState,
} from "~/schemas/consultations.ts";
import { nationSchema } from "~/schemas/directory.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { jsonb } from "~/utils/jsonb.server.ts";
import { daysLeft } from "~/utils/days-left.ts";
import { londonToday } from "~/utils/london-time.ts";
import { loadTopicKeywords, relevanceOf } from "./topic-keywords.server.ts";

export interface Consultation {
  id: number;
  sourceKind: SourceKind;
  sourceName: string | null;
  externalId: string | null;
  title: string;
  description: string;
  body: string;
  level: ConsultationLevel;
  nation: Nation | null;
  appliesTo: Nation[];
  url: string;
  opensOn: string | null;
  closesOn: string;
  relevant: boolean;
  matchedKeywords: MatchedKeyword[];
  triageState: TriageState;
  adoptedBy: string | null;
  adoptedAt: Date | null;
  dismissedBy: string | null;
  dismissedAt: Date | null;
  dismissedReason: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A triage asked of a consultation in the wrong state, or an edit based on an old version: 409. */
export class ConsultationConflictError extends Error {
  override name = "ConsultationConflictError";
}

export const notFound = () => new Response("Not found", { status: 404 });

const idSchema = z.coerce.number().int().positive().max(2_147_483_647);

/** The :id of a URL; anything else is a 404, never a 500. */
export function parseConsultationId(value: string | undefined): number {
  const id = idSchema.safeParse(value);
  if (!id.success) throw notFound();
  return id.data;
}

export function requireStaffActor(actor: Actor) {
  if (!isStaff(actor)) throw notFound();
}

const matchedSchema = z.array(z.object({ topic: z.string(), keyword: z.string() })).catch([]);
const nationsSchema = z.array(nationSchema).catch([]);

type SelectedRow = Pick<
  ConsultationsRow,
  | "id"
  | "external_id"
  | "title"
  | "description"
  | "body"
  | "level"
  | "nation"
  | "applies_to"
  | "url"
  | "opens_on"
  | "closes_on"
  | "relevant"
  | "matched_keywords"
  | "triage_state"
  | "adopted_at"
  | "dismissed_at"
  | "dismissed_reason"
  | "version"
  | "created_at"
  | "updated_at"
> & {
  source_kind: string | null;
  source_name: string | null;
  adopted_by_name: string | null;
  dismissed_by_name: string | null;
};

function toConsultation(row: SelectedRow): Consultation {
  return {
    id: row.id,
    sourceKind: row.source_kind === null ? "manual" : sourceKindSchema.parse(row.source_kind),
    sourceName: row.source_name,
    externalId: row.external_id,
    title: row.title,
    description: row.description,
    body: row.body,
    level: consultationLevelSchema.parse(row.level),
    nation: row.nation === null ? null : nationSchema.parse(row.nation),
    appliesTo: nationsSchema.parse(row.applies_to),
    url: row.url,
    opensOn: row.opens_on,
    closesOn: row.closes_on,
    relevant: row.relevant,
    matchedKeywords: matchedSchema.parse(row.matched_keywords),
    triageState: triageStateSchema.parse(row.triage_state),
    adoptedBy: row.adopted_by_name,
    adoptedAt: row.adopted_at,
    dismissedBy: row.dismissed_by_name,
    dismissedAt: row.dismissed_at,
    dismissedReason: row.dismissed_reason,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function selectConsultations(db: Db) {
  return db
    .selectFrom("consultations")
    .leftJoin("consultation_sources", "consultation_sources.id", "consultations.source_id")
    .leftJoin("people as adopter", "adopter.id", "consultations.adopted_by")
    .leftJoin("people as dismisser", "dismisser.id", "consultations.dismissed_by")
    .select([
      "consultations.id",
      "consultations.external_id",
      "consultations.title",
      "consultations.description",
      "consultations.body",
      "consultations.level",
      "consultations.nation",
      "consultations.applies_to",
      "consultations.url",
      "consultations.opens_on",
      "consultations.closes_on",
      "consultations.relevant",
      "consultations.matched_keywords",
      "consultations.triage_state",
      "consultations.adopted_at",
      "consultations.dismissed_at",
      "consultations.dismissed_reason",
      "consultations.version",
      "consultations.created_at",
      "consultations.updated_at",
      "consultation_sources.kind as source_kind",
      "consultation_sources.name as source_name",
      "adopter.name as adopted_by_name",
      "dismisser.name as dismissed_by_name",
    ]);
}

export async function getConsultation(db: Db, actor: Actor, id: number): Promise<Consultation> {
  requireStaffActor(actor);
  const row = await selectConsultations(db).where("consultations.id", "=", id).executeTakeFirst();
  if (!row) throw notFound();
  return toConsultation(row);
}

export interface RadarPage {
  consultations: Consultation[];
  total: number;
  page: number;
  pageCount: number;
  counts: Record<RadarView, number>;
}

function inView(view: RadarView, today: string) {
  return (query: ReturnType<typeof selectConsultations>) => {
    switch (view) {
      case "relevant":
        return query
          .where("consultations.triage_state", "=", "untriaged")
          .where("consultations.relevant", "=", true)
          .where("consultations.closes_on", ">=", today);
      case "open":
        return query
          .where("consultations.triage_state", "<>", "dismissed")
          .where("consultations.closes_on", ">=", today);
      case "adopted":
        return query.where("consultations.triage_state", "=", "adopted");
      case "dismissed":
        return query.where("consultations.triage_state", "=", "dismissed");
    }
  };
}

/** The radar: one tab (view) with filters, a page of results, and how many each tab holds. */
export async function listConsultations(db: Db, actor: Actor, filter: RadarFilter): Promise<RadarPage> {
  requireStaffActor(actor);
  const today = londonToday();
  let query = inView(filter.view, today)(selectConsultations(db));
  if (filter.source === "manual") query = query.where("consultations.source_id", "is", null);
  else if (filter.source) query = query.where("consultation_sources.kind", "=", filter.source);
  if (filter.level) query = query.where("consultations.level", "=", filter.level);
  if (filter.nation) {
    const nation = filter.nation;
    query = query.where((eb) =>
      eb.or([
        eb("consultations.nation", "=", nation),
        eb("consultations.applies_to", "@>", jsonb([nation])),
        eb.and([eb("consultations.level", "=", "national"), eb("consultations.applies_to", "=", jsonb([]))]),
      ]),
    );
  }
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, "\\$&")}%`;
    query = query.where((eb) =>
      eb.or([
        eb("consultations.title", "ilike", like),
        eb("consultations.description", "ilike", like),
        eb("consultations.body", "ilike", like),
      ]),
    );
  }
  const totalRow = await query
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const total = Number(totalRow.n);
  const pageCount = Math.max(1, Math.ceil(total / RADAR_PAGE_SIZE));
  const page = Math.min(filter.page, pageCount);
  const rows = await query
    .orderBy(
      filter.view === "dismissed" ? "consultations.dismissed_at" : "consultations.closes_on",
      filter.view === "dismissed" ? "desc" : "asc",
    )
    .orderBy("consultations.id")
    .limit(RADAR_PAGE_SIZE)
    .offset((page - 1) * RADAR_PAGE_SIZE)
    .execute();
  return {
    consultations: rows.map(toConsultation),
    total,
    page,
    pageCount,
    counts: await countViews(db, today),
  };
}

async function countViews(db: Db, today: string): Promise<Record<RadarView, number>> {
  const row = await db
    .selectFrom("consultations")
    .select((eb) => [
      eb.fn
        .countAll<number>()
        .filterWhere((w) =>
          w.and([w("triage_state", "=", "untriaged"), w("relevant", "=", true), w("closes_on", ">=", today)]),
        )
        .as("relevant"),
      eb.fn
        .countAll<number>()
        .filterWhere((w) => w.and([w("triage_state", "<>", "dismissed"), w("closes_on", ">=", today)]))
        .as("open"),
      eb.fn.countAll<number>().filterWhere("triage_state", "=", "adopted").as("adopted"),
      eb.fn.countAll<number>().filterWhere("triage_state", "=", "dismissed").as("dismissed"),
    ])
    .executeTakeFirstOrThrow();
  return {
    relevant: Number(row.relevant),
    open: Number(row.open),
    adopted: Number(row.adopted),
    dismissed: Number(row.dismissed),
  };
}

/** Adopted consultations by urgency: closed already, closing within 7 days, later. */
export async function listAdoptedDeadlines(
  db: Db,
  actor: Actor,
): Promise<Record<DeadlineGroup, Consultation[]>> {
  requireStaffActor(actor);
  const today = londonToday();
  const rows = await selectConsultations(db)
    .where("consultations.triage_state", "=", "adopted")
    .orderBy("consultations.closes_on")
    .orderBy("consultations.id")
    .execute();
  const groups: Record<DeadlineGroup, Consultation[]> = { overdue: [], this_week: [], later: [] };
  for (const consultation of rows.map(toConsultation)) {
    const left = daysLeft(consultation.closesOn, today);
    groups[left < 0 ? "overdue" : left <= 7 ? "this_week" : "later"].push(consultation);
  }
  return groups;
}

function manualValues(input: ManualConsultationInput) {
  return {
    title: input.title,
    description: input.description,
    body: input.body,
    level: input.level,
    nation: input.level === "national" || input.nation === "" ? null : input.nation,
    url: input.url,
    opens_on: input.opensOn,
    closes_on: input.closesOn,
  };
}

/** A consultation entered by hand (Welsh Government, councils): flagged relevant like imported ones. */
export async function createManualConsultation(
  db: Db,
  actor: Actor,
  input: ManualConsultationInput,
): Promise<number> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const values = manualValues(input);
    const relevance = relevanceOf(values, await loadTopicKeywords(trx));
    const { id } = await trx
      .insertInto("consultations")
      .values({
        ...values,
        relevant: relevance.relevant,
        matched_keywords: jsonb(relevance.matched),
        created_by: actor.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      actorId: actor.id,
      action: "consultation.create",
      subjectType: "consultation",
      subjectId: id,
      after: values,
    });
    return id;
  });
}

/** Only consultations entered by hand can be edited; a stale form (old version) is refused with 409. */
export async function updateManualConsultation(
  db: Db,
  actor: Actor,
  id: number,
  input: ManualConsultationInput & { version: number },
): Promise<void> {
  requireStaffActor(actor);
  await inTransaction(db, async (trx) => {
    const current = await trx
      .selectFrom("consultations")
      .select([
        "id",
        "source_id",
        "version",
        "title",
        "description",
        "body",
        "level",
        "nation",
        "url",
        "opens_on",
        "closes_on",
      ])
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw notFound();
    if (current.source_id !== null) {
      throw new ConsultationConflictError(
        "This consultation was imported from its government's site; only consultations entered by hand can be edited.",
      );
    }
    if (current.version !== input.version) {
      throw new ConsultationConflictError(
        "Someone else changed this consultation after you opened the form. Their version is shown; your changes are kept in the form.",
      );
    }
    const values = manualValues(input);
    const relevance = relevanceOf(values, await loadTopicKeywords(trx));
    await trx
      .updateTable("consultations")
      .set({
        ...values,
        relevant: relevance.relevant,
        matched_keywords: jsonb(relevance.matched),
        version: current.version + 1,
        updated_at: sql`now()`,
      })
      .where("id", "=", id)
      .execute();
    const before = {
      title: current.title,
      description: current.description,
      body: current.body,
      level: current.level,
      nation: current.nation,
      url: current.url,
      opens_on: current.opens_on,
      closes_on: current.closes_on,
    };
    await writeAudit(trx, {
      actorId: actor.id,
      action: "consultation.update",
      subjectType: "consultation",
      subjectId: id,
      before,
      after: values,
    });
  });
}

export interface RelatedPosition {
  slug: string;
  title: string;
  state: string;
}

/** Positions on the topics a consultation matched: where a submission's answers will come from. */
export async function listRelatedPositions(
  db: Db,
  actor: Actor,
  consultation: Pick<Consultation, "matchedKeywords">,
): Promise<RelatedPosition[]> {
  requireStaffActor(actor);
  const topics = [...new Set(consultation.matchedKeywords.map((match) => match.topic))];
  if (!topics.length) return [];
  return db
    .selectFrom("positions")
    .select(["slug", "title", "state"])
    .where("state", "<>", "retired")
    .where((eb) => eb.or(topics.map((topic) => eb("topics", "@>", jsonb([topic])))))
    .orderBy("title")
    .limit(20)
    .execute();
}
