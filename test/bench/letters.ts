// Open letters under load, against the BUILT app on the PostgreSQL server (DATABASE_URL), beside a
// bare node:http server from the same run:
//   1. signing: 50 concurrent leaders each POST the sign form from their personal link, each a
//      different leader of a different organisation arriving from a different address;
//   2. the public page of a letter with 120 signatories, for anonymous readers (full render), and
//      the same page revalidated with If-None-Match (304), as caches and returning browsers do.
//
//   npx tsx test/bench/letters.ts   (server: DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test)
//
// Settings: BENCH_SECONDS (measured seconds per target, default 10), BENCH_CONCURRENCY (default 50),
// BENCH_WARMUP_SECONDS (default 3), BENCH_LEADERS (signers seeded, default 30000),
// BENCH_NODE_ENV (the app's NODE_ENV, default production), BENCH_ONLY=sign (skip the page),
// BENCH_NODE_ARGS (extra node flags for the app, e.g. "--cpu-prof --cpu-prof-dir=.tmp/profiles").
//
// How the signers are distinct, honestly: the app runs with TRUST_PROXY=1, as it does behind a load
// balancer, and each request carries its own X-Forwarded-For from 198.18.0.0/15 (the range set aside
// for benchmarks, RFC 2544). Every rate limit is still checked for every signature (per account,
// burst and five-minute windows, and per address), counted from recent signatures over indexes:
// none refuses because no leader or address signs twice, as in a real campaign. Nothing in the app
// knows it is being measured.
import { randomBytes } from "node:crypto";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { sql } from "kysely";
import pg from "pg";
import { createDb } from "../../db/client.ts";
import { migrateToLatest } from "../../db/migrate.ts";
import { openLetter } from "../../app/models/letters/lifecycle.server.ts";
import { signLetter } from "../../app/models/letters/signing.server.ts";
import { createLetter } from "../../app/models/letters/letters.server.ts";
import { createPerson } from "../../app/models/accounts/people.server.ts";
import { hashToken, randomToken } from "../../app/utils/crypto.server.ts";
import {
  concurrency,
  createBenchDatabase,
  nodeEnv,
  numberFromEnv,
  percentiles,
  printTable,
  runBench,
  runLoad,
  seconds,
  startApp,
  startBareServer,
  warmupSeconds,
  withServerCpu,
  type Result,
  type Target,
} from "./app-load.ts";

const leaderCount = numberFromEnv("BENCH_LEADERS", 30_000);
const PAGE_SIGNATORIES = 120;

await runBench(main);

