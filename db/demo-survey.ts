import { createPerson } from "../app/models/accounts/people.server.ts";
import { addQuestion, addSection } from "../app/models/surveys/builder.server.ts";
import { openSurvey } from "../app/models/surveys/lifecycle.server.ts";
import { createSurvey, loadSurveyContent } from "../app/models/surveys/surveys.server.ts";
import { saveSurveyWelsh } from "../app/models/surveys/welsh.server.ts";
import { questionFormSchema, surveySettingsSchema } from "../app/schemas/survey-builder.ts";
import { surveyWelshSchema } from "../app/schemas/welsh.ts";
import { welshField } from "../app/utils/survey-welsh.ts";
import { inTransaction, type Db } from "../app/utils/db.server.ts";
import { londonDay } from "../app/utils/london-time.ts";

/**
 * One open survey for the demo network, so a first start shows the whole journey: staff see it
 * under Surveys, and every member contact has an invitation in the dev mailbox.
 */
export async function seedDemoSurvey(db: Db, appUrl: string): Promise<number> {
  return inTransaction(db, async (trx) => {
    // The builder's rules apply to a person; the seed acts as a system account that signs in nowhere.
    const seeder = await trx
      .selectFrom("people")
      .select(["id", "role", "organisation_id", "is_leader"])
      .where("role", "=", "admin")
      .orderBy("id")
      .executeTakeFirst();
    const actor = seeder
      ? { id: seeder.id, role: "admin" as const, organisationId: null, isLeader: false }
      : await createPerson(trx, null, { email: "seed@psmn.example", name: "Demo seed", role: "admin" });
    const closesOn = londonDay(new Date(Date.now() + 30 * 86_400_000));
    // Dated as if it went out before the demo responses (db/demo-responses.ts) came in.
    const opensOn = londonDay(new Date(Date.now() - 11 * 86_400_000));
    const survey = await createSurvey(
      trx,
      actor,
      surveySettingsSchema.parse({
        title: "VAT on shared services: what it costs you (2026)",
        introduction:
          "We are building the case for zero-rating VAT on services mutuals share. Your figures and stories go straight into our evidence to HM Treasury.",
        mode: "organisation",
        anonymity: "confidential",
        opensOn,
        closesOn,
        reminderDaysBefore: "3",
        disclosureThreshold: "5",
      }),
    );
    const [first] = await loadSurveyContent(trx, survey.id);
    if (!first) throw new Error("A new survey has a first section");
    const second = await addSection(trx, actor, survey.id, { title: "Your experience", introduction: "" });
    const questions: Record<string, string>[] = [
      {
        sectionId: String(first.id),
        kind: "multiple_choice",
        prompt: "Which services do you share with other organisations?",
        choices: "Payroll\nIT\nFinance\nHR\nProcurement",
        allowOther: "yes",
        required: "yes",
      },
      {
        sectionId: String(first.id),
        kind: "number",
        prompt: "How much irrecoverable VAT did you pay on shared services last year?",
        helpText: "Your best estimate is fine.",
        numberMin: "0",
        unit: "£",
      },
      {
        sectionId: String(second),
        kind: "scale",
        prompt: "How much has VAT held back sharing services?",
        scaleMin: "1",
        scaleMax: "5",
        minLabel: "Not at all",
        maxLabel: "Very much",
        required: "yes",
      },
      {
        sectionId: String(second),
        kind: "yes_no",
        prompt: "Have you decided against sharing a service because of VAT?",
      },
      {
        sectionId: String(second),
        kind: "short_text",
        prompt: "Which service did you decide not to share?",
        // Asked only after a yes to the question before it (its id is filled in below).
        showWhen: "previous:yes",
      },
      {
        sectionId: String(second),
        kind: "case_study",
        prompt: "Tell us about a time VAT changed a decision",
      },
      {
        sectionId: String(second),
        kind: "file",
        prompt: "Attach a document that shows what VAT cost you (optional)",
        helpText: "For example a VAT return extract or a board paper.",
        maxMegabytes: "10",
      },
    ];
    let previous = 0;
    for (const question of questions) {
      const showWhen = question.showWhen?.replace("previous", String(previous));
      previous = await addQuestion(
        trx,
        actor,
        survey.id,
        questionFormSchema.parse({ ...question, showWhen }),
      );
    }
    await addWelsh(trx, actor, survey.id);
    await openSurvey(trx, actor, survey.id, appUrl);
    return survey.id;
  });
}

