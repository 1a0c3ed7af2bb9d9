import type { SubmissionsUpdate } from "../../../db/schema.ts";
import {
  getPerson,
  isAdmin,
  isStaff,
  requireStaffActor,
  type Actor,
  type Person,
} from "~/models/accounts/people.server.ts";
import { freezeCitations } from "~/models/evidence/citations.server.ts";
import { recordEvidenceUseNotices } from "~/models/evidence/notices.server.ts";
import { defineLifecycle, type MoveContext, type Step } from "~/models/lifecycle.server.ts";
import { isActiveStaff } from "~/models/positions/positions.server.ts";
import {
  frozenSubmissionStates,
  sentSubmissionStates,
  submissionStateLabels,
  type SubmissionState,
} from "~/schemas/submissions.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { formatDate } from "~/utils/format.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import { listQuestions } from "./answers.server.ts";
import {
  citationProblems,
  citedEvidenceIds,
  citingSubject,
  liveNetwork,
  snapshotSubmissionDocument,
} from "./documents.server.ts";
import {
  refuseUnlessCorrectable,
  sentAtOf,
  writeOutcome,
  writeSendingRecord,
  type OutcomeInput,
  type SendingRecord,
} from "./records.server.ts";
import { auditSubmission, loadSubmission, submissionLink, type Submission } from "./submissions.server.ts";

/**
 * drafting → in_review → approved → submitted → outcome_recorded, with send-back (in_review →
 * drafting) and withdrawal (from drafting, in review or approved): one table of moves, and the
 * shared helper is the only writer of `submissions.state`. Approval freezes every cited figure
 * and the network figures; sending records the exact files sent. Four eyes: whoever asked for
 * review or wrote an answer cannot approve it, unless they are an administrator.
 */

type SubmissionStep<Input> = Step<Submission, Input>;

const anyStaff = (actor: Actor | null) =>
  actor && isStaff(actor) ? true : "Only policy staff can work on a submission.";

const theReviewer = (actor: Actor | null, submission: Submission) =>
  actor && (submission.reviewerId === actor.id || isAdmin(actor))
    ? true
    : `Only ${submission.reviewerName ?? "the named reviewer"} or an administrator can decide on this review.`;

async function refuseBrokenCitations(trx: Db, submission: Submission, verb: string) {
  const problems = await citationProblems(trx, submission);
  if (problems.length)
    throw Refusal.conflict(
      `You cannot ${verb} this submission while it cites evidence that cannot be used: ${problems.join("; ")}.`,
    );
}

async function wroteAnAnswer(trx: Db, submissionId: number, personId: number) {
  const wrote = await trx
    .selectFrom("submission_questions")
    .select("id")
    .where("submission_id", "=", submissionId)
    .where("updated_by", "=", personId)
    .executeTakeFirst();
  return wrote !== undefined;
}

/** Who hears of a decision: the requester and the lead, once each, never the decider themselves. */
async function authorsToTell(trx: Db, actor: Actor | null, submission: Submission) {
  const ids = new Set([submission.reviewRequestedBy ?? submission.leadId, submission.leadId]);
  if (actor) ids.delete(actor.id);
  const people: Person[] = [];
  for (const id of ids) {
    const person = await getPerson(trx, id);
    if (person?.active) people.push(person);
  }
  return people;
}

const nameOf = async (trx: Db, actor: Actor | null) =>
  actor ? (await getPerson(trx, actor.id))?.name : null;

const outcomeSteps = {
  may: anyStaff,
  check: async ({ input }: SubmissionStep<OutcomeInput>) => {
    if (!input.responseUrl && !input.responseOn && !input.note)
      throw Refusal.invalid("Give the response's link, its date or a note.");
  },
  effects: ({ trx, actor, before, input }: SubmissionStep<OutcomeInput>) =>
    writeOutcome(trx, actor, before.id, input),
};

