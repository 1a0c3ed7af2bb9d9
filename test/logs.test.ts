import pino from "pino";
import { afterAll, expect, test } from "vitest";
import { createDb } from "../db/client.ts";
import { createLogger, prettyLine } from "~/utils/log.server.ts";
import { openTestDb } from "./db.ts";
import { startTestApp } from "./harness.ts";

const database = await openTestDb();

/** A logger as server.ts makes one (JSON, level info), writing into a list instead of stdout. */
function capturedLogger() {
  const lines: string[] = [];
  const log = createLogger(
    { LOG_LEVEL: "info", logFormat: "json" },
    { write: (line) => void lines.push(line) },
  );
  const entries = () => lines.map((line): Record<string, unknown> => ({ ...JSON.parse(line) }));
  return { log, lines, entries };
}

const captured = capturedLogger();
const site = await startTestApp(database, {}, { log: captured.log });

/** The request line for a request id, once the answer is done (the line is written on close). */
async function requestLine(requestId: string | null) {
  await expect.poll(() => captured.entries().some((entry) => entry.reqId === requestId)).toBe(true);
  return captured.entries().find((entry) => entry.reqId === requestId && entry.msg === "request");
}

test("each request is one JSON line with its method, route id, path, status, duration and request id", async () => {
  const page = await site.get("/login");
  expect(page.status).toBe(200);
  const requestId = page.headers.get("X-Request-Id");
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  const line = await requestLine(requestId);
  expect(line).toMatchObject({
    level: "info",
    msg: "request",
    method: "GET",
    route: "routes/login",
    path: "/login",
    status: 200,
  });
  expect(typeof line?.ms).toBe("number");
  expect(typeof line?.time).toBe("string");

  const data = await site.load("/login");
  expect(await requestLine(data.headers.get("X-Request-Id"))).toMatchObject({
    route: "routes/login",
    path: "/login.data",
  });
  const missing = await site.get("/no-such-page");
  expect(await requestLine(missing.headers.get("X-Request-Id"))).toMatchObject({ status: 404 });
});

test("tokens, query strings and email addresses never reach the log", async () => {
  const surveyToken = "SurveyTokenAbcdefghijklmnopqrstuv";
  const loginToken = "LoginTokenAbcdefghijklmnopqrstuvw";
  const email = "someone.private@example.org";
  const survey = await site.get(`/s/${surveyToken}?email=${encodeURIComponent(email)}`);
  await site.get(`/login/verify?token=${loginToken}`);
  await site.get(`/unsubscribe?token=${loginToken}`);
  await site.post("/login", { email }, { reloadDocument: true });
  const line = await requestLine(survey.headers.get("X-Request-Id"));
  expect(line).toMatchObject({ route: "routes/s.$token._index", path: "/s/:token" });
  await expect.poll(() => captured.lines.length).toBeGreaterThanOrEqual(4);
  const everything = captured.lines.join("\n");
  for (const secret of [surveyToken, loginToken, email, "example.org", "?"]) {
    expect(everything).not.toContain(secret);
  }
});

test("a server error is logged with its stack and the request's id, and fields that name a secret are blanked", async () => {
  // Nothing listens on the discard port: every query fails.
  const unreachable = await createDb({ databaseUrl: "postgres://postgres@127.0.0.1:9/none" });
  afterAll(() => unreachable.db.destroy());
  const failing = capturedLogger();
  const broken = await startTestApp(unreachable, {}, { log: failing.log });
  const page = await broken.get("/p");
  expect(page.status).toBe(500);
  const requestId = page.headers.get("X-Request-Id");
  await expect.poll(() => failing.entries().some((entry) => entry.level === "error")).toBe(true);
  const error = failing.entries().find((entry) => entry.level === "error");
  expect(error).toMatchObject({ reqId: requestId, msg: "request failed" });
  expect(JSON.stringify(error?.err)).toMatch(/ECONNREFUSED[\s\S]*\\n\s+at /);

  failing.log.info({ email: "a@b.example", token: "t0ken", nested: { answers: ["yes"] } }, "careless");
  const careless = failing.entries().find((entry) => entry.msg === "careless");
  expect(careless).toMatchObject({
    email: "[redacted]",
    token: "[redacted]",
    nested: { answers: "[redacted]" },
  });
});

test("development logs are one readable line per entry, with the stack below an error", () => {
  const lines: string[] = [];
  const log = pino(
    { timestamp: pino.stdTimeFunctions.isoTime },
    { write: (line: string) => void lines.push(line) },
  );
  log.info({ method: "GET", route: "routes/login", status: 200 }, "request");
  log.error({ err: new Error("boom") }, "request failed");
  expect(prettyLine(lines[0] ?? "")).toMatch(
    /^\d\d:\d\d:\d\d 30 {4}request {2}.*method=GET route=routes\/login status=200/,
  );
  const pretty = prettyLine(lines[1] ?? "");
  expect(pretty).toContain("request failed");
  expect(pretty).toMatch(/\nError: boom\n\s+at /);
});
