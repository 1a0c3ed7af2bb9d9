import type { PositionsUpdate } from "../../../db/schema.ts";
import {
  getPerson,
  isAdmin,
  isStaff,
  requireStaffActor,
  type Actor,
} from "~/models/accounts/people.server.ts";
import { defineLifecycle, type MoveContext, type OutboxEmail, type Step } from "~/models/lifecycle.server.ts";
import { positionStateLabels, type PositionReviewOutcome } from "~/schemas/positions.ts";
import type { Db } from "~/utils/db.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import { isActiveStaff, loadPosition, type Position } from "./positions.server.ts";
import {
  freezeCurrentCitations,
  refuseBrokenCitations,
  refuseEditorsSinceReviewAsked,
} from "./review-checks.server.ts";
import { recordReview } from "./reviews.server.ts";

/**
 * draft → in_review → approved → published → retired, with send-back (in_review → draft),
 * reopen (approved → draft) and the urgent path (draft or in_review → published by an admin,
 * flagged for a retrospective review by someone else). The moves are named as the position
 * page's form intents, so a form, its move and its "done" message share one word.
 */

type PositionColumns = Omit<PositionsUpdate, "id" | "state" | "updated_at">;
export type PositionStep<Input = unknown> = Step<Position, Input>;
type Decision = PositionStep<{ comment: string }> & { after: Position };

const isStaffActor = (actor: Actor | null): actor is Actor => actor !== null && isStaff(actor);
const staffOnly = (actor: Actor | null) => isStaffActor(actor) || "Only policy staff can change a position.";

/** Only the named reviewer, or an admin, decides on a review. */
function mayDecide(actor: Actor | null, position: Position): true | string {
  if (!isStaffActor(actor)) return staffOnly(actor);
  if (position.reviewerId === actor.id || isAdmin(actor)) return true;
  return `Only ${position.reviewerName ?? "the named reviewer"} or an administrator can decide on this review.`;
}

/** Four eyes: whoever wrote the version under review cannot approve it, unless an administrator. */
function mayApprove(actor: Actor | null, position: Position): true | string {
  const decide = mayDecide(actor, position);
  if (decide !== true || !isStaffActor(actor)) return decide;
  if (position.currentAuthorId === actor.id && !isAdmin(actor)) {
    return "You wrote the version under review, so someone else must approve it (or an administrator).";
  }
  return true;
}

const awaitingRetrospectiveReview = (position: Position) =>
  position.state === "published" && position.awaitingRetrospectiveReview;

const publication = ({ before, actor, now }: PositionStep, urgent: boolean): PositionColumns => ({
  published_version_id: before.currentVersionId,
  published_by: actor?.id ?? null,
  published_at: now,
  awaiting_retrospective_review: urgent,
});

const positionLink = (context: MoveContext, position: Position) =>
  new URL(`/positions/${position.slug}`, context.appUrl).toString();

const nameOf = async (trx: Db, actor: Actor | null) =>
  actor ? (await getPerson(trx, actor.id))?.name : undefined;

/** A decision on the review (or the retrospective one) goes into the position's review history. */
const recordDecision =
  (outcome: PositionReviewOutcome) =>
  ({ trx, actor, after, input }: Decision) =>
    recordReview(trx, after, {
      outcome,
      actorId: actor?.id ?? null,
      reviewerId: actor?.id ?? null,
      comment: input.comment,
    });

/** A decision's email goes to whoever asked for the review (or the owner), while still active. */
async function tellRequester(
  { trx, actor, after, input, context }: Decision,
  email: (
    to: string,
    props: { name: string; reviewer: string; title: string; comment: string; link: string },
  ) => OutboxEmail,
): Promise<OutboxEmail[]> {
  const person = await getPerson(trx, after.reviewRequestedBy ?? after.ownerId);
  if (!person?.active) return [];
  const reviewer = (await nameOf(trx, actor)) ?? "Your reviewer";
  const link = positionLink(context, after);
  return [
    email(person.email, { name: person.name, reviewer, title: after.title, comment: input.comment, link }),
  ];
}

