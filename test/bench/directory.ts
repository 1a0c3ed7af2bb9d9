// Member directory benchmark: `npx tsx test/bench/directory.ts` (also run by `npm run bench`).
//
// Starts the built app on a fresh embedded database (demo network seeded, background loop off) with
// a stand-in postcodes.io on 127.0.0.1, signs in as staff through the real email-link flow, then:
//   1. uploads a 5,000-row members CSV and times the preview (upload, parse, plan, store) and its page;
//   2. times the confirmation (one transaction for everything, then up to 1,000 postcode lookups);
//   3. imports a second 5,000 rows, so the directory holds over 10,000 organisations;
//   4. loads the directory list (first page, a deep page, a filtered search) and reports p50/p95.
// Settings: BENCH_LIST_REQUESTS (per list target, default 200), BENCH_CONCURRENCY (default 4).
// Everything talks only to 127.0.0.1, and every loop is bounded.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
process.chdir(root);
const listRequests = Number(process.env.BENCH_LIST_REQUESTS ?? 200);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 4);
const cleanups: (() => Promise<void>)[] = [];

const HEADER =
  "organisation_name,legal_form,service_area,postcode,staff_count,public_income_gbp,membership_status,joined_on,contact_name,contact_email,contact_job_title,contact_is_leader";
const services = [
  "Health",
  "Social care",
  "Libraries",
  "Leisure",
  "Youth services",
  "Children's services",
  "Arts and culture",
];
const forms = ["CIC", "Community benefit society", "Co-operative", "Company limited by guarantee"];
const areas = ["BS", "LS", "M", "L", "B", "S", "NE", "CF", "SA", "EH", "G", "BT", "DL", "NG", "LE"];

