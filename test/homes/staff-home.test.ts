import { describe, expect, test } from "vitest";
import { requestReview } from "~/models/positions/lifecycle.server.ts";
import { requestSubmissionReview } from "~/models/submissions/lifecycle.server.ts";
import { signLetter } from "~/models/letters/signing.server.ts";
import { saveSection, submitResponse } from "~/models/surveys/answering.server.ts";
import { accessByToken } from "~/models/surveys/links.server.ts";
import { loadSurveyContent } from "~/models/surveys/surveys.server.ts";
import { londonDay } from "~/utils/london-time.ts";
import { emptyAnswer } from "~/utils/survey-answers.ts";
import { openTestDb } from "../db.ts";
import { startTestApp } from "../harness.ts";
import { createOpenLetter, createOrgWithLeader, formKey } from "../letters/factories.ts";
import { memberPerson, newPosition, staffPerson } from "../positions-fixtures.ts";
import { consultation, submission } from "../submissions/factories.ts";
import {
  APP_URL,
  createMemberOrg,
  createSurveyWithQuestions,
  openAndCollectTokens,
} from "../surveys/factories.ts";

const database = await openTestDb();
const { db } = database;
const site = await startTestApp(database);
const me = await staffPerson(db, "Priya Shah");
const colleague = await staffPerson(db, "Alex Morgan", "admin");

const inDays = (days: number) => londonDay(new Date(Date.now() + days * 86_400_000));
const home = async (person: { id: number }) => {
  const page = await site.get("/", { as: person });
  expect(page.status).toBe(200);
  return page.text;
};
/** The text of one part of the queue, by its heading, so an item is checked in the right list. */
const part = (html: string, heading: string) => {
  const start = html.indexOf(`>${heading}</h3>`);
  expect(start, heading).toBeGreaterThan(-1);
  // React marks where adjacent text pieces meet; the reader sees one sentence.
  return html.slice(start, html.indexOf("</section>", start)).replaceAll("<!-- -->", "");
};

