import { sql } from "kysely";
import type { PositionsRow, PositionVersionsRow } from "../../../db/schema.ts";
import { frozenCitationSources, liveCitationSources } from "~/models/evidence/citations.server.ts";
import { isStaff, requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import type { Government } from "~/schemas/governments.ts";
import { PAGE_SIZE } from "~/schemas/paging.ts";
import {
  positionStateSchema,
  positionTopicSchema,
  type PositionState,
  type PositionTopic,
} from "~/schemas/positions.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { parseMarkdown, renderParsed, type RenderedMarkdown } from "~/utils/markdown.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";

/**
 * Policy positions as people find and read them: who may read what, the lists, one version's text
 * and how it renders (live while a draft, with frozen citations once published). Writing is in
 * versions.server.ts, review and publication in lifecycle.server.ts.
 */

export interface Position {
  id: number;
  slug: string;
  title: string;
  summary: string;
  topics: PositionTopic[];
  ownerId: number;
  ownerName: string;
  state: PositionState;
  isPublic: boolean;
  currentVersionId: number;
  /** Of the current version: whoever wrote it may not approve it (four eyes). */
  currentVersionNumber: number;
  currentAuthorId: number | null;
  reviewerId: number | null;
  reviewerName: string | null;
  reviewRequestedBy: number | null;
  approvedVersionId: number | null;
  publishedVersionId: number | null;
  publishedBy: number | null;
  publishedAt: Date | null;
  awaitingRetrospectiveReview: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface PositionVersion {
  id: number;
  positionId: number;
  number: number;
  title: string;
  summary: string;
  body: string;
  note: string;
  authorId: number | null;
  authorName: string | null;
  baseVersionId: number | null;
  createdAt: Date;
}

const positionColumns = [
  "positions.id",
  "positions.slug",
  "positions.title",
  "positions.summary",
  "positions.topics",
  "positions.owner_id",
  "positions.state",
  "positions.is_public",
  "positions.current_version_id",
  "positions.reviewer_id",
  "positions.review_requested_by",
  "positions.approved_version_id",
  "positions.published_version_id",
  "positions.published_by",
  "positions.published_at",
  "positions.awaiting_retrospective_review",
  "positions.created_at",
  "positions.updated_at",
] as const;

type PositionRow = Omit<PositionsRow, "current_version_id"> & {
  current_version_id: number | null;
  current_version_number: number | null;
  current_author_id: number | null;
  owner_name: string;
  reviewer_name: string | null;
};

function toTopics(value: unknown): PositionTopic[] {
  return Array.isArray(value)
    ? value.flatMap((topic) => positionTopicSchema.safeParse(topic).data ?? [])
    : [];
}

export function toPosition(row: PositionRow): Position {
  if (row.current_version_id === null || row.current_version_number === null)
    throw new Error(`Position ${row.id} has no version`);
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    topics: toTopics(row.topics),
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    state: positionStateSchema.parse(row.state),
    isPublic: row.is_public,
    currentVersionId: row.current_version_id,
    currentVersionNumber: row.current_version_number,
    currentAuthorId: row.current_author_id,
    reviewerId: row.reviewer_id,
    reviewerName: row.reviewer_name,
    reviewRequestedBy: row.review_requested_by,
    approvedVersionId: row.approved_version_id,
    publishedVersionId: row.published_version_id,
    publishedBy: row.published_by,
    publishedAt: row.published_at,
    awaitingRetrospectiveReview: row.awaiting_retrospective_review,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Positions with their owner's and reviewer's names and who wrote the current version. */
export function selectPositions(db: Db) {
  return db
    .selectFrom("positions")
    .innerJoin("people as owner", "owner.id", "positions.owner_id")
    .leftJoin("people as reviewer", "reviewer.id", "positions.reviewer_id")
    .leftJoin("position_versions as current", "current.id", "positions.current_version_id")
    .select([
      ...positionColumns,
      "owner.name as owner_name",
      "reviewer.name as reviewer_name",
      "current.number as current_version_number",
      "current.author_id as current_author_id",
    ]);
}

/** A version without its text, for lists: the text can be long. */
export type VersionSummary = Omit<PositionVersion, "body" | "summary">;

type VersionSummaryRow = Pick<
  PositionVersionsRow,
  "id" | "position_id" | "number" | "title" | "note" | "author_id" | "base_version_id" | "created_at"
> & { author_name: string | null };

export const toVersionSummary = (row: VersionSummaryRow): VersionSummary => ({
  id: row.id,
  positionId: row.position_id,
  number: row.number,
  title: row.title,
  note: row.note,
  authorId: row.author_id,
  authorName: row.author_name,
  baseVersionId: row.base_version_id,
  createdAt: row.created_at,
});

/** Versions with their author's name, without their text. */
export function selectVersionSummaries(db: Db) {
  return db
    .selectFrom("position_versions")
    .leftJoin("people as author", "author.id", "position_versions.author_id")
    .select([
      "position_versions.id",
      "position_versions.position_id",
      "position_versions.number",
      "position_versions.title",
      "position_versions.note",
      "position_versions.author_id",
      "position_versions.base_version_id",
      "position_versions.created_at",
      "author.name as author_name",
    ]);
}

const RESERVED_SLUGS = new Set(["new", "preview"]);

export function slugify(title: string): string {
  const base = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return base || "position";
}

async function uniqueSlug(db: Db, title: string): Promise<string> {
  const base = slugify(title);
  const taken = new Set(
    (
      await db
        .selectFrom("positions")
        .select("slug")
        .where((eb) => eb.or([eb("slug", "=", base), eb("slug", "like", `${base}-%`)]))
        .execute()
    ).map((row) => row.slug),
  );
  if (!taken.has(base) && !RESERVED_SLUGS.has(base)) return base;
  for (let suffix = 2; ; suffix++) if (!taken.has(`${base}-${suffix}`)) return `${base}-${suffix}`;
}

/** Active policy staff and administrators: who can own or review a position. */
export async function listPolicyStaff(db: Db): Promise<{ id: number; name: string; email: string }[]> {
  return db
    .selectFrom("people")
    .select(["id", "name", "email"])
    .where("role", "in", ["staff", "admin"])
    .where("active", "=", true)
    .orderBy("name")
    .execute();
}

export async function isActiveStaff(db: Db, personId: number): Promise<boolean> {
  const staff = await db
    .selectFrom("people")
    .select("id")
    .where("id", "=", personId)
    .where("role", "in", ["staff", "admin"])
    .where("active", "=", true)
    .executeTakeFirst();
  return staff !== undefined;
}

export interface NewPosition {
  title: string;
  summary: string;
  topics: PositionTopic[];
  ownerId: number;
  isPublic: boolean;
  body: string;
  note: string;
}

export async function createPosition(db: Db, actor: Actor, input: NewPosition): Promise<Position> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    if (!(await isActiveStaff(trx, input.ownerId))) {
      const message = "The owner must be a member of staff";
      throw Refusal.invalid(message, { ownerId: message });
    }
    const slug = await uniqueSlug(trx, input.title);
    const { id } = await trx
      .insertInto("positions")
      .values({
        slug,
        title: input.title,
        summary: input.summary,
        topics: JSON.stringify(input.topics),
        owner_id: input.ownerId,
        is_public: input.isPublic,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const version = await trx
      .insertInto("position_versions")
      .values({
        position_id: id,
        number: 1,
        title: input.title,
        summary: input.summary,
        body: input.body,
        note: input.note || "First draft",
        author_id: actor.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.updateTable("positions").set({ current_version_id: version.id }).where("id", "=", id).execute();
    const created = await loadPosition(trx, id);
    await writeAudit(trx, {
      actorId: actor.id,
      action: "position.created",
      subjectType: "position",
      subjectId: id,
      after: { ...created, versionId: version.id },
    });
    return created;
  });
}

export async function loadPosition(db: Db, id: number, { lock = false } = {}): Promise<Position> {
  // Lock the row on its own, then read it with its joins in a new statement: a joined FOR UPDATE
  // that waits for another save is re-checked against the new positions row but not the new
  // version row (invisible to its snapshot), so it would read the position without its version.
  if (lock) await db.selectFrom("positions").select("id").where("id", "=", id).forUpdate().execute();
  const row = await selectPositions(db).where("positions.id", "=", id).executeTakeFirst();
  if (!row) throw Refusal.notFound();
  return toPosition(row);
}

/** Staff see every position; members the published ones; the public only published and public ones. */
function canRead(actor: Actor | null, position: Pick<Position, "state" | "isPublic">): boolean {
  if (actor && isStaff(actor)) return true;
  if (position.state !== "published") return false;
  return actor !== null || position.isPublic;
}

export async function getPositionBySlug(db: Db, actor: Actor | null, slug: string): Promise<Position> {
  const row = await selectPositions(db).where("positions.slug", "=", slug).executeTakeFirst();
  if (!row) throw Refusal.notFound();
  const position = toPosition(row);
  if (!canRead(actor, position)) throw Refusal.notFound();
  return position;
}

export async function listPositions(
  db: Db,
  actor: Actor,
  query: { state?: PositionState | null; topic?: PositionTopic | null; page?: number } = {},
): Promise<{ positions: Position[]; total: number; page: number; pageSize: number }> {
  const page = Math.max(1, Math.floor(query.page ?? 1));
  let base = selectPositions(db);
  if (!isStaff(actor)) base = base.where("positions.state", "=", "published");
  else if (query.state) base = base.where("positions.state", "=", query.state);
  if (query.topic)
    base = base.where(sql<boolean>`positions.topics @> ${JSON.stringify([query.topic])}::jsonb`);
  const [rows, count] = await Promise.all([
    base
      .orderBy("positions.updated_at", "desc")
      .orderBy("positions.id", "desc")
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .executeTakeFirstOrThrow(),
  ]);
  return { positions: rows.map(toPosition), total: count.count, page, pageSize: PAGE_SIZE };
}

export async function getVersion(
  db: Db,
  actor: Actor | null,
  position: Position,
  versionId: number,
): Promise<PositionVersion> {
  // Readers who are not staff see only the published text, never drafts around it.
  if (!actor || !isStaff(actor)) {
    if (!canRead(actor, position) || versionId !== position.publishedVersionId) throw Refusal.notFound();
  }
  const row = await selectVersionSummaries(db)
    .select(["position_versions.summary", "position_versions.body"])
    .where("position_versions.id", "=", versionId)
    .where("position_versions.position_id", "=", position.id)
    .executeTakeFirst();
  if (!row) throw Refusal.notFound();
  return { ...toVersionSummary(row), summary: row.summary, body: row.body };
}

export const citingSubject = (versionId: number) => ({ type: "position_version", id: versionId });

/**
 * Renders a version for a reader: the published version with the citations frozen when it was
 * published; anything else live, with problems marked in editor mode.
 */
export async function renderVersion(
  db: Db,
  position: Pick<Position, "publishedVersionId">,
  version: Pick<PositionVersion, "id" | "body">,
  options: { government?: Government | "all"; mode?: "editor" | "published"; idPrefix?: string } = {},
): Promise<RenderedMarkdown> {
  const parsed = parseMarkdown(version.body, options);
  const frozen = version.id === position.publishedVersionId;
  const evidence = frozen
    ? await frozenCitationSources(db, citingSubject(version.id), parsed.citedIds)
    : await liveCitationSources(db, parsed.citedIds);
  return renderParsed(parsed, evidence, options);
}
