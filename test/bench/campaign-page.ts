// The staff campaign page with 200 linked items, on PostgreSQL (the server, DATABASE_URL or the local
// one) and on PGlite: the built app in this process over a freshly seeded demo network, the demo VAT
// campaign grown to 200 items (positions, surveys, evidence figures, adopted consultations,
// responses and letters made through the models), then GET /campaigns/<slug> as the demo policy
// officer, one request at a time, so each figure is one page's own time. The target is under
// 150 ms on PostgreSQL.
//
//   npx tsx test/bench/campaign-page.ts     (BENCH_REQUESTS, default 30, after 5 unmeasured)
//   NODE_ENV=production npx tsx test/bench/campaign-page.ts   after `npx remix build` (production React)
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createApp, importServerBuild } from "../../app-server.ts";
import { createDb, type DbHandle } from "../../db/client.ts";
import { DEMO_CAMPAIGNS } from "../../db/demo-campaigns.ts";
import { demoAccounts } from "../../db/demo-network.ts";
import { migrateToLatest } from "../../db/migrate.ts";
import { seedDemoNetwork } from "../../db/seed.ts";
import { findPersonByEmail, type Person } from "../../app/models/accounts/people.server.ts";
import { createSession, sessionCookie } from "../../app/models/accounts/sessions.server.ts";
import { linkToCampaign } from "../../app/models/campaigns/links.server.ts";
import { adoptConsultation } from "../../app/models/consultations/triage.server.ts";
import { createLetter } from "../../app/models/letters/letters.server.ts";
import { createSurvey } from "../../app/models/surveys/surveys.server.ts";
import { loadEnv } from "../../app/utils/env.server.ts";
import type { CampaignLinkKind } from "../../app/schemas/campaigns.ts";
import type { Db } from "../../app/utils/db.server.ts";
import { createBenchDatabase, runBench } from "./app-load.ts";
import { figure, newPosition } from "../positions-fixtures.ts";
import { consultation, submission } from "../submissions/factories.ts";
import { settings } from "../surveys/factories.ts";

const requests = Number(process.env.BENCH_REQUESTS ?? 30);
const warmup = 5;
const ITEMS = 200;

await runBench(async (serverUrl) => {
  console.log(
    `Staff campaign page with ${ITEMS} linked items, ${requests} sequential requests each (React ${process.env.NODE_ENV ?? "development"} build; NODE_ENV=production with a production \`remix build\` for production figures), load average ${os
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(", ")}`,
  );
  const databaseUrl = await createBenchDatabase(process.env.DATABASE_URL ?? serverUrl, "campaign");
  await measure("PostgreSQL", await createDb({ databaseUrl }));
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "mv-campaign-page-"));
  try {
    await measure("PGlite", await createDb({ dataDir }));
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

/** The demo VAT campaign (6 items) grown to ITEMS with every kind the page shows. */
async function growCampaign(db: Db, staff: Person): Promise<string> {
  const campaign = await db
    .selectFrom("campaigns")
    .select(["id", "slug"])
    .where("name", "=", DEMO_CAMPAIGNS.vat)
    .executeTakeFirstOrThrow();
  const link = (kind: CampaignLinkKind, itemId: number) =>
    linkToCampaign(db, staff, campaign.id, { kind, itemId });
  for (let n = 0; n < 44; n++)
    await link("position", (await newPosition(db, staff, { title: `VAT position ${n + 1}` })).id);
  for (let n = 0; n < 19; n++)
    await link("survey", (await createSurvey(db, staff, settings({ title: `VAT survey ${n + 1}` }))).id);
  for (let n = 0; n < 57; n++)
    await link("evidence", (await figure(db, staff, { label: `VAT figure ${n + 1}`, value: String(n) })).id);
  for (let n = 0; n < 30; n++) {
    const { id } = await consultation(db, { title: `VAT consultation ${n + 1}` });
    await adoptConsultation(db, staff, id);
    await link("consultation", id);
  }
  for (let n = 0; n < 30; n++) await link("submission", (await submission(db, staff)).id);
  for (let n = 0; n < 14; n++) {
    const letter = await createLetter(db, staff, {
      title: `VAT letter ${n + 1}`,
      addressee: "The Chancellor of the Exchequer",
      body: "Dear Chancellor,\n\nZero-rate VAT on shared services.",
      closesOn: null,
      signatureGoal: null,
    });
    await link("letter", letter.id);
  }
  const { n } = await db
    .selectFrom("campaign_links")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("campaign_id", "=", campaign.id)
    .executeTakeFirstOrThrow();
  if (Number(n) !== ITEMS) throw new Error(`The campaign holds ${n} items, not ${ITEMS}`);
  return campaign.slug;
}

async function measure(label: string, handle: DbHandle) {
  try {
    await migrateToLatest(handle.db);
    const env = loadEnv({ NODE_ENV: "test" });
    const started = performance.now();
    await seedDemoNetwork(handle.db, "http://127.0.0.1");
    const staff = await findPersonByEmail(handle.db, demoAccounts.policy);
    if (!staff) throw new Error("No demo policy officer");
    const slug = await growCampaign(handle.db, staff);
    console.log(
      `  ${label}: seeded the demo and ${ITEMS} items in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const cookie =
      (await sessionCookie(env).serialize(await createSession(handle.db, staff.id, env))).split(";")[0] ?? "";
    const app = createApp({
      db: handle.db,
      env,
      build: await importServerBuild(),
      databaseKind: handle.kind,
    });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const address = server.address();
    if (address === null || typeof address === "string") throw new Error("The app is not on a TCP port");
    const times: number[] = [];
    let bytes = 0;
    for (let n = 0; n < warmup + requests; n++) {
      const before = performance.now();
      const response = await fetch(`http://127.0.0.1:${address.port}/campaigns/${slug}`, {
        headers: { Cookie: cookie, "X-Forwarded-Proto": "https" },
      });
      const body = await response.text();
      const took = performance.now() - before;
      if (response.status !== 200 || !body.includes("VAT letter 14"))
        throw new Error(`/campaigns/${slug} answered ${response.status}`);
      bytes = body.length;
      if (n >= warmup) times.push(took);
    }
    await new Promise((resolve) => server.close(resolve));
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)] ?? NaN;
    console.log(
      `  ${label.padEnd(10)} GET /campaigns/${slug}: median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${at(1).toFixed(1)} ms (${(bytes / 1024).toFixed(0)} KiB)`,
    );
  } finally {
    await handle.db.destroy();
  }
}
