import type { Person } from "~/models/accounts/people.server.ts";
import { createSubmission } from "~/models/submissions/starting.server.ts";
import type { Government } from "~/schemas/governments.ts";
import type { Db } from "~/utils/db.server.ts";
import { splitQuestions } from "~/utils/question-split.ts";

let counter = 0;

/** A consultation entered by hand, as the radar stores one. */
export async function consultation(
  db: Db,
  overrides: {
    title?: string;
    closesOn?: string;
    level?: "national" | "devolved" | "local";
    nation?: string | null;
  } = {},
) {
  counter += 1;
  return db
    .insertInto("consultations")
    .values({
      title: overrides.title ?? `VAT treatment of cost-sharing groups ${process.pid}-${counter}`,
      description: "HM Treasury asks whether the cost-sharing exemption should reach public service mutuals.",
      body: "HM Treasury",
      level: overrides.level ?? "national",
      nation: overrides.nation ?? null,
      url: `https://www.gov.uk/government/consultations/vat-${process.pid}-${counter}`,
      closes_on: overrides.closesOn ?? "2027-02-12",
    })
    .returning(["id", "title", "closes_on"])
    .executeTakeFirstOrThrow();
}

export const PASTED_QUESTIONS = [
  "Please answer as many questions as you wish.",
  "",
  "Question 1: Do you agree that the exemption should extend to public service mutuals?",
  "Question 2: What would the proposal cost your organisation?",
  "(a) in the first year",
  "(b) in each later year",
  "Question 3: Any other comments?",
].join("\n");

export async function submission(
  db: Db,
  lead: Person,
  overrides: { government?: Government; closesOn?: string; internalDeadline?: string; pasted?: string } = {},
) {
  const found = await consultation(db, { closesOn: overrides.closesOn });
  const split = splitQuestions(overrides.pasted ?? PASTED_QUESTIONS);
  const { id } = await createSubmission(db, lead, {
    consultationId: found.id,
    government: overrides.government ?? "uk_government",
    leadId: lead.id,
    internalDeadline: overrides.internalDeadline ?? "2027-02-05",
    preamble: split.preamble,
    questions: split.questions,
  });
  return { id, consultationId: found.id };
}
