import type { SubmissionsUpdate } from "../../../db/schema.ts";
import { freezeCitations } from "~/models/evidence/citations.server.ts";
import { enqueueEmail } from "~/models/email/outbox.server.ts";
import { getPerson, isAdmin, type Actor } from "~/models/accounts/people.server.ts";
import { isActiveStaff } from "~/models/positions/positions.server.ts";
import {
  citedEvidenceIds,
  citingSubject,
  listQuestions,
  liveNetwork,
  loadSubmission,
  requireStaffActor,
  SubmissionRefusal,
  submissionDocument,
  type Submission,
} from "~/models/submissions/submissions.server.ts";
import { submissionStateLabels, type SubmissionState } from "~/schemas/submissions.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { formatDate } from "~/utils/format.ts";
import { renderMarkdown } from "~/utils/markdown.server.ts";

/**
 * drafting → in_review → approved → submitted → outcome_recorded, with send-back (in_review →
 * drafting) and withdrawal (from drafting, in review or approved). Each transition is one
 * function; `moveTo` is the only writer of `submissions.state`, with an audit row in the same
 * transaction. Approval freezes every cited figure and the network figures.
 */

export interface TransitionContext {
  /** Origin for links in emails. */
  appUrl: string;
}

export function refuseUnless(submission: Submission, from: readonly SubmissionState[], action: string) {
  if (from.includes(submission.state)) return;
  const allowed = from.map((state) => submissionStateLabels[state].toLowerCase()).join(" or ");
  throw new SubmissionRefusal(
    `You cannot ${action} a submission that is ${submissionStateLabels[submission.state].toLowerCase()}: only one that is ${allowed}.`,
  );
}

export async function moveTo(
  trx: Db,
  actor: Actor,
  before: Submission,
  change: {
    state: SubmissionState;
    action: string;
    set?: Omit<SubmissionsUpdate, "state">;
    note?: Record<string, unknown>;
  },
): Promise<Submission> {
  await trx
    .updateTable("submissions")
    .set({ ...change.set, state: change.state, updated_at: new Date() })
    .where("id", "=", before.id)
    .execute();
  const after = await loadSubmission(trx, before.id);
  await writeAudit(trx, {
    actorId: actor.id,
    action: `submission.${change.action}`,
    subjectType: "submission",
    subjectId: before.id,
    before: { state: before.state },
    after: { state: after.state, ...change.note },
  });
  return after;
}

export const submissionLink = (context: TransitionContext, submission: Pick<Submission, "id">) =>
  new URL(`/submissions/${submission.id}`, context.appUrl).toString();

/** Problems that block review and approval: citations of missing, withdrawn or unconsented evidence. */
export async function citationProblems(db: Db, submission: Submission): Promise<string[]> {
  const questions = await listQuestions(db, submission.id);
  const doc = await submissionDocument(db, submission, questions);
  const problems: string[] = [];
  questions.forEach((question, index) => {
    const { problems: found } = renderMarkdown(question.answer, doc.citations, {
      government: submission.government,
      mode: "editor",
    });
    for (const problem of found) {
      if (problem.kind === "unknown_block" || problem.kind === "unclosed_block") continue;
      problems.push(`Question ${question.number ?? index + 1}: ${problem.message}`);
    }
  });
  return problems;
}

async function refuseBrokenCitations(trx: Db, submission: Submission, action: string) {
  const problems = await citationProblems(trx, submission);
  if (problems.length)
    throw new SubmissionRefusal(
      `You cannot ${action} this submission while it cites evidence that cannot be used: ${problems.join("; ")}.`,
    );
}

export async function requestSubmissionReview(
  db: Db,
  actor: Actor,
  input: { submissionId: number; reviewerId: number; message: string },
  context: TransitionContext,
): Promise<Submission> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const submission = await loadSubmission(trx, input.submissionId, { lock: true });
    refuseUnless(submission, ["drafting"], "ask for review of");
    if (input.reviewerId === actor.id)
      throw new SubmissionRefusal("Choose someone other than yourself to review it.", 400);
    const reviewer = await getPerson(trx, input.reviewerId);
    if (!reviewer || !(await isActiveStaff(trx, reviewer.id)))
      throw new SubmissionRefusal("The reviewer must be an active member of staff.", 400);
    await refuseBrokenCitations(trx, submission, "send for review");
    const after = await moveTo(trx, actor, submission, {
      state: "in_review",
      action: "review_requested",
      set: { reviewer_id: reviewer.id, review_requested_by: actor.id },
      note: { reviewerId: reviewer.id, message: input.message },
    });
    const requester = await getPerson(trx, actor.id);
    await enqueueEmail(trx, {
      to: reviewer.email,
      template: "submission-review-requested",
      props: {
        name: reviewer.name,
        requester: requester?.name ?? "A colleague",
        title: after.consultationTitle,
        closesOn: formatDate(after.closesOn),
        message: input.message,
        link: submissionLink(context, after),
      },
    });
    return after;
  });
}

function refuseUnlessReviewer(actor: Actor, submission: Submission) {
  if (submission.reviewerId === actor.id || isAdmin(actor)) return;
  throw new SubmissionRefusal(
    `Only ${submission.reviewerName ?? "the named reviewer"} or an administrator can decide on this review.`,
    403,
  );
}

