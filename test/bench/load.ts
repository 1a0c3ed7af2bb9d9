// A small HTTP load generator: N concurrent keep-alive connections against one URL on 127.0.0.1,
// for a bounded time and a bounded number of requests, timing every request.
import http from "node:http";
import { performance } from "node:perf_hooks";

/** One thing to load: a URL on 127.0.0.1 and how to ask for it. */
export interface LoadTarget {
  /** Shown in the results table, e.g. "GET /login (app)". */
  name: string;
  url: string;
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD";
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadOptions {
  /** Concurrent connections, each sending its next request when the last one finished. */
  concurrency: number;
  /** Measured time; requests still in flight when it ends are awaited and counted. */
  seconds: number;
  /** Unmeasured time first (connections open, JIT and caches warm). */
  warmupSeconds?: number;
  /** Stop early after this many measured requests. */
  maxRequests?: number;
  /** A request taking longer than this is aborted and counted as an error. */
  timeoutMs?: number;
}

export interface LoadResult {
  target: string;
  concurrency: number;
  /** Measured requests that got a complete response or failed. */
  requests: number;
  /** Responses with a 2xx status. */
  ok: number;
  /** Responses with any other status. */
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Count of responses per status code. */
  statuses: Record<string, number>;
  /** The first few error messages, to say what went wrong. */
  errorSamples: string[];
  durationSeconds: number;
  requestsPerSecond: number;
  /** Latency in milliseconds, over all measured requests (errors included). */
  latency: { mean: number; p50: number; p95: number; p99: number; max: number };
  bytesPerResponse: number;
}

const limits = {
  concurrency: 1_000,
  seconds: 600,
  requests: 5_000_000,
  timeoutMs: 10_000,
};

/** Loads one target; resolves when the time is up (or the request budget is spent) and nothing is in flight. */
export async function runLoad(target: LoadTarget, options: LoadOptions): Promise<LoadResult> {
  const url = new URL(target.url);
  if (url.protocol !== "http:" || url.hostname !== "127.0.0.1") {
    throw new Error(`The load generator only talks to http://127.0.0.1, not ${url.origin}`);
  }
  const concurrency = bounded("concurrency", options.concurrency, 1, limits.concurrency);
  const seconds = bounded("seconds", options.seconds, 0.1, limits.seconds);
  const warmupSeconds = bounded("warmupSeconds", options.warmupSeconds ?? 0, 0, limits.seconds);
  const maxRequests = bounded("maxRequests", options.maxRequests ?? limits.requests, 1, limits.requests);
  const timeoutMs = bounded("timeoutMs", options.timeoutMs ?? limits.timeoutMs, 1, 60_000);

  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const errorSamples: string[] = [];
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let bytes = 0;
  let measuring = warmupSeconds === 0;
  let started = performance.now();
  let stopAt = started + (warmupSeconds + seconds) * 1000;
  let finishedAt = started;

  const once = (): Promise<void> =>
    new Promise((resolve) => {
      const counted = measuring;
      const begin = performance.now();
      let settled = false;
      const done = (outcome: { status: number; size: number } | { error: string }) => {
        if (settled) return;
        settled = true;
        const end = performance.now();
        if (counted && latencies.length < maxRequests) {
          latencies.push(end - begin);
          finishedAt = end;
          if ("error" in outcome) {
            errors += 1;
            if (errorSamples.length < 5) errorSamples.push(outcome.error);
          } else {
            statuses[outcome.status] = (statuses[outcome.status] ?? 0) + 1;
            bytes += outcome.size;
            if (outcome.status >= 200 && outcome.status < 300) ok += 1;
            else non2xx += 1;
          }
        }
        resolve();
      };
      const request = http.request(
        url,
        { method: target.method ?? "GET", headers: target.headers, agent, timeout: timeoutMs },
        (response) => {
          let size = 0;
          response.on("data", (chunk: Buffer) => {
            size += chunk.length;
          });
          response.on("end", () => done({ status: response.statusCode ?? 0, size }));
          response.on("error", (error) => done({ error: error.message }));
        },
      );
      request.on("timeout", () => request.destroy(new Error(`no response within ${timeoutMs} ms`)));
      request.on("error", (error) => done({ error: error.message }));
      request.end(target.body);
    });

  const worker = async () => {
    while (performance.now() < stopAt && latencies.length < maxRequests) {
      await once();
    }
  };

  const workers = Array.from({ length: concurrency }, worker);
  if (warmupSeconds > 0) {
    await sleep(warmupSeconds * 1000);
    // Requests started from now on are measured; the warm-up ones still in flight are not.
    measuring = true;
    started = performance.now();
    stopAt = started + seconds * 1000;
    finishedAt = started;
  }
  await Promise.all(workers);
  agent.destroy();

  const durationSeconds = Math.max(finishedAt - started, 1) / 1000;
  const sorted = Float64Array.from(latencies).sort();
  const responses = ok + non2xx;
  return {
    target: target.name,
    concurrency,
    requests: latencies.length,
    ok,
    non2xx,
    errors,
    statuses,
    errorSamples,
    durationSeconds,
    requestsPerSecond: latencies.length / durationSeconds,
    latency: {
      mean: latencies.length ? latencies.reduce((sum, value) => sum + value, 0) / latencies.length : 0,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: sorted.length ? (sorted[sorted.length - 1] ?? 0) : 0,
    },
    bytesPerResponse: responses ? bytes / responses : 0,
  };
}

/** Nearest-rank percentile of ascending values; 0 for none. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? 0;
}

function bounded(name: string, value: number, min: number, max: number): number {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new Error(`Load option ${name} must be between ${min} and ${max}, not ${value}`);
  }
  return value;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Benchmark definitions: test/bench/<name>.bench.ts default-exports one; test/bench/run.ts finds it,
// hands it a running app, loads its targets one after another and prints the results.

export interface BenchContext {
  /** Base URL of the app under test, e.g. http://127.0.0.1:41234 (no trailing slash). */
  appUrl: string;
  /** URL of a static HTML page of exactly `bytes` bytes on a bare node:http server, for comparison. */
  barePage(bytes: number): string;
  /** Shared load settings (concurrency, duration) every target is run with. */
  load: LoadOptions;
  /**
   * Signs the person with this email in as the app does (a session row and the app's signed
   * cookie) and answers the Cookie header value that carries the session.
   */
  signIn(email: string): Promise<string>;
}

export interface Benchmark {
  name: string;
  /** One line saying what is measured and why. */
  description: string;
  /** Called once the app is up; may make requests to prepare (sign in, create data, check a page). */
  targets(context: BenchContext): Promise<LoadTarget[]>;
  /** Extra lines under the table, e.g. ratios between targets; results come in the order of targets. */
  summarise?(results: LoadResult[]): string[];
}

/** Narrows a module's default export to a Benchmark. */
export function isBenchmark(value: unknown): value is Benchmark {
  return (
    typeof value === "object" &&
    value !== null &&
    "name" in value &&
    typeof value.name === "string" &&
    "description" in value &&
    typeof value.description === "string" &&
    "targets" in value &&
    typeof value.targets === "function"
  );
}
