import { sql } from "kysely";
import type { SurveysRow } from "../../../db/schema.ts";
import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import type { SurveySettingsInput } from "~/schemas/survey-builder.ts";
import {
  anonymityModeSchema,
  audienceSchema,
  questionSettingsFrom,
  surveyModeSchema,
  surveyStateSchema,
  type AnonymityMode,
  type Audience,
  type QuestionSettings,
  type SurveyMode,
  type SurveyState,
} from "~/schemas/surveys.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { endOfLondonDay, londonDay } from "~/utils/london-time.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import type { ResponseFigures } from "~/utils/survey-figures.ts";
import { conditionFrom, type Condition } from "~/utils/survey-conditions.ts";

export interface Survey {
  id: number;
  title: string;
  introduction: string;
  state: SurveyState;
  mode: SurveyMode;
  anonymity: AnonymityMode;
  audience: Audience;
  opensOn: string | null;
  closesAt: Date | null;
  /** The London day the survey closes, as entered ('YYYY-MM-DD'). */
  closesOn: string | null;
  disclosureThreshold: number;
  reminderDaysBefore: number | null;
  version: number;
  previousVersionId: number | null;
  createdAt: Date;
  updatedAt: Date;
  openedAt: Date | null;
  closedAt: Date | null;
  archivedAt: Date | null;
}

export const surveyColumns = [
  "id",
  "title",
  "introduction",
  "state",
  "mode",
  "anonymity",
  "audience",
  "opens_on",
  "closes_at",
  "disclosure_threshold",
  "reminder_days_before",
  "version",
  "previous_version_id",
  "created_at",
  "updated_at",
  "opened_at",
  "closed_at",
  "archived_at",
] as const;

type SurveyRow = Pick<SurveysRow, (typeof surveyColumns)[number]>;

export function toSurvey(row: SurveyRow): Survey {
  return {
    id: row.id,
    title: row.title,
    introduction: row.introduction,
    state: surveyStateSchema.parse(row.state),
    mode: surveyModeSchema.parse(row.mode),
    anonymity: anonymityModeSchema.parse(row.anonymity),
    audience: audienceSchema.parse(row.audience),
    opensOn: row.opens_on,
    closesAt: row.closes_at,
    // The stored instant is the next London midnight: the day before it is the day staff chose.
    closesOn: row.closes_at ? londonDay(new Date(row.closes_at.getTime() - 1)) : null,
    disclosureThreshold: row.disclosure_threshold,
    reminderDaysBefore: row.reminder_days_before,
    version: row.version,
    previousVersionId: row.previous_version_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    archivedAt: row.archived_at,
  };
}

/**
 * The survey as it is now; with `lock`, FOR UPDATE, so changes to one survey (a move, an edit of
 * its questions, invitations) queue behind each other. Unknown: 404.
 */
export async function loadSurvey(db: Db, id: number, { lock }: { lock: boolean }): Promise<Survey> {
  const query = db.selectFrom("surveys").select(surveyColumns).where("id", "=", id);
  const row = await (lock ? query.forUpdate() : query).executeTakeFirst();
  if (!row) throw Refusal.notFound();
  return toSurvey(row);
}

/** Staff only: anyone else finds no survey at all. */
export async function getSurvey(db: Db, actor: Actor, id: number): Promise<Survey> {
  requireStaffActor(actor);
  return loadSurvey(db, id, { lock: false });
}

interface SurveyListItem {
  id: number;
  title: string;
  state: SurveyState;
  anonymity: AnonymityMode;
  closesOn: string | null;
  updatedAt: Date;
  /** Organisations or people, by the survey's mode: see ResponseFigures. */
  figures: ResponseFigures;
}

export async function listSurveys(
  db: Db,
  actor: Actor,
  { page, pageSize }: { page: number; pageSize: number },
): Promise<{ items: SurveyListItem[]; total: number }> {
  requireStaffActor(actor);
  const [rows, total] = await Promise.all([
    db
      .selectFrom("surveys")
      .select((eb) => [
        ...surveyColumns.map((column) => `surveys.${column}` as const),
        // One response per organisation counts organisations invited; one per person, people.
        eb
          .selectFrom("survey_invitations")
          .select(
            sql<number>`case when ${sql.ref("surveys.mode")} = 'organisation'
              then count(distinct survey_invitations.organisation_id) else count(*) end`.as("n"),
          )
          .whereRef("survey_invitations.survey_id", "=", "surveys.id")
          .as("invited"),
        eb
          .selectFrom("survey_responses")
          .select(eb.fn.countAll<number>().as("n"))
          .whereRef("survey_responses.survey_id", "=", "surveys.id")
          .where("survey_responses.status", "=", "submitted")
          .as("submitted"),
      ])
      .orderBy("surveys.updated_at", "desc")
      .orderBy("surveys.id", "desc")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom("surveys")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(total.n),
    items: rows.map((row) => {
      const survey = toSurvey(row);
      return {
        id: survey.id,
        title: survey.title,
        state: survey.state,
        anonymity: survey.anonymity,
        closesOn: survey.closesOn,
        updatedAt: survey.updatedAt,
        figures: {
          mode: survey.mode,
          invited: Number(row.invited ?? 0),
          responded: Number(row.submitted ?? 0),
        },
      };
    }),
  };
}

function settingsColumns(input: SurveySettingsInput) {
  return {
    title: input.title,
    introduction: input.introduction,
    mode: input.mode,
    anonymity: input.anonymity,
    audience: JSON.stringify({
      nations: input.nations,
      serviceAreas: input.serviceAreas,
      sizeBands: input.sizeBands,
    }),
    opens_on: input.opensOn,
    closes_at: input.closesOn ? endOfLondonDay(input.closesOn) : null,
    disclosure_threshold: input.disclosureThreshold,
    reminder_days_before: input.reminderDaysBefore,
  };
}

/** A new draft with one empty section, so questions have somewhere to go. */
export async function createSurvey(db: Db, actor: Actor, input: SurveySettingsInput): Promise<Survey> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto("surveys")
      .values({ ...settingsColumns(input), created_by: actor.id })
      .returning(surveyColumns)
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("survey_sections")
      .values({ survey_id: row.id, position: 1, title: "About you", introduction: "" })
      .execute();
    await writeAudit(trx, {
      actorId: actor.id,
      action: "survey.created",
      subjectType: "survey",
      subjectId: row.id,
      after: { title: row.title, mode: row.mode, anonymity: row.anonymity },
    });
    return toSurvey(row);
  });
}