/** The requester and the lead hear of a decision (once each, never the decider themselves). */
async function emailAuthors(
  trx: Db,
  actor: Actor,
  submission: Submission,
  send: (person: { email: string; name: string }) => Promise<unknown>,
) {
  const ids = new Set([submission.reviewRequestedBy ?? submission.leadId, submission.leadId]);
  ids.delete(actor.id);
  for (const id of ids) {
    const person = await getPerson(trx, id);
    if (person?.active) await send(person);
  }
}

export async function sendBackSubmission(
  db: Db,
  actor: Actor,
  input: { submissionId: number; comment: string },
  context: TransitionContext,
): Promise<Submission> {
  requireStaffActor(actor);
  if (!input.comment.trim()) throw new SubmissionRefusal("Say what needs to change.", 400);
  return inTransaction(db, async (trx) => {
    const submission = await loadSubmission(trx, input.submissionId, { lock: true });
    refuseUnless(submission, ["in_review"], "send back");
    refuseUnlessReviewer(actor, submission);
    const after = await moveTo(trx, actor, submission, {
      state: "drafting",
      action: "sent_back",
      note: { comment: input.comment },
    });
    const reviewer = await getPerson(trx, actor.id);
    await emailAuthors(trx, actor, after, (person) =>
      enqueueEmail(trx, {
        to: person.email,
        template: "submission-sent-back",
        props: {
          name: person.name,
          reviewer: reviewer?.name ?? "Your reviewer",
          title: after.consultationTitle,
          comment: input.comment,
          link: submissionLink(context, after),
        },
      }),
    );
    return after;
  });
}

/**
 * Signs the submission off: the cited evidence and the network figures are frozen in the same
 * transaction, so from here on the document renders the same whatever the data does. Someone who
 * wrote an answer cannot approve it, unless they are an administrator.
 */
export async function approveSubmission(
  db: Db,
  actor: Actor,
  input: { submissionId: number; comment: string },
  context: TransitionContext,
): Promise<Submission> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const submission = await loadSubmission(trx, input.submissionId, { lock: true });
    refuseUnless(submission, ["in_review"], "approve");
    refuseUnlessReviewer(actor, submission);
    if (!isAdmin(actor)) {
      const wrote = await trx
        .selectFrom("submission_questions")
        .select("id")
        .where("submission_id", "=", submission.id)
        .where("updated_by", "=", actor.id)
        .executeTakeFirst();
      if (wrote || submission.reviewRequestedBy === actor.id)
        throw new SubmissionRefusal(
          "You wrote part of this submission, so someone else must approve it (or an administrator).",
          403,
        );
    }
    await refuseBrokenCitations(trx, submission, "approve");
    const questions = await listQuestions(trx, submission.id);
    const cited = citedEvidenceIds(questions, submission.government);
    await freezeCitations(trx, citingSubject(submission.id), cited);
    const network = await liveNetwork(trx);
    const after = await moveTo(trx, actor, submission, {
      state: "approved",
      action: "approved",
      set: { approved_by: actor.id, approved_at: new Date(), frozen_network: JSON.stringify(network) },
      note: { comment: input.comment, citations: cited.length, network },
    });
    const reviewer = await getPerson(trx, actor.id);
    await emailAuthors(trx, actor, after, (person) =>
      enqueueEmail(trx, {
        to: person.email,
        template: "submission-approved",
        props: {
          name: person.name,
          reviewer: reviewer?.name ?? "Your reviewer",
          title: after.consultationTitle,
          closesOn: formatDate(after.closesOn),
          comment: input.comment,
          link: submissionLink(context, after),
        },
      }),
    );
    return after;
  });
}

export async function withdrawSubmission(
  db: Db,
  actor: Actor,
  input: { submissionId: number; reason: string },
): Promise<Submission> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const submission = await loadSubmission(trx, input.submissionId, { lock: true });
    refuseUnless(submission, ["drafting", "in_review", "approved"], "withdraw");
    return moveTo(trx, actor, submission, {
      state: "withdrawn",
      action: "withdrawn",
      set: { withdrawn_reason: input.reason },
      note: { reason: input.reason },
    });
  });
}

/** A public page at /c/<slug>, for an approved (or sent) submission: not a state, a choice. */
export async function publishSubmission(
  db: Db,
  actor: Actor,
  input: { submissionId: number },
): Promise<Submission> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const submission = await loadSubmission(trx, input.submissionId, { lock: true });
    refuseUnless(submission, ["approved", "submitted", "outcome_recorded"], "publish");
    if (submission.slug) return submission;
    const slug = `${slugify(submission.consultationTitle)}-${submission.id}`;
    await trx
      .updateTable("submissions")
      .set({ slug, published_at: new Date(), updated_at: new Date() })
      .where("id", "=", submission.id)
      .execute();
    await writeAudit(trx, {
      actorId: actor.id,
      action: "submission.published",
      subjectType: "submission",
      subjectId: submission.id,
      after: { slug },
    });
    return loadSubmission(trx, submission.id);
  });
}

function slugify(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return slug || "submission";
}
