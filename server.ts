import type { Server } from "node:http";
import { spawn } from "node:child_process";
import { createApp, importServerBuild } from "./app-server.ts";
import { startBackgroundLoop } from "./jobs.ts";
import { demoAccountList, prepareDatabase } from "./app/utils/boot.server.ts";
import { EnvError, loadEnv, type Env } from "./app/utils/env.server.ts";
import { trustedOrigins } from "./app/utils/security.server.ts";

const startedAt = Date.now();
const env = loadEnvOrExit();

// `npm start` builds while the database starts: on a first run both take seconds, and they use different cores.
const [{ db, kind, seeded }] = await Promise.all([
  prepareDatabase(env, { seed: true }),
  process.argv.includes("--build") ? buildApp() : Promise.resolve(),
]);
const app = createApp({ db, env, build: await importServerBuild(), databaseKind: kind });

const background = env.RUN_WORKER ? startBackgroundLoop(db, env) : null;

const server: Server = app.listen(env.PORT, env.HOST, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : env.PORT;
  // The address emailed links use in demo mode (a wildcard HOST becomes localhost), so the one
  // printed here is one that opens on this machine.
  const url = trustedOrigins({ HOST: env.HOST }, port).primary;
  const where = kind === "pglite" ? `embedded PGlite in ${env.dataDir}` : "PostgreSQL server";
  console.log(
    `Mutual Voice is ready at ${url} (${where}${seeded ? ", demo network seeded" : ""}) in ${Date.now() - startedAt} ms`,
  );
  if (env.demoMode) {
    console.log(`Demo accounts (sign in by email; links appear in ${url}/dev/mailbox):`);
    for (const account of demoAccountList) console.log(`  ${account.email.padEnd(22)} ${account.role}`);
  }
});

let shuttingDown = false;
async function shutdown(signal: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log(`${signal}: finishing requests in flight, then stopping.`);
  const force = setTimeout(() => {
    console.error("Shutdown took longer than 10 s; exiting.");
    process.exit(1);
  }, 10_000);
  force.unref();
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
  await background?.stop();
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
