import { sql } from "kysely";
import type { Db } from "~/utils/db.server.ts";
import type { Government } from "~/schemas/governments.ts";
import { PAGE_SIZE } from "~/schemas/paging.ts";
import { frozenSubmissionStates } from "~/schemas/submissions.ts";
import { governmentSchema } from "~/schemas/governments.ts";

export interface PublicSubmissionSummary {
  slug: string;
  consultationTitle: string;
  government: Government;
  publishedAt: Date;
}

/** Consultation responses the network has published, newest first: what anyone may read at /c. */
export async function listPublishedSubmissions(
  db: Db,
  { page }: { page: number },
): Promise<{ submissions: PublicSubmissionSummary[]; total: number; pageSize: number }> {
  const base = db
    .selectFrom("submissions")
    .innerJoin("consultations", "consultations.id", "submissions.consultation_id")
    .where("submissions.slug", "is not", null)
    .where("submissions.published_at", "is not", null)
    .where("submissions.state", "in", frozenSubmissionStates);
  const [rows, count] = await Promise.all([
    base
      .select([
        "submissions.slug",
        "submissions.government",
        "submissions.published_at",
        // The title as approved: a later edit of the consultation does not retitle what was sent.
        sql<string>`coalesce(submissions.frozen_document ->> 'consultationTitle', consultations.title)`.as(
          "consultation_title",
        ),
      ])
      .orderBy("submissions.published_at", "desc")
      .orderBy("submissions.id", "desc")
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow(),
  ]);
  return {
    submissions: rows.flatMap((row) =>
      row.slug && row.published_at
        ? [
            {
              slug: row.slug,
              consultationTitle: row.consultation_title,
              government: governmentSchema.parse(row.government),
              publishedAt: row.published_at,
            },
          ]
        : [],
    ),
    total: Number(count.count),
    pageSize: PAGE_SIZE,
  };
}
