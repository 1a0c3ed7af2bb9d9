import { formatDateTimeIn, messagesFor } from "~/utils/i18n.ts";
import { sql } from "kysely";
import { enqueueEmail } from "~/models/email/outbox.server.ts";
import { deleteFileRows } from "~/models/files/files.server.ts";
import { flagCompleting } from "./completions.server.ts";
import { consentSchema, sizeBandOf } from "~/schemas/surveys.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { formatLongDateTime } from "~/utils/letter-format.ts";
import { londonDay } from "~/utils/london-time.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import { missingRequired, type Answer } from "~/utils/survey-answers.ts";
import { askedQuestions } from "~/utils/survey-conditions.ts";
import { surveyLink, type SurveyAccess } from "./links.server.ts";
import { answeringContent, type SurveyQuestion, type SurveySection } from "./surveys.server.ts";

/** A page of questions as answering pages hold it: in either language, the Welsh twins set aside. */
type PageToSave = Pick<SurveySection, "id"> & { questions: readonly Omit<SurveyQuestion, "welsh">[] };

interface ResponseState {
  id: number;
  status: "in_progress" | "submitted";
  submittedOn: string | null;
  submittedAt: Date | null;
  submittedByName: string | null;
  /** Section id → version, for the hidden field that guards each page. */
  sectionVersions: Map<number, number>;
  answers: Answer[];
}

/** The response this link finds, with all its answers; undefined before anything is saved. */
export async function loadResponse(db: Db, access: SurveyAccess): Promise<ResponseState | undefined> {
  const row = await db
    .selectFrom("survey_responses")
    .leftJoin("people", "people.id", "survey_responses.submitted_by")
    .select([
      "survey_responses.id",
      "survey_responses.status",
      "survey_responses.submitted_on",
      "survey_responses.submitted_at",
      "people.name as submitted_by_name",
    ])
    .where("survey_responses.survey_id", "=", access.survey.id)
    .where("survey_responses.respondent_key", "=", access.respondentKey)
    .executeTakeFirst();
  if (!row) return undefined;
  const [sections, answers] = await Promise.all([
    db
      .selectFrom("survey_response_sections")
      .select(["section_id", "version"])
      .where("response_id", "=", row.id)
      .execute(),
    loadAnswers(db, row.id),
  ]);
  return {
    id: row.id,
    status: row.status === "submitted" ? "submitted" : "in_progress",
    submittedOn: row.submitted_on,
    submittedAt: row.submitted_at,
    submittedByName: row.submitted_by_name,
    sectionVersions: new Map(sections.map((section) => [section.section_id, section.version])),
    answers,
  };
}

async function loadAnswers(db: Db, responseId: number, questionIds?: readonly number[]): Promise<Answer[]> {
  let query = db
    .selectFrom("survey_answers")
    .leftJoin("stored_files", "stored_files.id", "survey_answers.file_id")
    .select([
      "survey_answers.question_id",
      "survey_answers.choices",
      "survey_answers.other_text",
      "survey_answers.number",
      "survey_answers.yes",
      "survey_answers.title",
      "survey_answers.text",
      "survey_answers.consent",
      "survey_answers.file_id",
      "stored_files.filename",
    ])
    .where("survey_answers.response_id", "=", responseId);
  if (questionIds) {
    if (!questionIds.length) return [];
    query = query.where("survey_answers.question_id", "in", questionIds);
  }
  const rows = await query.execute();
  return rows.map((row) => ({
    questionId: row.question_id,
    choices: Array.isArray(row.choices)
      ? row.choices.filter((key): key is string => typeof key === "string")
      : null,
    otherText: row.other_text,
    number: row.number,
    yes: row.yes,
    title: row.title,
    text: row.text,
    consent: row.consent === null ? null : consentSchema.parse(row.consent),
    fileId: row.file_id,
    fileName: row.filename,
  }));
}

/**
 * The breakdown attributes stored on a response. Named and confidential: the organisation's
 * nation, service area and size band. Anonymous: each one only when at least the disclosure
 * threshold of invited organisations share it, so no stored value points at a small group.
 */
