import { sql } from "kysely";
import { enqueueEmail } from "~/models/email/outbox.server.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import type { Db } from "~/utils/db.server.ts";
import { formatDateTimeIn } from "~/utils/i18n.ts";
import { formatLongDateTime } from "~/utils/letter-format.ts";
import type { RateLimit } from "~/utils/rate-limit.server.ts";
import { LETTER_LOCK_SPACE } from "./letters.server.ts";
import { forgetPublicLetter } from "./public.server.ts";
import {
  contextQuery,
  getSigningContext,
  plausibleToken,
  toContext,
  type Signer,
  type SigningContext,
} from "./signing-context.server.ts";

/**
 * Counted from the signatures themselves, over indexes: a refused attempt writes nothing, and no
 * signature touches a row another signer needs. The per-person limits are the real guard; the
 * per-address one only stops one machine signing for many stolen links, and leaves room for an
 * office or a shared Wi-Fi network full of leaders signing in the same minutes.
 */
export const signingLimits = {
  perPersonBurst: { limit: 1, windowMs: 10_000 },
  perPerson: { limit: 10, windowMs: 5 * 60_000 },
  perIp: { limit: 30, windowMs: 5 * 60_000 },
} satisfies Record<string, RateLimit>;

/** How long a signature keeps the address it came from: the longest window that counts it. */
export const SIGNER_ADDRESS_KEPT_MS = signingLimits.perIp.windowMs;

type SignOutcome =
  | { kind: "signed"; signedAt: Date }
  | { kind: "already_signed"; signedAt: Date }
  | { kind: "organisation_signed"; name: string; jobTitle: string | null; signedAt: Date }
  | { kind: "rate_limited" }
  | { kind: "stale_form" }
  | { kind: "closed" }
  | { kind: "ineligible" }
  | { kind: "invalid_link" }
  | { kind: "not_found" };

interface SignRequest {
  slug: string;
  signer: Signer;
  /** Minted for the page the form was on: the same form can make at most one signature, ever. */
  formKey: string;
  ip: string;
  appUrl: string;
}

class RateLimited extends Error {}

function signatureOutcome(signature: NonNullable<SigningContext["signature"]>): SignOutcome {
  return signature.mine
    ? { kind: "already_signed", signedAt: signature.signedAt }
    : {
        kind: "organisation_signed",
        name: signature.name,
        jobTitle: signature.jobTitle,
        signedAt: signature.signedAt,
      };
}

function manageLink(appUrl: string, slug: string, signer: Signer): string {
  const link = new URL(`/letters/${slug}/sign`, appUrl);
  if (signer.via === "link") link.searchParams.set("token", signer.token);
  return link.toString();
}

/**
 * The hot path: two statements in one transaction, and no row that other signers write.
 * 1. The context query, which also takes the letter's lock SHARED (closing takes it exclusive, so no
 *    signature slips past a close) and the signer's and the address's rate-limit locks (so two
 *    requests of one person cannot both pass a limit), in one fixed order: no deadlocks.
 * 2. One statement, whose snapshot starts after those locks are held: is the letter still open, do
 *    the limits (counted from recent signatures) allow it, then the signature and its audit row.
 *    ON CONFLICT DO NOTHING covers both unique indexes (one per organisation, one per form), so
 *    double clicks, replays and races between two leaders of one organisation end in one signature.
 * The new row itself is the promise of a confirmation email, which queueSignatureConfirmations
 * renders moments later.
 */
