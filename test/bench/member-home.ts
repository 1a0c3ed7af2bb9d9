// The member home on the demo network, on embedded PostgreSQL (PGlite), as `npm start` runs it:
// the built app over a freshly seeded demo database, GET / and GET /organisation signed in as the
// demo member (member@psmn.example), one request at a time, so each figure is one page's own time.
// The target is under 100 ms for the member home on the demo.
//
//   npx tsx test/bench/member-home.ts        (BENCH_REQUESTS, default 50, after 5 unmeasured)
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createApp, importServerBuild } from "../../app-server.ts";
import { createDb } from "../../db/client.ts";
import { demoAccounts } from "../../db/demo-network.ts";
import { migrateToLatest } from "../../db/migrate.ts";
import { seedDemoNetwork } from "../../db/seed.ts";
import { findPersonByEmail } from "../../app/models/accounts/people.server.ts";
import { createSession, sessionCookie } from "../../app/models/accounts/sessions.server.ts";
import { loadEnv } from "../../app/utils/env.server.ts";

const requests = Number(process.env.BENCH_REQUESTS ?? 50);
const warmup = 5;

const dataDir = await mkdtemp(path.join(os.tmpdir(), "mv-member-home-"));
const handle = await createDb({ dataDir });
try {
  await migrateToLatest(handle.db);
  // The demo as `npm start` runs it without settings (sessions, cookies and limits as in production).
  const env = loadEnv({ NODE_ENV: "test" });
  await seedDemoNetwork(handle.db, "http://127.0.0.1");
  const member = await findPersonByEmail(handle.db, demoAccounts.member);
  if (!member) throw new Error("No demo member");
  const cookie =
    (await sessionCookie(env).serialize(await createSession(handle.db, member.id, env))).split(";")[0] ?? "";
  const app = createApp({ db: handle.db, env, build: await importServerBuild(), databaseKind: handle.kind });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("The app is not on a TCP port");
  const { port } = address;
  console.log(
    `Member home on the demo network (PGlite, React ${process.env.NODE_ENV ?? "development"} build), ${requests} sequential requests each`,
  );
  for (const page of ["/", "/organisation"]) {
    const times: number[] = [];
    for (let n = 0; n < warmup + requests; n++) {
      const started = performance.now();
      const response = await fetch(`http://127.0.0.1:${port}${page}`, {
        headers: { Cookie: cookie, "X-Forwarded-Proto": "https" },
      });
      const body = await response.text();
      const took = performance.now() - started;
      if (response.status !== 200 || !body.includes("What is asked of you"))
        throw new Error(`${page} answered ${response.status}`);
      if (n >= warmup) times.push(took);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)] ?? NaN;
    console.log(
      `  GET ${page.padEnd(14)} median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${at(1).toFixed(1)} ms`,
    );
  }
  await new Promise((resolve) => server.close(resolve));
} finally {
  await handle.db.destroy();
  await rm(dataDir, { recursive: true, force: true });
}
