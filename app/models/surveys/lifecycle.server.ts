import { sql, type SelectQueryBuilder } from "kysely";
import type { Database, SurveysUpdate } from "../../../db/schema.ts";
import { isStaff, requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import { defineLifecycle, type MoveContext } from "~/models/lifecycle.server.ts";
import type { SurveyState } from "~/schemas/surveys.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { eachInItsOwnTransaction, type Db } from "~/utils/db.server.ts";
import { londonDay } from "~/utils/london-time.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import {
  invitationFigures,
  markInvitationsPending,
  pendingInvitees,
  sendPendingInvitations,
} from "./invitations.server.ts";
import { remind } from "./reminders.server.ts";
import { loadSurvey, type Survey } from "./surveys.server.ts";

/** How a refusal names a survey's state: "You cannot archive a survey that is still a draft". */
const statePhrases: Record<SurveyState, string> = {
  draft: "still a draft",
  open: "open for answers",
  closed: "closed",
  archived: "archived",
};

/** "This survey is closed, so it cannot be archived.": how staff have always been told. */
const wrongState = (done: string) => (state: SurveyState) =>
  `This survey is ${statePhrases[state]}, so it cannot be ${done}.`;

const staffOnly = (verb: string) => (actor: Actor | null) =>
  actor !== null && isStaff(actor) ? true : `Only staff can ${verb} a survey.`;

/**
 * draft → open → closed → archived. Opening invites the audience; closing (by staff, or by the
 * background loop at the closing date, with no actor) kills every personal link.
 */
export const surveyLifecycle = defineLifecycle<
  Survey,
  Pick<SurveysUpdate, "opened_at" | "closed_at" | "archived_at">
>({
  subject: "survey",
  stateLabels: statePhrases,
  load: loadSurvey,
  write: async (trx, id, { state, updatedAt, set }) => {
    await trx
      .updateTable("surveys")
      .set({ state, updated_at: updatedAt, ...set })
      .where("id", "=", id)
      .execute();
  },
}).withMoves({
  open: {
    from: ["draft"],
    to: "open",
    label: "Open and send invitations",
    verb: "open",
    refusals: wrongState("opened"),
    may: staffOnly("open"),
    check: async ({ trx, before, now }) => {
      if (!before.closesAt) throw Refusal.conflict("Set a closing date before opening the survey.");
      if (before.closesAt <= now) {
        throw Refusal.conflict("The closing date has passed: change it in the settings before opening.");
      }
      const sections = await trx
        .selectFrom("survey_sections")
        .select((eb) => [
          "survey_sections.title",
          eb
            .selectFrom("survey_questions")
            .select(eb.fn.countAll<number>().as("n"))
            .whereRef("survey_questions.section_id", "=", "survey_sections.id")
            .as("questions"),
        ])
        .where("survey_sections.survey_id", "=", before.id)
        .orderBy("survey_sections.position")
        .execute();
      if (!sections.some((section) => Number(section.questions) > 0))
        throw Refusal.conflict("Add at least one question before opening the survey.");
      // A member would reach a page with nothing to answer on it.
      const empty = sections.findIndex((section) => Number(section.questions ?? 0) === 0);
      const section = sections[empty];
      if (section)
        throw Refusal.conflict(
          `Section ${empty + 1}, “${section.title}”, has no questions: add one or delete the section before opening the survey.`,
        );
    },
    set: ({ now }) => ({ opened_at: now }),
    audit: "opened",
    // Only the promise to invite is made here; the invitations go out in small transactions after.
    effects: async ({ trx, after, context, now }) => {
      await markInvitationsPending(trx, after.id, context.appUrl, now);
    },
  },
  close: {
    from: ["open"],
    to: "closed",
    label: "Close now",
    verb: "close",
    refusals: wrongState("closed"),
    may: (actor) => (actor === null ? true : staffOnly("close")(actor)),
    set: ({ now }) => ({ closed_at: now }),
    audit: "closed",
    note: ({ actor }) => ({ by: actor ? "staff" : "closing date" }),
    // Links stop working and, in anonymous surveys, the token-derived keys are replaced, so from
    // now on not even the holder of a link can find their response again.
    effects: async ({ trx, before }) => {
      await trx
        .updateTable("survey_invitations")
        .set({ token_hash: null, reminder_token_hash: null, member_token_hash: null })
        .where("survey_id", "=", before.id)
        .execute();
      if (before.anonymity === "anonymous") {
        await trx
          .updateTable("survey_responses")
          .set({ respondent_key: sql<string>`'closed:' || id` })
          .where("survey_id", "=", before.id)
          .execute();
      }
    },
  },
  archive: {
    from: ["closed"],
    to: "archived",
    label: "Archive",
    verb: "archive",
    refusals: wrongState("archived"),
    may: staffOnly("archive"),
    set: ({ now }) => ({ archived_at: now }),
    audit: "archived",
  },
});

