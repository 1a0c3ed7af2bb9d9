import { expect, test } from "vitest";
import { outboxBacklog, enqueueEmail } from "~/models/email/outbox.server.ts";
import { createMetrics } from "~/utils/metrics.server.ts";
import { openTestDb } from "./db.ts";
import { startTestApp } from "./harness.ts";

const database = await openTestDb();
const { db, pool } = database;
const token = "metrics-token-for-the-test-0123456789";
// As server.ts makes them: the outbox and, on the server, the connection pool, read at scrape time.
const metrics = createMetrics({
  outbox: () => outboxBacklog(db),
  pool: () => (pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : null),
});
const site = await startTestApp(database, { METRICS_TOKEN: token }, { metrics });
const off = await startTestApp(database);

test("GET /metrics does not exist without METRICS_TOKEN, and wants the bearer token with it", async () => {
  expect((await off.get("/metrics")).status).toBe(404);
  expect((await off.get("/metrics", { headers: { Authorization: `Bearer ${token}` } })).status).toBe(404);
  const anonymous = await site.get("/metrics");
  expect(anonymous.status).toBe(401);
  expect(anonymous.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
  expect((await site.get("/metrics", { headers: { Authorization: "Bearer wrong-token" } })).status).toBe(401);
  expect((await site.get("/metrics", { headers: { Authorization: token } })).status).toBe(401);
  const scrape = await site.get("/metrics", { headers: { Authorization: `Bearer ${token}` } });
  expect(scrape.status).toBe(200);
  expect(scrape.headers.get("Content-Type")).toMatch(/^text\/plain;.*version=0\.0\.4/);
});

test("a scrape counts requests and their durations by route id, the outbox backlog and the pool", async () => {
  await site.get("/login");
  await site.get("/login");
  await enqueueEmail(db, {
    to: "metrics@example.org",
    template: "sign-in",
    props: { name: "Test", link: "http://localhost:3000/login/verify?token=x", minutes: 10 },
  });
  const { text } = await site.get("/metrics", { headers: { Authorization: `Bearer ${token}` } });
  expect(text).toMatch(/^http_requests_total\{route="routes\/login",method="GET",status="200"\} 2$/m);
  expect(text).toMatch(
    /^http_request_duration_seconds_bucket\{le="\+Inf",route="routes\/login",method="GET"\} 2$/m,
  );
  expect(text).toMatch(/^outbox_pending_emails [1-9]\d*$/m);
  expect(text).toMatch(/^outbox_oldest_pending_age_seconds \d+$/m);
  expect(text).toMatch(/^process_cpu_seconds_total /m);
  if (database.kind === "postgres") expect(text).toMatch(/^db_pool_connections\{state="total"\} \d+$/m);
  else expect(text).not.toMatch(/^db_pool_connections\{/m);
  // Scrapes are counted as requests too, but never carry the token in a label.
  expect(text).not.toContain(token);
});
