import { readdirSync, readFileSync } from "node:fs";
import { sql } from "kysely";
import { describe, expect, test, vi } from "vitest";
import { findPersonByEmail, type Person } from "~/models/accounts/people.server.ts";
import { listQuestions, saveAnswer } from "~/models/submissions/answers.server.ts";
import { loadSubmission } from "~/models/submissions/submissions.server.ts";
import { closeSurvey } from "~/models/surveys/lifecycle.server.ts";
import { demoAccounts } from "../db/demo-network.ts";
import { DEMO_PUBLISHED_POSITION } from "../db/demo-positions.ts";
import { seedDemoNetwork } from "../db/seed.ts";
import { openTestDb } from "./db.ts";
import { startTestApp } from "./harness.ts";
import { APP_URL, createDraft, createOpenLetter, invitationToken } from "./letters/factories.ts";
import { submission } from "./submissions/factories.ts";
import { createSurveyWithQuestions, openAndCollectTokens } from "./surveys/factories.ts";

/**
 * What a loader returns reaches the browser whatever the page shows of it. Every route a member, a
 * leader or an anonymous visitor may open is loaded as each of them over the demo network, with
 * secrets planted in the staff-only columns, and nothing staff-only may be in the answer: internal
 * notes, draft text, names of staff, other organisations' email addresses, token hashes, audit
 * fields. The route list is app/routes itself, so a new route fails here until it is placed below.
 */

type Viewer = "anonymous" | "member" | "leader";
const everyone: Viewer[] = ["anonymous", "member", "leader"];
const signedIn: Viewer[] = ["member", "leader"];

interface Fixtures {
  publishedSlug: string;
  submissionSlug: string;
  letterSlug: string;
  letterToken: string;
  surveyId: number;
  surveyToken: string;
}

