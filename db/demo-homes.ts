import { findPersonByEmail, type Person } from "../app/models/accounts/people.server.ts";
import { createLetter } from "../app/models/letters/letters.server.ts";
import { openLetter } from "../app/models/letters/lifecycle.server.ts";
import { createSubmission } from "../app/models/submissions/starting.server.ts";
import { saveAnswer } from "../app/models/submissions/answers.server.ts";
import { approveSubmission, requestSubmissionReview } from "../app/models/submissions/lifecycle.server.ts";
import type { Db } from "../app/utils/db.server.ts";
import { londonDay } from "../app/utils/london-time.ts";
import { DEMO_ORGANISATION_NAME, demoAccounts } from "./demo-network.ts";

/**
 * What makes every home real on a first start: an open letter the demo leader has not signed (a
 * few other organisations have), and a consultation response adopted with a near internal deadline,
 * waiting for the admin's review, and one approved and ready to send that cites the VAT survey,
 * so marking it submitted tells the organisations that answered the survey.
 */

export const DEMO_OPEN_LETTER = "Let public service mutuals share services without paying VAT";
export const DEMO_LETTER_SIGNATORIES = 5;
export const DEMO_REVIEW_CONSULTATION = "Leisure and libraries: future delivery model";
export const DEMO_READY_CONSULTATION = "Community health services: commissioning intentions 2027 to 2030";
const DEMO_VAT_FIGURE = "Members that decided against sharing a service because of VAT";

async function account(db: Db, email: string): Promise<Person> {
  const person = await findPersonByEmail(db, email);
  if (!person) throw new Error(`The demo account ${email} is missing`);
  return person;
}

const day = (offset: number) => londonDay(new Date(Date.now() + offset * 86_400_000));

export async function seedDemoHomes(
  db: Db,
  appUrl: string,
): Promise<{ letterId: number; submissionId: number; readyId: number }> {
  const policy = await account(db, demoAccounts.policy);
  const admin = await account(db, demoAccounts.admin);

  const draft = await createLetter(db, policy, {
    title: DEMO_OPEN_LETTER,
    addressee: "The Chancellor of the Exchequer",
    body: "Dear Chancellor,\n\nWe, the undersigned **public service mutuals**, deliver about £1bn of public services a year. Sharing a payroll or an IT team should not cost us 20% more than it costs the councils and NHS bodies we came from.\n\nWe ask you to zero-rate VAT on the services mutuals share with one another.",
    closesOn: day(21),
    signatureGoal: 60,
  });
  const { letter } = await openLetter(
    db,
    policy,
    draft.id,
    { audience: "all", nations: [], personIds: [] },
    appUrl,
  );
  // A few signatures already, from leaders outside the demo organisation (the demo leader's is the
  // one the demo asks for). Written as the signing page's rows; the confirmations count as sent.
  const signers = await db
    .selectFrom("people as p")
    .innerJoin("organisations as o", "o.id", "p.organisation_id")
    .select(["p.id", "p.name", "p.job_title", "o.id as organisation_id", "o.name as organisation_name"])
    .where("p.is_leader", "=", true)
    .where("p.active", "=", true)
    .where("o.membership_status", "=", "active")
    .where("o.name", "<>", DEMO_ORGANISATION_NAME)
    .orderBy("o.id")
    .limit(DEMO_LETTER_SIGNATORIES)
    .execute();
  await db
    .insertInto("letter_signatures")
    .values(
      signers.map((signer, index) => ({
        letter_id: letter.id,
        organisation_id: signer.organisation_id,
        person_id: signer.id,
        signer_name: signer.name,
        signer_job_title: signer.job_title,
        organisation_name: signer.organisation_name,
        via: "session",
        form_key: `demo-seed-${index + 1}`,
        signed_at: new Date(Date.now() - (index + 1) * 3_600_000),
        link_origin: appUrl,
        confirmation_queued_at: new Date(),
      })),
    )
    .execute();

  const consultation = await db
    .selectFrom("consultations")
    .select("id")
    .where("title", "=", DEMO_REVIEW_CONSULTATION)
    .executeTakeFirstOrThrow();
  const { id: submissionId } = await createSubmission(db, policy, {
    consultationId: consultation.id,
    government: "local_authority_wales",
    leadId: policy.id,
    internalDeadline: day(3),
    preamble: "",
    questions: [
      { number: "1", text: "Which delivery model do you prefer, and why?" },
      { number: "2", text: "What would a staff-led mutual need from the council to succeed?" },
    ],
  });
  await requestSubmissionReview(
    db,
    policy,
    { submissionId, reviewerId: admin.id, message: "Short deadline: could you look at this today?" },
    { appUrl },
  );
  return { letterId: letter.id, submissionId, readyId: await seedReadyToSend(db, policy, admin, appUrl) };
}

/** A response written by policy, approved by the admin, citing the survey figure: waiting to be sent. */
async function seedReadyToSend(db: Db, policy: Person, admin: Person, appUrl: string): Promise<number> {
  const [consultation, figure] = await Promise.all([
    db
      .selectFrom("consultations")
      .select("id")
      .where("title", "=", DEMO_READY_CONSULTATION)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("evidence_items")
      .select("id")
      .where("label", "=", DEMO_VAT_FIGURE)
      .executeTakeFirstOrThrow(),
  ]);
  const { id } = await createSubmission(db, policy, {
    consultationId: consultation.id,
    government: "uk_government",
    leadId: policy.id,
    internalDeadline: day(10),
    preamble: "",
    questions: [{ number: "1", text: "What stops providers from sharing back-office services?" }],
  });
  const [question] = await db
    .selectFrom("submission_questions")
    .select(["id", "version"])
    .where("submission_id", "=", id)
    .execute();
  if (!question) throw new Error("The demo response has no question");
  await saveAnswer(db, policy, {
    submissionId: id,
    questionId: question.id,
    baseVersion: question.version,
    answer: `VAT. Many of our members have decided against sharing a service because of it[@ev:${figure.id}].`,
  });
  await requestSubmissionReview(
    db,
    policy,
    { submissionId: id, reviewerId: admin.id, message: "" },
    { appUrl },
  );
  await approveSubmission(db, admin, { submissionId: id, comment: "Ready to send." }, { appUrl });
  return id;
}
