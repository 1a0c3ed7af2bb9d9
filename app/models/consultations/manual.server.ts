import { sql } from "kysely";
import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import type { ManualConsultationInput } from "~/schemas/consultations.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { jsonb } from "~/utils/jsonb.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import { loadTopicKeywords, relevanceOf } from "./topic-keywords.server.ts";

/** The columns a person types for a consultation entered by hand: what an edit changes and audits. */
const typedColumns = [
  "title",
  "description",
  "body",
  "level",
  "nation",
  "url",
  "opens_on",
  "closes_on",
] as const;

function manualValues(input: ManualConsultationInput) {
  return {
    title: input.title,
    description: input.description,
    body: input.body,
    level: input.level,
    nation: input.level === "national" || input.nation === "" ? null : input.nation,
    url: input.url,
    opens_on: input.opensOn,
    closes_on: input.closesOn,
  };
}

/** A consultation entered by hand (Welsh Government, councils): flagged relevant like imported ones. */
export async function createManualConsultation(
  db: Db,
  actor: Actor,
  input: ManualConsultationInput,
): Promise<number> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const values = manualValues(input);
    const relevance = relevanceOf(values, await loadTopicKeywords(trx));
    const { id } = await trx
      .insertInto("consultations")
      .values({
        ...values,
        relevant: relevance.relevant,
        matched_keywords: jsonb(relevance.matched),
        created_by: actor.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      actorId: actor.id,
      action: "consultation.create",
      subjectType: "consultation",
      subjectId: id,
      after: values,
    });
    return id;
  });
}

/** Only consultations entered by hand can be edited; a stale form (old version) is refused with 409. */
export async function updateManualConsultation(
  db: Db,
  actor: Actor,
  id: number,
  input: ManualConsultationInput & { version: number },
): Promise<void> {
  requireStaffActor(actor);
  await inTransaction(db, async (trx) => {
    const current = await trx
      .selectFrom("consultations")
      .select(["source_id", "version", ...typedColumns])
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw Refusal.notFound();
    const { source_id: sourceId, version, ...before } = current;
    if (sourceId !== null) {
      throw Refusal.conflict(
        "This consultation was imported from its government's site; only consultations entered by hand can be edited.",
      );
    }
    if (version !== input.version) {
      throw Refusal.conflict(
        "Someone else changed this consultation after you opened the form. Their version is shown; your changes are kept in the form.",
      );
    }
    const values = manualValues(input);
    const relevance = relevanceOf(values, await loadTopicKeywords(trx));
    await trx
      .updateTable("consultations")
      .set({
        ...values,
        relevant: relevance.relevant,
        matched_keywords: jsonb(relevance.matched),
        version: version + 1,
        updated_at: sql`now()`,
      })
      .where("id", "=", id)
      .execute();
    await writeAudit(trx, {
      actorId: actor.id,
      action: "consultation.update",
      subjectType: "consultation",
      subjectId: id,
      before,
      after: values,
    });
  });
}
