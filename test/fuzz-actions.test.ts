import { appendFileSync } from "node:fs";
import { expect, test } from "vitest";
import { createCampaign } from "~/models/campaigns/campaigns.server.ts";
import { previewImport } from "~/models/directory/imports.server.ts";
import { loadSurveyContent } from "~/models/surveys/surveys.server.ts";
import { openTestDb } from "./db.ts";
import { encode, IMPORT_HEADER, makeMember, makeOrganisation, makeStaff } from "./directory-factories.ts";
import { bodiesForIntents, bodiesForRoute, bodiesFromForms, formsOf, type FuzzBody } from "./fuzz/bodies.ts";
import { actionRoutes, fillPattern, type ActionRoute } from "./fuzz/routes.ts";
import { startTestApp } from "./harness.ts";
import { createDraft, createOpenLetter, invitationToken } from "./letters/factories.ts";
import { figure, newPosition } from "./positions-fixtures.ts";
import { consultation, submission } from "./submissions/factories.ts";
import { createMemberOrg, createSurveyWithQuestions, openAndCollectTokens } from "./surveys/factories.ts";

/**
 * Every form action, found from app/routes, gets malformed bodies as an anonymous visitor, a member
 * and staff: any 5xx fails the test with the route, the role and the body. A route whose address has
 * a `$param` no fixture below fills fails too: add one row of its kind here.
 */

const database = await openTestDb();
const { db } = database;
const site = await startTestApp(database);

const staff = await makeStaff(db, "admin");
const { organisation: memberOrg } = await createMemberOrg(db, { serviceArea: "culture" });
const member = await makeMember(db, memberOrg.id, { isLeader: true, name: "Leah Leader" });
const organisation = await makeOrganisation(db);
const person = await makeMember(db, organisation.id);
const draftSurvey = await createSurveyWithQuestions(db, staff);
const [firstSection] = await loadSurveyContent(db, draftSurvey.id);
const openSurvey = await createSurveyWithQuestions(db, staff, { serviceAreas: ["culture"] });
const surveyToken = [...(await openAndCollectTokens(db, staff, openSurvey.id)).tokens.values()][0];
const position = await newPosition(db, staff);
const evidence = await figure(db, staff);
const radarItem = await consultation(db);
const draftSubmission = await submission(db, staff);
const submissionQuestion = await db
  .selectFrom("submission_questions")
  .select("id")
  .where("submission_id", "=", draftSubmission.id)
  .executeTakeFirstOrThrow();
const draftLetter = await createDraft(db, staff);
const campaign = await createCampaign(db, staff, {
  name: "Fuzz campaign",
  ask: "Answer malformed forms without a 500.",
  ownerId: staff.id,
  targets: ["uk_government"],
  topics: ["vat"],
});
const openLetter = await createOpenLetter(db, staff, [member]);
const letterToken = await invitationToken(db, member.email);
const preview = await previewImport(db, staff, {
  fileName: "members.csv",
  bytes: encode(`${IMPORT_HEADER}\r\nFuzz Mutual CIC,CIC,Leisure,,10,1000,active,2020-01-01,,,,`),
});
if (!firstSection || !surveyToken || !preview.ok) throw new Error("fuzz fixtures");

/** One real row for each parameter, keyed by the address up to it (`$id` differs by prefix). */
const fixtures: Record<string, string | number> = {
  "/campaigns/$slug": campaign.slug,
  "/consultations/$id": radarItem.id,
  "/directory/$organisationId": organisation.id,
  "/directory/people/$personId": person.id,
  "/evidence/$id": evidence.id,
  "/imports/$importId": preview.importId,
  "/letters/$slug": openLetter.slug,
  "/manage/letters/$id": draftLetter.id,
  "/positions/$slug": position.slug,
  "/s/$token": surveyToken,
  "/s/$token/$section": 1,
  "/submissions/$id": draftSubmission.id,
  "/submissions/$id/questions/$questionId": submissionQuestion.id,
  "/surveys/$id": draftSurvey.id,
  "/surveys/$id/questions/$questionId": firstSection.questions[0]?.id ?? 0,
  "/surveys/$id/files/$questionId": firstSection.questions[0]?.id ?? 0,
  "/surveys/$id/sections/$sectionId": firstSection.id,
};
/** Query strings some actions read beside their body (a leader's personal signing link). */
const queries: Record<string, string> = { "/letters/$slug/sign": `token=${letterToken}` };
/** A real id of another kind than any page's own: what a "foreign id" body sends in every field. */
const foreignId = openSurvey.id;

const roles = [
  { name: "anonymous", person: null },
  { name: "member", person: member },
  { name: "staff", person: staff },
] as const;

interface Failure {
  route: string;
  role: string;
  body: string;
  status: number;
  text: string;
}

