import { enqueueEmail } from "~/models/email/outbox.server.ts";
import { hashToken, randomToken } from "~/utils/crypto.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { rateLimits, takeRateLimits } from "~/utils/rate-limit.server.ts";
import { safeRedirectPath } from "~/utils/redirect.ts";
import { findPersonByEmail } from "./people.server.ts";

interface SignInLinkRequest {
  email: string;
  ip: string;
  redirectTo: string;
  /** Absolute origin the emailed link points at, e.g. https://voice.psmn.org.uk */
  appUrl: string;
  tokenMinutes: number;
  /** Links per address and per IP in the window; the defaults are the house limits (5 and 30). */
  limits?: { perEmail: number; perIp: number };
}

type SignInLinkOutcome = "sent" | "unknown_or_inactive" | "rate_limited";

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
export async function issueSignInLink(
  db: Db,
  personId: number,
  { appUrl, redirectTo, tokenMinutes }: Pick<SignInLinkRequest, "appUrl" | "redirectTo" | "tokenMinutes">,
): Promise<string> {
  return storeLink(db, personId, { appUrl, redirectTo, minutes: tokenMinutes, kind: "sign-in" });
}

/**
 * How long an invitation's link lives. Someone new did not ask for it and may read it days later;
 * it is still single use, stored hashed and spent only by the button on the page it opens.
 */
export const INVITATION_LINK_MINUTES = 7 * 24 * 60;

/**
 * An invitation's own link: valid for a week, and the only one of its kind for that person, so
 * sending the invitation again retires the link in the earlier email.
 */
export async function issueInvitationLink(
  db: Db,
  personId: number,
  { appUrl, redirectTo }: Pick<SignInLinkRequest, "appUrl" | "redirectTo">,
): Promise<string> {
  await db
    .deleteFrom("login_tokens")
    .where("person_id", "=", personId)
    .where("kind", "=", "invitation")
    .where("used_at", "is", null)
    .execute();
  return storeLink(db, personId, {
    appUrl,
    redirectTo,
    minutes: INVITATION_LINK_MINUTES,
    kind: "invitation",
  });
}

async function storeLink(
  db: Db,
  personId: number,
  input: { appUrl: string; redirectTo: string; minutes: number; kind: "sign-in" | "invitation" },
): Promise<string> {
  const token = randomToken();
  const link = new URL("/login/verify", input.appUrl);
  link.searchParams.set("token", token);
  await db
    .insertInto("login_tokens")
    .values({
      token_hash: hashToken(token),
      person_id: personId,
      redirect_to: safeRedirectPath(input.redirectTo),
      expires_at: new Date(Date.now() + input.minutes * 60_000),
      kind: input.kind,
    })
    .execute();
  return link.toString();
}

/**
 * Whether a link would still sign someone in, without spending or touching it: opening the link
 * only reads, because mail scanners open every link, often many times, before the person does.
 */
export async function isSignInTokenUsable(db: Db, token: string): Promise<boolean> {
  if (!token || token.length > 200) return false;
  const row = await db
    .selectFrom("login_tokens")
    .select("person_id")
    .where("token_hash", "=", hashToken(token))
    .where("used_at", "is", null)
    .where("expires_at", ">", new Date())
    .where("person_id", "in", (eb) => eb.selectFrom("people").select("id").where("active", "=", true))
    .executeTakeFirst();
  return row !== undefined;
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