/** Closing and archiving send no email, so they need no address for links. */
const noLinks: MoveContext = { appUrl: "" };

/** Opens a draft with a closing date in the future and at least one question, inviting its audience. */
export async function openSurvey(
  db: Db,
  actor: Actor,
  id: number,
  appUrl: string,
): Promise<{ survey: Survey; invited: number }> {
  requireStaffActor(actor);
  const survey = await surveyLifecycle.move(db, actor, "open", id, null, { appUrl });
  await sendPendingInvitations(db, id);
  return { survey, invited: (await invitationFigures(db, actor, survey)).peopleInvited };
}

/**
 * The check before opening: how many people (and organisations) "Open and send invitations" would
 * email now, read from the very list the sending takes (pendingInvitees), so the number shown is the
 * number sent unless the directory changes in between.
 */
export async function openingInvitees(
  db: Db,
  actor: Actor,
  survey: Survey,
): Promise<{ people: number; organisations: number }> {
  requireStaffActor(actor);
  const people = await pendingInvitees(db, survey);
  return {
    people: people.length,
    organisations: new Set(people.map((person) => person.organisation_id)).size,
  };
}

/** `actor` null is the background loop closing a survey whose closing date has passed. */
export async function closeSurvey(db: Db, actor: Actor | null, id: number): Promise<Survey> {
  if (actor) requireStaffActor(actor);
  return surveyLifecycle.move(db, actor, "close", id, null, noLinks);
}

export async function archiveSurvey(db: Db, actor: Actor, id: number): Promise<Survey> {
  requireStaffActor(actor);
  return surveyLifecycle.move(db, actor, "archive", id, null, noLinks);
}

type OpenSurveys = SelectQueryBuilder<Database, "surveys", { id: number }>;

/**
 * The open survey closing soonest of those `due` picks, claimed FOR UPDATE SKIP LOCKED, so the
 * background loops of several processes each take a different one.
 */
function claimFirstDue(trx: Db, due: (open: OpenSurveys) => OpenSurveys) {
  return due(trx.selectFrom("surveys").select("id").where("state", "=", "open"))
    .orderBy("closes_at")
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

/** Open surveys whose closing date has passed, one transaction each; safe in several processes. */
export function closeSurveysPastTheirDate(db: Db, now = new Date()): Promise<number> {
  return eachInItsOwnTransaction(db, async (trx) => {
    const due = await claimFirstDue(trx, (open) => open.where("closes_at", "<=", now));
    if (!due) return false;
    await closeSurvey(trx, null, due.id);
    return true;
  });
}

/**
 * The background loop's reminder, `reminder_days_before` London days before closing. The survey row
 * is claimed with SKIP LOCKED and stamped, and each person is guarded by survey_reminders.
 */
export async function sendAutomaticReminders(db: Db, appUrl: string, now = new Date()): Promise<number> {
  let sent = 0;
  await eachInItsOwnTransaction(db, async (trx) => {
    const due = await claimFirstDue(trx, (open) =>
      open
        .where("automatic_reminder_sent_at", "is", null)
        .where("reminder_days_before", "is not", null)
        .where("closes_at", ">", now)
        .where(sql<boolean>`closes_at - make_interval(days => reminder_days_before) <= ${now}`),
    );
    if (!due) return false;
    const survey = await loadSurvey(trx, due.id, { lock: true });
    sent += await remind(trx, survey, "automatic", appUrl);
    await trx
      .updateTable("surveys")
      .set({ automatic_reminder_sent_at: now })
      .where("id", "=", due.id)
      .execute();
    await writeAudit(trx, {
      actorId: null,
      action: "survey.reminded",
      subjectType: "survey",
      subjectId: due.id,
      after: { kind: "automatic", on: londonDay(now) },
    });
    return true;
  });
  return sent;
}