async function send(path: string, body: FuzzBody, cookie: string | null, reloadDocument: boolean) {
  const headers: Record<string, string> = cookie ? { Cookie: cookie } : {};
  if (body.kind === "fields") return site.post(path, body.fields, { headers, reloadDocument });
  if (body.kind === "multipart") return site.post(path, body.form(), { headers, reloadDocument });
  if (body.contentType) {
    headers["Content-Type"] = body.contentType;
    return site.post(path, body.body, { headers, reloadDocument });
  }
  // A stream is sent with no Content-Type at all (a string would be labelled a form).
  return site.post(path, new Blob([body.body]).stream(), { headers, reloadDocument });
}

const describeBody = (body: FuzzBody) => {
  const shown =
    body.kind === "fields" ? JSON.stringify(body.fields) : body.kind === "raw" ? body.body : "(multipart)";
  return `${body.label}: ${shown.length > 300 ? `${shown.slice(0, 300)}… (${shown.length} chars)` : shown}`;
};

async function fuzzRoute(route: ActionRoute, path: string, counts: { requests: number }): Promise<Failure[]> {
  // The page's own forms, as staff see them (an index route's page is its address without ?index).
  const page = await site.get(path.replace(/[?&]index$/, "").replace("?index&", "?"), {
    // A session of its own: another route's "sign out everywhere else" ended any earlier one.
    headers: { Cookie: await site.signIn(staff) },
  });
  const fromForms = page.status === 200 ? bodiesFromForms(formsOf(page.text)) : [];
  if (process.env.FUZZ_PROGRESS)
    appendFileSync(
      process.env.FUZZ_PROGRESS,
      `${path}: page ${page.status}, ${fromForms.length} bodies from its forms\n`,
    );
  const bodies = [
    ...fromForms,
    ...bodiesForIntents([...route.intents, "not-a-real-intent", null], route.fields, foreignId),
    ...bodiesForRoute(route.fields, route.intents),
  ];
  // A session of its own per route: a sign-out or "sign out everywhere else" body ends only it.
  const sessions = await Promise.all(
    roles.map(async (role) => ({
      role: role.name,
      cookie: role.person ? await site.signIn(role.person) : null,
    })),
  );
  const jobs = sessions.flatMap((session) => bodies.map((body, n) => ({ ...session, body, n })));
  const failures: Failure[] = [];
  // A few at a time: enough to keep the server busy while one waits on the database.
  const worker = async () => {
    for (let job = jobs.shift(); job; job = jobs.shift()) {
      const { role, cookie, body, n } = job;
      // One body in four as a browser without JavaScript sends it (the document answer).
      const answer = await send(path, body, cookie, n % 4 === 3).catch((error: unknown) => ({
        status: 0,
        text: `no answer: ${String(error)} ${error instanceof Error ? String(error.cause) : ""}`,
      }));
      counts.requests += 1;
      if ((answer.status >= 500 || answer.status === 0) && process.env.FUZZ_PROGRESS)
        appendFileSync(process.env.FUZZ_PROGRESS, `  ${answer.status} as ${role}: ${describeBody(body)}\n`);
      if (answer.status >= 500 || answer.status === 0)
        failures.push({
          route: route.file,
          role,
          body: describeBody(body),
          status: answer.status,
          text: answer.text.slice(0, 200),
        });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return failures;
}

test("no form action answers a malformed body with a 5xx, whoever sends it", async () => {
  const routes = actionRoutes();
  expect(routes.length).toBeGreaterThan(40);
  const unfilled = routes.flatMap((route) => {
    const filled = fillPattern(route.pattern, fixtures);
    return filled.missing === null
      ? []
      : [`${route.file}: add a fixture for ${filled.missing} in test/fuzz-actions.test.ts`];
  });
  expect(unfilled, "routes with parameters no fixture fills").toEqual([]);

  const counts = { requests: 0 };
  const failures: Failure[] = [];
  const started = Date.now();
  for (const route of routes) {
    const { path } = fillPattern(route.pattern, fixtures);
    if (path === null) continue;
    const query = [route.index ? "index" : "", queries[route.pattern] ?? ""].filter(Boolean).join("&");
    const before = { at: Date.now(), requests: counts.requests };
    failures.push(...(await fuzzRoute(route, query ? `${path}?${query}` : path, counts)));
    // FUZZ_PROGRESS=file: one line per route as it finishes, to find a slow or stuck one.
    if (process.env.FUZZ_PROGRESS)
      appendFileSync(
        process.env.FUZZ_PROGRESS,
        `${route.file}: ${counts.requests - before.requests} requests, ${Date.now() - before.at} ms\n`,
      );
  }
  console.info(
    `fuzz: ${routes.length} routes, ${counts.requests} requests over ${roles.length} roles, ` +
      `${failures.length} answered 5xx, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  const report = failures.map((f) => `${f.status} ${f.route} as ${f.role}\n  ${f.body}\n  → ${f.text}`);
  expect(report, report.join("\n")).toEqual([]);
}, 600_000);
