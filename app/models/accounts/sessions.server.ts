import { createCookie } from "@remix-run/node";
import { isStaff, peopleColumns, toPerson, type Person } from "~/models/accounts/people.server.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { describeDevice } from "~/utils/user-agent.ts";
import { hashToken, randomToken } from "../../utils/crypto.server.ts";
import { inTransaction, type Db } from "../../utils/db.server.ts";
import type { Env } from "../../utils/env.server.ts";

type SessionSettings = Pick<Env, "SESSION_IDLE_MINUTES" | "SESSION_ABSOLUTE_HOURS">;

/** Touching last_seen_at on every request would be a write per page; once a minute is enough for a 1-hour idle limit. */
const TOUCH_AFTER_MS = 60_000;

export function sessionCookie(env: Pick<Env, "NODE_ENV" | "sessionSecret" | "SESSION_ABSOLUTE_HOURS">) {
  const production = env.NODE_ENV === "production";
  // The __Host- prefix makes browsers insist on Secure, Path=/ and no Domain: it needs HTTPS.
  return createCookie(production ? "__Host-mv_session" : "mv_session", {
    httpOnly: true,
    sameSite: "lax",
    secure: production,
    path: "/",
    secrets: [env.sessionSecret],
    maxAge: env.SESSION_ABSOLUTE_HOURS * 60 * 60,
  });
}

/** Returns the random id for the cookie; only its hash is stored. */
export async function createSession(
  db: Db,
  personId: number,
  settings: SessionSettings,
  userAgent: string | null = null,
): Promise<string> {
  const id = randomToken();
  await db
    .insertInto("sessions")
    .values({
      id_hash: hashToken(id),
      person_id: personId,
      expires_at: new Date(Date.now() + settings.SESSION_ABSOLUTE_HOURS * 60 * 60_000),
      // Only for the person's own list of devices; a long header is cut, not refused.
      user_agent: userAgent ? userAgent.slice(0, 400) : null,
    })
    .execute();
  return id;
}

/**
 * How far a session has got: "signed-in"; "second-factor" (the emailed link was used and the
 * person's passkey or code is still owed); "set-up" (staff must add a second factor before anything else).
 */
export type SessionStage = "signed-in" | "second-factor" | "set-up";

export interface FoundSession {
  person: Person;
  stage: SessionStage;
}

/**
 * The session's person and stage, or null when the session is unknown, idle too long, past its
 * absolute limit or the person is inactive. The stage is worked out on every request from the
 * person's factors and the staff setting, so a reset or a new rule takes effect at once.
 */
export async function findSession(
  db: Db,
  sessionId: string,
  settings: SessionSettings,
  now = new Date(),
): Promise<FoundSession | null> {
  const row = await db
    .selectFrom("sessions")
    .innerJoin("people", "people.id", "sessions.person_id")
    .select((eb) => [
      "sessions.id_hash",
      "sessions.last_seen_at",
      "sessions.expires_at",
      "sessions.second_factor_at",
      ...peopleColumns,
      eb
        .or([
          eb.exists(
            eb
              .selectFrom("webauthn_credentials")
              .select("webauthn_credentials.id")
              .whereRef("webauthn_credentials.person_id", "=", "people.id"),
          ),
          eb.exists(
            eb
              .selectFrom("totp_authenticators")
              .select("totp_authenticators.person_id")
              .whereRef("totp_authenticators.person_id", "=", "people.id")
              .where("totp_authenticators.confirmed_at", "is not", null),
          ),
        ])
        .as("has_factor"),
      eb
        .selectFrom("security_settings")
        .select("security_settings.second_factor_required_for_staff")
        .as("required_for_staff"),
    ])
    .where("sessions.id_hash", "=", hashToken(sessionId))
    .executeTakeFirst();
  if (!row) return null;
  const idleSince = now.getTime() - row.last_seen_at.getTime();
  if (row.expires_at <= now || idleSince > settings.SESSION_IDLE_MINUTES * 60_000 || !row.active) {
    await db.deleteFrom("sessions").where("id_hash", "=", row.id_hash).execute();
    return null;
  }
  if (idleSince > TOUCH_AFTER_MS) {
    await db.updateTable("sessions").set({ last_seen_at: now }).where("id_hash", "=", row.id_hash).execute();
  }
  const person = toPerson(row);
  return { person, stage: stageOf(row, isStaff(person)) };
}

function stageOf(
  row: { second_factor_at: Date | null; has_factor: boolean | number; required_for_staff: boolean | null },
  staff: boolean,
): SessionStage {
  if (row.second_factor_at) return "signed-in";
  if (row.has_factor) return "second-factor";
  return staff && row.required_for_staff ? "set-up" : "signed-in";
}

/** The fully signed-in person, or null (half-signed sessions included). */
export async function findSessionPerson(
  db: Db,
  sessionId: string,
  settings: SessionSettings,
  now = new Date(),
): Promise<Person | null> {
  const found = await findSession(db, sessionId, settings, now);
  return found?.stage === "signed-in" ? found.person : null;
}

/** The session has passed its second factor (or its person has just added one, which proves as much). */
export async function markSecondFactorPassed(db: Db, sessionId: string): Promise<void> {
  await db
    .updateTable("sessions")
    .set({ second_factor_at: new Date() })
    .where("id_hash", "=", hashToken(sessionId))
    .execute();
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom("sessions").where("id_hash", "=", hashToken(sessionId)).execute();
}

export async function pruneExpiredSessions(db: Db, settings: SessionSettings): Promise<number> {
  const now = Date.now();
  const result = await db
    .deleteFrom("sessions")
    .where((eb) =>
      eb.or([
        eb("expires_at", "<=", new Date(now)),
        eb("last_seen_at", "<", new Date(now - settings.SESSION_IDLE_MINUTES * 60_000)),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

interface SessionSummary {
  /** The handle the page ends a session by; only its owner's list shows it. */
  number: number;
  current: boolean;
  device: string;
  createdAt: Date;
  lastSeenAt: Date;
}

export async function listSessionsOf(db: Db, personId: number, currentSessionId: string | null) {
  const currentHash = currentSessionId ? hashToken(currentSessionId) : null;
  const rows = await db
    .selectFrom("sessions")
    .select(["id_hash", "number", "user_agent", "created_at", "last_seen_at"])
    .where("person_id", "=", personId)
    .orderBy("last_seen_at", "desc")
    .orderBy("number", "desc")
    .execute();
  return rows.map((row): SessionSummary => ({
    number: row.number,
    current: row.id_hash === currentHash,
    device: describeDevice(row.user_agent),
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
  }));
}

/** Ends one of the person's own sessions, by its handle; someone else's is not found. Audited. */
export async function endSessionOf(db: Db, personId: number, number: number): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const ended = await trx
      .deleteFrom("sessions")
      .where("person_id", "=", personId)
      .where("number", "=", number)
      .returning(["number", "user_agent", "created_at"])
      .executeTakeFirst();
    if (!ended) return false;
    await writeAudit(trx, {
      actorId: personId,
      action: "session.ended",
      subjectType: "person",
      subjectId: personId,
      before: {
        session: ended.number,
        device: describeDevice(ended.user_agent),
        signedInAt: ended.created_at,
      },
    });
    return true;
  });
}

/** "Sign out everywhere else": the current device stays signed in. */
export async function deleteOtherSessions(
  db: Db,
  personId: number,
  currentSessionId: string,
): Promise<number> {
  const result = await db
    .deleteFrom("sessions")
    .where("person_id", "=", personId)
    .where("id_hash", "<>", hashToken(currentSessionId))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
