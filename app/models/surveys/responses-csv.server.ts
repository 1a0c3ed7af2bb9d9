import type { Actor } from "~/models/accounts/people.server.ts";
import { nationLabels, serviceAreaLabels } from "~/schemas/directory.ts";
import { sizeBandLabels } from "~/schemas/surveys.ts";
import type { Db } from "~/utils/db.server.ts";
import { getSurvey, loadSurveyContent, type Survey } from "./surveys.server.ts";
import { hasOtherText } from "./text-answers.server.ts";

/** A coded column's code and, beside it, its label ("northern_ireland", "Northern Ireland"). */
function withLabel(code: string | null, labels: Record<string, string>): [string | null, string | null] {
  if (code === null) return [null, null];
  return [code, new Map(Object.entries(labels)).get(code) ?? code];
}

interface CsvExport {
  header: string[];
  rows: (string | number | null)[][];
}

/**
 * One row per submitted response, one column per question (two for "other" and case studies).
 * Names only for named surveys. Cells are neutralised by toCsv.
 */
export async function exportResponses(
  db: Db,
  actor: Actor,
  surveyId: number,
): Promise<{ survey: Survey; csv: CsvExport }> {
  const survey = await getSurvey(db, actor, surveyId);
  const sections = await loadSurveyContent(db, surveyId);
  const questions = sections.flatMap((section) => section.questions);
  const named = survey.anonymity === "named";
  const responses = await db
    .selectFrom("survey_responses as r")
    .leftJoin("organisations as o", "o.id", "r.organisation_id")
    .leftJoin("people as p", "p.id", "r.submitted_by")
    .select([
      "r.id",
      "r.submitted_on",
      "r.nation",
      "r.service_area",
      "r.size_band",
      "o.name as organisation",
      "p.name as person",
    ])
    .where("r.survey_id", "=", surveyId)
    .where("r.status", "=", "submitted")
    .orderBy("r.id")
    .execute();
  const answers = await db
    .selectFrom("survey_answers as a")
    .innerJoin("survey_responses as r", "r.id", "a.response_id")
    .select([
      "a.response_id",
      "a.question_id",
      "a.choices",
      "a.other_text",
      "a.number",
      "a.yes",
      "a.title",
      "a.text",
      "a.consent",
    ])
    .where("r.survey_id", "=", surveyId)
    .where("r.status", "=", "submitted")
    .execute();
  const byResponse = new Map<number, Map<number, (typeof answers)[number]>>();
  for (const answer of answers) {
    const map = byResponse.get(answer.response_id) ?? new Map<number, (typeof answers)[number]>();
    map.set(answer.question_id, answer);
    byResponse.set(answer.response_id, map);
  }
  const header = [
    "Response",
    "Submitted on",
    ...(named ? ["Organisation", "Submitted by"] : []),
    "Nation code",
    "Nation",
    "Service area code",
    "Service area",
    "Size code",
    "Size",
  ];
  for (const q of questions) {
    header.push(q.prompt);
    if (q.config.kind === "single_choice" || q.config.kind === "multiple_choice")
      header.push(`${q.prompt} (codes)`);
    if (q.config.kind === "case_study") header.push(`${q.prompt} (title)`, `${q.prompt} (consent)`);
    else if (hasOtherText(q.config)) header.push(`${q.prompt} (other)`);
  }
  const rows = responses.map((response) => {
    const mine = byResponse.get(response.id) ?? new Map<number, (typeof answers)[number]>();
    const row: (string | number | null)[] = [
      response.id,
      response.submitted_on,
      ...(named ? [response.organisation, response.person] : []),
      // The code a script can rely on, with the words a reader understands beside it.
      ...withLabel(response.nation, nationLabels),
      ...withLabel(response.service_area, serviceAreaLabels),
      ...withLabel(response.size_band, sizeBandLabels),
    ];
    for (const q of questions) {
      const answer = mine.get(q.id);
      const config = q.config;
      if (config.kind === "single_choice" || config.kind === "multiple_choice") {
        const keys: string[] = Array.isArray(answer?.choices) ? answer.choices.map(String) : [];
        const labels = keys.map(
          (key: string) => config.settings.choices.find((c) => c.key === key)?.label ?? "Other",
        );
        row.push(labels.join("; ") || null, keys.join("; ") || null);
        if (config.settings.allowOther) row.push(answer?.other_text ?? null);
      } else if (config.kind === "yes_no") {
        row.push(answer?.yes === true ? "Yes" : answer?.yes === false ? "No" : null);
      } else if (config.kind === "scale" || config.kind === "number") {
        row.push(answer?.number === null || answer?.number === undefined ? null : Number(answer.number));
      } else if (config.kind === "case_study") {
        row.push(answer?.text ?? null, answer?.title ?? null, answer?.consent ?? null);
      } else {
        row.push(answer?.text ?? null);
      }
    }
    return row;
  });
  return { survey, csv: { header, rows } };
}
