import type { Server } from "node:http";
import { spawn } from "node:child_process";
import { createApp, importServerBuild } from "./app-server.ts";
import { serveBackups, type BackupSocket } from "./db/backup/socket.ts";
import { startBackgroundLoop } from "./jobs.ts";
import { outboxBacklog } from "./app/models/email/outbox.server.ts";
import { demoAccountList, prepareDatabase } from "./app/utils/boot.server.ts";
import { EnvError, loadEnv, type Env } from "./app/utils/env.server.ts";
import { createLogger } from "./app/utils/log.server.ts";
import { createMetrics } from "./app/utils/metrics.server.ts";
import { trustedOrigins } from "./app/utils/security.server.ts";

const startedAt = Date.now();
const env = loadEnvOrExit();
const log = createLogger(env);

// `npm start` builds while the database starts: on a first run both take seconds, and they use different cores.
const [{ db, kind, seeded, pglite, pool }] = await Promise.all([
  prepareDatabase(env, {
    seed: true,
    onIdleError: (error) => log.warn({ err: error }, "PostgreSQL dropped an idle connection"),
  }),
  process.argv.includes("--build") ? buildApp() : Promise.resolve(),
]);

// Metrics are collected only when something may read them.
const metrics = env.METRICS_TOKEN
  ? createMetrics({
      outbox: () => outboxBacklog(db),
      pool: () =>
        pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : null,
    })
  : undefined;
const app = createApp({ db, env, build: await importServerBuild(), databaseKind: kind, log, metrics });

const background = env.RUN_WORKER ? startBackgroundLoop(db, env, { log, metrics }) : null;

// The embedded database is this process's alone: `npm run db:backup` asks it for the dump.
let backupSocket: BackupSocket | null = null;
if (pglite) {
  try {
    backupSocket = await serveBackups(pglite, env.dataDir, (error) =>
      log.error({ err: error }, "backup failed"),
    );
  } catch (error) {
    log.error({ err: error }, "npm run db:backup cannot reach this server: its socket could not be opened");
  }
}

const server: Server = app.listen(env.PORT, env.HOST, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : env.PORT;
  // The address emailed links use in demo mode (a wildcard HOST becomes localhost), so the one
  // printed here is one that opens on this machine.
  const url = trustedOrigins({ HOST: env.HOST }, port).primary;
  const where = kind === "pglite" ? `embedded PGlite in ${env.dataDir}` : "PostgreSQL server";
  log.info(
    { url, database: kind, seeded, ms: Date.now() - startedAt },
    `Mutual Voice is ready at ${url} (${where}${seeded ? ", demo network seeded" : ""})`,
  );
  if (env.demoMode) {
    const accounts = demoAccountList.map((account) => `${account.email} (${account.role})`).join(", ");
    log.info(`Demo accounts, signing in by email with links in ${url}/dev/mailbox: ${accounts}`);
  }
});

let shuttingDown = false;
async function shutdown(signal: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  log.info({ signal }, `${signal}: finishing requests in flight, then stopping`);
  const force = setTimeout(() => {
    log.error("Shutdown took longer than 10 s; exiting.");
    process.exit(1);
  }, 10_000);
  force.unref();
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
  await background?.stop();
  await backupSocket?.close();
  await db.destroy();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

function loadEnvOrExit(): Env {
  try {
    return loadEnv();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

function buildApp(): Promise<void> {
  return new Promise((resolve, reject) => {
    const build = spawn(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "build"], {
      stdio: "inherit",
    });
    build.on("error", reject);
    build.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`remix build exited with code ${code}`)),
    );
  });
}