/** Where each route file is reached and who may reach it; a route nobody outside staff reaches has []. */
const routes: Record<string, { path: (f: Fixtures) => string; reach: Viewer[]; status?: number }> = {
  "_index.tsx": { path: () => "/", reach: everyone },
  "account.tsx": { path: () => "/account", reach: signedIn },
  // Anyone signed in may add a second factor; the page holds their own passkey options only.
  "account_.security.tsx": { path: () => "/account/security", reach: signedIn },
  "admin.audit.tsx": { path: () => "/admin/audit", reach: [] },
  "admin.audit[.csv].ts": { path: () => "/admin/audit.csv", reach: [] },
  "admin.outbox.tsx": { path: () => "/admin/outbox", reach: [] },
  "admin.security.tsx": { path: () => "/admin/security", reach: [] },
  "campaign-links.new.tsx": { path: (f) => `/campaign-links/new?kind=survey&item=${f.surveyId}`, reach: [] },
  "campaign.$slug.tsx": { path: () => "/campaign/vat-on-shared-services", reach: everyone },
  "campaigns.$slug.tsx": { path: () => "/campaigns/vat-on-shared-services", reach: [] },
  "campaigns.$slug_.edit.tsx": { path: () => "/campaigns/vat-on-shared-services/edit", reach: [] },
  "campaigns.$slug_.link.tsx": { path: () => "/campaigns/vat-on-shared-services/link", reach: [] },
  "campaigns.$slug_.outcome.tsx": { path: () => "/campaigns/vat-on-shared-services/outcome", reach: [] },
  "campaigns._index.tsx": { path: () => "/campaigns", reach: [] },
  "campaigns.new.tsx": { path: () => "/campaigns/new", reach: [] },
  "c.$slug.tsx": { path: (f) => `/c/${f.submissionSlug}`, reach: everyone },
  "c._index.tsx": { path: () => "/c", reach: everyone },
  "consultations.$id._index.tsx": { path: () => "/consultations/1", reach: [] },
  "consultations.$id.edit.tsx": { path: () => "/consultations/1/edit", reach: [] },
  "consultations.$id.tsx": { path: () => "/consultations/1", reach: [] },
  "consultations._index.tsx": { path: () => "/consultations", reach: [] },
  "consultations.deadlines.tsx": { path: () => "/consultations/deadlines", reach: [] },
  "consultations.new.tsx": { path: () => "/consultations/new", reach: [] },
  "consultations.sources.tsx": { path: () => "/consultations/sources", reach: [] },
  "consultations.topics.tsx": { path: () => "/consultations/topics", reach: [] },
  // Demo mode only (the app under test has an SMTP_URL, as production does).
  "dev.mailbox.tsx": { path: () => "/dev/mailbox", reach: [] },
  "dev.mailbox[.json].ts": { path: () => "/dev/mailbox.json", reach: [] },
  "dev.mailbox_.$id[.html].ts": { path: () => "/dev/mailbox/1.html", reach: [] },
  "directory.$organisationId._index.tsx": { path: () => "/directory/1", reach: [] },
  "directory.$organisationId.edit.tsx": { path: () => "/directory/1/edit", reach: [] },
  "directory.$organisationId.people.new.tsx": { path: () => "/directory/1/people/new", reach: [] },
  "directory.$organisationId.tsx": { path: () => "/directory/1", reach: [] },
  "directory._index.tsx": { path: () => "/directory", reach: [] },
  "directory.export[.csv].ts": { path: () => "/directory/export.csv", reach: [] },
  "directory.new.tsx": { path: () => "/directory/new", reach: [] },
  "directory.people.$personId._index.tsx": { path: () => "/directory/people/1", reach: [] },
  "directory.people.$personId.edit.tsx": { path: () => "/directory/people/1/edit", reach: [] },
  "directory.people.$personId.export[.json].ts": { path: () => "/directory/people/1/export.json", reach: [] },
  "directory.people.$personId.tsx": { path: () => "/directory/people/1", reach: [] },
  "evidence.$id.tsx": { path: () => "/evidence/1", reach: [] },
  "evidence._index.tsx": { path: () => "/evidence", reach: [] },
  "evidence.new.tsx": { path: () => "/evidence/new", reach: [] },
  "evidence.tsx": { path: () => "/evidence", reach: [] },
  "healthz.ts": { path: () => "/healthz", reach: everyone },
  "readyz.ts": { path: () => "/readyz", reach: everyone },
  // Only its action does anything (the language switch); opening it sends the reader home.
  "language.tsx": { path: () => "/language", reach: everyone },
  "imports.$importId.tsx": { path: () => "/imports/1", reach: [] },
  "imports._index.tsx": { path: () => "/imports", reach: [] },
  "imports.template[.csv].ts": { path: () => "/imports/template.csv", reach: [] },
  "letters.$slug.tsx": { path: (f) => `/letters/${f.letterSlug}`, reach: everyone },
  "letters.$slug_.sign.tsx": {
    path: (f) => `/letters/${f.letterSlug}/sign?token=${f.letterToken}`,
    reach: everyone,
  },
  "letters._index.tsx": { path: () => "/letters", reach: everyone },
  "login.tsx": { path: () => "/login", reach: everyone },
  "login_.second-factor.tsx": { path: () => "/login/second-factor", reach: [] },
  "login_.sent.tsx": { path: () => "/login/sent", reach: everyone },
  "login_.verify.tsx": { path: () => "/login/verify", reach: everyone, status: 400 },
  "logout.tsx": { path: () => "/logout", reach: everyone },
  "manage.letters.$id._index.tsx": { path: () => "/manage/letters/1", reach: [] },
  "manage.letters.$id.deliver.tsx": { path: () => "/manage/letters/1/deliver", reach: [] },
  "manage.letters.$id.documents.$kind.ts": { path: () => "/manage/letters/1/documents/pdf", reach: [] },
  // A member reaches only their own organisation's files (test/surveys/conditions-files.test.ts);
  // the demo network holds none, so every viewer here is refused.
  "files.$id.ts": { path: () => "/files/1", reach: [] },
  "evidence.upload.tsx": { path: () => "/evidence/upload", reach: [] },
  "surveys.$id.files.$questionId.tsx": { path: (f) => `/surveys/${f.surveyId}/files/1`, reach: [] },
  "manage.letters.$id.edit.tsx": { path: () => "/manage/letters/1/edit", reach: [] },
  "manage.letters.$id.open.tsx": { path: () => "/manage/letters/1/open", reach: [] },
  "manage.letters.$id.tsx": { path: () => "/manage/letters/1", reach: [] },
  "manage.letters.$id.welsh.tsx": { path: () => "/manage/letters/1/welsh", reach: [] },
  "manage.letters._index.tsx": { path: () => "/manage/letters", reach: [] },
  "manage.letters.new.tsx": { path: () => "/manage/letters/new", reach: [] },
  "network.tsx": { path: () => "/network", reach: [] },
  "organisation.tsx": { path: () => "/organisation", reach: signedIn },
  "organisation_.evidence.tsx": { path: () => "/organisation/evidence", reach: signedIn },
  "p.$slug.tsx": { path: (f) => `/p/${f.publishedSlug}`, reach: everyone },
  "p._index.tsx": { path: () => "/p", reach: everyone },
  "positions.$slug._index.tsx": { path: (f) => `/positions/${f.publishedSlug}`, reach: signedIn },
  "positions.$slug.edit.tsx": { path: (f) => `/positions/${f.publishedSlug}/edit`, reach: [] },
  "positions.$slug.tsx": { path: (f) => `/positions/${f.publishedSlug}`, reach: signedIn },
  "positions.$slug.variants.tsx": { path: (f) => `/positions/${f.publishedSlug}/variants`, reach: [] },
  "positions.$slug.versions.tsx": { path: (f) => `/positions/${f.publishedSlug}/versions`, reach: [] },
  "positions._index.tsx": { path: () => "/positions", reach: signedIn },
  "positions.new.tsx": { path: () => "/positions/new", reach: [] },
  "positions.preview.tsx": { path: () => "/positions/preview", reach: [] },
  "s.$token.$section.tsx": { path: (f) => `/s/${f.surveyToken}/1`, reach: everyone },
  "s.$token._index.tsx": { path: (f) => `/s/${f.surveyToken}`, reach: everyone },
  "s.$token.check.tsx": { path: (f) => `/s/${f.surveyToken}/check`, reach: everyone },
  "s.$token.tsx": { path: (f) => `/s/${f.surveyToken}`, reach: everyone },
  "survey-link.tsx": { path: () => "/survey-link", reach: everyone },
  "unsubscribe.tsx": { path: () => "/unsubscribe?token=1.forged", reach: everyone, status: 400 },
  // Only its action does anything; opening it sends the reader to their home.
  "surveys_.$id.answer.tsx": { path: (f) => `/surveys/${f.surveyId}/answer`, reach: everyone },
  "submissions.$id._index.tsx": { path: () => "/submissions/1", reach: [] },
  "submissions.$id.export[.docx].ts": { path: () => "/submissions/1/export.docx", reach: [] },
  "submissions.$id.export[.md].ts": { path: () => "/submissions/1/export.md", reach: [] },
  "submissions.$id.paste-pack.tsx": { path: () => "/submissions/1/paste-pack", reach: [] },
  "submissions.$id.questions.$questionId.tsx": { path: () => "/submissions/1/questions/1", reach: [] },
  "submissions.$id.record.tsx": { path: () => "/submissions/1/record", reach: [] },
  "submissions.$id.tsx": { path: () => "/submissions/1", reach: [] },
  "submissions._index.tsx": { path: () => "/submissions", reach: [] },
  "submissions.new.tsx": { path: () => "/submissions/new", reach: [] },
  "surveys.$id._index.tsx": { path: (f) => `/surveys/${f.surveyId}`, reach: [] },
  "surveys.$id.edit.tsx": { path: (f) => `/surveys/${f.surveyId}/edit`, reach: [] },
  "surveys.$id.open.tsx": { path: (f) => `/surveys/${f.surveyId}/open`, reach: [] },
  "surveys.$id.preview.tsx": { path: (f) => `/surveys/${f.surveyId}/preview`, reach: [] },
  "surveys.$id.questions.$questionId.tsx": { path: (f) => `/surveys/${f.surveyId}/questions/1`, reach: [] },
  "surveys.$id.questions.new.tsx": { path: (f) => `/surveys/${f.surveyId}/questions/new`, reach: [] },
  "surveys.$id.results.tsx": { path: (f) => `/surveys/${f.surveyId}/results`, reach: [] },
  "surveys.$id.results[.csv].ts": { path: (f) => `/surveys/${f.surveyId}/results.csv`, reach: [] },
  "surveys.$id.results_.answers.$questionId.tsx": {
    path: (f) => `/surveys/${f.surveyId}/results/answers/1`,
    reach: [],
  },
  "surveys.$id.sections.$sectionId.tsx": { path: (f) => `/surveys/${f.surveyId}/sections/1`, reach: [] },
  "surveys.$id.welsh.tsx": { path: (f) => `/surveys/${f.surveyId}/welsh`, reach: [] },
  "surveys.$id.summary.tsx": { path: (f) => `/surveys/${f.surveyId}/summary?by=nation`, reach: signedIn },
  "surveys.$id.tsx": { path: (f) => `/surveys/${f.surveyId}/summary`, reach: signedIn },
  "surveys._index.tsx": { path: () => "/surveys", reach: signedIn },
  "surveys.new.tsx": { path: () => "/surveys/new", reach: [] },
};

