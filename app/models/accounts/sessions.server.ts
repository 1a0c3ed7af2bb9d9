import { createCookie } from "@remix-run/node";
import { peopleColumns, toPerson, type Person } from "~/models/accounts/people.server.ts";
import { hashToken, randomToken } from "../../utils/crypto.server.ts";
import type { Db } from "../../utils/db.server.ts";
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
export async function createSession(db: Db, personId: number, settings: SessionSettings): Promise<string> {
  const id = randomToken();
  await db
    .insertInto("sessions")
    .values({
      id_hash: hashToken(id),
      person_id: personId,
      expires_at: new Date(Date.now() + settings.SESSION_ABSOLUTE_HOURS * 60 * 60_000),
    })
    .execute();
  return id;
}

/** The signed-in person, or null when the session is unknown, idle too long, past its absolute limit or the person is inactive. */
export async function findSessionPerson(
  db: Db,
  sessionId: string,
  settings: SessionSettings,
  now = new Date(),
): Promise<Person | null> {
  const row = await db
    .selectFrom("sessions")
    .innerJoin("people", "people.id", "sessions.person_id")
    .select(["sessions.id_hash", "sessions.last_seen_at", "sessions.expires_at", ...peopleColumns])
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
  return toPerson(row);
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
  current: boolean;
  createdAt: Date;
  lastSeenAt: Date;
}

export async function listSessionsOf(db: Db, personId: number, currentSessionId: string | null) {
  const currentHash = currentSessionId ? hashToken(currentSessionId) : null;
  const rows = await db
    .selectFrom("sessions")
    .select(["id_hash", "created_at", "last_seen_at"])
    .where("person_id", "=", personId)
    .orderBy("last_seen_at", "desc")
    .execute();
  return rows.map((row): SessionSummary => ({
    current: row.id_hash === currentHash,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
  }));
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
