// The checks and effects that guard a position's review and publication moves (see lifecycle.server.ts):
// four eyes over the whole review round, no broken citations, and freezing what a published text cites.
import { isAdmin } from "~/models/accounts/people.server.ts";
import { freezeCitations } from "~/models/evidence/citations.server.ts";
import { recordEvidenceUseNotices } from "~/models/evidence/notices.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import type { PositionStep } from "./lifecycle.server.ts";
import { citingSubject, getVersion, renderVersion } from "./positions.server.ts";

/**
 * Four eyes counts every editor of this review round, not only the last one: a reviewer who
 * rewrote a paragraph, after which the author saved again, still may not approve (unless an admin).
 */
export async function refuseEditorsSinceReviewAsked({ trx, actor, before }: PositionStep) {
  if (!actor || isAdmin(actor)) return;
  const asked = await trx
    .selectFrom("position_reviews")
    .select("version_id")
    .where("position_id", "=", before.id)
    .where("outcome", "=", "requested")
    .orderBy("id", "desc")
    .executeTakeFirst();
  const edited = await trx
    .selectFrom("position_versions")
    .select("id")
    .where("position_id", "=", before.id)
    .where("author_id", "=", actor.id)
    .where("id", ">", asked?.version_id ?? 0)
    .executeTakeFirst();
  if (edited)
    throw Refusal.forbidden(
      "You edited the text under review, so someone else must approve it (or an administrator).",
    );
}

/** Nothing goes out, or is signed off, citing evidence that is missing or withdrawn. */
export async function refuseBrokenCitations({ trx, actor, before }: PositionStep, verb: string) {
  const version = await getVersion(trx, actor, before, before.currentVersionId);
  const { problems } = await renderVersion(trx, before, version, { mode: "editor" });
  const broken = problems.filter(
    (problem) => problem.kind !== "unknown_block" && problem.kind !== "unclosed_block",
  );
  if (broken.length) {
    throw Refusal.conflict(
      `You cannot ${verb} this position while it cites evidence that cannot be used: ${broken.map((p) => p.message).join("; ")}.`,
    );
  }
}

/**
 * Publication freezes what the text cites as it stands now, so later changes never alter it, and
 * notes each organisation whose evidence it uses for the day's "your evidence was used" email.
 */
export async function freezeCurrentCitations({ trx, actor, before }: PositionStep) {
  const version = await getVersion(trx, actor, before, before.currentVersionId);
  const live = await renderVersion(trx, { publishedVersionId: null }, version);
  await freezeCitations(
    trx,
    citingSubject(version.id),
    live.footnotes.map((footnote) => footnote.evidenceId),
  );
  const evidenceNotices = await recordEvidenceUseNotices(trx, { kind: "position", documentId: before.id });
  return { evidenceNotices };
}
