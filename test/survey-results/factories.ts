import type { Person } from "~/models/accounts/people.server.ts";
import { addQuestion } from "~/models/surveys/builder.server.ts";
import { createSurvey, loadSurveyContent, type Survey } from "~/models/surveys/surveys.server.ts";
import type { Nation, ServiceArea } from "~/schemas/directory.ts";
import { questionFormSchema } from "~/schemas/survey-builder.ts";
import { type SizeBand } from "~/schemas/surveys.ts";
import type { Db } from "~/utils/db.server.ts";
import { settings } from "../surveys/factories.ts";

/** A survey with one question of each kind that has results, in one section. */
export async function createResultsSurvey(db: Db, staff: Person, overrides: Record<string, unknown> = {}) {
  const survey = await createSurvey(db, staff, settings(overrides));
  const [section] = await loadSurveyContent(db, survey.id);
  if (!section) throw new Error("no section");
  const add = (fields: Record<string, string>) =>
    addQuestion(db, staff, survey.id, questionFormSchema.parse({ sectionId: String(section.id), ...fields }));
  await add({
    kind: "single_choice",
    prompt: "Do you share services?",
    choices: "Yes, many\nA few\nNone",
    allowOther: "yes",
  });
  await add({ kind: "multiple_choice", prompt: "Which costs rose?", choices: "Energy\nPay\nVAT" });
  await add({
    kind: "scale",
    prompt: "How hard is VAT?",
    scaleMin: "1",
    scaleMax: "5",
    minLabel: "Easy",
    maxLabel: "Very hard",
  });
  await add({ kind: "number", prompt: "VAT paid last year", numberMin: "0", unit: "£" });
  await add({ kind: "yes_no", prompt: "Would you recover VAT if you could?" });
  await add({ kind: "long_text", prompt: "Anything else?" });
  await add({ kind: "case_study", prompt: "Tell us a story" });
  const questions = (await loadSurveyContent(db, survey.id)).flatMap((s) => s.questions);
  const byKind = (kind: string) => {
    const found = questions.find((q) => q.config.kind === kind);
    if (!found) throw new Error(kind);
    return found.id;
  };
  return {
    survey,
    q: {
      single: byKind("single_choice"),
      multiple: byKind("multiple_choice"),
      scale: byKind("scale"),
      number: byKind("number"),
      yesNo: byKind("yes_no"),
      text: byKind("long_text"),
      story: byKind("case_study"),
    },
  };
}

export interface SeedAnswer {
  choices?: string[];
  otherText?: string;
  number?: number;
  yes?: boolean;
  title?: string;
  text?: string;
  consent?: "none" | "anonymous" | "attributed";
}

export interface SeedResponse {
  nation?: Nation | null;
  serviceArea?: ServiceArea | null;
  sizeBand?: SizeBand | null;
  submittedOn?: string | null;
  organisationId?: number | null;
  answers: Record<number, SeedAnswer>;
}

let seeded = 0;

/**
 * Responses written straight into the tables, as the answering pages would leave them: for result
 * tests that need many responses with chosen attributes (the answering flow has its own tests).
 * A response without submittedOn is in progress.
 */
export async function seedResponses(
  db: Db,
  survey: Pick<Survey, "id" | "anonymity">,
  responses: readonly SeedResponse[],
) {
  const ids: number[] = [];
  for (let start = 0; start < responses.length; start += 500) {
    const chunk = responses.slice(start, start + 500);
    const rows = await db
      .insertInto("survey_responses")
      .values(
        chunk.map((response) => ({
          survey_id: survey.id,
          respondent_key: `seed:${process.pid}:${++seeded}`,
          organisation_id: survey.anonymity === "anonymous" ? null : (response.organisationId ?? null),
          anonymous: survey.anonymity === "anonymous",
          status: response.submittedOn ? "submitted" : "in_progress",
          nation: response.nation ?? null,
          service_area: response.serviceArea ?? null,
          size_band: response.sizeBand ?? null,
          submitted_on: response.submittedOn ?? null,
          submitted_at:
            response.submittedOn && survey.anonymity !== "anonymous"
              ? new Date(`${response.submittedOn}T12:00:00Z`)
              : null,
        })),
      )
      .returning("id")
      .execute();
    const answers = rows.flatMap((row, i) =>
      Object.entries(chunk[i]?.answers ?? {}).map(([questionId, answer]) => ({
        response_id: row.id,
        question_id: Number(questionId),
        choices: answer.choices ? JSON.stringify(answer.choices) : null,
        other_text: answer.otherText ?? null,
        number: answer.number === undefined ? null : String(answer.number),
        yes: answer.yes ?? null,
        title: answer.title ?? null,
        text: answer.text ?? null,
        consent: answer.consent ?? null,
      })),
    );
    for (let a = 0; a < answers.length; a += 2000) {
      await db
        .insertInto("survey_answers")
        .values(answers.slice(a, a + 2000))
        .execute();
    }
    ids.push(...rows.map((row) => row.id));
  }
  return ids;
}