export const positionLifecycle = defineLifecycle<Position, PositionColumns>({
  subject: "position",
  stateLabels: positionStateLabels,
  load: (trx, id, { lock }) => loadPosition(trx, id, { lock }),
  write: async (trx, id, { state, updatedAt, set }) => {
    await trx
      .updateTable("positions")
      .set({ ...set, state, updated_at: updatedAt })
      .where("id", "=", id)
      .execute();
  },
  auditState: (position) => ({
    state: position.state,
    awaitingRetrospectiveReview: position.awaitingRetrospectiveReview,
  }),
}).withMoves({
  "request-review": {
    from: ["draft"],
    to: "in_review",
    label: "Ask for review",
    verb: "ask for review of",
    may: staffOnly,
    check: async (step: PositionStep<{ reviewerId: number; message: string }>) => {
      const { trx, actor, input } = step;
      if (input.reviewerId === actor?.id)
        throw Refusal.invalid("Choose someone other than yourself to review it.");
      if (!(await isActiveStaff(trx, input.reviewerId)))
        throw Refusal.invalid("The reviewer must be an active member of staff.");
      // A reviewer's time is wasted on a text that could never be approved as it stands.
      await refuseBrokenCitations(step, "ask for review of");
    },
    set: ({ actor, input }) => ({ reviewer_id: input.reviewerId, review_requested_by: actor?.id ?? null }),
    audit: "review_requested",
    note: ({ input }) => ({ reviewerId: input.reviewerId, message: input.message }),
    effects: ({ trx, actor, after, input }) =>
      recordReview(trx, after, {
        outcome: "requested",
        actorId: actor?.id ?? null,
        reviewerId: input.reviewerId,
        comment: input.message,
      }),
    emails: async ({ trx, actor, after, input, context }) => {
      const reviewer = await getPerson(trx, input.reviewerId);
      if (!reviewer) return [];
      return [
        {
          to: reviewer.email,
          template: "position-review-requested",
          props: {
            name: reviewer.name,
            requester: (await nameOf(trx, actor)) ?? "A colleague",
            title: after.title,
            version: after.currentVersionNumber,
            message: input.message,
            link: positionLink(context, after),
          },
        },
      ];
    },
  },
  "send-back": {
    from: ["in_review"],
    to: "draft",
    label: "Send back",
    verb: "send back",
    may: mayDecide,
    audit: "sent_back",
    note: ({ input }: PositionStep<{ comment: string }>) => ({ comment: input.comment }),
    effects: recordDecision("sent_back"),
    emails: (step) => tellRequester(step, (to, props) => ({ to, template: "position-sent-back", props })),
  },
  approve: {
    from: ["in_review"],
    to: "approved",
    label: "Approve",
    verb: "approve",
    may: mayApprove,
    check: async (step: PositionStep<{ comment: string }>) => {
      await refuseEditorsSinceReviewAsked(step);
      await refuseBrokenCitations(step, "approve");
    },
    set: ({ before }) => ({ approved_version_id: before.currentVersionId }),
    audit: "approved",
    note: ({ before, input }) => ({ versionId: before.currentVersionId, comment: input.comment }),
    effects: recordDecision("approved"),
    emails: (step) =>
      tellRequester(step, (to, props) => ({
        to,
        template: "position-approved",
        props: { ...props, version: step.after.currentVersionNumber },
      })),
  },
  /** Approved → draft, so the approved text can be changed; the approval no longer stands. */
  reopen: {
    from: ["approved"],
    to: "draft",
    label: "Reopen as a draft",
    verb: "reopen",
    may: staffOnly,
    set: () => ({ approved_version_id: null }),
    audit: "reopened",
  },
  publish: {
    from: ["approved"],
    to: "published",
    label: "Publish",
    verb: "publish",
    may: staffOnly,
    check: async (step) => {
      if (step.before.approvedVersionId !== step.before.currentVersionId) {
        throw Refusal.conflict("The text has changed since it was approved: ask for review again.");
      }
      await refuseBrokenCitations(step, "publish");
    },
    set: (step) => publication(step, false),
    audit: "published",
    note: ({ before }) => ({ versionId: before.currentVersionId }),
    effects: freezeCurrentCitations,
  },
  /**
   * An administrator publishes at once when it cannot wait (a Budget tomorrow); the position says
   * "awaiting retrospective review" until a second person has read it.
   */
  "urgent-publish": {
    from: ["draft", "in_review"],
    to: "published",
    label: "Publish without review",
    verb: "urgently publish",
    may: (actor) =>
      (isStaffActor(actor) && isAdmin(actor)) || "Only an administrator can publish without review.",
    check: (step: PositionStep<{ reason: string }>) => refuseBrokenCitations(step, "publish"),
    set: (step) => publication(step, true),
    audit: "urgent_published",
    note: ({ before, input }) => ({ versionId: before.currentVersionId, reason: input.reason }),
    effects: freezeCurrentCitations,
    emails: async ({ trx, actor, after, input, context }) => {
      const publisher = (await nameOf(trx, actor)) ?? "An administrator";
      const readers = new Set(
        [after.ownerId, after.reviewerId].filter((id): id is number => id !== null && id !== actor?.id),
      );
      const people = await Promise.all([...readers].map((id) => getPerson(trx, id)));
      return people
        .flatMap((person) => (person?.active ? [person] : []))
        .map((person) => ({
          to: person.email,
          template: "position-urgent-published",
          props: {
            name: person.name,
            publisher,
            title: after.title,
            reason: input.reason,
            link: positionLink(context, after),
          },
        }));
    },
  },
  /** The second reader of an urgently published position: anyone on the staff but its publisher. */
  "retrospective-review": {
    from: ["published"],
    to: "published",
    label: "Record my review",
    verb: "review",
    may: (actor, position) =>
      !isStaffActor(actor)
        ? staffOnly(actor)
        : position.publishedBy !== actor.id ||
          "You published it, so the retrospective review must come from someone else.",
    check: async ({ before }: PositionStep<{ comment: string }>) => {
      if (!awaitingRetrospectiveReview(before))
        throw Refusal.conflict("This position is not awaiting a retrospective review.");
    },
    set: () => ({ awaiting_retrospective_review: false }),
    audit: "retrospective_reviewed",
    note: ({ input }) => ({ comment: input.comment }),
    effects: recordDecision("retrospective"),
  },
  retire: {
    from: ["published"],
    to: "retired",
    label: "Retire position",
    verb: "retire",
    may: staffOnly,
    audit: "retired",
  },
});

