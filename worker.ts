import { startBackgroundLoop } from "./jobs.ts";
import { prepareDatabase } from "./app/utils/boot.server.ts";
import { loadEnv } from "./app/utils/env.server.ts";
import { createLogger } from "./app/utils/log.server.ts";

// The background loop on its own, for deployments that run web and worker processes separately.
// PGlite allows one process per data directory, so this is for DATABASE_URL setups.
const env = loadEnv();
const log = createLogger(env);
if (!env.DATABASE_URL) {
  log.error("npm run worker needs DATABASE_URL: the embedded database runs its loop inside npm start.");
  process.exit(1);
}
const { db } = await prepareDatabase(env, {
  seed: false,
  onIdleError: (error) => log.warn({ err: error }, "PostgreSQL dropped an idle connection"),
});
const loop = startBackgroundLoop(db, env, { log });
log.info(`Worker running${env.SMTP_URL ? "" : " (no SMTP_URL: email stays in the outbox)"}.`);

async function stop(signal: string) {
  log.info({ signal }, `${signal}: stopping the worker.`);
  await loop.stop();
  await db.destroy();
  process.exit(0);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
