/**
 * Survey results benchmark: a survey of 30 questions (choices, multiple choice, scales, numbers,
 * yes/no, text) with 10,000 submitted responses; times what the results page does on each request:
 * the grouped queries, disclosure control and statistics, and the server render of every chart and
 * table; and an evidence figure read from those tables. On the PostgreSQL server (a throwaway database, dropped at the end) and on PGlite in memory.
 *
 *   npx tsx test/bench/survey-results.ts [runs]
 *
 * Settings: DATABASE_URL or BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test),
 * BENCH_RESPONSES (default 10000), BENCH_ONLY=postgres|pglite, BENCH_NODE_ENV (default production,
 * as the app runs: React's development build renders several times slower).
 */
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { sql } from "kysely";
import pg from "pg";
import { createDb, type DbHandle } from "../../db/client.ts";
import { migrateToLatest } from "../../db/migrate.ts";
import { createPerson } from "../../app/models/accounts/people.server.ts";
import { addQuestion } from "../../app/models/surveys/builder.server.ts";
import { computeSurveyFigure } from "../../app/models/evidence/survey-figures.server.ts";
import { presentResults } from "../../app/models/surveys/results-view.server.ts";
import { closeSurvey, openSurvey } from "../../app/models/surveys/lifecycle.server.ts";
import { resultsCacheStats, surveyResultsView } from "../../app/models/surveys/results-cache.server.ts";
import { type ResultsScope } from "../../app/models/surveys/result-scope.server.ts";
import { aggregateSurvey } from "../../app/models/surveys/results.server.ts";
import { createSurvey, getSurvey, loadSurveyContent } from "../../app/models/surveys/surveys.server.ts";
import { questionFormSchema, surveySettingsSchema } from "../../app/schemas/survey-builder.ts";
import type { SurveyFigureOrigin } from "../../app/schemas/survey-results.ts";

// React picks its build from NODE_ENV when first loaded, so it and the components load afterwards.
const nodeEnv = process.env.BENCH_NODE_ENV;
process.env.NODE_ENV = nodeEnv === "development" || nodeEnv === "test" ? nodeEnv : "production";
const { createElement } = await import("react");
const { renderToString } = await import("react-dom/server");
const { CumulativeLineChart } = await import("../../app/components/charts/line-chart.tsx");
const { QuestionResult } = await import("../../app/components/survey-results/question-result.tsx");

const runs = Number(process.argv[2] ?? 20);
const responses = Number(process.env.BENCH_RESPONSES ?? 10_000);
const only = process.env.BENCH_ONLY;
const adminUrl =
  process.env.DATABASE_URL ?? process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

const questionPlan = [
  ...Array.from({ length: 8 }, (_, i) => ({
    kind: "single_choice",
    prompt: `Single choice ${i + 1}`,
    choices: "Strongly agree\nAgree\nNeither\nDisagree\nStrongly disagree",
    allowOther: "yes",
  })),
  ...Array.from({ length: 6 }, (_, i) => ({
    kind: "multiple_choice",
    prompt: `Multiple choice ${i + 1}`,
    choices: "Energy\nPay\nVAT\nPensions\nProcurement\nPremises",
  })),
  ...Array.from({ length: 6 }, (_, i) => ({
    kind: "scale",
    prompt: `Scale ${i + 1}`,
    scaleMin: "1",
    scaleMax: "5",
  })),
  ...Array.from({ length: 4 }, (_, i) => ({
    kind: "number",
    prompt: `Number ${i + 1}`,
    numberMin: "0",
    unit: "£",
  })),
  ...Array.from({ length: 4 }, (_, i) => ({ kind: "yes_no", prompt: `Yes or no ${i + 1}` })),
  ...Array.from({ length: 2 }, (_, i) => ({ kind: "long_text", prompt: `Long text ${i + 1}` })),
];

