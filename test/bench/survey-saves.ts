// Survey page saves under load, against the BUILT app on the PostgreSQL server (DATABASE_URL), beside a
// bare node:http server from the same run: 50 concurrent respondents, each on their own personal
// link, each pressing Continue on a page of three questions again and again. Every save is a real
// one: the form carries the page's version as the page would, so each is validated, checked for a
// stale save, and writes its answers and the new version in one transaction.
//
// Two runs: flat out (each respondent presses Continue the moment the last save answers, so the
// latency is mostly queueing: 50 in flight divided by the rate), then paced at the target rate, the
// latency a respondent sees while the server takes 500 saves a second.
//
//   npx tsx test/bench/survey-saves.ts   (server: DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test)
//
// Settings: BENCH_SECONDS (measured seconds, default 10), BENCH_CONCURRENCY (respondents at once,
// default 50), BENCH_WARMUP_SECONDS (default 3), BENCH_NODE_ENV (default production),
// BENCH_NODE_ARGS (extra node flags for the app).
import os from "node:os";
import { sql } from "kysely";
import pg from "pg";
import { createDb } from "../../db/client.ts";
import { migrateToLatest } from "../../db/migrate.ts";
import { createPerson } from "../../app/models/accounts/people.server.ts";
import { addQuestion } from "../../app/models/surveys/builder.server.ts";
import { createSurvey, loadSurveyContent } from "../../app/models/surveys/surveys.server.ts";
import { questionFormSchema, surveySettingsSchema } from "../../app/schemas/survey-builder.ts";
import { hashToken, randomToken } from "../../app/utils/crypto.server.ts";
import {
  concurrency,
  createBenchDatabase,
  nodeEnv,
  printTable,
  runBench,
  runLoad,
  seconds,
  startApp,
  startBareServer,
  warmupSeconds,
  withServerCpu,
  type Target,
} from "./app-load.ts";

/** The targets: at least 700 saves a second flat out; p95 under 100 ms when paced at 500 a second. */
const flatOutTarget = 700;
const targetRate = 500;

await runBench(main);

async function main(serverUrl: string) {
  const cpus = os.cpus();
  console.log("Survey page saves benchmark");
  console.log(`machine:  ${cpus.length} cores (${cpus[0]?.model.trim() ?? "?"}), Node ${process.version}`);
  console.log(
    `load:     ${concurrency} respondents on keep-alive connections, ${warmupSeconds} s warm-up, ${seconds} s measured per target`,
  );
  console.log(
    `machine load average before: ${os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(", ")} (1, 5, 15 min)`,
  );
  const databaseUrl = await createBenchDatabase(serverUrl, "surveys");
  const setupStarted = performance.now();
  const { pagePaths, fields } = await seed(databaseUrl);
  console.log(
    `seeded:   ${pagePaths.length} invited respondents of 1,000 organisations (${((performance.now() - setupStarted) / 1000).toFixed(1)} s)`,
  );
  const bare = await startBareServer();
  const app = await startApp(databaseUrl);
  console.log(
    `server:   node --import tsx server.ts (built app), NODE_ENV=${nodeEnv}, RUN_WORKER=false, pg pool 10`,
  );

  // Each connection is one respondent: it posts the version its last save returned, as the page would.
  const versions = new Array<number>(concurrency).fill(0);
  const saveTarget: Target = {
    name: "POST page save (app)",
    ok: (status) => status === 303,
    request: (worker) => ({
      url: `${app.url}${pagePaths[worker] ?? ""}`,
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: fields(versions[worker] ?? 0, worker),
    }),
    answered: (worker, status) => {
      if (status === 303) versions[worker] = (versions[worker] ?? 0) + 1;
    },
  };
  const saveResult = await withServerCpu(app.pid, saveTarget);
  // The same respondents at the target rate: the latency a person pressing Continue sees when the
  // server takes 500 saves a second, rather than when 50 connections push it as hard as it goes.
  const pacedResult = await withServerCpu(app.pid, {
    ...saveTarget,
    name: `POST page save, paced at ${targetRate}/s (app)`,
    ratePerSecond: targetRate,
  });
  const bareSave = await runLoad({
    name: "POST bare 303",
    ok: (status) => status === 303,
    request: () => ({
      url: bare.url("/post?bytes=0"),
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: fields(1, 0),
    }),
  });
  const saved = await countVersions(databaseUrl);
  const accepted = saveResult.okTotal + pacedResult.okTotal;

  console.log();
  printTable([saveResult, pacedResult, bareSave]);
  console.log(
    `machine load average after the run: ${os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(", ")}`,
  );
  console.log();
  console.log(
    `page saves: ${saveResult.perSecond.toFixed(0)}/s flat out (target >= ${flatOutTarget}), p95 ${saveResult.p95.toFixed(1)} ms; ` +
      `${((100 * saveResult.perSecond) / bareSave.perSecond).toFixed(1)}% of the bare server's rate`,
  );
  console.log(
    `            at ${targetRate}/s: p95 ${pacedResult.p95.toFixed(1)} ms (target < 100 ms), p99 ${pacedResult.p99.toFixed(1)} ms`,
  );
  console.log(
    `            ${accepted} saves accepted with the warm-ups; the saved page versions in the database add up to ${saved} (the two must agree)`,
  );
  for (const result of [saveResult, pacedResult])
    if (result.bad > 0)
      console.log(
        `!! ${result.name}: ${result.bad} unexpected responses ${JSON.stringify(result.statuses)} ${result.samples.join("; ")}`,
      );
}