async function breakdownFor(trx: Db, access: SurveyAccess) {
  const organisation = await trx
    .selectFrom("organisations")
    .select(["nation", "service_area", "staff_count"])
    .where("id", "=", access.organisationId)
    .executeTakeFirstOrThrow();
  const values = {
    nation: organisation.nation,
    service_area: organisation.service_area,
    size_band: sizeBandOf(organisation.staff_count),
  };
  if (access.survey.anonymity !== "anonymous") return values;
  const counts = await sql<{ nation: number; service_area: number; size_band: number }>`
    select
      count(distinct o.id) filter (where o.nation = ${values.nation}) as nation,
      count(distinct o.id) filter (where o.service_area = ${values.service_area}) as service_area,
      count(distinct o.id) filter (where
        case when o.staff_count < 50 then 'under_50' when o.staff_count < 250 then '50_to_249'
             when o.staff_count < 1000 then '250_to_999' else '1000_plus' end = ${values.size_band}) as size_band
    from survey_invitations i join organisations o on o.id = i.organisation_id
    where i.survey_id = ${access.survey.id}`.execute(trx);
  const row = counts.rows[0];
  const enough = (n: number | undefined) => Number(n ?? 0) >= access.survey.disclosureThreshold;
  return {
    nation: enough(row?.nation) ? values.nation : null,
    service_area: enough(row?.service_area) ? values.service_area : null,
    size_band: enough(row?.size_band) ? values.size_band : null,
  };
}