type PositionMove = keyof typeof positionLifecycle.moves;

/**
 * The moves to offer this person on the position's page, in the table's order. A retrospective
 * review is asked for only while one is awaited; `move` refuses it otherwise (409, not 403).
 */
export function availableMoves(actor: Actor, position: Position): PositionMove[] {
  return positionLifecycle
    .available(actor, position)
    .filter((name) => name !== "retrospective-review" || awaitingRetrospectiveReview(position));
}

/** Anyone but staff is told there is nothing here, as the position pages do. */
function staffActor(actor: Actor): Actor {
  requireStaffActor(actor);
  return actor;
}

/** For moves that send no email: nothing needs a link. */
const noLinks: MoveContext = { appUrl: "" };

export const requestReview = (
  db: Db,
  actor: Actor,
  { positionId, ...input }: { positionId: number; reviewerId: number; message: string },
  context: MoveContext,
) => positionLifecycle.move(db, staffActor(actor), "request-review", positionId, input, context);

export const sendBack = (
  db: Db,
  actor: Actor,
  { positionId, ...input }: { positionId: number; comment: string },
  context: MoveContext,
) => positionLifecycle.move(db, staffActor(actor), "send-back", positionId, input, context);

export const approvePosition = (
  db: Db,
  actor: Actor,
  { positionId, ...input }: { positionId: number; comment: string },
  context: MoveContext,
) => positionLifecycle.move(db, staffActor(actor), "approve", positionId, input, context);

export const reopenPosition = (db: Db, actor: Actor, { positionId }: { positionId: number }) =>
  positionLifecycle.move(db, staffActor(actor), "reopen", positionId, {}, noLinks);

export const publishPosition = (db: Db, actor: Actor, { positionId }: { positionId: number }) =>
  positionLifecycle.move(db, staffActor(actor), "publish", positionId, {}, noLinks);

export const urgentPublish = (
  db: Db,
  actor: Actor,
  { positionId, ...input }: { positionId: number; reason: string },
  context: MoveContext,
) => positionLifecycle.move(db, staffActor(actor), "urgent-publish", positionId, input, context);

export const recordRetrospectiveReview = (
  db: Db,
  actor: Actor,
  { positionId, ...input }: { positionId: number; comment: string },
) => positionLifecycle.move(db, staffActor(actor), "retrospective-review", positionId, input, noLinks);

export const retirePosition = (db: Db, actor: Actor, { positionId }: { positionId: number }) =>
  positionLifecycle.move(db, staffActor(actor), "retire", positionId, {}, noLinks);
