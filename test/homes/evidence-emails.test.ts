import { expect, test } from "vitest";
import { recordEvidenceUseNotices } from "~/models/evidence/notices.server.ts";
import { sendEvidenceUseEmails } from "~/models/homes/evidence-emails.server.ts";
import { markSubmitted } from "~/models/submissions/lifecycle.server.ts";
import { getMailboxMessage } from "~/models/email/mailbox.server.ts";
import { openTestDb } from "../db.ts";
import { citeSurvey } from "./cite-survey.ts";
import { withText } from "../outbox-text.ts";
import { submission } from "../submissions/factories.ts";
import {
  createMemberOrg,
  createStaff,
  createSurveyWithQuestions,
  openAndCollectTokens,
} from "../surveys/factories.ts";

const database = await openTestDb();
const { db } = database;
const staff = await createStaff(db);
const APP_URL = "https://voice.example";

/** 10:00 and 17:00 in London on 7 December 2026 (GMT), and 16:30 the next day. */
const morning = new Date("2026-12-07T10:00:00Z");
const evening = new Date("2026-12-07T17:00:00Z");
const nextAfternoon = new Date("2026-12-08T16:30:00Z");

/** A consultation response citing the survey, signed off and waiting to be marked as sent. */
async function approvedSubmissionCiting(surveyId: number) {
  const sent = await submission(db, staff);
  await citeSurvey(db, surveyId, { type: "submission", id: sent.id });
  await db
    .updateTable("submissions")
    .set({
      state: "approved",
      approved_at: new Date(),
      slug: `vat-${sent.id}`,
      published_at: new Date(),
      frozen_network: JSON.stringify({ asOf: "2026-11-19", members: 3, staff: 360, publicIncomeGbp: 3000 }),
    })
    .where("id", "=", sent.id)
    .execute();
  return sent;
}

const mark = (submissionId: number) =>
  markSubmitted(db, staff, { submissionId, channel: "email", reference: "", sentOn: "2026-12-02", note: "" });

const noticesOf = (organisationId: number) =>
  db
    .selectFrom("evidence_use_notices")
    .select(["document_kind", "document_id", "emailed_at"])
    .where("organisation_id", "=", organisationId)
    .orderBy("id")
    .execute();

const emailsTo = async (...addresses: string[]) =>
  withText(
    await db
      .selectFrom("email_outbox")
      .select(["id", "to_address", "subject", "template", "props", "text"])
      .where("template", "=", "evidence-used")
      .where("to_address", "in", addresses)
      .orderBy("id")
      .execute(),
  );

test("marking responses as submitted notes each responding organisation once, and the day's batch sends one email per active contact", async () => {
  const survey = await createSurveyWithQuestions(db, staff, {
    mode: "person",
    anonymity: "anonymous",
    disclosureThreshold: "3",
    serviceAreas: ["libraries", "housing"],
  });
  const answered = await createMemberOrg(db, { serviceArea: "libraries", contacts: 3 });
  const silent = await createMemberOrg(db, { serviceArea: "housing" });
  await openAndCollectTokens(db, staff, survey.id);
  await db
    .updateTable("survey_invitations")
    .set({ responded: true })
    .where("organisation_id", "=", answered.organisation.id)
    .execute();
  const [active, deactivated, erased] = answered.people;
  if (!active || !deactivated || !erased) throw new Error("three contacts");
  await db.updateTable("people").set({ active: false }).where("id", "=", deactivated.id).execute();
  await db.updateTable("people").set({ erased_at: new Date() }).where("id", "=", erased.id).execute();

  const first = await approvedSubmissionCiting(survey.id);
  const second = await approvedSubmissionCiting(survey.id);
  await mark(first.id);
  await mark(second.id);

  expect(await noticesOf(answered.organisation.id)).toEqual([
    { document_kind: "submission", document_id: first.id, emailed_at: null },
    { document_kind: "submission", document_id: second.id, emailed_at: null },
  ]);
  expect(await noticesOf(silent.organisation.id)).toEqual([]);

  // A retried or repeated move adds nothing.
  await expect(mark(first.id)).rejects.toThrow();
  expect(await recordEvidenceUseNotices(db, { kind: "submission", documentId: first.id })).toBe(0);
  expect(await noticesOf(answered.organisation.id)).toHaveLength(2);

  // Before the day's hour nothing goes; after it, one email for both documents.
  expect(await sendEvidenceUseEmails(db, { appUrl: APP_URL, now: morning })).toBe(0);
  expect(await emailsTo(active.email)).toEqual([]);
  await sendEvidenceUseEmails(db, { appUrl: APP_URL, now: evening });
  await sendEvidenceUseEmails(db, { appUrl: APP_URL, now: evening });
  const sent = await emailsTo(
    active.email,
    deactivated.email,
    erased.email,
    ...silent.people.map((p) => p.email),
  );
  expect(sent.map((email) => email.to_address)).toEqual([active.email]);
  const [email] = sent;
  expect(email?.subject).toBe("Your evidence was used in 2 documents");
  expect(email?.text).toContain(`Consultation response “`);
  expect(email?.text).toContain(", to UK Government, on 2 December 2026");
  expect(email?.text).toContain(`Read it: ${APP_URL}/c/vat-${first.id}`);
  expect(email?.text).toContain(`${APP_URL}/organisation/evidence`);
  // Anonymity: the email says the organisation's evidence was used, never which answer.
  const html = email ? ((await getMailboxMessage(db, email.id))?.html ?? "") : "";
  expect(html).toContain("Your evidence was used");
  for (const part of [email?.text ?? "", html]) {
    expect(part).not.toMatch(/58%|paying VAT on shared services|your answer|you answered/i);
  }
  expect((await noticesOf(answered.organisation.id)).every((notice) => notice.emailed_at !== null)).toBe(
    true,
  );
});

