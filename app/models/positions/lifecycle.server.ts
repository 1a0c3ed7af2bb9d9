import type { PositionsUpdate } from "../../../db/schema.ts";
import { freezeCitations } from "~/models/evidence/evidence.server.ts";
import { enqueueEmail } from "~/models/email/outbox.server.ts";
import { getPerson, isAdmin, isStaff, type Actor } from "~/models/accounts/people.server.ts";
import {
  citingSubject,
  getVersion,
  isActiveStaff,
  loadPosition,
  notFound,
  PositionRefusal,
  renderVersion,
  type Position,
} from "~/models/positions/positions.server.ts";
import { positionStateLabels, type PositionReviewOutcome, type PositionState } from "~/schemas/positions.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";

/**
 * draft → in_review → approved → published → retired, with send-back (in_review → draft),
 * reopen (approved → draft) and the urgent path (draft or in_review → published by an admin,
 * flagged for a retrospective review). Each transition is one function; `moveTo` below is the
 * only code that writes `positions.state`, always with an audit row in the same transaction.
 */

interface TransitionContext {
  /** Origin for links in emails. */
  appUrl: string;
}

function requireStaffActor(actor: Actor) {
  if (!isStaff(actor)) throw notFound();
}

function refuseUnless(position: Position, from: readonly PositionState[], action: string) {
  if (from.includes(position.state)) return;
  const allowed = from.map((state) => positionStateLabels[state].toLowerCase()).join(" or ");
  throw new PositionRefusal(
    `You cannot ${action} a position that is ${positionStateLabels[position.state].toLowerCase()}: only one that is ${allowed}.`,
  );
}

async function moveTo(
  trx: Db,
  actor: Actor,
  before: Position,
  change: {
    state: PositionState;
    action: string;
    set?: Omit<PositionsUpdate, "state">;
    note?: Record<string, unknown>;
  },
): Promise<Position> {
  await trx
    .updateTable("positions")
    .set({ ...change.set, state: change.state, updated_at: new Date() })
    .where("id", "=", before.id)
    .execute();
  const after = await loadPosition(trx, before.id);
  await writeAudit(trx, {
    actorId: actor.id,
    action: `position.${change.action}`,
    subjectType: "position",
    subjectId: before.id,
    before: { state: before.state, awaitingRetrospectiveReview: before.awaitingRetrospectiveReview },
    after: {
      state: after.state,
      awaitingRetrospectiveReview: after.awaitingRetrospectiveReview,
      ...change.note,
    },
  });
  return after;
}

async function recordReview(
  trx: Db,
  position: Position,
  entry: { outcome: PositionReviewOutcome; actorId: number; reviewerId: number | null; comment: string },
) {
  await trx
    .insertInto("position_reviews")
    .values({
      position_id: position.id,
      version_id: position.currentVersionId,
      outcome: entry.outcome,
      actor_id: entry.actorId,
      reviewer_id: entry.reviewerId,
      comment: entry.comment,
    })
    .execute();
}

const positionLink = (context: TransitionContext, position: Position) =>
  new URL(`/positions/${position.slug}`, context.appUrl).toString();

async function versionNumber(trx: Db, actor: Actor, position: Position) {
  return (await getVersion(trx, actor, position, position.currentVersionId)).number;
}

/** Nothing goes out, or is signed off, citing evidence that is missing or withdrawn. */
async function refuseBrokenCitations(trx: Db, actor: Actor, position: Position, action: string) {
  const version = await getVersion(trx, actor, position, position.currentVersionId);
  const { problems } = await renderVersion(trx, position, version, { mode: "editor" });
  const broken = problems.filter(
    (problem) => problem.kind !== "unknown_block" && problem.kind !== "unclosed_block",
  );
  if (broken.length) {
    throw new PositionRefusal(
      `You cannot ${action} this position while it cites evidence that cannot be used: ${broken.map((p) => p.message).join("; ")}.`,
    );
  }
  return version;
}