const submissionLifecycle = defineLifecycle<Submission, Omit<SubmissionsUpdate, "state">>({
  subject: "submission",
  stateLabels: submissionStateLabels,
  load: (trx, id, { lock }) => loadSubmission(trx, id, { lock }),
  write: async (trx, id, { state, updatedAt, set }) => {
    await trx
      .updateTable("submissions")
      .set({ ...set, state, updated_at: updatedAt })
      .where("id", "=", id)
      .execute();
  },
}).withMoves({
  requestReview: {
    from: ["drafting"],
    to: "in_review",
    label: "Ask for review",
    verb: "ask for review of",
    may: anyStaff,
    check: async ({ trx, actor, before, input }: SubmissionStep<{ reviewerId: number; message: string }>) => {
      if (input.reviewerId === actor?.id)
        throw Refusal.invalid("Choose someone other than yourself to review it.");
      if (!(await isActiveStaff(trx, input.reviewerId)))
        throw Refusal.invalid("The reviewer must be an active member of staff.");
      await refuseBrokenCitations(trx, before, "send for review");
    },
    set: ({ actor, input }) => ({ reviewer_id: input.reviewerId, review_requested_by: actor?.id ?? null }),
    audit: "review_requested",
    note: ({ input }) => ({ reviewerId: input.reviewerId, message: input.message }),
    emails: async ({ trx, actor, after, input, context }) => {
      const reviewer = await getPerson(trx, input.reviewerId);
      if (!reviewer) return [];
      return [
        {
          to: reviewer.email,
          template: "submission-review-requested",
          props: {
            name: reviewer.name,
            requester: (await nameOf(trx, actor)) ?? "A colleague",
            title: after.consultationTitle,
            closesOn: formatDate(after.closesOn),
            message: input.message,
            link: submissionLink(context, after),
          },
        },
      ];
    },
  },
  sendBack: {
    from: ["in_review"],
    to: "drafting",
    label: "Send back",
    verb: "send back",
    may: theReviewer,
    check: async ({ input }: SubmissionStep<{ comment: string }>) => {
      if (!input.comment.trim()) throw Refusal.invalid("Say what needs to change.");
    },
    audit: "sent_back",
    note: ({ input }) => ({ comment: input.comment }),
    emails: async ({ trx, actor, after, input, context }) => {
      const reviewer = (await nameOf(trx, actor)) ?? "Your reviewer";
      return (await authorsToTell(trx, actor, after)).map((person) => ({
        to: person.email,
        template: "submission-sent-back" as const,
        props: {
          name: person.name,
          reviewer,
          title: after.consultationTitle,
          comment: input.comment,
          link: submissionLink(context, after),
        },
      }));
    },
  },
  approve: {
    from: ["in_review"],
    to: "approved",
    label: "Approve",
    verb: "approve",
    may: theReviewer,
    check: async ({ trx, actor, before }: SubmissionStep<{ comment: string }>) => {
      const wrote = (person: Actor) =>
        before.reviewRequestedBy === person.id || wroteAnAnswer(trx, before.id, person.id);
      if (actor && !isAdmin(actor) && (await wrote(actor)))
        throw Refusal.forbidden(
          "You wrote part of this submission, so someone else must approve it (or an administrator).",
        );
      await refuseBrokenCitations(trx, before, "approve");
    },
    // The network figures as they stand at approval, read in the move's transaction, are frozen with it.
    set: async ({ trx, actor, now }) => ({
      approved_by: actor?.id ?? null,
      approved_at: now,
      frozen_network: JSON.stringify(await liveNetwork(trx)),
    }),
    audit: "approved",
    note: ({ input, after }) => ({ comment: input.comment, network: after.frozenNetwork }),
    effects: async ({ trx, after }) => {
      const cited = citedEvidenceIds(await listQuestions(trx, after.id), after.government);
      await freezeCitations(trx, citingSubject(after.id), cited);
      await snapshotSubmissionDocument(trx, after);
      return { citations: cited.length };
    },
    emails: async ({ trx, actor, after, input, context }) => {
      const reviewer = (await nameOf(trx, actor)) ?? "Your reviewer";
      return (await authorsToTell(trx, actor, after)).map((person) => ({
        to: person.email,
        template: "submission-approved" as const,
        props: {
          name: person.name,
          reviewer,
          title: after.consultationTitle,
          closesOn: formatDate(after.closesOn),
          comment: input.comment,
          link: submissionLink(context, after),
        },
      }));
    },
  },
  markSubmitted: {
    from: ["approved"],
    to: "submitted",
    label: "Mark as submitted",
    verb: "mark as submitted",
    may: anyStaff,
    check: async ({ input, now }: SubmissionStep<SendingRecord>) => {
      sentAtOf(input.sentOn, now);
    },
    audit: "submitted",
    effects: async ({ trx, actor, before, input, now }) => {
      const record = await writeSendingRecord(trx, actor, before, {
        ...input,
        sentAt: sentAtOf(input.sentOn, now),
        correctsId: null,
      });
      const evidenceNotices = await recordEvidenceUseNotices(trx, {
        kind: "submission",
        documentId: before.id,
      });
      return { ...record, evidenceNotices };
    },
  },
  recordOutcome: {
    ...outcomeSteps,
    from: ["submitted"],
    to: "outcome_recorded",
    label: "Record the outcome",
    verb: "record the outcome of",
    audit: "outcome_recorded",
  },
  addOutcome: {
    ...outcomeSteps,
    from: ["outcome_recorded"],
    to: "outcome_recorded",
    label: "Record a later outcome",
    verb: "record the outcome of",
    audit: "outcome_added",
  },
  withdraw: {
    from: ["drafting", "in_review", "approved"],
    to: "withdrawn",
    label: "Withdraw",
    verb: "withdraw",
    may: anyStaff,
    set: ({ input }: SubmissionStep<{ reason: string }>) => ({ withdrawn_reason: input.reason }),
    audit: "withdrawn",
    note: ({ input }) => ({ reason: input.reason }),
  },
});

