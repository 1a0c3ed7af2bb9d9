import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { z } from "zod";
import { writeAudit } from "~/utils/audit.server.ts";
import { hashToken } from "~/utils/crypto.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { jsonb } from "~/utils/jsonb.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import type { Person } from "./people.server.ts";
import {
  afterFactorAdded,
  assertMayRemoveFactor,
  forgetRecoveryCodesIfNoFactor,
} from "./second-factor.server.ts";
import { markSecondFactorPassed } from "./sessions.server.ts";

/** Passkeys (WebAuthn) through @simplewebauthn/server; the browser half is app/components/passkey-button.tsx. */

export interface RelyingParty {
  /** The domain passkeys are bound to. */
  rpID: string;
  /** The origin the browser must report. */
  origin: string;
}

const LOOPBACK_IPS = new Set(["127.0.0.1", "[::1]"]);

/**
 * From the public origin (APP_URL, or the address the server was started on). Browsers refuse an
 * IP address as a passkey's domain, so a demo served on 127.0.0.1 offers passkeys at localhost.
 */
export function relyingPartyOf(appUrl: string): RelyingParty {
  const url = new URL(appUrl);
  if (LOOPBACK_IPS.has(url.hostname)) url.hostname = "localhost";
  return { rpID: url.hostname, origin: url.origin };
}

const CHALLENGE_MINUTES = 5;
const transportsSchema = z.array(z.string());

async function keepChallenge(db: Db, sessionId: string, challenge: string) {
  await db
    .updateTable("sessions")
    .set({
      webauthn_challenge: challenge,
      webauthn_challenge_expires_at: new Date(Date.now() + CHALLENGE_MINUTES * 60_000),
    })
    .where("id_hash", "=", hashToken(sessionId))
    .execute();
}

/** The session's challenge, spent as it is read: each answers one ceremony at most. */
async function takeChallenge(db: Db, sessionId: string): Promise<string | null> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom("sessions")
      .select("webauthn_challenge")
      .where("id_hash", "=", hashToken(sessionId))
      .where("webauthn_challenge_expires_at", ">", new Date())
      .forUpdate()
      .executeTakeFirst();
    if (!row?.webauthn_challenge) return null;
    await trx
      .updateTable("sessions")
      .set({ webauthn_challenge: null, webauthn_challenge_expires_at: null })
      .where("id_hash", "=", hashToken(sessionId))
      .execute();
    return row.webauthn_challenge;
  });
}

async function credentialsOf(db: Db, personId: number) {
  const rows = await db
    .selectFrom("webauthn_credentials")
    .select(["credential_id", "transports"])
    .where("person_id", "=", personId)
    .orderBy("id")
    .execute();
  return rows.map((row) => ({
    id: row.credential_id,
    transports: transportsSchema.catch([]).parse(row.transports),
  }));
}

/** What the page hands navigator.credentials.create(); the challenge waits on the session. */
export async function passkeyRegistrationOptions(
  db: Db,
  person: Person,
  sessionId: string,
  rp: RelyingParty,
): Promise<Omit<PublicKeyCredentialCreationOptionsJSON, "extensions">> {
  const options = await generateRegistrationOptions({
    rpName: "Mutual Voice",
    rpID: rp.rpID,
    userName: person.email,
    userDisplayName: person.name,
    // A stable handle that is not the email: the authenticator keeps one passkey per person here.
    userID: new TextEncoder().encode(`mv-person-${person.id}`),
    attestationType: "none",
    excludeCredentials: await credentialsOf(db, person.id),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
  await keepChallenge(db, sessionId, options.challenge);
  // No extensions are asked for, and their binary types do not survive the trip to the page.
  const { extensions: _none, ...plain } = options;
  return plain;
}

/** Keeps a new passkey once the browser's answer checks out; the first factor comes with recovery codes. */
export async function addPasskey(
  db: Db,
  person: Person,
  sessionId: string,
  { response, name, rp }: { response: RegistrationResponseJSON; name: string; rp: RelyingParty },
): Promise<{ ok: false } | { ok: true; recoveryCodes: string[] | null }> {
  const challenge = await takeChallenge(db, sessionId);
  if (!challenge) return { ok: false };
  const verification = await verifyRegistrationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.rpID,
    requireUserVerification: false,
  }).catch(() => null);
  if (!verification?.verified) return { ok: false };
  const { credential } = verification.registrationInfo;
  const added = await inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto("webauthn_credentials")
      .values({
        person_id: person.id,
        credential_id: credential.id,
        public_key: credential.publicKey,
        counter: credential.counter,
        transports: jsonb(credential.transports ?? []),
        name,
      })
      .onConflict((oc) => oc.column("credential_id").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) return false;
    await writeAudit(trx, {
      actorId: person.id,
      action: "second_factor.passkey_added",
      subjectType: "person",
      subjectId: person.id,
      after: { passkey: row.id, name },
    });
    return true;
  });
  if (!added) return { ok: false };
  return { ok: true, recoveryCodes: await afterFactorAdded(db, person.id, sessionId) };
}

