import { randomBytes, randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import express from "express";
import onHeaders from "on-headers";
import pino from "pino";
import { outboxBacklog } from "./app/models/email/outbox.server.ts";
import type { Db } from "./app/utils/db.server.ts";
import type { Env } from "./app/utils/env.server.ts";
import { DRAIN_LIMIT_BYTES } from "./app/utils/form-body.server.ts";
import { createLinkGuard, surveyLinkToken } from "./app/utils/link-guard.server.ts";
import { requestLineLogger, type Logger } from "./app/utils/log.server.ts";
import { createMetrics, hasBearerToken, type Metrics } from "./app/utils/metrics.server.ts";
import { createPageCache, privateCacheControl } from "./app/utils/page-cache.server.ts";
import { createRouteNamer } from "./app/utils/request-route.server.ts";
import {
  isCrossSiteWrite,
  isHostMismatch,
  isLoopback,
  isValidHost,
  securityHeaders,
  trustedOrigins,
} from "./app/utils/security.server.ts";

interface AppOptions {
  db: Db;
  env: Env;
  build: ServerBuild;
  databaseKind: AppLoadContext["databaseKind"];
  /** Where request lines and errors go; silent when omitted (the route tests). */
  log?: Logger;
  /**
   * The process's metrics, shared with its background loop (server.ts); when omitted and
   * METRICS_TOKEN is set, the app makes its own. Without METRICS_TOKEN nothing is counted.
   */
  metrics?: Metrics;
}

/** The 4xx status an error thrown inside Express carries (http-errors style), if any. */
function clientErrorStatus(error: unknown): number | null {
  if (typeof error !== "object" || error === null) return null;
  const status = "status" in error ? error.status : "statusCode" in error ? error.statusCode : undefined;
  return typeof status === "number" && status >= 400 && status < 500 ? status : null;
}

/** The Remix server bundle `remix build` writes. */
export async function importServerBuild(): Promise<ServerBuild> {
  return import(pathToFileURL(path.resolve("build/index.js")).href);
}

/**
 * The whole HTTP app (security headers, cross-site refusal, static files, page cache, Remix) without
 * listening: server.ts serves it, and the route tests send it real requests on a port of their own.
 */
export function createApp({
  db,
  env,
  build,
  databaseKind,
  log = pino({ level: "silent" }),
  metrics = env.METRICS_TOKEN
    ? createMetrics({ outbox: () => outboxBacklog(db), pool: () => null })
    : undefined,
}: AppOptions): express.Express {
  const production = env.NODE_ENV === "production";
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", env.TRUST_PROXY);

  // One line per request once its answer is done (or the client went away), and its count and
  // duration by route id. Only what cannot identify a person or open an account: no query string,
  // tokens in the path masked, no headers, no body.
  const logRequests = log.isLevelEnabled("info");
  const requestLog = requestLineLogger(log);
  const nameRequest = createRouteNamer(build.routes);
  app.use((req, res, next) => {
    const forwarded = env.TRUST_PROXY > 0 ? req.get("x-request-id") : undefined;
    const requestId = forwarded && /^[\w.:-]{1,64}$/.test(forwarded) ? forwarded : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader("X-Request-Id", requestId);
    if (!logRequests && !metrics) {
      next();
      return;
    }
    const started = performance.now();
    res.once("close", () => {
      const ms = performance.now() - started;
      const { route, path } = nameRequest(req.path);
      metrics?.observeRequest(route, req.method, res.statusCode, ms / 1000);
      if (!logRequests) return;
      const line = {
        reqId: requestId,
        method: req.method,
        route,
        path,
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
      };
      if (res.writableFinished) requestLog.info(line, "request");
      else requestLog.info({ ...line, aborted: true }, "request");
    });
    next();
  });

  app.use((req, res, next) => {
    // Remix's adapter pauses a body nobody reads once its queue is full, so a route that answers
    // without reading it (a sign-in redirect, a 404 to a stranger) left the rest on the kept-alive
    // connection, and the next request on it waited until the connection was reset. Once the
    // answer is sent, the rest is read and thrown away, as Node does for a body no one listened to.
    res.on("finish", () => {
      if (req.complete) return;
      req.removeAllListeners("data");
      req.resume();
    });
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
      const cacheControl = privateCacheControl({
        pathname: req.path,
        withCredentials: Boolean(req.headers.cookie || req.headers.authorization),
        cacheControl: res.getHeader("cache-control"),
        setsCookie: res.hasHeader("set-cookie"),
      });
      if (cacheControl) res.setHeader("Cache-Control", cacheControl);
    });
    next();
  });

  // An answer sent before its body was read (a 404 to a stranger, a 403 cross-site, a 413 past a
  // declared length) must not leave the rest on a kept-alive connection to be parsed as the next
  // request. Node reads and throws away an unread body once the answer is sent, which keeps the
  // connection and lets the client finish sending (closing on it mid-upload resets the connection
  // and the client never sees the answer). That is worth doing for any body a route might take; past
  // that, nothing reads it: a 413 with Connection: close.
  app.use((req, res, next) => {
    if (Number(req.get("content-length") ?? 0) <= DRAIN_LIMIT_BYTES) {
      next();
      return;
    }
    res.set("Connection", "close").status(413).type("text/plain").send("What was sent is too large.");
  });

  // From configuration and the port the connection arrived on, never from the Host header.
  const originsOf = (req: express.Request) => trustedOrigins(env, req.socket.localPort ?? env.PORT);

  app.use((req, res, next) => {
    if (!isValidHost(req.get("host")) || !isValidHost(req.get("x-forwarded-host"))) {
      res.status(400).type("text/plain").send("The Host header is not a valid host name.");
      return;
    }
    const crossSite = isCrossSiteWrite({
      method: req.method,
      origin: req.get("origin"),
      secFetchSite: req.get("sec-fetch-site"),
      expectedOrigin: originsOf(req).accepted,
    });
    if (crossSite) {
      res.status(403).type("text/plain").send("Cross-site request refused.");
      return;
    }
    const mismatch = isHostMismatch({
      method: req.method,
      origin: req.get("origin"),
      host: req.get("host"),
      forwardedHost: req.get("x-forwarded-host"),
    });
    if (mismatch) {
      res
        .status(403)
        .type("text/plain")
        .send("The Host header does not match the Origin header; request refused.");
      return;
    }
    next();
  });

  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  // Only the files public/ holds are looked up on disk: a page request never costs a stat().
  for (const name of readdirSync("public")) {
    if (name !== "build") app.get(`/${name}`, express.static("public", { maxAge: "1h" }));
  }

  // Prometheus scrapes with the bearer token; without METRICS_TOKEN the address does not exist.
  const metricsToken = env.METRICS_TOKEN;
  if (metrics && metricsToken) {
    app.get("/metrics", (req, res, next) => {
      if (!hasBearerToken(req.get("authorization"), metricsToken)) {
        res
          .status(401)
          .set("WWW-Authenticate", 'Bearer realm="metrics"')
          .type("text/plain")
          .send("Unauthorized");
        return;
      }
      metrics.registry
        .metrics()
        .then(
          (text) => res.set("Cache-Control", "no-store").type(metrics.registry.contentType).send(text),
          next,
        );
    });
  }

  // Pages a route marks `public` are served from memory to anonymous readers while fresh.
  const pageCache = createPageCache();
  app.use((req, res, next) => {
    if (!pageCache.handle(req, res, String(res.locals.cspNonce))) next();
  });

  // An address that has sent too many survey links that do not exist waits, before any lookup.
  const surveyLinks = createLinkGuard();
  app.use((req, res, next) => {
    const token = surveyLinkToken(req.path);
    const wait = token === null ? null : surveyLinks.waitFor(req.ip ?? "unknown", token);
    if (wait === null) {
      next();
      return;
    }
    res
      .status(429)
      .set("Retry-After", String(wait))
      .type("text/plain")
      .send(
        `Too many survey links from your network did not work. Try again in ${Math.ceil(wait / 60)} minutes, ` +
          "with the link copied in full from your invitation email.",
      );
  });

  const getLoadContext = (req: express.Request, res: express.Response): AppLoadContext => ({
    db,
    env,
    databaseKind,
    cspNonce: String(res.locals.cspNonce),
    clientIp: req.ip ?? "unknown",
    appUrl: originsOf(req).primary,
    purgeCachedPage: pageCache.purge,
    surveyLinks,
    log,
    requestId: String(res.locals.requestId ?? ""),
  });
  const handlerFor = (mode: "production" | "development") =>
    createRequestHandler({ build, mode, getLoadContext });
  // Development mode sends an error's stack (absolute paths included) to the browser: only the
  // person at the machine running the server gets it; anyone else gets the plain error page.
  const productionHandler = handlerFor("production");
  const developmentHandler = production ? productionHandler : handlerFor("development");
  app.all("*", (req, res, next) =>
    (isLoopback(req.ip) ? developmentHandler : productionHandler)(req, res, next),
  );

  // Express's own error page prints the stack, absolute paths included, outside production: only
  // the person at the machine gets it. Everyone else gets a plain answer with the error's status
  // when it is a 4xx (a path that is not valid percent-encoding is a 400), else a 500.
  app.use((error: unknown, req: express.Request, res: express.Response, next: express.NextFunction) => {
    const status = clientErrorStatus(error);
    if (!status) log.error({ err: error, reqId: res.locals.requestId }, "request failed");
    if (res.headersSent || (!production && isLoopback(req.ip))) {
      next(error);
      return;
    }
    res
      .status(status ?? 500)
      .type("text/plain")
      .send(
        status
          ? "This address or request is not valid."
          : "Sorry, something went wrong. Try again in a moment.",
      );
  });
  return app;
}
