import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import { liveCitationSources } from "~/models/evidence/citations.server.ts";
import type { Government } from "~/schemas/governments.ts";
import { editableStates, type PositionTopic } from "~/schemas/positions.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { wordDiff, type TextDiff } from "~/utils/diff.ts";
import { parseMarkdown, renderParsed } from "~/utils/markdown.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import {
  getVersion,
  loadPosition,
  selectVersionSummaries,
  toVersionSummary,
  type Position,
  type PositionVersion,
  type VersionSummary,
} from "./positions.server.ts";

/**
 * Writing a position: every save is a new version, a stale save is refused (never applied), and
 * the text being written is previewed as readers will see it.
 */

export async function listVersions(db: Db, actor: Actor, position: Position): Promise<VersionSummary[]> {
  requireStaffActor(actor);
  const rows = await selectVersionSummaries(db)
    .where("position_versions.position_id", "=", position.id)
    .orderBy("position_versions.number", "desc")
    .execute();
  return rows.map(toVersionSummary);
}

export interface SaveInput {
  positionId: number;
  baseVersionId: number;
  title: string;
  summary: string;
  topics: PositionTopic[];
  isPublic: boolean;
  body: string;
  note: string;
}

export type SaveResult =
  | { ok: true; version: PositionVersion; unchanged: boolean }
  | { ok: false; current: PositionVersion; base: PositionVersion; theirChanges: TextDiff };

/**
 * Saves a new version, unless someone saved since the form was opened: then nothing is written
 * and the caller gets what they changed, to merge by hand. The row lock makes two saves from the
 * same base queue up, so exactly one of them wins.
 */
export async function saveVersion(db: Db, actor: Actor, input: SaveInput): Promise<SaveResult> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const position = await loadPosition(trx, input.positionId, { lock: true });
    if (!editableStates.includes(position.state)) {
      throw Refusal.conflict(
        `This position is ${position.state.replace("_", " ")}, so its text can no longer change. Reopen it to edit.`,
      );
    }
    const current = await getVersion(trx, actor, position, position.currentVersionId);
    if (current.id !== input.baseVersionId) {
      const base = await getVersion(trx, actor, position, input.baseVersionId);
      return { ok: false, current, base, theirChanges: wordDiff(base.body, current.body) };
    }
    const detailsChanged =
      position.isPublic !== input.isPublic ||
      JSON.stringify(position.topics) !== JSON.stringify(input.topics);
    const textChanged =
      current.title !== input.title || current.summary !== input.summary || current.body !== input.body;
    if (!textChanged && !detailsChanged) return { ok: true, version: current, unchanged: true };
    let version = current;
    if (textChanged) {
      const row = await trx
        .insertInto("position_versions")
        .values({
          position_id: position.id,
          number: current.number + 1,
          title: input.title,
          summary: input.summary,
          body: input.body,
          note: input.note,
          author_id: actor.id,
          base_version_id: current.id,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      version = await getVersion(trx, actor, position, row.id);
    }
    await trx
      .updateTable("positions")
      .set({
        title: input.title,
        summary: input.summary,
        topics: JSON.stringify(input.topics),
        is_public: input.isPublic,
        current_version_id: version.id,
        updated_at: new Date(),
      })
      .where("id", "=", position.id)
      .execute();
    await writeAudit(trx, {
      actorId: actor.id,
      action: "position.saved",
      subjectType: "position",
      subjectId: position.id,
      before: { versionId: current.id, topics: position.topics, isPublic: position.isPublic },
      after: {
        versionId: version.id,
        number: version.number,
        note: input.note,
        topics: input.topics,
        isPublic: input.isPublic,
      },
    });
    return { ok: true, version, unchanged: false };
  });
}

/** The text being written, with live citations and its problems marked, for the editor's preview. */
export async function renderPreview(db: Db, body: string, government: Government | "all" = "all") {
  const parsed = parseMarkdown(body, { government });
  const evidence = await liveCitationSources(db, parsed.citedIds);
  const { html, problems } = renderParsed(parsed, evidence, {
    government,
    mode: "editor",
    idPrefix: "preview-",
  });
  return { html, problems: problems.map(({ kind, message }) => ({ kind, message })) };
}