async function main(serverUrl: string) {
  const cpus = os.cpus();
  console.log("Open letters benchmark");
  console.log(`machine:  ${cpus.length} cores (${cpus[0]?.model.trim() ?? "?"}), Node ${process.version}`);
  console.log(
    `load:     ${concurrency} keep-alive connections, ${warmupSeconds} s warm-up, ${seconds} s measured per target`,
  );
  // The machine is shared: its load average says how much of it this run really had.
  console.log(
    `machine load average before: ${os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(", ")} (1, 5, 15 min)`,
  );

  const databaseUrl = await createBenchDatabase(serverUrl, "letters");
  const setupStarted = performance.now();
  const { signPaths, pageSlug } = await seed(databaseUrl);
  console.log(
    `seeded:   ${leaderCount} organisations and leaders, personal links made (${((performance.now() - setupStarted) / 1000).toFixed(1)} s)`,
  );

  const bare = await startBareServer();
  const app = await startApp(databaseUrl);
  console.log(
    `server:   node --import tsx server.ts (built app), NODE_ENV=${nodeEnv}, TRUST_PROXY=1, RUN_WORKER=false, pg pool 10`,
  );

  // 1. Signing.
  let next = 0;
  const signTarget: Target = {
    name: "POST sign (app)",
    ok: (status) => status === 303,
    request: () => {
      const index = next++;
      const signPath = signPaths[index];
      if (!signPath) return null;
      return {
        url: `${app.url}${signPath}`,
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "X-Forwarded-For": `198.${18 + (index >> 16)}.${(index >> 8) & 255}.${index & 255}`,
        },
        body: `intent=sign&formKey=${randomBytes(24).toString("base64url")}`,
      };
    },
  };
  const signResult = await withServerCpu(app.pid, signTarget);
  const sampleResponse = await fetchOnce(
    `${app.url}${signPaths[0] ?? ""}`,
    "POST",
    `intent=sign&formKey=${randomBytes(24).toString("base64url")}`,
  );
  const bareSign = await runLoad({
    name: `POST bare 303 (${sampleResponse.bytes} B)`,
    ok: (status) => status === 303,
    request: () => ({
      url: bare.url(`/post?bytes=${sampleResponse.bytes}`),
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "intent=sign&formKey=abcdefghijklmnopqrstuvwx",
    }),
  });
  // The same transaction without HTTP, Remix or the app process: where the database's own ceiling is.
  const modelSign = await signInProcess(databaseUrl, signPaths.slice(next));
  const signatures = await countSignatures(databaseUrl);
  if (process.env.BENCH_ONLY === "sign") {
    printTable([signResult, modelSign, bareSign]);
    return;
  }

  // 2. The public page.
  const page = await fetchOnce(`${app.url}/letters/${pageSlug}`, "GET");
  if (page.status !== 200 || !page.etag) throw new Error(`The public page answered ${page.status}`);
  const pageTarget: Target = {
    name: `GET public page (app, ${(page.bytes / 1024).toFixed(1)} KiB)`,
    ok: (s) => s === 200,
    request: () => ({ url: `${app.url}/letters/${pageSlug}` }),
  };
  const notModifiedTarget: Target = {
    name: "GET public page, If-None-Match (app, 304)",
    // When the cached copy expires, the reader who refills it is sent the whole page.
    ok: (s) => s === 304 || s === 200,
    request: () => ({ url: `${app.url}/letters/${pageSlug}`, headers: { "If-None-Match": page.etag ?? "" } }),
  };
  const pageResult = await withServerCpu(app.pid, pageTarget);
  const notModifiedResult = await withServerCpu(app.pid, notModifiedTarget);
  const barePage = await runLoad({
    name: `GET static page (bare, ${(page.bytes / 1024).toFixed(1)} KiB)`,
    ok: (s) => s === 200,
    request: () => ({ url: bare.url(`/page?bytes=${page.bytes}`) }),
  });

  console.log();
  printTable([signResult, modelSign, bareSign, pageResult, notModifiedResult, barePage]);
  console.log(
    `machine load average after the run: ${os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(", ")}`,
  );
  console.log();
  const accepted = signResult.statuses[303] ?? 0;
  console.log(
    `signing:     ${signResult.perSecond.toFixed(0)} signatures/s (target >= 600), p95 ${signResult.p95.toFixed(1)} ms (target < 100 ms); ` +
      `${((100 * signResult.perSecond) / bareSign.perSecond).toFixed(1)}% of the bare server's rate`,
  );
  console.log(
    `             the signing transaction alone (signLetter in this process, pool of 10, no HTTP): ${modelSign.perSecond.toFixed(0)}/s (target >= 2,000), p95 ${modelSign.p95.toFixed(1)} ms`,
  );
  console.log(
    `             ${accepted} accepted (303) in the measured window, ${signResult.okTotal} with the warm-up, ${modelSign.okTotal} in-process; ` +
      `${signatures} signature rows in the database (each personal link was used once: the two must agree)`,
  );
  console.log(
    `public page: ${pageResult.perSecond.toFixed(0)} requests/s rendered (target >= 2,000), ${notModifiedResult.perSecond.toFixed(0)}/s revalidated (304); ` +
      `${((100 * pageResult.perSecond) / barePage.perSecond).toFixed(1)}% of the bare server's rate for the same bytes`,
  );
  for (const result of [signResult, pageResult, notModifiedResult]) {
    if (result.bad > 0)
      console.log(
        `!! ${result.name}: ${result.bad} unexpected responses ${JSON.stringify(result.statuses)} ${result.samples.join("; ")}`,
      );
  }
}

