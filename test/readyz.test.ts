import { afterAll, expect, test } from "vitest";
import { enqueueEmail } from "~/models/email/outbox.server.ts";
import { createDb } from "../db/client.ts";
import { openTestDb } from "./db.ts";
import { startTestApp } from "./harness.ts";

const database = await openTestDb();
const { db } = database;
// SMTP_URL set: emails are meant to leave, so a stuck outbox makes the deployment not ready.
const sending = await startTestApp(database, {
  SMTP_URL: "smtp://127.0.0.1:9",
  READY_OUTBOX_SECONDS: "300",
});
const demo = await startTestApp(database);
const unreachable = await createDb({ databaseUrl: "postgres://postgres@127.0.0.1:9/none" });
afterAll(() => unreachable.db.destroy());
const cutOff = await startTestApp(unreachable);

async function queueEmail(ageSeconds: number) {
  const { id } = await enqueueEmail(db, {
    to: "ready@example.org",
    template: "sign-in",
    props: { name: "Test", link: "http://localhost:3000/login/verify?token=x", minutes: 10 },
  });
  await db
    .updateTable("email_outbox")
    .set({ created_at: new Date(Date.now() - ageSeconds * 1000) })
    .where("id", "=", id)
    .execute();
  return id;
}

test("/readyz is 200 while the database answers and the outbox keeps up, 503 once it falls behind", async () => {
  const empty = await sending.get("/readyz");
  expect(empty.status).toBe(200);
  expect(empty.headers.get("Cache-Control")).toBe("no-store");
  expect(JSON.parse(empty.text)).toEqual({
    status: "ready",
    database: "ok",
    outbox: { sending: true, pending: 0, oldestPendingAgeSeconds: null, maxAgeSeconds: 300 },
  });

  await queueEmail(60);
  expect((await sending.get("/readyz")).status).toBe(200);
  const stuck = await queueEmail(3600);
  const behind = await sending.get("/readyz");
  expect(behind.status).toBe(503);
  expect(JSON.parse(behind.text)).toMatchObject({ status: "behind", outbox: { pending: 2 } });
  expect(JSON.parse(behind.text).outbox.oldestPendingAgeSeconds).toBeGreaterThanOrEqual(3600);

  // Without SMTP_URL emails wait for the dev mailbox on purpose: that is not falling behind.
  expect((await demo.get("/readyz")).status).toBe(200);
  // Once the stuck email has been given up on, it no longer counts.
  await db.updateTable("email_outbox").set({ failed_at: new Date() }).where("id", "=", stuck).execute();
  expect((await sending.get("/readyz")).status).toBe(200);
});

test("/readyz is 503 when the database does not answer", async () => {
  const down = await cutOff.get("/readyz");
  expect(down.status).toBe(503);
  expect(JSON.parse(down.text)).toEqual({ status: "unavailable", database: "down" });
});