/** Keys that name staff-only facts wherever they appear in loader data. */
const FORBIDDEN_KEY =
  /^(author|owner|reviewer|audit|notes?$|internalNote|token$)|(Author|Owner|Reviewer)(Id|Name)?$|hash|Hash|(created|published|requested|approved|edited)By$/;

const database = await openTestDb();
const { db } = database;
// An SMTP address turns demo mode off, as in production: the dev mailbox shows every email to anyone.
const site = await startTestApp(database, { SMTP_URL: "smtp://127.0.0.1:9" });

await seedDemoNetwork(db, APP_URL);
const person = async (email: string): Promise<Person> => {
  const found = await findPersonByEmail(db, email);
  if (!found) throw new Error(`${email} is not in the demo network`);
  return found;
};
const staff = await person(demoAccounts.policy);
const admin = await person(demoAccounts.admin);
const viewers: Record<Exclude<Viewer, "anonymous">, Person> = {
  member: await person(demoAccounts.member),
  leader: await person(demoAccounts.leader),
};

const letter = await createOpenLetter(db, staff, [viewers.leader]);
// A letter still being drafted is staff work: its text must not show in any list or page.
await createDraft(db, staff, { body: "DRAFT-TEXT-0 of a letter not yet opened." });
const published = await db
  .selectFrom("positions")
  .select("slug")
  .where("title", "=", DEMO_PUBLISHED_POSITION)
  .executeTakeFirstOrThrow();

