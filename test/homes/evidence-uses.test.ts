import { expect, test } from "vitest";
import { closeSurvey } from "~/models/surveys/lifecycle.server.ts";
import { openTestDb } from "../db.ts";
import { citeSurvey } from "./cite-survey.ts";
import { startTestApp } from "../harness.ts";
import { submission } from "../submissions/factories.ts";
import {
  createMemberOrg,
  createStaff,
  createSurveyWithQuestions,
  openAndCollectTokens,
} from "../surveys/factories.ts";

const database = await openTestDb();
const { db } = database;
const site = await startTestApp(database);
const staff = await createStaff(db);

/** An organisation invited to the survey, marked as having responded (or not). */
async function invitedOrganisation(serviceArea: "libraries" | "housing" | "leisure", responded: boolean) {
  const org = await createMemberOrg(db, { serviceArea });
  const [member] = org.people;
  if (!member) throw new Error("member");
  return { ...org, member, responded };
}

test("a sent submission citing a survey shows on the home of each organisation that responded, and only theirs", async () => {
  const survey = await createSurveyWithQuestions(db, staff, {
    mode: "person",
    anonymity: "anonymous",
    disclosureThreshold: "3",
    serviceAreas: ["libraries", "housing"],
  });
  const answered = await invitedOrganisation("libraries", true);
  const silent = await invitedOrganisation("housing", false);
  await openAndCollectTokens(db, staff, survey.id);
  await db
    .updateTable("survey_invitations")
    .set({ responded: true })
    .where("organisation_id", "=", answered.organisation.id)
    .execute();
  await closeSurvey(db, staff, survey.id);

  const sent = await submission(db, staff);
  const consultation = await db
    .selectFrom("consultations")
    .select("title")
    .where("id", "=", sent.consultationId)
    .executeTakeFirstOrThrow();
  await citeSurvey(db, survey.id, { type: "submission", id: sent.id });
  const before = await site.get("/organisation", { as: answered.member });
  expect(before.text).toContain("Where your evidence was used");
  expect(before.text).not.toContain(consultation.title);

  await db
    .updateTable("submissions")
    .set({
      state: "submitted",
      slug: `vat-${sent.id}`,
      published_at: new Date(),
      approved_at: new Date(),
      frozen_network: JSON.stringify({ asOf: "2026-11-19", members: 3, staff: 360, publicIncomeGbp: 3000 }),
    })
    .where("id", "=", sent.id)
    .execute();
  await db
    .insertInto("submission_records")
    .values({ submission_id: sent.id, channel: "email", sent_at: new Date("2026-11-20T10:00:00Z") })
    .execute();
  await db
    .insertInto("submission_outcomes")
    .values({
      submission_id: sent.id,
      note: "The Treasury will consult on a zero rate.",
      response_on: "2026-11-30",
    })
    .execute();

  for (const path of ["/", "/organisation", "/organisation/evidence"]) {
    const page = (await site.get(path, { as: answered.member })).text.replaceAll("<!-- -->", "");
    expect(page, path).toContain(`href="/c/vat-${sent.id}"`);
    expect(page, path).toMatch(
      new RegExp(
        `Consultation response: <a[^>]*>${consultation.title}</a>, to UK Government, sent on 20 November 2026\\. Outcome: The Treasury will consult on a zero rate\\.`,
      ),
    );
    // Anonymous survey: nothing about answers, only that the organisation's evidence went into it.
    expect(page, path).not.toMatch(/58%|your answer was|you answered/i);
  }
  for (const path of ["/", "/organisation", "/organisation/evidence"]) {
    expect((await site.get(path, { as: silent.member })).text, path).not.toContain(consultation.title);
  }
  expect((await site.get("/organisation/evidence", { as: staff })).status).toBe(403);
});

test("a published position citing the survey, and a delivered letter the organisation signed, are listed too", async () => {
  const survey = await createSurveyWithQuestions(db, staff, {
    mode: "organisation",
    serviceAreas: ["leisure"],
  });
  const org = await invitedOrganisation("leisure", true);
  await openAndCollectTokens(db, staff, survey.id);
  await db
    .updateTable("survey_invitations")
    .set({ responded: true })
    .where("survey_id", "=", survey.id)
    .execute();

  const position = await db
    .insertInto("positions")
    .values({
      slug: `pensions-${survey.id}`,
      title: "Pensions that follow the staff",
      topics: JSON.stringify(["pensions"]),
      owner_id: staff.id,
      is_public: true,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const version = await db
    .insertInto("position_versions")
    .values({
      position_id: position.id,
      number: 1,
      title: "Pensions that follow the staff",
      summary: "",
      body: "Text",
      author_id: staff.id,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .updateTable("positions")
    .set({
      state: "published",
      current_version_id: version.id,
      approved_version_id: version.id,
      published_version_id: version.id,
      published_at: new Date("2026-11-10T09:00:00Z"),
    })
    .where("id", "=", position.id)
    .execute();
  await citeSurvey(db, survey.id, { type: "position_version", id: version.id });

  const letter = await db
    .insertInto("letters")
    .values({
      slug: `fair-funding-${survey.id}`,
      title: "Fair funding for mutuals",
      addressee: "The Chancellor",
      body_markdown: "Dear Chancellor",
      state: "delivered",
      delivered_at: new Date("2026-11-25T09:00:00Z"),
      opened_at: new Date(),
      closed_at: new Date(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const signature = await db
    .insertInto("letter_signatures")
    .values({
      letter_id: letter.id,
      organisation_id: org.organisation.id,
      person_id: org.member.id,
      signer_name: org.member.name,
      organisation_name: org.organisation.name,
      via: "session",
      form_key: "k-1",
      link_origin: "http://localhost",
      confirmation_queued_at: new Date(),
    })
    .returning(["id", "signed_at"])
    .executeTakeFirstOrThrow();
  await db
    .insertInto("letter_final_signatories")
    .values({
      letter_id: letter.id,
      position: 1,
      signature_id: signature.id,
      person_id: org.member.id,
      signer_name: org.member.name,
      organisation_name: org.organisation.name,
      staff_count: 120,
      signed_at: signature.signed_at,
    })
    .execute();

  const page = (await site.get("/organisation/evidence", { as: org.member })).text.replaceAll("<!-- -->", "");
  expect(page).toMatch(
    /Open letter you signed: <a[^>]*href="\/letters\/fair-funding-\d+"[^>]*>Fair funding for mutuals<\/a>, to The Chancellor, delivered on 25 November 2026\./,
  );
  expect(page).toMatch(
    /Policy position: <a[^>]*href="\/p\/pensions-\d+"[^>]*>Pensions that follow the staff<\/a>, published on 10 November 2026\./,
  );
  // Newest first.
  expect(page.indexOf("Fair funding")).toBeLessThan(page.indexOf("Pensions that follow"));
});
