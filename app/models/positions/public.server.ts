import type { Db } from "~/utils/db.server.ts";
import { PAGE_SIZE } from "~/schemas/paging.ts";

export interface PublicPositionSummary {
  slug: string;
  title: string;
  summary: string;
  publishedAt: Date | null;
}

/** Published positions marked public, newest first: what anyone may read at /p. */
export async function listPublicPositions(
  db: Db,
  { page }: { page: number },
): Promise<{ positions: PublicPositionSummary[]; total: number; pageSize: number }> {
  const base = db
    .selectFrom("positions")
    .where("positions.state", "=", "published")
    .where("positions.is_public", "=", true)
    .where("positions.published_version_id", "is not", null);
  const [rows, count] = await Promise.all([
    base
      .select(["positions.slug", "positions.title", "positions.summary", "positions.published_at"])
      .orderBy("positions.published_at", "desc")
      .orderBy("positions.id", "desc")
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow(),
  ]);
  return {
    positions: rows.map((row) => ({
      slug: row.slug,
      title: row.title,
      summary: row.summary,
      publishedAt: row.published_at,
    })),
    total: Number(count.count),
    pageSize: PAGE_SIZE,
  };
}
