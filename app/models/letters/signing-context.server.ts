import type { Actor } from "~/models/accounts/people.server.ts";
import { hashToken } from "~/utils/crypto.server.ts";
import type { Db } from "~/utils/db.server.ts";

/** How the signer proved who they are: the personal link from their invitation, or a signed-in session. */
export type Signer = { via: "link"; token: string } | { via: "session"; actor: Actor };

/** Who is signing which letter, and where their organisation stands: what the page shows and signing checks. */
export interface SigningContext {
  letter: {
    id: number;
    slug: string;
    title: string;
    /** The Welsh title, null where not translated; shown only when `bilingual`. */
    titleCy: string | null;
    bilingual: boolean;
    addressee: string;
    /** What the signer puts their organisation's name to: shown on the signing page. */
    bodyMarkdown: string;
    bodyMarkdownCy: string | null;
    closesAt: Date | null;
    /** Open, and its closing date (if any) not yet passed. */
    accepting: boolean;
  };
  signer: {
    personId: number;
    name: string;
    jobTitle: string | null;
    organisationId: number | null;
    organisation: string | null;
  };
  /** Why this person cannot sign, if they cannot. */
  ineligible: "not_leader" | "not_member_organisation" | "inactive" | null;
  /** The organisation's current signature, whoever made it. */
  signature: { id: number; mine: boolean; name: string; jobTitle: string | null; signedAt: Date } | null;
  via: Signer["via"];
}

/**
 * One query for everything a signing needs: the letter, the signer, their organisation and its
 * current signature. Inside the signing transaction it takes KEY SHARE on the letter row, which
 * closing (FOR UPDATE) waits for and which waits for closing: no signature slips past the freeze.
 */
export function contextQuery(db: Db, slug: string, signer: Signer) {
  const base =
    signer.via === "link"
      ? db
          .selectFrom("letters as l")
          .innerJoin("letter_invitations as i", "i.letter_id", "l.id")
          .innerJoin("people as p", "p.id", "i.person_id")
          .where("i.token_hash", "=", hashToken(signer.token))
      : db
          .selectFrom("letters as l")
          .innerJoin("people as p", (join) => join.on("p.id", "=", signer.actor.id));
  return base
    .leftJoin("organisations as o", "o.id", "p.organisation_id")
    .leftJoin("letter_signatures as s", (join) =>
      join
        .onRef("s.letter_id", "=", "l.id")
        .onRef("s.organisation_id", "=", "o.id")
        .on("s.withdrawn_at", "is", null),
    )
    .select([
      "l.id as letter_id",
      "l.slug",
      "l.title",
      "l.title_cy",
      "l.bilingual",
      "l.addressee",
      "l.body_markdown",
      "l.body_markdown_cy",
      "l.state",
      "l.closes_at",
      "p.id as person_id",
      "p.name as person_name",
      "p.email as person_email",
      "p.job_title as person_job_title",
      "p.role",
      "p.is_leader",
      "p.active",
      "o.id as organisation_id",
      "o.name as organisation_name",
      "o.membership_status",
      "o.archived_at",
      "s.id as signature_id",
      "s.person_id as signature_person_id",
      "s.signer_name",
      "s.signer_job_title",
      "s.signed_at",
    ])
    .where("l.slug", "=", slug);
}

type ContextRow = NonNullable<Awaited<ReturnType<ReturnType<typeof contextQuery>["executeTakeFirst"]>>>;

export function toContext(row: ContextRow, via: Signer["via"], now: Date): SigningContext {
  const ineligible = !row.active
    ? "inactive"
    : row.role !== "member" || !row.is_leader
      ? "not_leader"
      : row.organisation_id === null || row.membership_status !== "active" || row.archived_at !== null
        ? "not_member_organisation"
        : null;
  return {
    letter: {
      id: row.letter_id,
      slug: row.slug,
      title: row.title,
      titleCy: row.title_cy,
      bilingual: row.bilingual,
      addressee: row.addressee,
      bodyMarkdown: row.body_markdown,
      bodyMarkdownCy: row.body_markdown_cy,
      closesAt: row.closes_at,
      accepting: row.state === "open" && (row.closes_at === null || row.closes_at > now),
    },
    signer: {
      personId: row.person_id,
      name: row.person_name,
      jobTitle: row.person_job_title,
      organisationId: row.organisation_id,
      organisation: row.organisation_name,
    },
    ineligible,
    signature:
      row.signature_id !== null && row.signed_at !== null && row.signature_person_id !== null
        ? {
            id: row.signature_id,
            mine: row.signature_person_id === row.person_id,
            name: row.signer_name ?? "",
            jobTitle: row.signer_job_title,
            signedAt: row.signed_at,
          }
        : null,
    via,
  };
}

/** Null when the link is unknown or spent, or the letter does not exist or is not public. */
export async function getSigningContext(
  db: Db,
  slug: string,
  signer: Signer,
): Promise<SigningContext | null> {
  if (signer.via === "link" && !plausibleToken(signer.token)) return null;
  const row = await contextQuery(db, slug, signer).where("l.state", "<>", "draft").executeTakeFirst();
  return row ? toContext(row, signer.via, new Date()) : null;
}

export const plausibleToken = (token: string) => token.length >= 20 && token.length <= 200;

/** For a signing link that is spent or mistyped: the letter it was for, if public, and whether it is still open. */
export async function getSigningLinkLetter(db: Db, slug: string) {
  const row = await db
    .selectFrom("letters")
    .select(["title", "state", "closed_at", "bilingual"])
    .where("slug", "=", slug)
    .where("state", "<>", "draft")
    .executeTakeFirst();
  return row
    ? { title: row.title, open: row.state === "open", closedAt: row.closed_at, bilingual: row.bilingual }
    : null;
}
