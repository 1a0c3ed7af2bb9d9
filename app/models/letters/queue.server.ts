import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import type { Db } from "~/utils/db.server.ts";

export interface OpenLetterCount {
  id: number;
  title: string;
  closesAt: Date | null;
  signatures: number;
  goal: number | null;
}

/** Letters open for signature with their current signature counts, in one query. */
export async function listOpenLetterCounts(db: Db, actor: Actor): Promise<OpenLetterCount[]> {
  requireStaffActor(actor);
  const rows = await db
    .selectFrom("letters as l")
    .leftJoin("letter_signatures as s", (join) =>
      join.onRef("s.letter_id", "=", "l.id").on("s.withdrawn_at", "is", null),
    )
    .select((eb) => [
      "l.id",
      "l.title",
      "l.closes_at",
      "l.signature_goal",
      eb.fn.count<number>("s.id").as("signatures"),
    ])
    .where("l.state", "=", "open")
    .groupBy(["l.id", "l.title", "l.closes_at", "l.signature_goal"])
    .orderBy("l.closes_at")
    .orderBy("l.id")
    .limit(50)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    closesAt: row.closes_at,
    signatures: Number(row.signatures),
    goal: row.signature_goal,
  }));
}
