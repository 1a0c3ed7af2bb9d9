import { afterAll, expect, test } from "vitest";
import { listOutbox, retryFailedEmail } from "~/models/email/admin-outbox.server.ts";
import { enqueueEmail } from "~/models/email/outbox.server.ts";
import { createPerson } from "~/models/accounts/people.server.ts";
import { createDb } from "../db/client.ts";
import { openTestDb } from "./db.ts";
import { uniqueEmail } from "./context.ts";
import { startTestApp } from "./harness.ts";

const database = await openTestDb();
const { db } = database;
const site = await startTestApp(database);
// Nothing listens on the discard port: every query fails to connect.
const unreachable = await createDb({ databaseUrl: "postgres://postgres@127.0.0.1:9/none" });
afterAll(() => unreachable.db.destroy());
const cutOff = await startTestApp(unreachable);
const admin = await createPerson(db, null, {
  email: uniqueEmail("admin"),
  name: "Alex Morgan",
  role: "admin",
});
const staff = await createPerson(db, null, {
  email: uniqueEmail("staff"),
  name: "Priya Shah",
  role: "staff",
});

async function emailIn(state: "pending" | "retrying" | "sent" | "failed") {
  const to = uniqueEmail(state);
  const { id } = await enqueueEmail(db, {
    to,
    template: "sign-in",
    props: { name: "Test", link: "http://localhost:3000/login/verify?token=x", minutes: 10 },
  });
  const now = new Date();
  const changes = {
    pending: { attempts: 0 },
    retrying: { attempts: 2, last_error: "451 try later" },
    sent: { attempts: 1, sent_at: now },
    failed: { attempts: 8, failed_at: now, last_error: "550 no such user" },
  }[state];
  await db.updateTable("email_outbox").set(changes).where("id", "=", id).execute();
  return id;
}

test("administrators see each email's delivery status, with counts; others get 404", async () => {
  await emailIn("pending");
  await emailIn("retrying");
  await emailIn("sent");
  const failedId = await emailIn("failed");
  const all = await listOutbox(db, admin, { page: 1, pageSize: 50 });
  expect(all.counts).toEqual({ pending: 1, retrying: 1, sent: 1, failed: 1 });
  expect(all.total).toBe(4);
  const failed = await listOutbox(db, admin, { page: 1, pageSize: 50, status: "failed" });
  expect(failed.entries.map((entry) => [entry.id, entry.status, entry.lastError])).toEqual([
    [failedId, "failed", "550 no such user"],
  ]);
  await expect(listOutbox(db, staff, { page: 1, pageSize: 50 })).rejects.toMatchObject({ status: 404 });
});

test("a failed email can be given fresh attempts once, and the retry is audited", async () => {
  const id = await emailIn("failed");
  expect(await retryFailedEmail(db, admin, id)).toBe(true);
  expect(await retryFailedEmail(db, admin, id)).toBe(false);
  const row = await db
    .selectFrom("email_outbox")
    .select(["attempts", "failed_at", "last_error"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  expect(row).toEqual({ attempts: 0, failed_at: null, last_error: null });
  const audit = await db
    .selectFrom("audit_log")
    .select(["actor_id", "action"])
    .where("subject_type", "=", "email")
    .where("subject_id", "=", String(id))
    .execute();
  expect(audit).toEqual([{ actor_id: admin.id, action: "email.retried" }]);
  const sentId = await emailIn("sent");
  expect(await retryFailedEmail(db, admin, sentId)).toBe(false);
});

test("/healthz answers 200 after a real query, and 503 when the database does not answer", async () => {
  const ok = await site.get("/healthz");
  expect(ok.status).toBe(200);
  expect(JSON.parse(ok.text)).toEqual({ status: "ok", database: database.kind });

  const down = await cutOff.get("/healthz");
  expect(down.status).toBe(503);
  expect(JSON.parse(down.text)).toEqual({ status: "unavailable", database: "postgres" });
});
