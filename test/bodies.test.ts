import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { createPerson } from "~/models/accounts/people.server.ts";
import { loadSurveyContent } from "~/models/surveys/surveys.server.ts";
import { FORM_MAX_BYTES } from "~/utils/form-body.server.ts";
import { uniqueEmail } from "./context.ts";
import { openTestDb } from "./db.ts";
import { startTestApp } from "./harness.ts";
import {
  createMemberOrg,
  createStaff,
  createSurveyWithQuestions,
  openAndCollectTokens,
} from "./surveys/factories.ts";

const database = await openTestDb();
const { db } = database;
const site = await startTestApp(database);
const staff = await createStaff(db);
const admin = await createPerson(db, null, {
  email: uniqueEmail("admin"),
  name: "Alex Morgan",
  role: "admin",
});

const MB = 1024 * 1024;
/** A 64 MB urlencoded form: what took the server's memory up by ~800 MB when read whole. */
const huge = `email=${"a".repeat(64 * MB)}`;

/** Rows an accepted form in this file would add; a refused body must add none. */
async function rowCounts() {
  const tables = [
    "audit_log",
    "login_tokens",
    "email_outbox",
    "organisations",
    "directory_imports",
    "survey_answers",
    "survey_responses",
  ] as const;
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

const surveyPage = async () => {
  await createMemberOrg(db, { serviceArea: "culture" });
  const survey = await createSurveyWithQuestions(db, staff, { serviceAreas: ["culture"] });
  const { tokens } = await openAndCollectTokens(db, staff, survey.id);
  const [first] = await loadSurveyContent(db, survey.id);
  const question = first?.questions[0];
  const token = [...tokens.values()][0];
  if (!question || !token) throw new Error("survey");
  return { path: `/s/${token}/1`, field: `q${question.id}` };
};

describe("bodies", () => {
  test("a 64 MB body is a 413 on sign-in, a staff page, a survey page and the import upload; nothing is written", async () => {
    const survey = await surveyPage();
    const before = await rowCounts();
    expect((await site.post("/login", huge)).status).toBe(413);
    expect((await site.post("/directory/new", huge, { as: staff })).status).toBe(413);
    expect((await site.post(survey.path, huge)).status).toBe(413);
    const upload = new FormData();
    upload.append("file", new Blob([new Uint8Array(64 * MB)], { type: "text/csv" }), "members.csv");
    const imported = await site.post("/imports?index", upload, { as: staff });
    expect(imported.status).toBe(413);
    expect(imported.data).toMatchObject({ errors: { file: expect.stringMatching(/larger than 10 MB/) } });
    expect(await rowCounts()).toEqual(before);
  });

  test("a body just over 1 MiB is a 413, sent chunked with no length too", async () => {
    const over = `email=${"a".repeat(FORM_MAX_BYTES)}`;
    expect((await site.post("/login", over)).status).toBe(413);
    const bytes = new TextEncoder().encode(over);
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 64 * 1024)
          controller.enqueue(bytes.slice(at, at + 64 * 1024));
        controller.close();
      },
    });
    const answer = await site.post("/login", chunked, {
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(answer.status).toBe(413);
  });

  test("JSON, XML, text, no content type and broken multipart are a 400 or 415; nothing is written", async () => {
    const survey = await surveyPage();
    const before = await rowCounts();
    const notForms: [string, Record<string, string>][] = [
      ['{"email":"a@example.org"}', { "Content-Type": "application/json" }],
      ["<email>a@example.org</email>", { "Content-Type": "application/xml" }],
      ["email=a@example.org", { "Content-Type": "text/plain" }],
      ["email=a@example.org", { "Content-Type": "" }],
      [
        '--x\r\nContent-Disposition: form-data; name="email"\r\n\r\na',
        { "Content-Type": "multipart/form-data; boundary=x" },
      ],
      ["email=a", { "Content-Type": "multipart/form-data" }],
    ];
    for (const [body, headers] of notForms) {
      for (const [where, as] of [
        ["/login", null],
        ["/directory/new", staff],
        [survey.path, null],
        ["/imports?index", staff],
      ] as const) {
        const answer = await site.post(where, body, { as, headers });
        expect([400, 415], `${where} ${headers["Content-Type"]}: ${answer.status}`).toContain(answer.status);
      }
    }
    expect(await rowCounts()).toEqual(before);
  });

  test("a form still works: sign-in and a survey page read their fields", async () => {
    const survey = await surveyPage();
    expect((await site.post("/login", { email: uniqueEmail("someone") })).status).toBeLessThan(400);
    expect((await site.post(survey.path, { version: "0", [survey.field]: "health" })).status).toBe(303);
  });

  test("every route with an action answers a non-form and an oversized body with a 4xx, never a 5xx", async () => {
    const actions = routesWithActions();
    expect(actions.length).toBeGreaterThan(40);
    const oversized = `x=${"a".repeat(2 * MB)}`;
    const staffCookie = await site.signIn(admin);
    const failures: string[] = [];
    for (const url of actions) {
      for (const cookie of ["", staffCookie]) {
        for (const [label, body, type] of [
          ["json", '{"intent":"save"}', "application/json"],
          ["no content type", "intent=save", ""],
          ["oversized", oversized, "application/x-www-form-urlencoded"],
        ] as const) {
          const status = await postAlone(dataUrl(url), body, { "Content-Type": type, Cookie: cookie });
          if (typeof status !== "number" || status >= 500)
            failures.push(`${url} ${label} as ${cookie ? "staff" : "anonymous"}: ${status}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // Some 260 real requests on a shared machine.
  }, 240_000);
});

/** Single fetch's address for an action, as Remix's <Form> posts it. */
function dataUrl(url: string): string {
  const [pathname = "/", query] = url.split("?");
  return `${pathname.replace(/\/$/, "")}.data${query === undefined ? "" : `?${query}`}`;
}

/**
 * One POST on a connection of its own, closed after the answer: an action that answers before
 * reading the body (a sign-in redirect, a 404) leaves the body unread, and a later request on the
 * same kept-alive connection would see that, not this one. The status, or what went wrong.
 */
function postAlone(url: string, body: string, headers: Record<string, string>): Promise<number | string> {
  return new Promise((resolve) => {
    const request = http.request(
      new URL(url, site.url),
      {
        method: "POST",
        agent: false,
        headers: {
          ...headers,
          // msw stops outside requests; this one goes to the app itself.
          Accept: "msw/passthrough",
          Origin: site.url,
          Connection: "close",
          "Content-Length": Buffer.byteLength(body),
        },
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? "no status");
      },
    );
    // The server may answer and close before taking the whole body: the answer is what counts.
    request.on("error", (error) => resolve(String(error)));
    request.end(body);
  });
}

/**
 * The address of every route module in app/routes that exports an action, by Remix's flat-route
 * naming: params get an id that may not exist (a 404 is fine, a 5xx is not), pathless and index
 * segments drop out, `[.]` escapes are kept literally and an index route is posted with `?index`.
 */
function routesWithActions(): string[] {
  const dir = path.resolve("app/routes");
  const urls: string[] = [];
  for (const file of readdirSync(dir)) {
    const source = readFileSync(path.join(dir, file), "utf8");
    if (!/export (async function|const) action\b/.test(source)) continue;
    const name = file.replace(/\.tsx?$/, "");
    const segments = name.match(/(\[[^\]]*\]|[^.])+/g) ?? [];
    const parts: string[] = [];
    for (const segment of segments) {
      if (segment === "_index" || segment.startsWith("_")) continue;
      const plain = segment.replace(/_$/, "").replace(/\[([^\]]*)\]/g, "$1");
      parts.push(plain.startsWith("$") ? "1" : plain);
    }
    const url = `/${parts.join("/")}`.replace(/\/\.(\w+)$/, ".$1");
    urls.push(name.endsWith("_index") ? `${url}?index` : url);
  }
  return urls;
}