async function seed(handle: DbHandle): Promise<number> {
  const { db } = handle;
  await migrateToLatest(db);
  const staff = await createPerson(db, null, {
    email: `bench.${Date.now()}@psmn.example`,
    name: "Bench",
    role: "staff",
  });
  const survey = await createSurvey(
    db,
    staff,
    surveySettingsSchema.parse({
      title: "Bench survey",
      mode: "person",
      anonymity: "named",
      opensOn: "2026-11-01",
      // Tomorrow, so that the survey can open (and later close): answers are dated in November.
      closesOn: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
    }),
  );
  const [section] = await loadSurveyContent(db, survey.id);
  if (!section) throw new Error("no section");
  for (const question of questionPlan) {
    await addQuestion(
      db,
      staff,
      survey.id,
      questionFormSchema.parse({ sectionId: String(section.id), ...question }),
    );
  }
  // Open, so that the bench can close it later and time the closed survey's cached results.
  await openSurvey(db, staff, survey.id, "http://localhost:3000");
  const started = performance.now();
  await sql`
    insert into survey_responses (survey_id, respondent_key, status, nation, service_area, size_band, submitted_on)
    select ${survey.id}, 'bench:' || g, 'submitted',
      (array['england', 'england', 'england', 'scotland', 'wales', 'northern_ireland'])[1 + g % 6],
      (array['health', 'social_care', 'leisure', 'libraries', 'youth'])[1 + g % 5],
      (array['under_50', '50_to_249', '250_to_999', '1000_plus'])[1 + g % 4],
      date '2026-11-01' + (g % 20)
    from generate_series(1, ${responses}) g`.execute(db);
  await sql`
    insert into survey_answers (response_id, question_id, choices, number, yes, text)
    select r.id, q.id,
      case q.kind
        when 'single_choice' then jsonb_build_array(q.settings -> 'choices' -> ((r.id * 7 + q.id) % 5) ->> 'key')
        when 'multiple_choice' then jsonb_build_array(
          q.settings -> 'choices' -> ((r.id + q.id) % 6) ->> 'key',
          q.settings -> 'choices' -> ((r.id * 3 + q.id + 1) % 6) ->> 'key')
      end,
      case q.kind when 'scale' then 1 + (r.id * 7 + q.id) % 5 when 'number' then (r.id * 13 + q.id) % 5000 end,
      case q.kind when 'yes_no' then (r.id + q.id) % 3 <> 0 end,
      case q.kind when 'long_text' then 'Our experience ' || r.id end
    from survey_responses r cross join survey_questions q
    where r.survey_id = ${survey.id} and q.survey_id = ${survey.id}`.execute(db);
  await sql`analyze`.execute(db);
  console.log(
    `  seeded ${responses.toLocaleString("en-GB")} responses × ${questionPlan.length} questions in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return survey.id;
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

async function measure(label: string, work: () => Promise<unknown>) {
  await work(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(
    `  ${label.padEnd(52)} p50 ${percentile(times, 50).toFixed(1).padStart(7)} ms   p95 ${percentile(times, 95).toFixed(1).padStart(7)} ms   p99 ${percentile(times, 99).toFixed(1).padStart(7)} ms   (${runs} runs)`,
  );
}

async function bench(handle: DbHandle, surveyId: number) {
  const { db } = handle;
  const staff = { id: 0, role: "staff" as const, organisationId: null, isLeader: false };
  const survey = await getSurvey(db, staff, surveyId);
  const page = async (scope: ResultsScope, protect: boolean, cached = false) => {
    const view = cached
      ? // As the loader does: the survey row, then the figures from memory (after one fingerprint query).
        (await surveyResultsView(db, await getSurvey(db, staff, surveyId), scope, { protect })).view
      : presentResults(await aggregateSurvey(db, survey, scope), { protect });
    const html = renderToString(
      createElement(
        "main",
        null,
        createElement(CumulativeLineChart, {
          title: "Responses",
          points: view.overTime,
          total: view.invited,
        }),
        ...view.questions.map((question, index) =>
          createElement(QuestionResult, {
            key: question.id,
            question,
            number: index + 1,
            breakdown: scope.by !== "none",
            threshold: view.threshold,
          }),
        ),
      ),
    );
    if (html.length < 1000) throw new Error("nothing rendered");
    return html.length;
  };
  await measure("results page, no breakdown, exact", () => page({ by: "none", filter: null }, false));
  await measure("results page, by nation, disclosure control", () =>
    page({ by: "nation", filter: null }, true),
  );
  await measure("results page, by service area, disclosure control", () =>
    page({ by: "service_area", filter: null }, true),
  );
  await measure("results page, Scotland only, by size, disclosure control", () =>
    page({ by: "size_band", filter: { attribute: "nation", value: "scotland" } }, true),
  );
  // An evidence figure is read from the published tables: one for a filtered figure, the overall
  // table and each breakdown's for an unfiltered one (every draft render of a citing document).
  const yesNo = (await loadSurveyContent(db, surveyId))
    .flatMap((section) => section.questions)
    .find((question) => question.config.kind === "yes_no");
  if (!yesNo) throw new Error("no yes/no question");
  const figure = (filter: SurveyFigureOrigin["filter"]) => () =>
    computeSurveyFigure(
      db,
      { type: "survey_figure", surveyId, questionId: yesNo.id, measure: "percent", choiceKey: "yes", filter },
      new Date(),
    );
  await measure("evidence figure, everyone (4 protected tables)", figure(null));
  await measure(
    "evidence figure, Scotland only (1 protected table)",
    figure({ attribute: "nation", value: "scotland" }),
  );
  // Closed: the answers cannot change, so the page's figures are computed once and kept.
  await closeSurvey(db, null, surveyId);
  const computedBefore = resultsCacheStats.computed;
  await measure("results page, by nation, closed survey, cached", () =>
    page({ by: "nation", filter: null }, true, true),
  );
  if (resultsCacheStats.computed - computedBefore !== 1)
    throw new Error("the closed survey's results were recomputed");
  const start = performance.now();
  const view = presentResults(await aggregateSurvey(db, survey, { by: "nation", filter: null }), {
    protect: true,
  });
  console.log(
    `  (${view.questions.length} questions, one page ${(performance.now() - start).toFixed(0)} ms)`,
  );
}

console.log(
  `Survey results benchmark: ${responses.toLocaleString("en-GB")} responses × ${questionPlan.length} questions, NODE_ENV=${process.env.NODE_ENV}`,
);
let failed = false;
if (only !== "pglite") {
  const name = `mv_bench_survey_results_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    console.log(`PostgreSQL server: ${name} on ${url.host} (created for this run, dropped at the end)`);
    const handle = await createDb({ databaseUrl: url.toString(), poolSize: 4 });
    try {
      await bench(handle, await seed(handle));
    } finally {
      await handle.db.destroy();
    }
  } catch (error) {
    failed = true;
    console.error(`  PostgreSQL run failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
    await admin.end().catch(() => undefined);
  }
}
if (only !== "postgres") {
  console.log("PGlite (embedded, in memory)");
  const handle = await createDb({});
  try {
    await bench(handle, await seed(handle));
  } finally {
    await handle.db.destroy();
  }
}
if (failed) process.exitCode = 1;