/** Finds or creates this link's response and locks it for the rest of the transaction. */
async function lockOrCreateResponse(trx: Db, access: SurveyAccess) {
  const existing = await trx
    .selectFrom("survey_responses")
    .select(["id", "status"])
    .where("survey_id", "=", access.survey.id)
    .where("respondent_key", "=", access.respondentKey)
    .forUpdate()
    .executeTakeFirst();
  if (existing) return existing;
  await createResponse(trx, access);
  return trx
    .selectFrom("survey_responses")
    .select(["id", "status"])
    .where("survey_id", "=", access.survey.id)
    .where("respondent_key", "=", access.respondentKey)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

async function createResponse(trx: Db, access: SurveyAccess) {
  const anonymous = access.survey.anonymity === "anonymous";
  await trx
    .insertInto("survey_responses")
    .values({
      survey_id: access.survey.id,
      respondent_key: access.respondentKey,
      anonymous,
      organisation_id: anonymous ? null : access.organisationId,
      person_id: anonymous || access.survey.mode === "organisation" ? null : access.personId,
      ...(await breakdownFor(trx, access)),
    })
    .onConflict((oc) => oc.columns(["survey_id", "respondent_key"]).doNothing())
    .execute();
}

function answerRow(answer: Answer) {
  return {
    question_id: answer.questionId,
    choices: answer.choices,
    other_text: answer.otherText,
    number: answer.number,
    yes: answer.yes,
    title: answer.title,
    text: answer.text,
    consent: answer.consent,
    file_id: answer.fileId,
  };
}

/**
 * Saves one page (section). `seenVersion` is the section's version when the page was shown (0 if
 * never saved): if a colleague saved in between, nothing is written and the save is refused as a
 * conflict (`savedPage` then shows what they saved). Returns the new version.
 */
export async function saveSection(
  db: Db,
  access: SurveyAccess,
  section: PageToSave,
  seenVersion: number,
  answers: readonly Answer[],
): Promise<number> {
  if (!access.open) throw Refusal.said("conflict", "surveyClosed");
  let outcome = await writePage(db, access, section, seenVersion, answers);
  if (outcome.response_id === null) {
    // The first save of this response: create it (with its breakdown), then save the page.
    await inTransaction(db, (trx) => createResponse(trx, access));
    outcome = await writePage(db, access, section, seenVersion, answers);
  }
  if (outcome.response_id === null) throw new Error("The response was not created");
  if (outcome.status === "submitted") throw Refusal.said("conflict", "alreadySubmitted");
  if (outcome.saved_version === null) throw Refusal.said("conflict", "stalePage");
  return outcome.saved_version;
}

interface SavedPage {
  version: number;
  /** Who saved it last; null in anonymous surveys. */
  savedBy: string | null;
  answers: Answer[];
}

/** A page as it is saved now, to set beside what was typed; null when the response is not in progress. */
export async function savedPage(
  db: Db,
  access: SurveyAccess,
  section: PageToSave,
): Promise<SavedPage | null> {
  const row = await db
    .selectFrom("survey_responses as r")
    .leftJoin("survey_response_sections as s", (join) =>
      join.onRef("s.response_id", "=", "r.id").on("s.section_id", "=", section.id),
    )
    .select(["r.id", "r.status", "s.version", "s.saved_by_name"])
    .where("r.survey_id", "=", access.survey.id)
    .where("r.respondent_key", "=", access.respondentKey)
    .executeTakeFirst();
  if (!row || row.status !== "in_progress") return null;
  return {
    version: row.version ?? 0,
    savedBy: row.saved_by_name,
    answers: await loadAnswers(
      db,
      row.id,
      section.questions.map((question) => question.id),
    ),
  };
}

/**
 * The whole page save as one statement (atomic on its own, and one round trip on the hot path):
 *  - the response row is share-locked, so a submit (which takes it FOR UPDATE) and a save never
 *    interleave, and a submitted response is never written;
 *  - the page's version moves on only from the version the person saw: ON CONFLICT ... WHERE
 *    re-checks the newest row under lock, so of two colleagues saving at once exactly one wins;
 *  - the answers change only if the version did.
 */
async function writePage(
  db: Db,
  access: SurveyAccess,
  section: PageToSave,
  seenVersion: number,
  answers: readonly Answer[],
) {
  const answered = new Set(answers.map((answer) => answer.questionId));
  const unanswered = section.questions.map((question) => question.id).filter((id) => !answered.has(id));
  const savedBy = access.survey.anonymity === "anonymous" ? null : access.personName;
  // No time on an anonymous page: it would date the response.
  const savedAt = access.survey.anonymity === "anonymous" ? null : new Date();
  const result = await sql<{
    response_id: number | null;
    status: string | null;
    saved_version: number | null;
  }>`
    with
      r as (
        select id, status from survey_responses
        where survey_id = ${access.survey.id} and respondent_key = ${access.respondentKey}
        for share
      ),
      page as (
        insert into survey_response_sections (response_id, section_id, version, saved_by_name, saved_at)
        select id, ${section.id}::int, ${seenVersion + 1}::int, ${savedBy}::text, ${savedAt}::timestamptz from r
        where status = 'in_progress'
          and (${seenVersion}::int = 0 or exists (
            select 1 from survey_response_sections s where s.response_id = r.id and s.section_id = ${section.id}::int))
        on conflict (response_id, section_id) do update
          set version = excluded.version, saved_by_name = excluded.saved_by_name, saved_at = excluded.saved_at
          where survey_response_sections.version = ${seenVersion}::int
        returning version
      ),
      cleared as (
        delete from survey_answers
        where response_id = (select id from r)
          and question_id = any(${sql.val(unanswered.length ? unanswered : [0])}::int[])
          and exists (select 1 from page)
      ),
      upserted as (
        insert into survey_answers (response_id, question_id, choices, other_text, number, yes, title, text, consent, file_id)
        select (select id from r), a.question_id, a.choices, a.other_text, a.number, a.yes, a.title, a.text, a.consent, a.file_id
        from jsonb_to_recordset(${JSON.stringify(answers.map(answerRow))}::jsonb) as a(
          question_id int, choices jsonb, other_text text, number numeric, yes boolean,
          title text, text text, consent text, file_id int)
        where exists (select 1 from page)
        on conflict (response_id, question_id) do update set
          choices = excluded.choices, other_text = excluded.other_text, number = excluded.number,
          yes = excluded.yes, title = excluded.title, text = excluded.text, consent = excluded.consent,
          file_id = excluded.file_id
      )
    select (select id from r) as response_id, (select status from r) as status,
           (select version from page) as saved_version`.execute(db);
  const row = result.rows[0];
  return {
    response_id: row?.response_id ?? null,
    status: row?.status ?? null,
    saved_version: row?.saved_version ?? null,
  };
}

/**
 * Submits the response once: a second press (double click, replay) finds it submitted and does
 * nothing more. Named and confidential respondents get a receipt email; anonymous ones do not,
 * because an email's time beside the person's address would date their response.
 *
 * Anonymous answers take three steps, never one transaction (see below): flag the invitation as
 * completing, submit the response, mark the invitation responded. A crash between the last two
 * is mended by the person's retry (the same link finds the submitted response and marks the
 * invitation) or by finishAnonymousCompletions in the background loop.
 */
export async function submitResponse(
  db: Db,
  access: SurveyAccess,
  appUrl: string,
  token: string,
  now = new Date(),
): Promise<{ alreadySubmitted: boolean; discardedFileHashes: string[] }> {
  if (!access.open) throw Refusal.said("conflict", "surveyClosed");
  let discardedFileHashes: string[] = [];
  const anonymous = access.survey.anonymity === "anonymous";
  const content = await answeringContent(db, access.survey);
  if (anonymous) await flagCompleting(db, access.invitationId, true);
  let result: { alreadySubmitted: boolean };
  try {
    result = await inTransaction(db, async (trx) => {
      const response = await lockOrCreateResponse(trx, access);
      if (response.status === "submitted") return { alreadySubmitted: true };
      if (anonymous) {
        // One response per person: the invitation, not the response, remembers who has answered.
        const invitation = await trx
          .selectFrom("survey_invitations")
          .select("responded")
          .where("id", "=", access.invitationId)
          .executeTakeFirstOrThrow();
        if (invitation.responded) throw Refusal.said("conflict", "alreadyAnswered");
      }
      const answers = await loadAnswers(trx, response.id);
      // Answers to questions that stopped applying are not sent: the check page said so beforehand.
      const asked = askedQuestions(content, answers);
      const notAsked = answers.filter((answer) => !asked.has(answer.questionId));
      const notAskedFiles = notAsked.flatMap((answer) => (answer.fileId === null ? [] : [answer.fileId]));
      if (notAskedFiles.length) discardedFileHashes = await deleteFileRows(trx, { ids: notAskedFiles });
      if (notAsked.length) {
        await trx
          .deleteFrom("survey_answers")
          .where("response_id", "=", response.id)
          .where(
            "question_id",
            "in",
            notAsked.map((answer) => answer.questionId),
          )
          .execute();
      }
      // Keyed as the check page's rows, so the error summary links to each question left unanswered.
      const missing = content.flatMap((section, index) =>
        missingRequired(
          section.questions.filter((question) => asked.has(question.id)),
          answers,
        ).map((question) => [
          `question-${question.id}`,
          messagesFor("en").answerInSection(question.prompt, index + 1),
        ]),
      );
      if (missing.length) {
        throw Refusal.said("invalid", "requiredMissing", Object.fromEntries(missing));
      }
      await trx
        .updateTable("survey_responses")
        .set({
          status: "submitted",
          submitted_on: londonDay(now),
          submitted_at: anonymous ? null : now,
          submitted_by: anonymous ? null : access.personId,
        })
        .where("id", "=", response.id)
        .execute();
      if (!anonymous) {
        await trx
          .updateTable("survey_invitations")
          .set({ responded: true })
          .where("survey_id", "=", access.survey.id)
          .where((eb) =>
            access.survey.mode === "organisation"
              ? eb("organisation_id", "=", access.organisationId)
              : eb("id", "=", access.invitationId),
          )
          .execute();
        const props = {
          name: access.personName,
          title: access.survey.title,
          organisation: access.survey.mode === "organisation" ? access.organisationName : null,
          submittedAt: formatLongDateTime(now),
          link: surveyLink(appUrl, token),
        };
        await enqueueEmail(
          trx,
          access.survey.bilingual
            ? {
                to: access.personEmail,
                template: "survey-receipt-bilingual",
                props: {
                  ...props,
                  titleCy: access.survey.titleCy ?? access.survey.title,
                  submittedAtCy: formatDateTimeIn("cy", now),
                },
              }
            : { to: access.personEmail, template: "survey-receipt", props },
        );
      }
      return { alreadySubmitted: false };
    });
  } catch (error) {
    // Nothing submitted: a flag left set would only make the loop's count ambiguous.
    if (anonymous) await flagCompleting(db, access.invitationId, false);
    throw error;
  }
  if (anonymous) {
    // A separate transaction on purpose: the response and the invitation never share a
    // transaction id (xmin), which would otherwise link the two rows inside PostgreSQL itself.
    await db
      .updateTable("survey_invitations")
      .set({ responded: true, completing: false })
      .where("id", "=", access.invitationId)
      .execute();
  }
  return { ...result, discardedFileHashes };
}