/** Moves that send no email have no links to make. */
const noLinks: MoveContext = { appUrl: "" };

type SubmissionMove = Parameters<typeof submissionLifecycle.move>[2];

/** A move as staff make it: `(db, actor, { submissionId, ...its input }, context)`. */
function staffMove<N extends SubmissionMove>(name: N) {
  return async (
    db: Db,
    actor: Actor,
    input: Parameters<typeof submissionLifecycle.move<N>>[4] & { submissionId: number },
    context: MoveContext = noLinks,
  ): Promise<Submission> => {
    // Submissions are the desk's working documents: for anyone else they do not exist (404).
    requireStaffActor(actor);
    return submissionLifecycle.move(db, actor, name, input.submissionId, input, context);
  };
}

export const requestSubmissionReview = staffMove("requestReview");
export const sendBackSubmission = staffMove("sendBack");
export const withdrawSubmission = staffMove("withdraw");
/** Signs it off, freezing the network figures and every cited figure as they stand now. */
export const approveSubmission = staffMove("approve");

/** A first outcome moves it to "outcome recorded"; a later one (a second response) is added beside it. */
export async function recordOutcome(
  db: Db,
  actor: Actor,
  input: OutcomeInput & { submissionId: number },
): Promise<Submission> {
  requireStaffActor(actor);
  const { state } = await loadSubmission(db, input.submissionId);
  return staffMove(state === "outcome_recorded" ? "addOutcome" : "recordOutcome")(db, actor, input);
}

interface MarkSubmittedInput extends SendingRecord {
  submissionId: number;
  /** Set when this record corrects an earlier one: then the state stays as it is. */
  correctsId?: number | undefined;
}

/** approved → submitted, recording what was sent; or a correction of an earlier record. */
export async function markSubmitted(db: Db, actor: Actor, input: MarkSubmittedInput): Promise<Submission> {
  requireStaffActor(actor);
  const { correctsId } = input;
  if (correctsId === undefined) return staffMove("markSubmitted")(db, actor, input);
  return inTransaction(db, async (trx) => {
    const submission = await loadSubmission(trx, input.submissionId, { lock: true });
    refuseUnlessIn(submission, sentSubmissionStates, "correct the record of");
    await refuseUnlessCorrectable(trx, submission.id, correctsId);
    const sentAt = sentAtOf(input.sentOn, new Date());
    const note = await writeSendingRecord(trx, actor, submission, { ...input, sentAt, correctsId });
    await auditSubmission(trx, actor, submission.id, "record_corrected", {
      after: note,
    });
    return submission;
  });
}

/** Gives an approved (or sent) submission a public page at /c/<slug>: not a state, a choice. */
export async function publishSubmission(
  db: Db,
  actor: Actor,
  input: { submissionId: number },
): Promise<Submission> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const submission = await loadSubmission(trx, input.submissionId, { lock: true });
    refuseUnlessIn(submission, frozenSubmissionStates, "publish");
    if (submission.slug) return submission;
    const slug = `${slugify(submission.consultationTitle)}-${submission.id}`;
    await trx
      .updateTable("submissions")
      .set({ slug, published_at: new Date(), updated_at: new Date() })
      .where("id", "=", submission.id)
      .execute();
    await auditSubmission(trx, actor, submission.id, "published", {
      after: { slug },
    });
    return loadSubmission(trx, submission.id);
  });
}

/** Correcting a record and publishing leave the state as it is, so they are not moves; same words. */
function refuseUnlessIn(submission: Submission, states: readonly SubmissionState[], verb: string) {
  if (states.includes(submission.state)) return;
  const allowed = states.map((state) => submissionStateLabels[state].toLowerCase()).join(" or ");
  throw Refusal.conflict(
    `You cannot ${verb} a submission that is ${submissionStateLabels[submission.state].toLowerCase()}: only one that is ${allowed}.`,
  );
}

/** What this person may do to the submission now: the lifecycle's moves, then publishing and correcting. */
export function submissionActions(actor: Actor, submission: Submission) {
  return {
    moves: submissionLifecycle.available(actor, submission),
    publish: frozenSubmissionStates.includes(submission.state) && submission.slug === null,
    correctRecord: sentSubmissionStates.includes(submission.state),
  };
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
