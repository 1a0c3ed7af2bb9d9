import type { Actor } from "~/models/accounts/people.server.ts";
import type { Db } from "~/utils/db.server.ts";

/** An open letter as a leader's home shows it: signed for their organisation already, or waiting. */
export interface LetterToSign {
  slug: string;
  title: string;
  addressee: string;
  closesAt: Date | null;
  signature: { name: string; signedAt: Date } | null;
}

/**
 * The letters still taking signatures that this person could sign for their organisation, with the
 * organisation's current signature, in one query. Empty for anyone who may not sign (not a leader,
 * no active member organisation): the same rules as the signing page.
 */
export async function listLettersToSign(db: Db, actor: Actor, now = new Date()): Promise<LetterToSign[]> {
  if (actor.role !== "member" || !actor.isLeader || actor.organisationId === null) return [];
  const organisationId = actor.organisationId;
  const rows = await db
    .selectFrom("letters as l")
    .innerJoin("organisations as o", (join) => join.on("o.id", "=", organisationId))
    .leftJoin("letter_signatures as s", (join) =>
      join
        .onRef("s.letter_id", "=", "l.id")
        .onRef("s.organisation_id", "=", "o.id")
        .on("s.withdrawn_at", "is", null),
    )
    .select(["l.slug", "l.title", "l.addressee", "l.closes_at", "s.signer_name", "s.signed_at"])
    .where("l.state", "=", "open")
    .where((eb) => eb.or([eb("l.closes_at", "is", null), eb("l.closes_at", ">", now)]))
    .where("o.membership_status", "=", "active")
    .where("o.archived_at", "is", null)
    .orderBy("l.closes_at")
    .orderBy("l.id")
    .limit(50)
    .execute();
  return rows.map((row) => ({
    slug: row.slug,
    title: row.title,
    addressee: row.addressee,
    closesAt: row.closes_at,
    signature:
      row.signer_name !== null && row.signed_at !== null
        ? { name: row.signer_name, signedAt: row.signed_at }
        : null,
  }));
}