/** 5,000 rows: 2,500 organisations with two contacts each, Welsh names and quoted commas among them. */
function membersCsv(batch: string, rows = 5_000): string {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const org = Math.floor(i / 2);
    const area = areas[org % areas.length] ?? "BS";
    const postcode = `${area}${(org % 20) + 1} ${org % 10}${"ABDEFGHJLN"[org % 10]}${"PQRSTUWXYZ"[(org >> 3) % 10]}`;
    const name =
      org % 7 === 0 ? `"Gwasanaethau Cymunedol ${batch}-${org}, Cyf"` : `Mutual ${batch}-${org} Trust`;
    const leader = i % 2 === 0;
    lines.push(
      [
        name,
        forms[org % forms.length],
        services[org % services.length],
        postcode,
        20 + (org % 900),
        `"${(250_000 + org * 1_234).toLocaleString("en-GB")}"`,
        "active",
        `2${String(10 + (org % 15)).padStart(3, "0")}-0${(org % 9) + 1}-1${org % 9}`,
        leader ? `Siân Llŷr ${org}` : `Dafydd Rhys ${org}`,
        `${leader ? "lead" : "policy"}.${batch}.${org}@members.example`,
        leader ? "Chief Executive" : "Policy Lead",
        leader ? "yes" : "no",
      ].join(","),
    );
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** Answers postcodes.io's bulk lookup for any postcode, in its real shape, at once. */
async function startFakePostcodes(): Promise<string> {
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      const parsed: unknown = JSON.parse(body || "{}");
      const postcodes =
        parsed && typeof parsed === "object" && "postcodes" in parsed && Array.isArray(parsed.postcodes)
          ? parsed.postcodes.map(String)
          : [];
      const result = postcodes.map((query: string) => ({
        query,
        result: {
          postcode: query,
          country:
            query.startsWith("CF") || query.startsWith("SA")
              ? "Wales"
              : query.startsWith("EH") || query.startsWith("G")
                ? "Scotland"
                : query.startsWith("BT")
                  ? "Northern Ireland"
                  : "England",
          admin_district: "Somewhere",
          parliamentary_constituency: "Somewhere Central",
          codes: { admin_district: "E06000023" },
        },
      }));
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: 200, result }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function startApp(postcodesUrl: string): Promise<string> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "mv-bench-directory-"));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    RUN_WORKER: "false",
    NODE_ENV: "test",
    POSTCODES_API_URL: postcodesUrl,
  };
  delete env.DATABASE_URL;
  delete env.SMTP_URL;
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  cleanups.push(async () => {
    if (child.exitCode !== null) return;
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
  });
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The app exited:\n${output.join("")}`);
    if (Date.now() - started > 180_000)
      throw new Error(`The app did not start within 180 s:\n${output.join("")}`);
    const ok = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return url;
}

async function signIn(url: string, email: string): Promise<string> {
  await fetch(`${url}/login`, { method: "POST", body: new URLSearchParams({ email }), redirect: "manual" });
  const mailbox: { to: string; text: string }[] = await (await fetch(`${url}/dev/mailbox.json`)).json();
  const link = /https?:\/\/\S+\/login\/verify\?token=\S+/.exec(
    mailbox.find((m) => m.to === email)?.text ?? "",
  )?.[0];
  if (!link) throw new Error("No sign-in email in the dev mailbox");
  // Opening the link only shows a button; its POST spends the token and signs in.
  const token = new URL(link).searchParams.get("token") ?? "";
  const response = await fetch(`${url}/login/verify`, {
    method: "POST",
    body: new URLSearchParams({ token }),
    redirect: "manual",
  });
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error("Signing in set no cookie");
  return cookie;
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

async function importCsv(url: string, cookie: string, csv: string, label: string) {
  const form = new FormData();
  form.set("file", new File([csv], `${label}.csv`, { type: "text/csv" }));
  const [uploaded, previewMs] = await timed(() =>
    fetch(`${url}/imports`, { method: "POST", body: form, headers: { Cookie: cookie }, redirect: "manual" }),
  );
  const location = uploaded.headers.get("location");
  if (uploaded.status !== 302 || !location)
    throw new Error(`Upload answered ${uploaded.status}: ${(await uploaded.text()).slice(0, 300)}`);
  const [page, pageMs] = await timed(async () => {
    const response = await fetch(`${url}${location}`, { headers: { Cookie: cookie } });
    return response.text();
  });
  if (!page.includes("Check the import")) throw new Error("The preview page did not show the preview");
  const [committed, commitMs] = await timed(() =>
    fetch(`${url}${location}`, {
      method: "POST",
      body: new URLSearchParams({ intent: "commit" }),
      headers: { Cookie: cookie },
      redirect: "manual",
    }),
  );
  if (committed.status !== 302)
    throw new Error(`Confirming answered ${committed.status}: ${(await committed.text()).slice(0, 300)}`);
  const result = await (await fetch(`${url}${location}`, { headers: { Cookie: cookie } })).text();
  if (!result.includes("Import complete")) throw new Error("The import did not complete");
  return { previewMs, pageMs, commitMs };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function loadList(url: string, cookie: string, target: string) {
  const times: number[] = [];
  let errors = 0;
  let next = 0;
  const deadline = Date.now() + 300_000;
  const worker = async () => {
    while (next < listRequests && Date.now() < deadline) {
      next++;
      const [status, ms] = await timed(async () => {
        const response = await fetch(`${url}${target}`, { headers: { Cookie: cookie } });
        await response.arrayBuffer();
        return response.status;
      });
      if (status !== 200) errors++;
      times.push(ms);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  times.sort((a, b) => a - b);
  return {
    target,
    requests: times.length,
    errors,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    max: times.at(-1) ?? 0,
  };
}

async function main() {
  console.log("Member directory benchmark");
  const cpus = os.cpus();
  console.log(
    `machine: ${cpus.length} cores (${cpus[0]?.model.trim() ?? "unknown"}), load average ${os
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(" ")}, Node ${process.version}`,
  );
  console.log(
    "database: PGlite (embedded), fresh DATA_DIR, demo network seeded; postcodes.io: a stand-in on 127.0.0.1\n",
  );
  if (!existsSync("build/index.js")) throw new Error("build/index.js is missing: run `npm run build` first");
  const postcodes = await startFakePostcodes();
  const url = await startApp(postcodes);
  const cookie = await signIn(url, "policy@psmn.example");

  const first = await importCsv(url, cookie, membersCsv("a"), "members-a");
  console.log(`5,000-row CSV, into the demo directory (120 organisations):`);
  console.log(
    `  preview (upload, parse, plan, store):  ${(first.previewMs / 1000).toFixed(2)} s   (target < 5 s)`,
  );
  console.log(`  preview page:                          ${(first.pageMs / 1000).toFixed(2)} s`);
  console.log(`  confirm (one transaction + lookups):   ${(first.commitMs / 1000).toFixed(2)} s`);
  const again = await importCsv(url, cookie, membersCsv("a"), "members-a-again");
  console.log(
    `the same file again (nothing changes):   preview ${(again.previewMs / 1000).toFixed(2)} s, confirm ${(again.commitMs / 1000).toFixed(2)} s`,
  );
  const second = await importCsv(url, cookie, membersCsv("b", 5_000), "members-b");
  console.log(
    `another 5,000 rows (directory of 2,620):  preview ${(second.previewMs / 1000).toFixed(2)} s, confirm ${(second.commitMs / 1000).toFixed(2)} s`,
  );
  await importCsv(url, cookie, membersCsv("c", 5_000), "members-c");
  const third = await importCsv(url, cookie, membersCsv("d", 5_000), "members-d");
  console.log(
    `another 5,000 rows (directory of 7,620):  preview ${(third.previewMs / 1000).toFixed(2)} s, confirm ${(third.commitMs / 1000).toFixed(2)} s`,
  );
  const count = /([\d,]+) organisations/.exec(
    await (await fetch(`${url}/directory`, { headers: { Cookie: cookie } })).text(),
  )?.[1];
  console.log(
    `\nDirectory list with ${count} organisations, ${listRequests} requests per target, ${concurrency} at a time:`,
  );
  const results = [];
  for (const target of [
    "/directory",
    "/directory?page=150",
    "/directory?q=Cymunedol&nation=wales&sort=-staff",
    "/directory?serviceArea=health&status=active&sort=-income&page=10",
  ]) {
    results.push(await loadList(url, cookie, target));
  }
  const width = Math.max(...results.map((r) => r.target.length));
  console.log(`  ${"target".padEnd(width)}  requests  p50 ms  p95 ms  max ms  errors`);
  for (const r of results) {
    console.log(
      `  ${r.target.padEnd(width)}  ${String(r.requests).padStart(8)}  ${r.p50.toFixed(0).padStart(6)}  ${r.p95.toFixed(0).padStart(6)}  ${r.max.toFixed(0).padStart(6)}  ${String(r.errors).padStart(6)}`,
    );
  }
  const [exported, exportMs] = await timed(async () =>
    (await fetch(`${url}/directory/export.csv`, { headers: { Cookie: cookie } })).text(),
  );
  console.log(
    `\nCSV export of the whole directory: ${(exportMs / 1000).toFixed(2)} s, ${(exported.length / 1024 / 1024).toFixed(1)} MB`,
  );
  if (results.some((r) => r.errors > 0)) process.exitCode = 1;
}

try {
  await main();
} catch (error) {
  console.error(`Benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  for (const step of cleanups.reverse()) await step().catch(() => undefined);
}