export async function signLetter(db: Db, request: SignRequest): Promise<SignOutcome> {
  const { slug, signer } = request;
  if (signer.via === "link" && !plausibleToken(signer.token)) return { kind: "invalid_link" };
  let personId: number | null = null;
  try {
    const outcome = await db.transaction().execute(async (trx): Promise<SignOutcome> => {
      const row = await contextQuery(trx, slug, signer)
        .select(
          sql<number>`(
            select count(*) from (
              select pg_advisory_xact_lock_shared(${LETTER_LOCK_SPACE}, l.id)
              union all
              select pg_advisory_xact_lock(key) from (
                select hashtext('letter-sign:person:' || p.id) as key
                union select hashtext(${`letter-sign:ip:${request.ip}`})
                order by key) as keys
            ) as locked)`.as("locks"),
        )
        .executeTakeFirst();
      if (!row) return { kind: signer.via === "link" ? "invalid_link" : "not_found" };
      const context = toContext(row, signer.via, new Date());
      personId = context.signer.personId;
      if (!context.letter.accepting) return { kind: "closed" };
      if (
        context.ineligible ||
        context.signer.organisationId === null ||
        context.signer.organisation === null
      ) {
        return { kind: "ineligible" };
      }
      if (context.signature) return signatureOutcome(context.signature);

      const { perPersonBurst, perPerson, perIp } = signingLimits;
      const recent = (column: "person_id" | "signer_ip", value: number | string, { windowMs }: RateLimit) =>
        sql`(select count(*) from letter_signatures
             where ${sql.ref(column)} = ${value} and signed_at > now() - make_interval(secs => ${windowMs / 1000}))`;
      const audit = {
        letterId: context.letter.id,
        organisationId: context.signer.organisationId,
        via: signer.via,
        ip: request.ip,
      };
      const { rows } = await sql<{
        open: boolean;
        allowed: boolean;
        id: number | null;
        signed_at: Date | null;
      }>`
        with verdict as (
          select exists (select 1 from letters
                         where id = ${context.letter.id} and state = 'open'
                           and (closes_at is null or closes_at > now())) as open,
                 ${recent("person_id", context.signer.personId, perPersonBurst)} < ${perPersonBurst.limit}
                 and ${recent("person_id", context.signer.personId, perPerson)} < ${perPerson.limit}
                 and ${recent("signer_ip", request.ip, perIp)} < ${perIp.limit} as allowed
        ), signed as (
          insert into letter_signatures
            (letter_id, organisation_id, person_id, signer_name, signer_job_title, organisation_name, via,
             form_key, link_origin, signer_ip)
          select ${context.letter.id}, ${context.signer.organisationId}, ${context.signer.personId},
                 ${context.signer.name}, ${context.signer.jobTitle}, ${context.signer.organisation}, ${signer.via},
                 ${request.formKey}, ${new URL(request.appUrl).origin}, ${request.ip}
          from verdict where open and allowed
          on conflict do nothing
          returning id, signed_at
        ), audited as (
          insert into audit_log (actor_id, action, subject_type, subject_id, after)
          select ${context.signer.personId}, 'letter.signed', 'letter_signature', signed.id::text,
                 ${JSON.stringify(audit)}::jsonb
          from signed
        )
        select verdict.open, verdict.allowed, signed.id, signed.signed_at
        from verdict left join signed on true`.execute(trx);
      const result = rows[0];
      if (!result?.open) return { kind: "closed" };
      if (!result.allowed) throw new RateLimited();
      if (result.id === null || result.signed_at === null) {
        return conflictOutcome(
          trx,
          context.letter.id,
          context.signer.organisationId,
          context.signer.personId,
        );
      }
      return { kind: "signed", signedAt: result.signed_at };
    });
    if (outcome.kind === "signed") forgetPublicLetter(db, slug);
    return outcome;
  } catch (error) {
    if (!(error instanceof RateLimited) || personId === null) throw error;
    // A double click's second request is refused by the burst limit after the first has signed:
    // it is the same signature, so it gets the same answer.
    const context = await getSigningContext(db, slug, signer);
    return context?.signature?.mine ? signatureOutcome(context.signature) : { kind: "rate_limited" };
  }
}

/**
 * A signature keeps the address it came from only while a limit can count it: after that it is
 * personal data with no purpose. Run by the background loop.
 */
