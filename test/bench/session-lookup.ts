// The session lookup every signed-in request makes, now that it also works out the second-factor
// stage (the person's passkeys and app, and the staff rule), against the plain lookup it replaced:
// 200 people (half with an authenticator app), one lookup at a time on embedded PostgreSQL (PGlite).
//
//   npx tsx test/bench/session-lookup.ts        (BENCH_LOOKUPS, default 2000, after 200 unmeasured)
import { performance } from "node:perf_hooks";
import { createDb } from "../../db/client.ts";
import { migrateToLatest } from "../../db/migrate.ts";
import { createPeople } from "../../app/models/accounts/people.server.ts";
import { createSession, findSession } from "../../app/models/accounts/sessions.server.ts";
import { hashToken } from "../../app/utils/crypto.server.ts";
import { loadEnv } from "../../app/utils/env.server.ts";

const lookups = Number(process.env.BENCH_LOOKUPS ?? 2000);
const warmup = 200;
const handle = await createDb({});
const { db } = handle;
try {
  await migrateToLatest(db);
  const env = loadEnv({ NODE_ENV: "test" });
  const people = await createPeople(
    db,
    null,
    Array.from({ length: 200 }, (_, index) => ({
      email: `staff${index}@bench.example`,
      name: `Staff ${index}`,
      role: "staff" as const,
    })),
  );
  const sessions = await Promise.all(people.map((person) => createSession(db, person.id, env, "Bench")));
  await db
    .insertInto("totp_authenticators")
    .values(
      people
        .filter((_, i) => i % 2 === 0)
        .map((p) => ({ person_id: p.id, secret_sealed: "x", confirmed_at: new Date() })),
    )
    .execute();

  const plain = (sessionId: string) =>
    db
      .selectFrom("sessions")
      .innerJoin("people", "people.id", "sessions.person_id")
      .select([
        "sessions.id_hash",
        "sessions.last_seen_at",
        "sessions.expires_at",
        "people.id",
        "people.role",
      ])
      .where("sessions.id_hash", "=", hashToken(sessionId))
      .executeTakeFirst();

  async function time(label: string, lookup: (sessionId: string) => Promise<unknown>) {
    for (let i = 0; i < warmup; i++) await lookup(sessions[i % sessions.length] ?? "");
    const started = performance.now();
    for (let i = 0; i < lookups; i++) await lookup(sessions[i % sessions.length] ?? "");
    const perLookup = (performance.now() - started) / lookups;
    console.log(`${label}: ${perLookup.toFixed(3)} ms per lookup (${lookups} lookups)`);
    return perLookup;
  }
  const before = await time("plain session lookup (before)", plain);
  const after = await time("session lookup with second-factor stage", (id) => findSession(db, id, env));
  console.log(`second-factor stage adds ${(after - before).toFixed(3)} ms per signed-in request`);
} finally {
  await db.destroy();
}
