import { enqueueEmail } from "~/models/email/outbox.server.ts";
import { hashToken, randomToken } from "~/utils/crypto.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { rateLimits, takeRateLimits } from "~/utils/rate-limit.server.ts";
import { safeRedirectPath } from "~/utils/redirect.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { DirectoryInputError } from "../directory/errors.server.ts";
import { getDirectoryPerson } from "../directory/people.server.ts";
import { findPersonByEmail, isStaff, type Actor } from "./people.server.ts";

export interface SignInLinkRequest {
  email: string;
  ip: string;
  redirectTo: string;
  /** Absolute origin the emailed link points at, e.g. https://voice.psmn.org.uk */
  appUrl: string;
  tokenMinutes: number;
  /** Links per address and per IP in the window; the defaults are the house limits (5 and 30). */
  limits?: { perEmail: number; perIp: number };
}

export type SignInLinkOutcome = "sent" | "unknown_or_inactive" | "rate_limited";

/**
 * The caller shows one neutral answer whatever this returns: the outcome exists for tests and
 * logs, never for the page, so nobody can learn which addresses have accounts.
 */
export async function requestSignInLink(db: Db, request: SignInLinkRequest): Promise<SignInLinkOutcome> {
  const email = request.email.trim().toLowerCase();
  const allowed = await takeRateLimits(db, [
    [
      `sign-in:email:${email}`,
      { ...rateLimits.signInPerEmail, limit: request.limits?.perEmail ?? rateLimits.signInPerEmail.limit },
    ],
    [
      `sign-in:ip:${request.ip}`,
      { ...rateLimits.signInPerIp, limit: request.limits?.perIp ?? rateLimits.signInPerIp.limit },
    ],
  ]);
  if (!allowed) return "rate_limited";
  const person = await findPersonByEmail(db, email);
  if (!person || !person.active) return "unknown_or_inactive";

  await inTransaction(db, async (trx) => {
    const link = await issueSignInLink(trx, person.id, request);
    await enqueueEmail(trx, {
      to: person.email,
      template: "sign-in",
      props: { name: person.name, link, minutes: request.tokenMinutes },
    });
  });
  return "sent";
}

/** Stores a fresh single-use token (only its hash) and returns the emailed link that spends it. */
async function issueSignInLink(
  db: Db,
  personId: number,
  { appUrl, redirectTo, tokenMinutes }: Pick<SignInLinkRequest, "appUrl" | "redirectTo" | "tokenMinutes">,
): Promise<string> {
  const token = randomToken();
  const link = new URL("/login/verify", appUrl);
  link.searchParams.set("token", token);
  await db
    .insertInto("login_tokens")
    .values({
      token_hash: hashToken(token),
      person_id: personId,
      redirect_to: safeRedirectPath(redirectTo),
      expires_at: new Date(Date.now() + tokenMinutes * 60_000),
    })
    .execute();
  return link.toString();
}

export interface Invitation {
  appUrl: string;
  tokenMinutes: number;
}

/**
 * Staff invite a contact: an email with an ordinary sign-in link. It keeps the same 10-minute
 * limit as every sign-in link (a longer-lived link would be a password sent by email), and the
 * email says how to ask for a new one at /login when it has expired.
 */
export async function invitePerson(
  db: Db,
  actor: Actor,
  personId: number,
  invitation: Invitation,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    if (!isStaff(actor)) throw new Response("Not found", { status: 404 });
    const person = await getDirectoryPerson(trx, actor, personId);
    if (person.erasedAt || !person.active) {
      throw new DirectoryInputError("form", "Only active people can be invited: reactivate them first", 409);
    }
    const link = await issueSignInLink(trx, person.id, { ...invitation, redirectTo: "/organisation" });
    const inviter = await trx
      .selectFrom("people")
      .select("name")
      .where("id", "=", actor.id)
      .executeTakeFirst();
    await enqueueEmail(trx, {
      to: person.email,
      template: "invitation",
      props: {
        name: person.name,
        organisationName: person.organisationName,
        inviterName: inviter?.name ?? "The Mutual Voice team",
        link,
        minutes: invitation.tokenMinutes,
        loginUrl: new URL("/login", invitation.appUrl).toString(),
      },
    });
    const invitedAt = new Date();
    await trx.updateTable("people").set({ invited_at: invitedAt }).where("id", "=", person.id).execute();
    await writeAudit(trx, {
      actorId: actor.id,
      action: "person.invited",
      subjectType: "person",
      subjectId: person.id,
      after: { invitedAt },
    });
  });
}

/** Spends a token: one statement, so two clicks at once cannot both succeed. */
export async function redeemSignInToken(
  db: Db,
  token: string,
): Promise<{ personId: number; redirectTo: string } | null> {
  if (!token || token.length > 200) return null;
  const row = await db
    .updateTable("login_tokens")
    .set({ used_at: new Date() })
    .where("token_hash", "=", hashToken(token))
    .where("used_at", "is", null)
    .where("expires_at", ">", new Date())
    .where("person_id", "in", (eb) => eb.selectFrom("people").select("id").where("active", "=", true))
    .returning(["person_id", "redirect_to"])
    .executeTakeFirst();
  return row ? { personId: row.person_id, redirectTo: safeRedirectPath(row.redirect_to) } : null;
}

export async function pruneSignInTokens(db: Db): Promise<number> {
  const result = await db
    .deleteFrom("login_tokens")
    .where((eb) => eb.or([eb("expires_at", "<", new Date()), eb("used_at", "is not", null)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