export async function forgetSignerAddresses(db: Db, now = new Date()): Promise<number> {
  const result = await db
    .updateTable("letter_signatures")
    .set({ signer_ip: null })
    .where("signer_ip", "is not", null)
    .where("signed_at", "<", new Date(now.getTime() - SIGNER_ADDRESS_KEPT_MS))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The insert hit a unique index: another request signed for the organisation, or this form was used before. */
async function conflictOutcome(
  trx: Db,
  letterId: number,
  organisationId: number,
  personId: number,
): Promise<SignOutcome> {
  const existing = await trx
    .selectFrom("letter_signatures")
    .select(["person_id", "signer_name", "signer_job_title", "signed_at"])
    .where("letter_id", "=", letterId)
    .where("organisation_id", "=", organisationId)
    .where("withdrawn_at", "is", null)
    .executeTakeFirst();
  if (!existing) return { kind: "stale_form" };
  return existing.person_id === personId
    ? { kind: "already_signed", signedAt: existing.signed_at }
    : {
        kind: "organisation_signed",
        name: existing.signer_name,
        jobTitle: existing.signer_job_title,
        signedAt: existing.signed_at,
      };
}

type WithdrawOutcome =
  | { kind: "withdrawn" }
  | { kind: "not_signed" }
  | { kind: "not_yours" }
  | { kind: "closed" }
  | { kind: "invalid_link" }
  | { kind: "not_found" };

/** Until the letter closes, the person who signed can take the organisation's name off it. */
export async function withdrawSignature(
  db: Db,
  request: Omit<SignRequest, "formKey" | "ip">,
): Promise<WithdrawOutcome> {
  const { slug, signer } = request;
  if (signer.via === "link" && !plausibleToken(signer.token)) return { kind: "invalid_link" };
  const outcome = await db.transaction().execute(async (trx): Promise<WithdrawOutcome> => {
    // Its own statement, so the context below is read after any close holding the lock has committed.
    await sql`select pg_advisory_xact_lock_shared(${LETTER_LOCK_SPACE}, id) from letters where slug = ${slug}`.execute(
      trx,
    );
    const row = await contextQuery(trx, slug, signer).executeTakeFirst();
    if (!row) return { kind: signer.via === "link" ? "invalid_link" : "not_found" };
    const context = toContext(row, signer.via, new Date());
    if (!context.letter.accepting) return { kind: "closed" };
    if (!context.signature) return { kind: "not_signed" };
    if (!context.signature.mine) return { kind: "not_yours" };
    const updated = await trx
      .updateTable("letter_signatures")
      .set({ withdrawn_at: new Date() })
      .where("id", "=", context.signature.id)
      .where("withdrawn_at", "is", null)
      .returning("id")
      .executeTakeFirst();
    if (!updated) return { kind: "not_signed" };
    await writeAudit(trx, {
      actorId: context.signer.personId,
      action: "letter.signature_withdrawn",
      subjectType: "letter_signature",
      subjectId: updated.id,
      after: { letterId: context.letter.id, organisationId: context.signer.organisationId, via: signer.via },
    });
    const props = {
      name: context.signer.name,
      organisation: context.signer.organisation ?? "your organisation",
      title: context.letter.title,
      manageLink: manageLink(request.appUrl, slug, signer),
    };
    await enqueueEmail(
      trx,
      context.letter.bilingual
        ? {
            to: row.person_email,
            template: "letter-signature-withdrawn-bilingual",
            props: { ...props, titleCy: context.letter.titleCy ?? context.letter.title },
          }
        : { to: row.person_email, template: "letter-signature-withdrawn", props },
    );
    return { kind: "withdrawn" };
  });
  if (outcome.kind === "withdrawn") forgetPublicLetter(db, slug);
  return outcome;
}

/**
 * Renders the confirmation of each new signature into the outbox, in the background loop: the
 * signing request stays fast, and the email is still certain, because the signature row that
 * promises it was committed with the signature. SKIP LOCKED lets several workers share the work;
 * the stamp in the same transaction as the email means each is sent once.
 */
export async function queueSignatureConfirmations(db: Db, { batchSize = 100 } = {}): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom("letter_signatures as s")
      .select(["s.id"])
      .where("s.confirmation_queued_at", "is", null)
      .where("s.withdrawn_at", "is", null)
      .orderBy("s.id")
      .limit(batchSize)
      .forUpdate()
      .skipLocked()
      .execute();
    if (!due.length) return 0;
    const rows = await trx
      .selectFrom("letter_signatures as s")
      .innerJoin("people as p", "p.id", "s.person_id")
      .innerJoin("letters as l", "l.id", "s.letter_id")
      .select([
        "s.id",
        "s.signer_name",
        "s.organisation_name",
        "s.signed_at",
        "s.link_origin",
        "p.email",
        "l.slug",
        "l.title",
        "l.title_cy",
        "l.bilingual",
      ])
      .where(
        "s.id",
        "in",
        due.map((row) => row.id),
      )
      .orderBy("s.id")
      .execute();
    for (const row of rows) {
      const props = {
        name: row.signer_name,
        organisation: row.organisation_name,
        title: row.title,
        signedAt: formatLongDateTime(row.signed_at),
        publicLink: new URL(`/letters/${row.slug}`, row.link_origin).toString(),
        manageLink: new URL(`/letters/${row.slug}/sign`, row.link_origin).toString(),
      };
      await enqueueEmail(
        trx,
        row.bilingual
          ? {
              to: row.email,
              template: "letter-signed-bilingual",
              props: {
                ...props,
                titleCy: row.title_cy ?? row.title,
                signedAtCy: formatDateTimeIn("cy", row.signed_at),
              },
            }
          : { to: row.email, template: "letter-signed", props },
      );
    }
    await trx
      .updateTable("letter_signatures")
      .set({ confirmation_queued_at: new Date() })
      .where(
        "id",
        "in",
        due.map((row) => row.id),
      )
      .execute();
    return rows.length;
  });
}
