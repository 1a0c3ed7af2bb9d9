import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import type { ImportRow } from "../app/models/directory/csv.server.ts";
import { applyImportPlan, planImport } from "../app/models/directory/import.server.ts";
import { toPoundsText } from "../app/models/directory/organisations.server.ts";
import { createPerson } from "../app/models/accounts/people.server.ts";
import type { PostcodePlace } from "../app/services/postcodes.server.ts";
import { nationLabels, nations, nationSchema, type Nation } from "../app/schemas/directory.ts";
import { inTransaction, openDatabase, type Db } from "../app/utils/db.server.ts";
import { loadEnv } from "../app/utils/env.server.ts";
import { generateDemoNetwork, type DemoNetwork } from "./demo-network.ts";
import { seedDemoConsultations } from "./seed-consultations.ts";
import { seedDemoCampaigns } from "./demo-campaigns.ts";
import { seedDemoHomes } from "./demo-homes.ts";
import { seedDemoPositions } from "./demo-positions.ts";
import { seedDemoResponses } from "./demo-responses.ts";
import { seedDemoSurvey } from "./demo-survey.ts";
import { migrateToLatest } from "./migrate.ts";
import { trustedOrigins } from "../app/utils/security.server.ts";

export interface SeedCounts {
  organisations: number;
  people: number;
}

/**
 * The demo network goes in as a members spreadsheet would: rows planned and applied by the CSV
 * import's own functions (so the same defaults, checks and audit trail), with the places already
 * known so no postcode needs looking up. One transaction: a failed seed leaves an empty database
 * that the next start seeds again.
 */
export async function seedDemoNetwork(
  db: Db,
  /** The origin the demo's emailed links point at: the server that is being started. */
  appUrl: string,
  network: DemoNetwork = generateDemoNetwork(),
): Promise<SeedCounts> {
  return inTransaction(db, async (trx) => {
    let people = 0;
    for (const person of network.staff) {
      await createPerson(trx, null, person);
      people++;
    }
    const rows: ImportRow[] = [];
    const places = new Map<string, PostcodePlace>();
    for (const org of network.organisations) {
      const organisation = {
        name: org.name,
        postcode: org.postcode,
        legalForm: org.legalForm,
        serviceArea: org.serviceArea,
        staffCount: org.staffCount,
        publicIncomeGbp: toPoundsText(org.publicIncomeGbp),
        membershipStatus: org.membershipStatus,
        ...(org.joinedOn ? { joinedOn: org.joinedOn } : {}),
      };
      if (org.postcode && org.nation && org.localAuthority && org.localAuthorityCode) {
        places.set(org.postcode, {
          postcode: org.postcode,
          nation: org.nation,
          localAuthority: org.localAuthority,
          localAuthorityCode: org.localAuthorityCode,
          constituency: org.constituency,
        });
      }
      for (const person of org.people) {
        const contact = {
          name: person.name,
          email: person.email,
          jobTitle: person.jobTitle,
          isLeader: person.isLeader,
        };
        rows.push({ row: rows.length + 2, organisation, contact });
        people++;
      }
    }
    const plan = await planImport(trx, rows);
    if (plan.problems.length) {
      const [first] = plan.problems;
      throw new Error(`The demo network does not import cleanly: row ${first?.row}: ${first?.message}`);
    }
    await applyImportPlan(trx, null, plan, { places });
    await seedDemoConsultations(trx);
    const surveyId = await seedDemoSurvey(trx, appUrl);
    await seedDemoResponses(trx, surveyId, appUrl);
    await seedDemoPositions(trx, surveyId, appUrl);
    await seedDemoHomes(trx, appUrl);
    await seedDemoCampaigns(trx, surveyId);
    // The demo's documents went out before anyone could be told: its own notices count as sent, so
    // the first "your evidence was used" email is about something that happens in the demo.
    await trx.updateTable("evidence_use_notices").set({ emailed_at: new Date() }).execute();
    return { organisations: network.organisations.length, people };
  });
}

/** No people means nobody can sign in: the state a first demo start should fill. */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const someone = await db.selectFrom("people").select("id").limit(1).executeTakeFirst();
  return someone === undefined;
}

export interface NetworkFigures {
  organisations: number;
  staff: number;
  publicIncomeGbp: number;
}

export interface SeedSummary extends NetworkFigures {
  people: number;
  byNation: (NetworkFigures & { nation: Nation })[];
}

/** What the seed left in the database, read back rather than taken from the generator. */
export async function summariseNetwork(db: Db): Promise<SeedSummary> {
  const rows = await db
    .selectFrom("organisations")
    .select((eb) => [
      "nation",
      eb.fn.countAll<number>().as("organisations"),
      eb.fn.sum<number>("staff_count").as("staff"),
      // numeric sums come back as text: exact until converted for display.
      eb.fn.sum<string>("public_income_gbp").as("income"),
    ])
    .where("archived_at", "is", null)
    .groupBy("nation")
    .execute();
  const people = await db
    .selectFrom("people")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  const byNation = rows.flatMap((row) => {
    const nation = nationSchema.safeParse(row.nation);
    if (!nation.success) return [];
    return [
      {
        nation: nation.data,
        organisations: row.organisations,
        staff: Number(row.staff),
        publicIncomeGbp: Number(row.income),
      },
    ];
  });
  byNation.sort((a, b) => nations.indexOf(a.nation) - nations.indexOf(b.nation));
  const total = (values: number[]) => values.reduce((sum, value) => sum + value, 0);
  return {
    organisations: total(rows.map((row) => row.organisations)),
    people: people.count,
    staff: total(rows.map((row) => Number(row.staff))),
    publicIncomeGbp: total(rows.map((row) => Number(row.income))),
    byNation,
  };
}

function formatPounds(pounds: number): string {
  if (pounds >= 1e8) return `£${(pounds / 1e9).toFixed(2)}bn`;
  return `£${(pounds / 1e6).toFixed(1)}m`;
}

function describeFigures(figures: NetworkFigures): string {
  return `${figures.organisations} organisations, ${figures.staff.toLocaleString("en-GB")} staff, ${formatPounds(figures.publicIncomeGbp)} public income`;
}

async function main() {
  const env = loadEnv();
  if (!env.seedDemo) {
    console.error(
      "Not seeding: demo data is off here (SEED_DEMO=false, or production without SEED_DEMO=true).",
    );
    process.exitCode = 1;
    return;
  }
  const handle = await openDatabase(env);
  try {
    await migrateToLatest(handle.db);
    if (!(await isDatabaseEmpty(handle.db))) {
      console.log("Database already seeded (it has people): nothing added.");
      return;
    }
    const started = performance.now();
    const counts = await seedDemoNetwork(handle.db, trustedOrigins(env, env.PORT).primary);
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    const summary = await summariseNetwork(handle.db);
    console.log(`Seeded the demo network in ${seconds} s (${handle.kind}).`);
    console.log(`  ${describeFigures(summary)}; ${counts.people} people`);
    for (const nation of summary.byNation)
      console.log(`  ${nationLabels[nation.nation]}: ${describeFigures(nation)}`);
  } finally {
    await handle.db.destroy();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await main();
}
