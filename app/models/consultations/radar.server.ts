import { foldedContains } from "~/utils/search.server.ts";
import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import {
  RADAR_PAGE_SIZE,
  type DeadlineGroup,
  type RadarFilter,
  type RadarView,
} from "~/schemas/consultations.ts";
import type { Db } from "~/utils/db.server.ts";
import { daysLeft } from "~/utils/days-left.ts";
import { jsonb } from "~/utils/jsonb.server.ts";
import { londonToday } from "~/utils/london-time.ts";
import { selectConsultations, toConsultation, type Consultation } from "./consultations.server.ts";

interface RadarPage {
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
    const typed = filter.q;
    query = query.where((eb) =>
      eb.or([
        foldedContains("consultations.title", typed),
        foldedContains("consultations.description", typed),
        foldedContains("consultations.body", typed),
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