/** Organisations, leaders and personal links in bulk; the letters and the page's signatures through the app's own model code. */
async function seed(databaseUrl: string) {
  const { db } = await createDb({ databaseUrl, poolSize: 4 });
  try {
    await migrateToLatest(db);
    await sql`
      insert into organisations (name, legal_form, service_area, nation, staff_count, membership_status, public_income_gbp)
      select 'Bench Mutual ' || g || ' CIC', 'community_interest_company', 'health',
             (array['england', 'scotland', 'wales', 'northern_ireland'])[1 + g % 4], 20 + (g * 37) % 900, 'active', 1000
      from generate_series(1, ${leaderCount}) g`.execute(db);
    await sql`
      insert into people (organisation_id, email, name, job_title, role, is_leader)
      select id, 'leader' || id || '@bench.example', 'Leader ' || id, 'Chief Executive', 'member', true
      from organisations`.execute(db);
    const staff = await createPerson(db, null, {
      email: "policy@bench.example",
      name: "Bench Staff",
      role: "staff",
    });
    const leaders = await db
      .selectFrom("people")
      .select(["id"])
      .where("is_leader", "=", true)
      .orderBy("id")
      .execute();
    const pageLeaders = leaders.slice(0, PAGE_SIGNATORIES).map((l) => l.id);
    const signLeaders = leaders.slice(PAGE_SIGNATORIES).map((l) => l.id);

    const body =
      "Dear Chancellor,\n\nWe, the undersigned leaders of **public service mutuals**, ask you to zero-rate VAT on shared services.\n\n".repeat(
        3,
      );
    const pageLetter = await createLetter(db, staff, {
      title: "A widely shared letter",
      addressee: "HM Treasury",
      body,
      closesOn: null,
      signatureGoal: 200,
    });
    await openLetter(
      db,
      staff,
      pageLetter.id,
      { audience: "chosen", nations: [], personIds: [] },
      "http://127.0.0.1",
    );
    for (const [index, personId] of pageLeaders.entries()) {
      const outcome = await signLetter(db, {
        slug: pageLetter.slug,
        signer: {
          via: "session",
          actor: { id: personId, role: "member", organisationId: null, isLeader: true },
        },
        formKey: randomBytes(16).toString("base64url"),
        ip: `198.19.255.${index}`,
        appUrl: "http://127.0.0.1",
      });
      if (outcome.kind !== "signed") throw new Error(`Seeding the page letter: ${outcome.kind}`);
    }

    const signLetterRow = await createLetter(db, staff, {
      title: "A letter being signed",
      addressee: "HM Treasury",
      body,
      closesOn: null,
      signatureGoal: null,
    });
    await openLetter(
      db,
      staff,
      signLetterRow.id,
      { audience: "chosen", nations: [], personIds: [] },
      "http://127.0.0.1",
    );
    // Personal links made as openLetter makes them (a random 256-bit token, only its hash stored),
    // in bulk: rendering some 14,000 invitation emails would take minutes and is not what is measured.
    const signPaths: string[] = [];
    for (let start = 0; start < signLeaders.length; start += 1000) {
      const batch = signLeaders.slice(start, start + 1000).map((personId) => {
        const token = randomToken();
        signPaths.push(`/letters/${signLetterRow.slug}/sign?token=${token}`);
        return {
          letter_id: signLetterRow.id,
          person_id: personId,
          token_hash: hashToken(token),
          invited_by: staff.id,
        };
      });
      await db.insertInto("letter_invitations").values(batch).execute();
    }
    return { signPaths, pageSlug: pageLetter.slug };
  } finally {
    await db.destroy();
  }
}

/** `concurrency` callers of the model function itself, each with its own personal link, for the measured seconds. */
async function signInProcess(databaseUrl: string, paths: string[]): Promise<Result> {
  const { db } = await createDb({ databaseUrl, poolSize: 10 });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  let bad = 0;
  const started = performance.now();
  const stopAt = started + seconds * 1000;
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < stopAt) {
          const index = next++;
          const url = paths[index] ? new URL(paths[index], "http://127.0.0.1") : null;
          const token = url?.searchParams.get("token");
          if (!url || !token) return;
          const begin = performance.now();
          const outcome = await signLetter(db, {
            slug: url.pathname.split("/")[2] ?? "",
            signer: { via: "link", token },
            formKey: randomBytes(24).toString("base64url"),
            ip: `198.19.${(index >> 8) & 255}.${index & 255}`,
            appUrl: "http://127.0.0.1",
          });
          latencies.push(performance.now() - begin);
          if (outcome.kind !== "signed") bad++;
        }
      }),
    );
  } finally {
    await db.destroy();
  }
  const duration = (performance.now() - started) / 1000;
  const { p50, p95, p99 } = percentiles(latencies);
  statuses[200] = latencies.length - bad;
  return {
    name: "signLetter() in-process (no HTTP)",
    requests: latencies.length,
    perSecond: latencies.length / duration,
    p50,
    p95,
    p99,
    bad,
    okTotal: latencies.length - bad,
    allRequests: latencies.length,
    statuses,
    samples: [],
  };
}

async function countSignatures(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ n: string }>(
    "select count(*) as n from letter_signatures s join letters l on l.id = s.letter_id where l.title = 'A letter being signed'",
  );
  await client.end();
  return Number(rows[0]?.n ?? 0);
}

async function fetchOnce(url: string, method: string, body?: string) {
  const response = await fetch(url, {
    method,
    body,
    redirect: "manual",
    headers: body
      ? { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": "198.19.254.1" }
      : {},
  });
  const buffer = Buffer.from(await response.arrayBuffer());
  const bytes = buffer.byteLength;
  return { status: response.status, bytes, etag: response.headers.get("etag") };
}
