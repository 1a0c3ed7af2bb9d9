import { sql } from "kysely";
import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import { positionTopics, positionTopicLabels, type PositionTopic } from "~/schemas/positions.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { matchKeywords, type TopicKeyword } from "~/utils/keyword-match.ts";
import { Refusal } from "~/utils/refusal.server.ts";

/**
 * Relevance uses the positions' topics (app/schemas/positions.ts): each topic carries keywords,
 * and a consultation whose title or description holds one is flagged relevant.
 */
interface TopicWithKeywords {
  topic: PositionTopic;
  label: string;
  keywords: { id: number; keyword: string }[];
}

const isTopic = (value: string): value is PositionTopic => positionTopics.some((topic) => topic === value);

export async function loadTopicKeywords(db: Db): Promise<TopicKeyword[]> {
  return db
    .selectFrom("topic_keywords")
    .select(["topic", "keyword"])
    .orderBy("topic")
    .orderBy("keyword")
    .execute();
}

export function relevanceOf(
  text: { title: string; description: string },
  keywords: readonly TopicKeyword[],
): { relevant: boolean; matched: TopicKeyword[] } {
  const matched = matchKeywords([text.title, text.description], keywords);
  return { relevant: matched.length > 0, matched };
}

export async function listTopicKeywords(db: Db, actor: Actor): Promise<TopicWithKeywords[]> {
  requireStaffActor(actor);
  const rows = await db
    .selectFrom("topic_keywords")
    .select(["id", "topic", "keyword"])
    .orderBy("keyword")
    .execute();
  return positionTopics.map((topic) => ({
    topic,
    label: positionTopicLabels[topic],
    keywords: rows.filter((row) => row.topic === topic).map((row) => ({ id: row.id, keyword: row.keyword })),
  }));
}

/** Adds a keyword and re-flags every consultation; adding one that is already there does nothing. */
export async function addTopicKeyword(
  db: Db,
  actor: Actor,
  input: { topic: string; keyword: string },
): Promise<void> {
  requireStaffActor(actor);
  if (!isTopic(input.topic)) {
    const message = "Choose a topic from the list.";
    throw Refusal.invalid(message, { topic: message });
  }
  const keyword = input.keyword.trim().toLowerCase().replace(/\s+/g, " ");
  await inTransaction(db, async (trx) => {
    const inserted = await trx
      .insertInto("topic_keywords")
      .values({ topic: input.topic, keyword, created_by: actor.id })
      .onConflict((oc) => oc.columns(["topic", "keyword"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) return;
    await writeAudit(trx, {
      actorId: actor.id,
      action: "topic_keyword.add",
      subjectType: "topic_keyword",
      subjectId: inserted.id,
      after: { topic: input.topic, keyword },
    });
    await recomputeRelevance(trx);
  });
}

export async function removeTopicKeyword(db: Db, actor: Actor, keywordId: number): Promise<void> {
  requireStaffActor(actor);
  await inTransaction(db, async (trx) => {
    const removed = await trx
      .deleteFrom("topic_keywords")
      .where("id", "=", keywordId)
      .returning(["id", "topic", "keyword"])
      .executeTakeFirst();
    // Removing twice (a double submit) is the same as removing once.
    if (!removed) return;
    await writeAudit(trx, {
      actorId: actor.id,
      action: "topic_keyword.remove",
      subjectType: "topic_keyword",
      subjectId: removed.id,
      before: { topic: removed.topic, keyword: removed.keyword },
    });
    await recomputeRelevance(trx);
  });
}

/** Re-flags every consultation against the current keywords; writes only those whose flag or matches change. */
async function recomputeRelevance(db: Db): Promise<number> {
  const keywords = await loadTopicKeywords(db);
  const rows = await db
    .selectFrom("consultations")
    .select(["id", "title", "description", "relevant", "matched_keywords"])
    .execute();
  const changed = rows.flatMap((row) => {
    const next = relevanceOf(row, keywords);
    const same =
      row.relevant === next.relevant && JSON.stringify(row.matched_keywords) === JSON.stringify(next.matched);
    return same ? [] : [{ id: row.id, relevant: next.relevant, matched: JSON.stringify(next.matched) }];
  });
  // A common keyword can re-flag thousands: one statement per 1,000 rows, not one per row.
  for (let start = 0; start < changed.length; start += 1_000) {
    const values = changed
      .slice(start, start + 1_000)
      .map((row) => sql`(${row.id}::integer, ${row.relevant}::boolean, ${row.matched}::jsonb)`);
    await sql`
      update consultations
      set relevant = changes.relevant, matched_keywords = changes.matched, updated_at = now()
      from (values ${sql.join(values)}) as changes (id, relevant, matched)
      where consultations.id = changes.id
    `.execute(db);
  }
  return changed.length;
}