// The seeded survey, closed, has results members may read; a second one, open, gives the member a link.
const seededSurvey = await db.selectFrom("surveys").select("id").orderBy("id").executeTakeFirstOrThrow();
await closeSurvey(db, staff, seededSurvey.id);
const openSurvey = await createSurveyWithQuestions(db, staff);
const { tokens } = await openAndCollectTokens(db, staff, openSurvey.id);

/** A submission sent and published, its reviewer's comment staff-only. */
async function publishedSubmission() {
  const { id } = await submission(db, staff);
  for (const question of await listQuestions(db, id)) {
    const answer = "**Yes.** Mutuals pay VAT.";
    await saveAnswer(db, staff, {
      submissionId: id,
      questionId: question.id,
      baseVersion: question.version,
      answer,
    });
  }
  const page = `/submissions/${id}?index`;
  await site.post(
    page,
    { intent: "request-review", reviewerId: String(admin.id), message: "" },
    { as: staff },
  );
  await site.post(page, { intent: "approve", comment: "STAFF-ONLY-NOTE-0 approved" }, { as: admin });
  const sent = { intent: "mark-submitted", channel: "email", reference: "Sent", sentOn: "2026-11-20" };
  await site.post(`/submissions/${id}/record`, sent, { as: staff });
  await site.post(page, { intent: "publish" }, { as: staff });
  const { slug } = await loadSubmission(db, id);
  if (!slug) throw new Error("The submission was not published");
  return slug;
}

const fixtures: Fixtures = {
  publishedSlug: published.slug,
  submissionSlug: await publishedSubmission(),
  letterSlug: letter.slug,
  letterToken: await invitationToken(db, demoAccounts.leader),
  surveyId: seededSurvey.id,
  surveyToken: tokens.get(demoAccounts.member) ?? "",
};

// Secrets planted where only staff may look: each one found in an answer is a leak.
await sql`update position_versions set note = 'STAFF-ONLY-NOTE-' || id`.execute(db);
await sql`update position_versions v set body = 'DRAFT-TEXT-' || v.id || E'\n\n' || v.body
  where not exists (select 1 from positions p where p.published_version_id = v.id)`.execute(db);
await sql`update people set name = 'STAFF-NAME-' || id where role in ('staff', 'admin')`.execute(db);

