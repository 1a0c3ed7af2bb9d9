import { timingSafeEqual, createHash } from "node:crypto";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** What a scrape reads from the database, asked for at scrape time only (jobs.ts and server.ts supply it). */
export interface ScrapeSources {
  outbox(): Promise<{ pending: number; oldestPendingAgeSeconds: number | null }>;
  /** Connections of the PostgreSQL pool; null on PGlite, which has one connection and no pool. */
  pool(): { total: number; idle: number; waiting: number } | null;
}

/**
 * The process's Prometheus metrics (prom-client, its own registry: nothing global). One per process,
 * shared by the HTTP app and the background loop; GET /metrics in app-server.ts serves them.
 */
export function createMetrics(sources: ScrapeSources) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: "http_requests_total",
    help: "HTTP requests answered, by route id, method and status",
    labelNames: ["route", "method", "status"] as const,
    registers: [registry],
  });
  const durations = new Histogram({
    name: "http_request_duration_seconds",
    help: "Time from the request's arrival to the last byte of the answer, by route id and method",
    labelNames: ["route", "method"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const jobRuns = new Counter({
    name: "background_task_runs_total",
    help: "Runs of each background loop task",
    labelNames: ["task"] as const,
    registers: [registry],
  });
  const jobFailures = new Counter({
    name: "background_task_failures_total",
    help: "Runs of each background loop task that threw",
    labelNames: ["task"] as const,
    registers: [registry],
  });
  new Gauge({
    name: "outbox_pending_emails",
    help: "Emails waiting to be sent (neither sent nor given up on)",
    registers: [registry],
    async collect() {
      this.set((await sources.outbox()).pending);
    },
  });
  new Gauge({
    name: "outbox_oldest_pending_age_seconds",
    help: "Age of the oldest email waiting to be sent; 0 when none waits",
    registers: [registry],
    async collect() {
      this.set((await sources.outbox()).oldestPendingAgeSeconds ?? 0);
    },
  });
  new Gauge({
    name: "db_pool_connections",
    help: "PostgreSQL pool connections by state (total, idle, waiting clients); absent on PGlite",
    labelNames: ["state"] as const,
    registers: [registry],
    collect() {
      const pool = sources.pool();
      if (!pool) return;
      for (const [state, count] of Object.entries(pool)) this.set({ state }, count);
    },
  });
  return {
    registry,
    observeRequest(route: string, method: string, status: number, seconds: number) {
      requests.inc({ route, method, status: String(status) });
      durations.observe({ route, method }, seconds);
    },
    taskRan(task: string, failed: boolean) {
      jobRuns.inc({ task });
      if (failed) jobFailures.inc({ task });
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** Whether an Authorization header carries the bearer token, compared in constant time. */
export function hasBearerToken(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? "");
  if (!match?.[1]) return false;
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(match[1].trim()), digest(token));
}
