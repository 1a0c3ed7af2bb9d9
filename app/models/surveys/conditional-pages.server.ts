import { dropFileRows, FILE_LIMIT_BYTES, keepUpload } from "~/models/files/files.server.ts";
import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import type { FileStore } from "~/services/storage.server.ts";
import type { AnonymityMode } from "~/schemas/surveys.ts";
import type { Db } from "~/utils/db.server.ts";
import type { FieldErrors } from "~/utils/forms.ts";
import type { Messages } from "~/utils/i18n.ts";
import { parseAnswers } from "~/utils/survey-answer-checks.ts";
import { fieldName, type Answer, type AnswerValues } from "~/utils/survey-answers.ts";
import { askedQuestions, sectionAsked } from "~/utils/survey-conditions.ts";
import { discardUploads, type StagedUpload } from "~/utils/upload-form.server.ts";
import type { SurveyAccess } from "./links.server.ts";
import type { SurveyQuestion, SurveySection } from "./surveys.server.ts";

/** A page's question or section in the language it is shown in (its Welsh twin already applied or not). */
type PageQuestion = Omit<SurveyQuestion, "welsh">;
type PageSection<Q extends PageQuestion = PageQuestion> = Omit<SurveySection, "welsh" | "questions"> & {
  questions: readonly Q[];
};

/**
 * Conditional pages: which of a section's questions a person is shown, where Continue and Back go
 * when whole sections are skipped, and how a page's answers (files among them) are read when an
 * answer on it can make another question appear or go. All decided on the server from the saved
 * answers, so it works without JavaScript.
 */

/** The questions of this section shown now, given the saved answers. */
export function shownQuestions<Q extends PageQuestion>(
  content: readonly PageSection[],
  section: PageSection<Q>,
  answers: readonly Answer[],
): Q[] {
  const asked = askedQuestions(content, answers);
  return section.questions.filter((question) => asked.has(question.id));
}

/** The number (1-based) of the next section with something to ask after `number`, or null for the check page. */
export function nextSectionNumber(
  content: readonly PageSection[],
  answers: readonly Answer[],
  number: number,
) {
  const asked = askedQuestions(content, answers);
  for (let index = number; index < content.length; index++) {
    const section = content[index];
    if (section && sectionAsked(section, asked)) return index + 1;
  }
  return null;
}

/** The number of the previous section with something to ask before `number`, or null for the start. */
export function previousSectionNumber(
  content: readonly PageSection[],
  answers: readonly Answer[],
  number: number,
) {
  const asked = askedQuestions(content, answers);
  for (let index = number - 2; index >= 0; index--) {
    const section = content[index];
    if (section && sectionAsked(section, asked)) return index + 1;
  }
  return null;
}

type PageAnswers =
  | {
      ok: true;
      /** The questions whose answers this save writes (and clears when empty). */
      questions: PageQuestion[];
      answers: Answer[];
      /** Questions of this page that the new answers bring in and the person has not seen yet. */
      appeared: boolean;
      /** Files kept for this save: removed again if the save is refused. */
      keptFileIds: number[];
      /** Files the save replaces or removes: removed once it succeeds. */
      replacedFileIds: number[];
    }
  | { ok: false; errors: FieldErrors };

/**
 * Reads a page's answers. The questions shown were those asked under the saved answers; an answer
 * typed now can bring a question in (saved, and the page shown again with it) or take one out
 * (its saved answer is kept until submit, where the check page warns it will not be sent). Files
 * are kept only when everything else on the page is in order, so a refused page holds no file.
 */