/** Every stored hash or token: none may reach a browser, whoever is looking. */
async function storedSecrets(): Promise<string[]> {
  const columns = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and data_type = 'text'
      and (column_name like '%hash%' or column_name like '%token%')`.execute(db);
  const values: string[] = [];
  for (const { table_name, column_name } of columns.rows) {
    const rows = await sql<{ value: string | null }>`
      select ${sql.ref(column_name)} as value from ${sql.table(table_name)}`.execute(db);
    for (const row of rows.rows) if (row.value && row.value.length >= 16) values.push(row.value);
  }
  return values;
}

/** Email addresses the viewer has no business seeing: everyone's outside their own organisation. */
async function foreignEmails(viewer: Person | null): Promise<string[]> {
  const rows = await db.selectFrom("people").select(["email", "organisation_id"]).execute();
  return rows
    .filter((row) => viewer === null || row.organisation_id !== viewer.organisationId)
    .map((row) => row.email);
}

/** Staff-only keys, and numbers that disclosure control withheld yet sent along. */
function forbiddenKeys(value: unknown, path = "$"): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => forbiddenKeys(item, `${path}[${index}]`));
  if (value === null || typeof value !== "object" || value instanceof Date) return [];
  const withheld =
    "status" in value && (value.status === "small" || value.status === "hidden") && "value" in value;
  return Object.entries(value).flatMap(([key, inner]) => [
    ...(withheld && key === "value" && inner !== null ? [`${path}.value (withheld)`] : []),
    ...(FORBIDDEN_KEY.test(key) ? [`${path}.${key}`] : []),
    ...forbiddenKeys(inner, `${path}.${key}`),
  ]);
}

const routesFolder = new URL("../app/routes/", import.meta.url);
const hasLoader = (file: string) =>
  /export (async )?function loader|export const loader/.test(
    readFileSync(new URL(file, routesFolder), "utf8"),
  );

/** Single fetch's address for a page, as the browser's client asks for it. */
function dataPath(path: string) {
  const url = new URL(path, "http://x");
  url.pathname = url.pathname === "/" ? "/_root.data" : `${url.pathname}.data`;
  return url.pathname + url.search;
}

const planted = [/STAFF-ONLY-NOTE-\d+/, /DRAFT-TEXT-\d+/, /STAFF-NAME-\d+/];
const secrets = await storedSecrets();

test("every route file is in the table of who may reach it", () => {
  const files = readdirSync(routesFolder).sort();
  expect(files.filter((file) => !(file in routes))).toEqual([]);
  expect(Object.keys(routes).filter((file) => !files.includes(file))).toEqual([]);
});

test("the planted secrets are where the pages would find them", async () => {
  const answer = await site.get(dataPath(`/positions/${fixtures.publishedSlug}`), { as: staff });
  expect(answer.status).toBe(200);
  expect(answer.text).toMatch(/STAFF-ONLY-NOTE-\d+/);
  expect(secrets.length).toBeGreaterThan(100);
});

test("a layout and its page refusing the same request answer once, with nothing logged", async () => {
  const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
  try {
    for (const path of ["/consultations/1", "/directory/1", "/directory/people/1"]) {
      expect((await site.load(path, { as: viewers.member })).status).toBeGreaterThanOrEqual(400);
    }
    expect(logged.mock.calls.flat().map(String)).toEqual([]);
  } finally {
    logged.mockRestore();
  }
});

describe.each(["anonymous", "member", "leader"] as const)("loader data for %s", (viewer) => {
  const as = viewer === "anonymous" ? null : viewers[viewer];
  test.each(Object.entries(routes))("%s", async (file, route) => {
    const path = route.path(fixtures);
    const page = file.endsWith(".tsx");
    const answer = page ? await site.load(path, { as }) : await site.get(path, { as });
    // Every loader's data as it goes over the wire, the root's included: what a look at the network tab shows.
    const { text } = page ? await site.get(dataPath(path), { as }) : answer;
    if (route.reach.includes(viewer)) {
      // Served, so the checks below look at real data and not at an error page.
      if (route.status) expect(answer.status).toBe(route.status);
      else expect(answer.status, `${path} answered ${answer.status}`).toBeLessThan(400);
    } else if (hasLoader(file)) {
      // Refused or sent elsewhere (sign in), never served.
      expect(answer.status, `${path} answered ${answer.status}`).toBeGreaterThanOrEqual(300);
    }
    for (const pattern of planted) expect(text, `${path} holds ${pattern}`).not.toMatch(pattern);
    expect(forbiddenKeys(answer.data), path).toEqual([]);
    const leaked = [...secrets, ...(await foreignEmails(as))].filter((secret) => text.includes(secret));
    expect(leaked, `${path} holds stored secrets or others' addresses`).toEqual([]);
  });
});
