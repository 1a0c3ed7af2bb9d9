import { randomBytes } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import express from "express";
import onHeaders from "on-headers";
import type { Db } from "./app/utils/db.server.ts";
import type { Env } from "./app/utils/env.server.ts";
import { createPageCache } from "./app/utils/page-cache.server.ts";
import { isCrossSiteWrite, securityHeaders } from "./app/utils/security.server.ts";

interface AppOptions {
  db: Db;
  env: Env;
  build: ServerBuild;
  databaseKind: AppLoadContext["databaseKind"];
}

/** The Remix server bundle `remix build` writes. */
export async function importServerBuild(): Promise<ServerBuild> {
  return import(pathToFileURL(path.resolve("build/index.js")).href);
}

/**
 * The whole HTTP app (security headers, cross-site refusal, static files, page cache, Remix) without
 * listening: server.ts serves it, and the route tests send it real requests on a port of their own.
 */
export function createApp({ db, env, build, databaseKind }: AppOptions): express.Express {
  const production = env.NODE_ENV === "production";
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
        databaseKind,
        cspNonce: String(res.locals.cspNonce),
        clientIp: req.ip ?? "unknown",
        appUrl: originOf(req),
        purgeCachedPage: pageCache.purge,
      }),
    }),
  );
  return app;
}