export async function requestReview(
  db: Db,
  actor: Actor,
  input: { positionId: number; reviewerId: number; message: string },
  context: TransitionContext,
): Promise<Position> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const position = await loadPosition(trx, input.positionId, { lock: true });
    refuseUnless(position, ["draft"], "ask for review of");
    if (input.reviewerId === actor.id)
      throw new PositionRefusal("Choose someone other than yourself to review it.", 400);
    const reviewer = await getPerson(trx, input.reviewerId);
    if (!reviewer || !(await isActiveStaff(trx, reviewer.id))) {
      throw new PositionRefusal("The reviewer must be an active member of staff.", 400);
    }
    const after = await moveTo(trx, actor, position, {
      state: "in_review",
      action: "review_requested",
      set: { reviewer_id: reviewer.id, review_requested_by: actor.id },
      note: { reviewerId: reviewer.id, message: input.message },
    });
    await recordReview(trx, after, {
      outcome: "requested",
      actorId: actor.id,
      reviewerId: reviewer.id,
      comment: input.message,
    });
    const requester = await getPerson(trx, actor.id);
    await enqueueEmail(trx, {
      to: reviewer.email,
      template: "position-review-requested",
      props: {
        name: reviewer.name,
        requester: requester?.name ?? "A colleague",
        title: after.title,
        version: await versionNumber(trx, actor, after),
        message: input.message,
        link: positionLink(context, after),
      },
    });
    return after;
  });
}

/** Only the named reviewer, or an admin, decides on a review. */
function refuseUnlessReviewer(actor: Actor, position: Position) {
  if (position.reviewerId === actor.id || isAdmin(actor)) return;
  throw new PositionRefusal(
    `Only ${position.reviewerName ?? "the named reviewer"} or an administrator can decide on this review.`,
    403,
  );
}

async function emailRequester(
  trx: Db,
  position: Position,
  send: (person: { email: string; name: string }) => Promise<unknown>,
) {
  const person = await getPerson(trx, position.reviewRequestedBy ?? position.ownerId);
  if (person?.active) await send(person);
}

export async function sendBack(
  db: Db,
  actor: Actor,
  input: { positionId: number; comment: string },
  context: TransitionContext,
): Promise<Position> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const position = await loadPosition(trx, input.positionId, { lock: true });
    refuseUnless(position, ["in_review"], "send back");
    refuseUnlessReviewer(actor, position);
    const after = await moveTo(trx, actor, position, {
      state: "draft",
      action: "sent_back",
      note: { comment: input.comment },
    });
    await recordReview(trx, after, {
      outcome: "sent_back",
      actorId: actor.id,
      reviewerId: actor.id,
      comment: input.comment,
    });
    const reviewer = await getPerson(trx, actor.id);
    await emailRequester(trx, after, (person) =>
      enqueueEmail(trx, {
        to: person.email,
        template: "position-sent-back",
        props: {
          name: person.name,
          reviewer: reviewer?.name ?? "Your reviewer",
          title: after.title,
          comment: input.comment,
          link: positionLink(context, after),
        },
      }),
    );
    return after;
  });
}

export async function approvePosition(
  db: Db,
  actor: Actor,
  input: { positionId: number; comment: string },
  context: TransitionContext,
): Promise<Position> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const position = await loadPosition(trx, input.positionId, { lock: true });
    refuseUnless(position, ["in_review"], "approve");
    refuseUnlessReviewer(actor, position);
    const version = await refuseBrokenCitations(trx, actor, position, "approve");
    if (version.authorId === actor.id && !isAdmin(actor)) {
      throw new PositionRefusal(
        "You wrote the version under review, so someone else must approve it (or an administrator).",
        403,
      );
    }
    const after = await moveTo(trx, actor, position, {
      state: "approved",
      action: "approved",
      set: { approved_version_id: version.id },
      note: { versionId: version.id, comment: input.comment },
    });
    await recordReview(trx, after, {
      outcome: "approved",
      actorId: actor.id,
      reviewerId: actor.id,
      comment: input.comment,
    });
    const reviewer = await getPerson(trx, actor.id);
    await emailRequester(trx, after, (person) =>
      enqueueEmail(trx, {
        to: person.email,
        template: "position-approved",
        props: {
          name: person.name,
          reviewer: reviewer?.name ?? "Your reviewer",
          title: after.title,
          version: version.number,
          comment: input.comment,
          link: positionLink(context, after),
        },
      }),
    );
    return after;
  });
}