describe("staff home: the work queue", () => {
  test("says plainly when each list is empty; members get no queue", async () => {
    const html = await home(me);
    expect(html).toContain("Your work queue");
    expect(part(html, "Waiting for your review")).toContain("Nothing is waiting for your review.");
    expect(part(html, "Your drafts")).toContain("You have no drafts in progress.");
    expect(part(html, "Internal deadlines in the next 14 days")).toContain("No adopted consultation");
    expect(part(html, "Open surveys")).toContain("No survey is open.");
    expect(part(html, "Open letters")).toContain("No letter is open for signatures.");
    expect(html).not.toContain("Radar syncs that failed");
    expect(await home(await memberPerson(db))).not.toContain("Your work queue");
  });

  test("reviews waiting for me, my drafts and near internal deadlines link to the thing", async () => {
    const mine = await newPosition(db, me, { title: "Pensions for transferred staff" });
    const theirs = await newPosition(db, colleague, { title: "Commissioning for social value" });
    await requestReview(
      db,
      colleague,
      { positionId: theirs.id, reviewerId: me.id, message: "" },
      { appUrl: APP_URL },
    );
    const near = await submission(db, colleague, { internalDeadline: inDays(5), closesOn: inDays(9) });
    await requestSubmissionReview(
      db,
      colleague,
      { submissionId: near.id, reviewerId: me.id, message: "" },
      { appUrl: APP_URL },
    );
    const far = await submission(db, me, { internalDeadline: inDays(40), closesOn: inDays(50) });

    const html = await home(me);
    const review = part(html, "Waiting for your review");
    expect(review).toContain(`href="/positions/${theirs.slug}"`);
    expect(review).toContain(`href="/submissions/${near.id}"`);
    expect(review).not.toContain(mine.slug);
    const drafts = part(html, "Your drafts");
    expect(drafts).toContain(`href="/positions/${mine.slug}"`);
    expect(drafts).toContain(`href="/submissions/${far.id}"`);
    expect(drafts).not.toContain(theirs.slug);
    const due = part(html, "Internal deadlines in the next 14 days");
    expect(due).toContain(`href="/submissions/${near.id}"`);
    expect(due).not.toContain(`href="/submissions/${far.id}"`);
    // The colleague's home does not list my review as theirs.
    expect(part(await home(colleague), "Waiting for your review")).toContain("Nothing is waiting");
  });

  test("new relevant consultations count from the previous visit, and a reload keeps them", async () => {
    const before = await consultation(db, { title: "Older relevant consultation" });
    await db
      .updateTable("consultations")
      .set({ relevant: true, created_at: new Date(Date.now() - 3 * 3_600_000) })
      .where("id", "=", before.id)
      .execute();
    // The last visit began two hours ago.
    await db
      .updateTable("people")
      .set({ home_visit_at: new Date(Date.now() - 2 * 3_600_000), home_previous_visit_at: null })
      .where("id", "=", me.id)
      .execute();
    const fresh = await consultation(db, { title: "Fresh relevant consultation" });
    await db.updateTable("consultations").set({ relevant: true }).where("id", "=", fresh.id).execute();
    const irrelevant = await consultation(db, { title: "Fresh but irrelevant" });
    for (let visit = 0; visit < 2; visit++) {
      const list = part(await home(me), "New relevant consultations since your last visit");
      expect(list).toContain(`href="/consultations/${fresh.id}"`);
      expect(list).not.toContain(`href="/consultations/${before.id}"`);
      expect(list).not.toContain(`href="/consultations/${irrelevant.id}"`);
    }
  });

  test("open surveys with their response rate, open letters with signatures, failed syncs", async () => {
    const survey = await createSurveyWithQuestions(db, me, {
      mode: "organisation",
      serviceAreas: ["libraries"],
    });
    const answered = await createMemberOrg(db, { serviceArea: "libraries" });
    await createMemberOrg(db, { serviceArea: "libraries" });
    const { tokens } = await openAndCollectTokens(db, me, survey.id);
    const token = tokens.get(answered.people[0]?.email ?? "") ?? "";
    const [first, second] = await loadSurveyContent(db, survey.id);
    const [choice] = first?.questions ?? [];
    const [yesNo] = second?.questions ?? [];
    if (!first || !second || !choice || !yesNo) throw new Error("content");
    const access = await accessByToken(db, token);
    await saveSection(db, access, first, 0, [{ ...emptyAnswer(choice.id), choices: ["health"] }]);
    await saveSection(db, access, second, 0, [{ ...emptyAnswer(yesNo.id), yes: true }]);
    await submitResponse(db, access, APP_URL, token);

    const { leader } = await createOrgWithLeader(db);
    const letter = await createOpenLetter(db, me, [leader], { signatureGoal: 50 });
    await signLetter(db, {
      slug: letter.slug,
      signer: { via: "session", actor: leader },
      formKey: formKey(),
      ip: "203.0.113.7",
      appUrl: APP_URL,
    });

    const source = await db
      .insertInto("consultation_sources")
      .values({
        key: "govuk-test",
        kind: "govuk",
        name: "GOV.UK open consultations",
        base_url: "https://www.gov.uk",
        level: "national",
      })
      .returning(["id", "name"])
      .executeTakeFirstOrThrow();
    await db
      .insertInto("consultation_sync_runs")
      .values({
        source_id: source.id,
        trigger: "scheduled",
        run_date: inDays(0),
        status: "failed",
        error_message: "GOV.UK answered 503",
        error_at: new Date(),
        finished_at: new Date(),
      })
      .execute();

    const html = await home(me);
    expect(part(html, "Open surveys")).toMatch(
      new RegExp(`href="/surveys/${survey.id}"[^]*1 of 2 organisations responded \\(50%\\)`),
    );
    expect(part(html, "Open letters")).toMatch(
      new RegExp(`href="/manage/letters/${letter.id}"[^]*1 signature of 50 sought`),
    );
    expect(part(html, "Radar syncs that failed")).toContain(`${source.name}</a>: failed on`);
    expect(part(html, "Radar syncs that failed")).toContain("GOV.UK answered 503");
  });
});