/** What the second-step page hands navigator.credentials.get(): only this person's passkeys. */
export async function passkeySignInOptions(
  db: Db,
  personId: number,
  sessionId: string,
  rp: RelyingParty,
): Promise<Omit<PublicKeyCredentialRequestOptionsJSON, "extensions"> | null> {
  const allowCredentials = await credentialsOf(db, personId);
  if (!allowCredentials.length) return null;
  const options = await generateAuthenticationOptions({
    rpID: rp.rpID,
    allowCredentials,
    userVerification: "preferred",
  });
  await keepChallenge(db, sessionId, options.challenge);
  const { extensions: _none, ...plain } = options;
  return plain;
}

/** The second step of signing in with a passkey. */
export async function signInWithPasskey(
  db: Db,
  personId: number,
  sessionId: string,
  { response, rp }: { response: AuthenticationResponseJSON; rp: RelyingParty },
): Promise<boolean> {
  const challenge = await takeChallenge(db, sessionId);
  if (!challenge) return false;
  const stored = await db
    .selectFrom("webauthn_credentials")
    .select(["id", "credential_id", "public_key", "counter", "transports"])
    .where("person_id", "=", personId)
    .where("credential_id", "=", response.id)
    .executeTakeFirst();
  if (!stored) return false;
  const verification = await verifyAuthenticationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.rpID,
    credential: {
      id: stored.credential_id,
      publicKey: new Uint8Array(stored.public_key),
      counter: Number(stored.counter),
      transports: transportsSchema.catch([]).parse(stored.transports),
    },
    requireUserVerification: false,
  }).catch(() => null);
  if (!verification?.verified) return false;
  const { newCounter } = verification.authenticationInfo;
  const storedCounter = Number(stored.counter);
  // A counter that does not go up means a cloned authenticator, unless it does not count at all (0).
  if (!(newCounter > storedCounter || (newCounter === 0 && storedCounter === 0))) return false;
  return inTransaction(db, async (trx) => {
    const updated = await trx
      .updateTable("webauthn_credentials")
      .set({ counter: newCounter, last_used_at: new Date() })
      .where("id", "=", stored.id)
      .where("counter", "=", stored.counter)
      .returning("id")
      .executeTakeFirst();
    if (!updated) return false;
    await markSecondFactorPassed(trx, sessionId);
    return true;
  });
}

export async function removePasskey(db: Db, person: Person, id: number): Promise<void> {
  await assertMayRemoveFactor(db, person);
  await inTransaction(db, async (trx) => {
    const removed = await trx
      .deleteFrom("webauthn_credentials")
      .where("id", "=", id)
      .where("person_id", "=", person.id)
      .returning(["id", "name"])
      .executeTakeFirst();
    if (!removed) throw Refusal.notFound();
    await writeAudit(trx, {
      actorId: person.id,
      action: "second_factor.passkey_removed",
      subjectType: "person",
      subjectId: person.id,
      before: { passkey: removed.id, name: removed.name },
    });
    await forgetRecoveryCodesIfNoFactor(trx, person.id);
  });
}
