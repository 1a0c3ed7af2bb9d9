import { enqueueEmail } from "~/models/email/outbox.server.ts";
import { roleSchema } from "~/schemas/people.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { hashToken, normaliseRecoveryCode, randomRecoveryCode } from "~/utils/crypto.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { rateLimits, takeRateLimit } from "~/utils/rate-limit.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import { isStaff, requireAdminActor, type Actor, type Person } from "./people.server.ts";
import { markSecondFactorPassed } from "./sessions.server.ts";

/** Shown once, when a person adds their first factor or asks for a new set. */
export const RECOVERY_CODE_COUNT = 10;

export interface SecondFactorOverview {
  passkeys: { id: number; name: string; createdAt: Date; lastUsedAt: Date | null }[];
  authenticatorApp: "off" | "setting-up" | "on";
  recoveryCodesLeft: number;
  requiredForStaff: boolean;
}

export async function getSecondFactorOverview(db: Db, personId: number): Promise<SecondFactorOverview> {
  const [passkeys, totp, codes, requiredForStaff] = await Promise.all([
    db
      .selectFrom("webauthn_credentials")
      .select(["id", "name", "created_at", "last_used_at"])
      .where("person_id", "=", personId)
      .orderBy("id")
      .execute(),
    db
      .selectFrom("totp_authenticators")
      .select("confirmed_at")
      .where("person_id", "=", personId)
      .executeTakeFirst(),
    db
      .selectFrom("recovery_codes")
      .select((eb) => eb.fn.countAll<number>().as("left"))
      .where("person_id", "=", personId)
      .where("used_at", "is", null)
      .executeTakeFirstOrThrow(),
    isSecondFactorRequiredForStaff(db),
  ]);
  return {
    passkeys: passkeys.map((row) => ({
      id: row.id,
      name: row.name,
      createdAt: row.created_at,
      lastUsedAt: row.last_used_at,
    })),
    authenticatorApp: !totp ? "off" : totp.confirmed_at ? "on" : "setting-up",
    recoveryCodesLeft: codes.left,
    requiredForStaff,
  };
}

export async function countSecondFactors(db: Db, personId: number): Promise<number> {
  const { passkeys, apps } = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom("webauthn_credentials")
        .select((inner) => inner.fn.countAll<number>().as("n"))
        .where("person_id", "=", personId)
        .as("passkeys"),
      eb
        .selectFrom("totp_authenticators")
        .select((inner) => inner.fn.countAll<number>().as("n"))
        .where("person_id", "=", personId)
        .where("confirmed_at", "is not", null)
        .as("apps"),
    ])
    .executeTakeFirstOrThrow();
  return Number(passkeys ?? 0) + Number(apps ?? 0);
}

export async function isSecondFactorRequiredForStaff(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom("security_settings")
    .select("second_factor_required_for_staff")
    .executeTakeFirst();
  return row?.second_factor_required_for_staff ?? false;
}

/** Each guess at a code (or passkey) counts, right or wrong: the limit is on trying, per person. */
export async function takeSecondFactorAttempt(db: Db, personId: number): Promise<boolean> {
  return takeRateLimit(db, `second-factor:person:${personId}`, rateLimits.secondFactorPerPerson);
}

/**
 * A new set of recovery codes, replacing any earlier set. Only their hashes are kept (each code
 * has about 50 random bits, so a plain hash is enough); the caller shows the codes once.
 */
export async function issueRecoveryCodes(db: Db, personId: number): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, randomRecoveryCode);
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom("recovery_codes").where("person_id", "=", personId).execute();
    await trx
      .insertInto("recovery_codes")
      .values(
        codes.map((code) => ({ person_id: personId, code_hash: hashToken(normaliseRecoveryCode(code)) })),
      )
      .execute();
    await writeAudit(trx, {
      actorId: personId,
      action: "second_factor.recovery_codes_issued",
      subjectType: "person",
      subjectId: personId,
      after: { count: codes.length },
    });
  });
  return codes;
}

/**
 * After a person adds a factor: this session has just proved it, so it stays signed in; and the
 * first factor comes with recovery codes (returned to be shown once), later ones do not.
 */
export async function afterFactorAdded(
  db: Db,
  personId: number,
  sessionId: string,
): Promise<string[] | null> {
  await markSecondFactorPassed(db, sessionId);
  const { left } = await db
    .selectFrom("recovery_codes")
    .select((eb) => eb.fn.countAll<number>().as("left"))
    .where("person_id", "=", personId)
    .where("used_at", "is", null)
    .executeTakeFirstOrThrow();
  return left > 0 ? null : issueRecoveryCodes(db, personId);
}

/** Spends one recovery code at the second step; one statement, so a code cannot be used twice at once. */
export async function spendRecoveryCode(
  db: Db,
  personId: number,
  sessionId: string,
  typed: string,
): Promise<boolean> {
  const code = normaliseRecoveryCode(typed);
  if (code.length !== 10) return false;
  return inTransaction(db, async (trx) => {
    const used = await trx
      .updateTable("recovery_codes")
      .set({ used_at: new Date() })
      .where("person_id", "=", personId)
      .where("code_hash", "=", hashToken(code))
      .where("used_at", "is", null)
      .returning("id")
      .executeTakeFirst();
    if (!used) return false;
    await markSecondFactorPassed(trx, sessionId);
    await writeAudit(trx, {
      actorId: personId,
      action: "second_factor.recovery_code_used",
      subjectType: "person",
      subjectId: personId,
    });
    return true;
  });
}

