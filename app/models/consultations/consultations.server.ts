import type { AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import { idField } from "~/schemas/ids.ts";
import type { ConsultationsRow } from "../../../db/schema.ts";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { requireStaffActor, type Actor, type Person } from "~/models/accounts/people.server.ts";
import {
  consultationLevelSchema,
  sourceKindSchema,
  triageStateSchema,
  type ConsultationLevel,
  type MatchedKeyword,
  type Nation,
  type SourceKind,
  type TriageState,
} from "~/schemas/consultations.ts";
import { nationSchema } from "~/schemas/directory.ts";
import type { Db } from "~/utils/db.server.ts";
import { jsonb } from "~/utils/jsonb.server.ts";
import { memoPerRequest } from "~/utils/per-request.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";

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

const idSchema = idField();

/** The :id of a URL; anything else is a 404, never a 500. */
export function parseConsultationId(value: string | undefined): number {
  const id = idSchema.safeParse(value);
  if (!id.success) throw Refusal.notFound();
  return id.data;
}

const matchedSchema = z.array(z.object({ topic: z.string(), keyword: z.string() })).catch([]);
const nationsSchema = z.array(nationSchema).catch([]);

type SelectedRow = ConsultationsRow & {
  source_kind: string | null;
  source_name: string | null;
  adopted_by_name: string | null;
  dismissed_by_name: string | null;
};

export function toConsultation(row: SelectedRow): Consultation {
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

export function selectConsultations(db: Db) {
  return db
    .selectFrom("consultations")
    .leftJoin("consultation_sources", "consultation_sources.id", "consultations.source_id")
    .leftJoin("people as adopter", "adopter.id", "consultations.adopted_by")
    .leftJoin("people as dismisser", "dismisser.id", "consultations.dismissed_by")
    .selectAll("consultations")
    .select([
      "consultation_sources.kind as source_kind",
      "consultation_sources.name as source_name",
      "adopter.name as adopted_by_name",
      "dismisser.name as dismissed_by_name",
    ]);
}

export async function getConsultation(db: Db, actor: Actor, id: number): Promise<Consultation> {
  requireStaffActor(actor);
  const row = await selectConsultations(db).where("consultations.id", "=", id).executeTakeFirst();
  if (!row) throw Refusal.notFound();
  return toConsultation(row);
}

const consultationPages = memoPerRequest<{ user: Person; consultation: Consultation }>();

/**
 * The staff member looking and the consultation of the page's :id, loaded and authorised once per
 * request: the consultation's layout route and its child page both ask. Actions load afresh instead,
 * so the page shown after a refused change is not the one from before it.
 */
export function requireConsultation(request: Request, context: AppLoadContext, idParam: string | undefined) {
  const key = `${request.headers.get("Cookie") ?? ""}\n${idParam ?? ""}`;
  return consultationPages.get(context, key, async () => {
    const user = await requireStaff(request, context);
    const consultation = await getConsultation(context.db, user, parseConsultationId(idParam));
    return { user, consultation };
  });
}

interface RelatedPosition {
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
