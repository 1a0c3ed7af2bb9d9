import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import path from "node:path";
import { spawn } from "node:child_process";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import onHeaders from "on-headers";
import { startBackgroundLoop } from "./jobs.ts";
import { demoAccountList, prepareDatabase } from "./app/utils/boot.server.ts";
import { EnvError, loadEnv, type Env } from "./app/utils/env.server.ts";
import { createPageCache } from "./app/utils/page-cache.server.ts";
import { isCrossSiteWrite, securityHeaders } from "./app/utils/security.server.ts";

const startedAt = Date.now();
const env = loadEnvOrExit();
const production = env.NODE_ENV === "production";

// `npm start` builds while the database starts: on a first run both take seconds, and they use different cores.
const [{ db, kind, seeded }] = await Promise.all([
  prepareDatabase(env, { seed: true }),
  process.argv.includes("--build") ? buildApp() : Promise.resolve(),
]);
const buildUrl = pathToFileURL(path.resolve("build/index.js")).href;
const build: ServerBuild = await import(buildUrl);

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", env.TRUST_PROXY);

app.use((req, res, next) => {
  const nonce = randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  const defaults = securityHeaders({ nonce, production });
  // Defaults fill in just before the headers leave, so a route's own (e.g. a stricter
  // Referrer-Policy, or the framed mailbox message's CSP) replaces them instead of doubling up.
  onHeaders(res, () => {
    for (const [name, value] of Object.entries(defaults)) {
      // A 304 tells the browser to reuse the page it holds, whose scripts carry the nonce they were
      // first sent with: a fresh policy on the 304 would replace the stored one and block them.
      if (name === "Content-Security-Policy" && res.statusCode === 304) continue;
      if (!res.hasHeader(name)) res.setHeader(name, value);
    }
  });
  next();
});

const originOf = (req: express.Request) =>
  env.APP_URL ? new URL(env.APP_URL).origin : `${req.protocol}://${req.get("host")}`;

app.use((req, res, next) => {
  const crossSite = isCrossSiteWrite({
    method: req.method,
    origin: req.get("origin"),
    secFetchSite: req.get("sec-fetch-site"),
    expectedOrigin: originOf(req),
  });
  if (crossSite) {
    res.status(403).type("text/plain").send("Cross-site request refused.");
    return;
  }
  next();
});

app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));

// Pages a route marks `public` are served from memory to anonymous readers while fresh.
const pageCache = createPageCache();
app.use((req, res, next) => {
  if (!pageCache.handle(req, res, String(res.locals.cspNonce))) next();
});

app.all(
  "*",
  createRequestHandler({
    build,
    mode: production ? "production" : "development",
    getLoadContext: (req, res) => ({
      db,
      env,
      databaseKind: kind,
      cspNonce: String(res.locals.cspNonce),
      clientIp: req.ip ?? "unknown",
      appUrl: originOf(req),
      purgeCachedPage: pageCache.purge,
    }),
  }),
);

const background = env.RUN_WORKER ? startBackgroundLoop(db, env) : null;

const server: Server = app.listen(env.PORT, env.HOST, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : env.PORT;
  const url = `http://${env.HOST.includes(":") ? `[${env.HOST}]` : env.HOST}:${port}`;
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