/** Approved → draft, so the approved text can be changed; the approval no longer stands. */
export async function reopenPosition(db: Db, actor: Actor, input: { positionId: number }): Promise<Position> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const position = await loadPosition(trx, input.positionId, { lock: true });
    refuseUnless(position, ["approved"], "reopen");
    return moveTo(trx, actor, position, {
      state: "draft",
      action: "reopened",
      set: { approved_version_id: null },
    });
  });
}

async function publishCurrent(
  trx: Db,
  actor: Actor,
  position: Position,
  action: "published" | "urgent_published",
  note: Record<string, unknown>,
) {
  const version = await refuseBrokenCitations(trx, actor, position, "publish");
  await freezeCitations(
    trx,
    citingSubject(version.id),
    (await renderVersion(trx, position, version)).footnotes.map((f) => f.evidenceId),
  );
  return moveTo(trx, actor, position, {
    state: "published",
    action,
    set: {
      published_version_id: version.id,
      published_by: actor.id,
      published_at: new Date(),
      awaiting_retrospective_review: action === "urgent_published",
    },
    note: { versionId: version.id, ...note },
  });
}

export async function publishPosition(
  db: Db,
  actor: Actor,
  input: { positionId: number },
): Promise<Position> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const position = await loadPosition(trx, input.positionId, { lock: true });
    refuseUnless(position, ["approved"], "publish");
    if (position.approvedVersionId !== position.currentVersionId) {
      throw new PositionRefusal("The text has changed since it was approved: ask for review again.");
    }
    return publishCurrent(trx, actor, position, "published", {});
  });
}

/**
 * An administrator publishes at once when it cannot wait (a Budget tomorrow); the position says
 * "awaiting retrospective review" until a second person has read it.
 */
export async function urgentPublish(
  db: Db,
  actor: Actor,
  input: { positionId: number; reason: string },
  context: TransitionContext,
): Promise<Position> {
  requireStaffActor(actor);
  if (!isAdmin(actor)) throw new PositionRefusal("Only an administrator can publish without review.", 403);
  return inTransaction(db, async (trx) => {
    const position = await loadPosition(trx, input.positionId, { lock: true });
    refuseUnless(position, ["draft", "in_review"], "urgently publish");
    const after = await publishCurrent(trx, actor, position, "urgent_published", { reason: input.reason });
    const publisher = await getPerson(trx, actor.id);
    const readers = new Set(
      [position.ownerId, position.reviewerId].filter((id): id is number => id !== null && id !== actor.id),
    );
    for (const id of readers) {
      const person = await getPerson(trx, id);
      if (!person?.active) continue;
      await enqueueEmail(trx, {
        to: person.email,
        template: "position-urgent-published",
        props: {
          name: person.name,
          publisher: publisher?.name ?? "An administrator",
          title: after.title,
          reason: input.reason,
          link: positionLink(context, after),
        },
      });
    }
    return after;
  });
}

/** The second reader of an urgently published position: anyone on the staff but its publisher. */
export async function recordRetrospectiveReview(
  db: Db,
  actor: Actor,
  input: { positionId: number; comment: string },
): Promise<Position> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const position = await loadPosition(trx, input.positionId, { lock: true });
    if (position.state !== "published" || !position.awaitingRetrospectiveReview) {
      throw new PositionRefusal("This position is not awaiting a retrospective review.");
    }
    if (position.publishedBy === actor.id) {
      throw new PositionRefusal(
        "You published it, so the retrospective review must come from someone else.",
        403,
      );
    }
    const after = await moveTo(trx, actor, position, {
      state: "published",
      action: "retrospective_reviewed",
      set: { awaiting_retrospective_review: false },
      note: { comment: input.comment },
    });
    await recordReview(trx, after, {
      outcome: "retrospective",
      actorId: actor.id,
      reviewerId: actor.id,
      comment: input.comment,
    });
    return after;
  });
}

export async function retirePosition(db: Db, actor: Actor, input: { positionId: number }): Promise<Position> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const position = await loadPosition(trx, input.positionId, { lock: true });
    refuseUnless(position, ["published"], "retire");
    return moveTo(trx, actor, position, { state: "retired", action: "retired" });
  });
}