export async function readPageAnswers(
  db: Db,
  store: FileStore,
  access: SurveyAccess,
  page: {
    content: readonly PageSection[];
    shown: readonly PageQuestion[];
    saved: readonly Answer[];
    values: AnswerValues;
    removeFile: (questionId: number) => boolean;
    uploads: readonly StagedUpload[];
    /** The page's words, for its validation messages. */
    t: Messages;
  },
): Promise<PageAnswers> {
  const { content, shown, saved, values, uploads } = page;
  const anonymity: AnonymityMode = access.survey.anonymity;
  const replacedFileIds: number[] = [];
  for (const question of shown) {
    if (question.config.kind !== "file") continue;
    const before = saved.find((answer) => answer.questionId === question.id)?.fileId ?? null;
    const replacing = uploads.some((upload) => upload.field === fieldName(question.id));
    const keep = before !== null && !replacing && !page.removeFile(question.id);
    values[fieldName(question.id)] = keep ? String(before) : "";
    if (before !== null && !keep) replacedFileIds.push(before);
  }
  const loose = parseAnswers(
    shown.map((question) => ({ ...question, required: false })),
    values,
    anonymity,
    page.t,
  );
  const fileAgain = "Choose the file again: files are kept only once the rest of the page is saved";
  const withFileNotes = (errors: FieldErrors) => {
    for (const upload of uploads) errors[upload.field] ??= fileAgain;
    return errors;
  };
  if (!loose.ok) {
    await discardUploads(uploads);
    return { ok: false, errors: withFileNotes(loose.errors) };
  }
  const shownIds = new Set(shown.map((question) => question.id));
  const merged = [...saved.filter((answer) => !shownIds.has(answer.questionId)), ...loose.answers];
  const askedNow = askedQuestions(content, merged);
  const section = content.find((s) => s.questions.some((question) => shownIds.has(question.id)));
  const appeared = (section?.questions ?? []).some(
    (question) => askedNow.has(question.id) && !shownIds.has(question.id),
  );
  const stillShown = shown.filter((question) => askedNow.has(question.id));

  const errors: FieldErrors = {};
  const keptFileIds: number[] = [];
  for (const upload of uploads) {
    const question = stillShown.find((q) => fieldName(q.id) === upload.field);
    if (!question || question.config.kind !== "file" || anonymity === "anonymous") {
      await discardUploads([upload]);
      continue;
    }
    const kept = await keepUpload(db, store, upload, {
      purpose: "survey_answer",
      organisationId: access.organisationId,
      uploadedBy: access.personId,
      maxBytes: FILE_LIMIT_BYTES(question.config.settings.maxMegabytes),
    });
    if (kept.ok) {
      keptFileIds.push(kept.file.id);
      values[upload.field] = String(kept.file.id);
    } else errors[upload.field] = page.t.fileProblem(kept.problem);
  }
  const strict = parseAnswers(stillShown, values, anonymity, page.t);
  if (Object.keys(errors).length || !strict.ok) {
    await dropFileRows(db, store, keptFileIds);
    return { ok: false, errors: { ...(strict.ok ? {} : strict.errors), ...errors } };
  }
  return { ok: true, questions: stillShown, answers: strict.answers, appeared, keptFileIds, replacedFileIds };
}

/** The files sent in answer to a file question (submitted responses), newest first, for staff. */
export async function surveyFiles(db: Db, actor: Actor, surveyId: number, questionId: number) {
  requireStaffActor(actor);
  const question = await db
    .selectFrom("survey_questions")
    .select(["prompt", "kind"])
    .where("id", "=", questionId)
    .where("survey_id", "=", surveyId)
    .executeTakeFirst();
  if (!question || question.kind !== "file") return null;
  const files = await db
    .selectFrom("survey_answers as a")
    .innerJoin("survey_responses as r", "r.id", "a.response_id")
    .innerJoin("stored_files as f", "f.id", "a.file_id")
    .leftJoin("organisations as o", "o.id", "f.organisation_id")
    .leftJoin("evidence_items as e", "e.file_id", "f.id")
    .select([
      "f.id",
      "f.filename",
      "f.media_type",
      "f.size_bytes",
      "o.name as organisation",
      "e.id as evidence_id",
    ])
    .where("a.question_id", "=", questionId)
    .where("r.status", "=", "submitted")
    .orderBy("f.id", "desc")
    .limit(500)
    .execute();
  return { prompt: question.prompt, files };
}