/** Settings change only in draft, and only from the version the editor saw. */
export async function updateSurveySettings(
  db: Db,
  actor: Actor,
  id: number,
  version: number,
  input: SurveySettingsInput,
): Promise<Survey> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const before = await loadSurvey(trx, id, { lock: true });
    if (before.state !== "draft") {
      throw Refusal.conflict("Only a draft's settings can change: this survey has been opened.");
    }
    if (before.version !== version) {
      throw Refusal.conflict(
        "Someone else saved this survey after you opened it. Your changes are below: check them against the saved settings and save again.",
      );
    }
    if (input.anonymity === "anonymous") {
      const file = await trx
        .selectFrom("survey_questions")
        .select("id")
        .where("survey_id", "=", id)
        .where("kind", "=", "file")
        .executeTakeFirst();
      if (file) {
        const message =
          "This survey asks for a file, which could name who sent it: remove the file question before making it anonymous.";
        throw Refusal.invalid(message, { anonymity: message });
      }
    }
    const row = await trx
      .updateTable("surveys")
      .set({ ...settingsColumns(input), version: before.version + 1, updated_at: new Date() })
      .where("id", "=", id)
      .returning(surveyColumns)
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      actorId: actor.id,
      action: "survey.updated",
      subjectType: "survey",
      subjectId: id,
      before: { title: before.title, version: before.version },
      after: { title: row.title, version: row.version },
    });
    return toSurvey(row);
  });
}

export interface SurveyQuestion {
  id: number;
  sectionId: number;
  position: number;
  prompt: string;
  helpText: string;
  required: boolean;
  config: QuestionSettings;
  /** Asked only when this holds (app/utils/survey-conditions.ts); null: always. */
  condition: Condition | null;
}

export interface SurveySection {
  id: number;
  position: number;
  title: string;
  introduction: string;
  condition: Condition | null;
  questions: SurveyQuestion[];
}

/** Sections in order, each with its questions in order: what the builder and the answering pages show. */
export async function loadSurveyContent(db: Db, surveyId: number): Promise<SurveySection[]> {
  const [sections, questions] = await Promise.all([
    db
      .selectFrom("survey_sections")
      .select(["id", "position", "title", "introduction", "condition"])
      .where("survey_id", "=", surveyId)
      .orderBy("position")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("survey_questions")
      .select([
        "id",
        "section_id",
        "position",
        "kind",
        "prompt",
        "help_text",
        "required",
        "settings",
        "condition",
      ])
      .where("survey_id", "=", surveyId)
      .orderBy("position")
      .orderBy("id")
      .execute(),
  ]);
  return sections.map((section) => ({
    id: section.id,
    position: section.position,
    title: section.title,
    introduction: section.introduction,
    condition: conditionFrom(section.condition),
    questions: questions
      .filter((question) => question.section_id === section.id)
      .map((question) => ({
        id: question.id,
        sectionId: question.section_id,
        position: question.position,
        prompt: question.prompt,
        helpText: question.help_text,
        required: question.required,
        config: questionSettingsFrom(question.kind, question.settings),
        condition: conditionFrom(question.condition),
      })),
  }));
}

/** True once anyone has saved an answer: from then on the questions are fixed. */
export async function surveyHasAnswers(db: Db, surveyId: number): Promise<boolean> {
  const row = await db
    .selectFrom("survey_responses")
    .select("id")
    .where("survey_id", "=", surveyId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

const contentCache = new WeakMap<Db, Map<number, { stamp: number; content: Promise<SurveySection[]> }>>();

/**
 * The content for answering pages, kept in memory per survey: every change to sections or
 * questions moves surveys.updated_at (the builder's functions do), which `survey` was read with,
 * so a changed survey is never served from an old copy. Saves two queries on every page save.
 */
export function answeringContent(db: Db, survey: Pick<Survey, "id" | "updatedAt">): Promise<SurveySection[]> {
  let perDb = contentCache.get(db);
  if (!perDb) {
    perDb = new Map();
    contentCache.set(db, perDb);
  }
  const stamp = survey.updatedAt.getTime();
  const cached = perDb.get(survey.id);
  if (cached && cached.stamp === stamp) return cached.content;
  if (perDb.size > 200) perDb.clear();
  const content = loadSurveyContent(db, survey.id);
  perDb.set(survey.id, { stamp, content });
  content.catch(() => perDb.delete(survey.id));
  return content;
}