test("a document going out after the day's email waits for the next day's, so each person gets one a day", async () => {
  const survey = await createSurveyWithQuestions(db, staff, {
    mode: "organisation",
    serviceAreas: ["leisure"],
  });
  const org = await createMemberOrg(db, { serviceArea: "leisure" });
  const [member] = org.people;
  if (!member) throw new Error("member");
  await openAndCollectTokens(db, staff, survey.id);
  await db
    .updateTable("survey_invitations")
    .set({ responded: true })
    .where("survey_id", "=", survey.id)
    .execute();

  await mark((await approvedSubmissionCiting(survey.id)).id);
  await sendEvidenceUseEmails(db, { appUrl: APP_URL, now: evening });
  expect(await emailsTo(member.email)).toHaveLength(1);

  await mark((await approvedSubmissionCiting(survey.id)).id);
  await sendEvidenceUseEmails(db, { appUrl: APP_URL, now: evening });
  expect(await emailsTo(member.email)).toHaveLength(1);
  expect((await noticesOf(org.organisation.id)).map((notice) => notice.emailed_at !== null)).toEqual([
    true,
    false,
  ]);

  await sendEvidenceUseEmails(db, { appUrl: APP_URL, now: nextAfternoon });
  const emails = await emailsTo(member.email);
  expect(emails).toHaveLength(2);
  expect(emails[1]?.subject).toMatch(/^Your evidence was used: “/);
});

test("a published position citing the survey, and a delivered letter, note the organisations the home lists", async () => {
  const survey = await createSurveyWithQuestions(db, staff, {
    mode: "organisation",
    serviceAreas: ["health"],
  });
  const org = await createMemberOrg(db, { serviceArea: "health" });
  const [member] = org.people;
  if (!member) throw new Error("member");
  await openAndCollectTokens(db, staff, survey.id);
  await db
    .updateTable("survey_invitations")
    .set({ responded: true })
    .where("survey_id", "=", survey.id)
    .execute();
  const position = await db
    .insertInto("positions")
    .values({
      slug: `p-${survey.id}`,
      title: "Pensions",
      topics: JSON.stringify(["pensions"]),
      owner_id: staff.id,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const version = await db
    .insertInto("position_versions")
    .values({
      position_id: position.id,
      number: 1,
      title: "Pensions",
      summary: "",
      body: "Text",
      author_id: staff.id,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await citeSurvey(db, survey.id, { type: "position_version", id: version.id });
  // Cited by a draft only: nothing is published yet.
  expect(await recordEvidenceUseNotices(db, { kind: "position", documentId: position.id })).toBe(0);
  await db
    .updateTable("positions")
    .set({ state: "published", current_version_id: version.id, published_version_id: version.id })
    .where("id", "=", position.id)
    .execute();
  expect(await recordEvidenceUseNotices(db, { kind: "position", documentId: position.id })).toBe(1);
  expect(await recordEvidenceUseNotices(db, { kind: "position", documentId: position.id })).toBe(0);

  const letter = await db
    .insertInto("letters")
    .values({
      slug: `l-${survey.id}`,
      title: "Fair funding",
      addressee: "The Chancellor",
      body_markdown: "Dear",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const signature = await db
    .insertInto("letter_signatures")
    .values({
      letter_id: letter.id,
      organisation_id: org.organisation.id,
      person_id: member.id,
      signer_name: member.name,
      organisation_name: org.organisation.name,
      via: "session",
      form_key: "k-1",
      link_origin: "http://localhost",
    })
    .returning(["id", "signed_at"])
    .executeTakeFirstOrThrow();
  await db
    .insertInto("letter_final_signatories")
    .values({
      letter_id: letter.id,
      position: 1,
      signature_id: signature.id,
      person_id: member.id,
      signer_name: member.name,
      organisation_name: org.organisation.name,
      staff_count: 120,
      signed_at: signature.signed_at,
    })
    .execute();
  expect(await recordEvidenceUseNotices(db, { kind: "letter", documentId: letter.id })).toBe(1);
  expect((await noticesOf(org.organisation.id)).map((notice) => notice.document_kind)).toEqual([
    "position",
    "letter",
  ]);
});