/** Whether a person may remove a factor: staff under the rule keep at least one. */
export async function assertMayRemoveFactor(db: Db, person: Person): Promise<void> {
  if (!isStaff(person) || !(await isSecondFactorRequiredForStaff(db))) return;
  if ((await countSecondFactors(db, person.id)) <= 1) {
    throw Refusal.conflict("Staff must keep a second factor: add another before removing this one.");
  }
}

/** Drops the recovery codes once nothing is left for them to stand in for. */
export async function forgetRecoveryCodesIfNoFactor(db: Db, personId: number): Promise<void> {
  if ((await countSecondFactors(db, personId)) === 0) {
    await db.deleteFrom("recovery_codes").where("person_id", "=", personId).execute();
  }
}

export async function setSecondFactorRequiredForStaff(
  db: Db,
  actor: Actor,
  required: boolean,
): Promise<void> {
  requireAdminActor(actor);
  await inTransaction(db, async (trx) => {
    const before = await isSecondFactorRequiredForStaff(trx);
    if (before === required) return;
    await trx
      .updateTable("security_settings")
      .set({ second_factor_required_for_staff: required, updated_at: new Date() })
      .execute();
    await writeAudit(trx, {
      actorId: actor.id,
      action: "settings.second_factor_required_for_staff",
      subjectType: "settings",
      subjectId: "security",
      before: { required: before },
      after: { required },
    });
  });
}

/**
 * An administrator removes a person's passkeys, authenticator app and recovery codes after they
 * lost them: every session of theirs ends (whoever holds the lost device is signed out too), the
 * reset is audited and the person is told by email, in one transaction.
 */
export async function resetSecondFactor(
  db: Db,
  actor: Actor,
  personId: number,
  { appUrl, adminName }: { appUrl: string; adminName: string },
): Promise<void> {
  requireAdminActor(actor);
  if (personId === actor.id)
    throw Refusal.conflict("Another administrator must reset your own second factor.");
  await inTransaction(db, async (trx) => {
    const person = await trx
      .selectFrom("people")
      .select(["id", "name", "email"])
      .where("id", "=", personId)
      .forUpdate()
      .executeTakeFirst();
    if (!person) throw Refusal.notFound();
    const passkeys = await trx.deleteFrom("webauthn_credentials").where("person_id", "=", personId).execute();
    const apps = await trx.deleteFrom("totp_authenticators").where("person_id", "=", personId).execute();
    await trx.deleteFrom("recovery_codes").where("person_id", "=", personId).execute();
    await trx.deleteFrom("sessions").where("person_id", "=", personId).execute();
    await writeAudit(trx, {
      actorId: actor.id,
      action: "second_factor.reset",
      subjectType: "person",
      subjectId: personId,
      before: {
        passkeys: passkeys.reduce((sum, result) => sum + Number(result.numDeletedRows), 0),
        authenticatorApp: apps.some((result) => Number(result.numDeletedRows) > 0),
      },
    });
    await enqueueEmail(trx, {
      to: person.email,
      template: "second-factor-reset",
      props: { name: person.name, admin: adminName, link: new URL("/account/security", appUrl).toString() },
    });
  });
}

export interface SecondFactorPerson {
  id: number;
  name: string;
  email: string;
  role: Person["role"];
  passkeys: number;
  authenticatorApp: boolean;
}

/** For administrators: staff and administrators, and any member who has added a factor, by name. */
export async function listSecondFactorPeople(
  db: Db,
  actor: Actor,
  { page, pageSize }: { page: number; pageSize: number },
): Promise<{ people: SecondFactorPerson[]; total: number }> {
  requireAdminActor(actor);
  const base = db
    .selectFrom("people")
    .where("active", "=", true)
    .where((eb) =>
      eb.or([
        eb("role", "in", ["staff", "admin"]),
        eb.exists(eb.selectFrom("webauthn_credentials").select("id").whereRef("person_id", "=", "people.id")),
        eb.exists(
          eb.selectFrom("totp_authenticators").select("person_id").whereRef("person_id", "=", "people.id"),
        ),
      ]),
    );
  const [rows, count] = await Promise.all([
    base
      .select((eb) => [
        "people.id",
        "people.name",
        "people.email",
        "people.role",
        eb
          .selectFrom("webauthn_credentials")
          .select((inner) => inner.fn.countAll<number>().as("n"))
          .whereRef("webauthn_credentials.person_id", "=", "people.id")
          .as("passkeys"),
        eb
          .exists(
            eb
              .selectFrom("totp_authenticators")
              .select("totp_authenticators.person_id")
              .whereRef("totp_authenticators.person_id", "=", "people.id")
              .where("totp_authenticators.confirmed_at", "is not", null),
          )
          .as("authenticator_app"),
      ])
      .orderBy("people.name")
      .orderBy("people.id")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    people: rows.map((row) => ({
      id: row.id,
      name: row.name,
      email: row.email,
      role: roleSchema.parse(row.role),
      passkeys: Number(row.passkeys ?? 0),
      authenticatorApp: Boolean(row.authenticator_app),
    })),
    total: count.n,
  };
}
