import { Secret, TOTP } from "otpauth";
import { writeAudit } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import { seal, unseal } from "~/utils/sealed-secret.server.ts";
import type { Person } from "./people.server.ts";
import {
  afterFactorAdded,
  assertMayRemoveFactor,
  forgetRecoveryCodesIfNoFactor,
} from "./second-factor.server.ts";
import { markSecondFactorPassed } from "./sessions.server.ts";

/** Authenticator apps (TOTP, RFC 6238): 6 digits every 30 seconds, SHA-1, as every app expects. */

const SEAL_PURPOSE = "totp-secret";
const PERIOD_SECONDS = 30;

interface Sealing {
  /** The server's secret the TOTP key is sealed under (SESSION_SECRET). */
  sealKey: string;
}

function totpFor(person: Pick<Person, "email">, secret: Secret) {
  return new TOTP({ issuer: "Mutual Voice", label: person.email, secret, digits: 6, period: PERIOD_SECONDS });
}

/**
 * Starts (or starts again) adding an app: a fresh key, sealed, that counts as a factor only once
 * a code from the app proves it was copied. Refused while an app is already on.
 */
export async function startAuthenticatorApp(db: Db, person: Person, { sealKey }: Sealing): Promise<void> {
  const secret = new Secret({ size: 20 });
  const sealed = seal(sealKey, SEAL_PURPOSE, secret.base32);
  const row = await db
    .insertInto("totp_authenticators")
    .values({ person_id: person.id, secret_sealed: sealed })
    .onConflict((oc) =>
      oc
        .column("person_id")
        .doUpdateSet({ secret_sealed: sealed, last_step: 0, created_at: new Date() })
        .where("totp_authenticators.confirmed_at", "is", null),
    )
    .returning("person_id")
    .executeTakeFirst();
  if (!row) throw Refusal.conflict("An authenticator app is already on. Remove it before adding another.");
}

/** While setting up, and only then, the key is shown: as an otpauth:// address and as text to type. */
export async function pendingAuthenticatorApp(
  db: Db,
  person: Person,
  { sealKey }: Sealing,
): Promise<{ uri: string; secret: string } | null> {
  const row = await db
    .selectFrom("totp_authenticators")
    .select("secret_sealed")
    .where("person_id", "=", person.id)
    .where("confirmed_at", "is", null)
    .executeTakeFirst();
  const base32 = row && unseal(sealKey, SEAL_PURPOSE, row.secret_sealed);
  if (!base32) return null;
  return {
    uri: totpFor(person, Secret.fromBase32(base32)).toString(),
    secret: base32.replace(/(.{4})/g, "$1 ").trim(),
  };
}

/**
 * Checks a code with one step either side for clock drift, and accepts each step once: the step
 * is written with a guard, so the same code sent twice (or twice at once) works only the first time.
 */
async function acceptCode(
  db: Db,
  person: Pick<Person, "id" | "email">,
  code: string,
  { sealKey, confirmed, now }: Sealing & { confirmed: boolean; now: number },
): Promise<boolean> {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return false;
  const row = await db
    .selectFrom("totp_authenticators")
    .select(["secret_sealed", "last_step"])
    .where("person_id", "=", person.id)
    .where("confirmed_at", confirmed ? "is not" : "is", null)
    .executeTakeFirst();
  const base32 = row && unseal(sealKey, SEAL_PURPOSE, row.secret_sealed);
  if (!base32) return false;
  const totp = totpFor(person, Secret.fromBase32(base32));
  const delta = totp.validate({ token, timestamp: now, window: 1 });
  if (delta === null) return false;
  const step = totp.counter({ timestamp: now }) + delta;
  const taken = await db
    .updateTable("totp_authenticators")
    .set({ last_step: step, ...(confirmed ? {} : { confirmed_at: new Date(now) }) })
    .where("person_id", "=", person.id)
    .where("last_step", "<", step)
    .returning("person_id")
    .executeTakeFirst();
  return taken !== undefined;
}

/** Finishes adding an app with a code from it; the first factor comes with recovery codes. */
export async function confirmAuthenticatorApp(
  db: Db,
  person: Person,
  sessionId: string,
  code: string,
  { sealKey, now = Date.now() }: Sealing & { now?: number },
): Promise<{ ok: false } | { ok: true; recoveryCodes: string[] | null }> {
  const ok = await inTransaction(db, async (trx) => {
    if (!(await acceptCode(trx, person, code, { sealKey, confirmed: false, now }))) return false;
    await writeAudit(trx, {
      actorId: person.id,
      action: "second_factor.app_added",
      subjectType: "person",
      subjectId: person.id,
    });
    return true;
  });
  if (!ok) return { ok: false };
  return { ok: true, recoveryCodes: await afterFactorAdded(db, person.id, sessionId) };
}

/** The second step of signing in with a code from the app. */
export async function signInWithAuthenticatorApp(
  db: Db,
  person: Person,
  sessionId: string,
  code: string,
  { sealKey, now = Date.now() }: Sealing & { now?: number },
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    if (!(await acceptCode(trx, person, code, { sealKey, confirmed: true, now }))) return false;
    await markSecondFactorPassed(trx, sessionId);
    return true;
  });
}

export async function removeAuthenticatorApp(db: Db, person: Person): Promise<void> {
  await assertMayRemoveFactor(db, person);
  await inTransaction(db, async (trx) => {
    const removed = await trx
      .deleteFrom("totp_authenticators")
      .where("person_id", "=", person.id)
      .returning("confirmed_at")
      .executeTakeFirst();
    if (!removed) throw Refusal.notFound();
    if (removed.confirmed_at) {
      await writeAudit(trx, {
        actorId: person.id,
        action: "second_factor.app_removed",
        subjectType: "person",
        subjectId: person.id,
      });
    }
    await forgetRecoveryCodesIfNoFactor(trx, person.id);
  });
}