/** The survey's texts in Welsh, in the order the questions above are added. */
const WELSH_QUESTIONS: { prompt: string; helpText?: string; words?: Record<string, string> }[] = [
  {
    prompt: "Pa wasanaethau ydych chi'n eu rhannu â sefydliadau eraill?",
    words: {
      payroll: "Cyflogres",
      it: "TG",
      finance: "Cyllid",
      hr: "Adnoddau dynol",
      procurement: "Caffael",
    },
  },
  {
    prompt: "Faint o TAW na ellir ei adennill a daloch ar wasanaethau a rennir y llynedd?",
    helpText: "Mae eich amcangyfrif gorau yn iawn.",
    words: { unit: "£" },
  },
  {
    prompt: "Faint mae TAW wedi eich atal rhag rhannu gwasanaethau?",
    words: { minLabel: "Dim o gwbl", maxLabel: "Yn fawr iawn" },
  },
  { prompt: "Ydych chi wedi penderfynu peidio â rhannu gwasanaeth oherwydd TAW?" },
  { prompt: "Pa wasanaeth wnaethoch chi benderfynu peidio â'i rannu?" },
  { prompt: "Soniwch wrthym am adeg pan newidiodd TAW benderfyniad" },
  {
    // The English says "(optional)" in its own words; the field adds "(dewisol)" in Welsh.
    prompt: "Atodwch ddogfen sy'n dangos beth gostiodd TAW i chi",
    helpText: "Er enghraifft, darn o ffurflen TAW neu bapur bwrdd.",
  },
];

/** The VAT survey is bilingual: every text has its Welsh, entered as staff would on the Welsh page. */
async function addWelsh(db: Db, actor: Parameters<typeof saveSurveyWelsh>[1], surveyId: number) {
  const sections = await loadSurveyContent(db, surveyId);
  const survey = await db
    .selectFrom("surveys")
    .select("version")
    .where("id", "=", surveyId)
    .executeTakeFirstOrThrow();
  const form: Record<string, string> = {
    version: String(survey.version),
    bilingual: "yes",
    title: "TAW ar wasanaethau a rennir: beth mae'n ei gostio i chi (2026)",
    introduction:
      "Rydym yn cyflwyno'r achos dros gyfradd sero o TAW ar wasanaethau y mae cwmnïau cydfuddiannol yn eu rhannu. Bydd eich ffigurau a'ch straeon yn mynd yn syth i'n tystiolaeth i Drysorlys EF.",
  };
  const sectionTitles = ["Amdanoch chi", "Eich profiad"];
  const questions = sections.flatMap((section) => section.questions);
  sections.forEach((section, index) => {
    form[welshField.section(section.id, "title")] = sectionTitles[index] ?? "";
  });
  questions.forEach((question, index) => {
    const welsh = WELSH_QUESTIONS[index];
    if (!welsh) return;
    form[welshField.question(question.id, "prompt")] = welsh.prompt;
    if (welsh.helpText) form[welshField.question(question.id, "helpText")] = welsh.helpText;
    for (const [key, text] of Object.entries(welsh.words ?? {})) {
      const isSetting = key === "unit" || key === "minLabel" || key === "maxLabel";
      form[isSetting ? welshField.question(question.id, key) : welshField.choice(question.id, key)] = text;
    }
  });
  await saveSurveyWelsh(db, actor, surveyId, surveyWelshSchema({ sections }).parse(form));
}