async function seed(databaseUrl: string) {
  const { db } = await createDb({ databaseUrl, poolSize: 4 });
  try {
    await migrateToLatest(db);
    await sql`
      insert into organisations (name, legal_form, service_area, nation, staff_count, membership_status, public_income_gbp)
      select 'Bench Mutual ' || g || ' CIC', 'community_interest_company', 'health',
             (array['england', 'scotland', 'wales', 'northern_ireland'])[1 + g % 4], 20 + (g * 37) % 900, 'active', 1000
      from generate_series(1, 1000) g`.execute(db);
    await sql`
      insert into people (organisation_id, email, name, job_title, role)
      select id, 'contact' || id || '@bench.example', 'Contact ' || id, 'Policy Lead', 'member'
      from organisations`.execute(db);
    const staff = await createPerson(db, null, {
      email: "policy@bench.example",
      name: "Bench Staff",
      role: "staff",
    });
    const survey = await createSurvey(
      db,
      staff,
      surveySettingsSchema.parse({
        title: "Bench survey",
        mode: "person",
        anonymity: "named",
        closesOn: "2099-12-31",
      }),
    );
    const [section] = await loadSurveyContent(db, survey.id);
    if (!section) throw new Error("no section");
    const ids: number[] = [];
    for (const question of [
      {
        kind: "single_choice",
        prompt: "Main service",
        choices: "Health\nSocial care\nLeisure",
        required: "yes",
      },
      { kind: "number", prompt: "VAT paid last year", numberMin: "0", unit: "£" },
      { kind: "long_text", prompt: "What would change?" },
    ]) {
      ids.push(
        await addQuestion(
          db,
          staff,
          survey.id,
          questionFormSchema.parse({ ...question, sectionId: String(section.id) }),
        ),
      );
    }
    // Opened as openSurvey opens it, with the links made in bulk: rendering 1,000 invitation
    // emails is not what is measured.
    await db
      .updateTable("surveys")
      .set({ state: "open", opened_at: new Date() })
      .where("id", "=", survey.id)
      .execute();
    const people = await db
      .selectFrom("people")
      .select(["id", "organisation_id"])
      .where("role", "=", "member")
      .orderBy("id")
      .execute();
    const pagePaths: string[] = [];
    await db
      .insertInto("survey_invitations")
      .values(
        people.map((person) => {
          const token = randomToken();
          pagePaths.push(`/s/${token}/1`);
          return {
            survey_id: survey.id,
            person_id: person.id,
            organisation_id: person.organisation_id ?? 0,
            token_hash: hashToken(token),
          };
        }),
      )
      .execute();
    const [choice, number, text] = ids;
    const story = encodeURIComponent(
      "We could share payroll and finance with two neighbours, and keep a post. ".repeat(4),
    );
    const fields = (version: number, worker: number) =>
      `version=${version}&q${choice}=${worker % 2 ? "health" : "leisure"}&q${number}=${1000 + version}&q${text}=${story}`;
    return { pagePaths, fields };
  } finally {
    await db.destroy();
  }
}

async function countVersions(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ n: string }>(
    "select coalesce(sum(version), 0) as n from survey_response_sections",
  );
  await client.end();
  return Number(rows[0]?.n ?? 0);
}
