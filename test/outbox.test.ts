import { setTimeout as sleep } from "node:timers/promises";
import { beforeEach, describe, expect, onTestFinished, test, vi } from "vitest";
import {
  deliverDueEmails,
  enqueueEmail,
  enqueueEmails,
  pruneSentEmails,
  retryBackoffMs,
  type OutboxEmail,
} from "~/models/email/outbox.server.ts";
import { getMailboxMessage, listMailbox } from "~/models/email/mailbox.server.ts";
import { openTestDb } from "./db.ts";
import { withText } from "./outbox-text.ts";

const { db } = await openTestDb();

const props = { name: "Siân Llŷr & Co", link: "https://voice.example/login/verify?token=t1", minutes: 10 };
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);

async function enqueue(to = "sian@example.org") {
  return enqueueEmail(db, { to, template: "sign-in", props });
}

async function row(id: number) {
  return db
    .selectFrom("email_outbox")
    .select(["attempts", "next_attempt_at", "locked_until", "sent_at", "failed_at", "last_error"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

function recorder() {
  const delivered: OutboxEmail[] = [];
  return { delivered, deliver: async (email: OutboxEmail) => void delivered.push(email) };
}

const failing = (message: string) => async () => {
  throw new Error(message);
};

let now: Date;
beforeEach(async () => {
  await db.deleteFrom("email_outbox").execute();
  // Ahead of the database clock, so every row a test enqueues is due even on a slow, busy machine.
  now = new Date(Date.now() + 60_000);
});

describe("enqueueEmail", () => {
  test("keeps the template and its checked props, unrendered, in a row that waits in the outbox", async () => {
    const { id } = await enqueue();
    const stored = await db
      .selectFrom("email_outbox")
      .select(["template", "props", "html", "text"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ template: "sign-in", props, html: null, text: null });
    const [entry] = await listMailbox(db, { limit: 10 });
    expect(entry).toMatchObject({
      id,
      to: "sian@example.org",
      subject: "Your sign-in link for Mutual Voice",
    });
    expect(entry?.text).toContain(props.link);
    expect((await getMailboxMessage(db, id))?.html).toContain("Siân Llŷr &amp; Co");
    expect(await row(id)).toMatchObject({ attempts: 0, sent_at: null, failed_at: null, locked_until: null });
  });

  test("writes many emails in a few statements", async () => {
    const emails = Array.from({ length: 1200 }, (_, index) => ({
      to: `many-${index}@example.org`,
      template: "sign-in" as const,
      props: { ...props, link: `https://voice.example/login/verify?token=many${index}` },
    }));
    const ids = await enqueueEmails(db, emails);
    expect(ids).toHaveLength(1200);
    const [first] = withText(
      await db
        .selectFrom("email_outbox")
        .select(["to_address", "template", "props", "text"])
        .where("id", "=", ids[0]?.id ?? 0)
        .execute(),
    );
    expect(first?.to_address).toBe("many-0@example.org");
    expect(first?.text).toContain("token=many0");
  });

  test("stands or falls with the caller's transaction", async () => {
    const rollback = db.transaction().execute(async (trx) => {
      await enqueueEmail(trx, { to: "a@example.org", template: "sign-in", props });
      throw new Error("the change failed");
    });
    await expect(rollback).rejects.toThrow("the change failed");
    expect(await listMailbox(db, { limit: 10 })).toEqual([]);
  });

  test("refuses a bad address or bad props, writing nothing", async () => {
    await expect(enqueue("not an address")).rejects.toThrow();
    await expect(
      enqueueEmail(db, { to: "a@example.org", template: "sign-in", props: { ...props, minutes: -1 } }),
    ).rejects.toThrow(/minutes/);
    expect(await listMailbox(db, { limit: 10 })).toEqual([]);
  });
});

describe("deliverDueEmails", () => {
  test("sends a due email once and records it", async () => {
    const { id } = await enqueue();
    const { delivered, deliver } = recorder();

    const counts = await deliverDueEmails(db, deliver, { maxAttempts: 3, batchSize: 10, now });
    expect(counts).toEqual({ sent: 1, failed: 0, retrying: 0 });
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ id, to: "sian@example.org", attempts: 1 });
    expect(delivered[0]?.messageId).toMatch(new RegExp(`^outbox-${id}\\.[0-9a-z]+$`));
    expect(await row(id)).toMatchObject({ attempts: 1, sent_at: now, locked_until: null, failed_at: null });
    // Rendered at send time, from the props.
    expect(delivered[0]?.html).toContain("Siân Llŷr &amp; Co");
    expect(delivered[0]?.text).toContain(props.link);

    expect(
      await deliverDueEmails(db, deliver, { maxAttempts: 3, batchSize: 10, now: later(now, 3600_000) }),
    ).toEqual({ sent: 0, failed: 0, retrying: 0 });
    expect(delivered).toHaveLength(1);
  });

  test("a failure keeps the error and retries after the backoff, with the same Message-ID", async () => {
    const { id } = await enqueue();
    const options = { maxAttempts: 5, batchSize: 10 };

    expect(await deliverDueEmails(db, failing("421 try later"), { ...options, now })).toEqual({
      sent: 0,
      failed: 0,
      retrying: 1,
    });
    expect(await row(id)).toMatchObject({
      attempts: 1,
      last_error: "421 try later",
      next_attempt_at: later(now, retryBackoffMs(1)),
      locked_until: null,
      failed_at: null,
      sent_at: null,
    });

    const { delivered, deliver } = recorder();
    await deliverDueEmails(db, deliver, { ...options, now: later(now, retryBackoffMs(1) - 1) });
    expect(delivered).toHaveLength(0);

    const retryAt = later(now, retryBackoffMs(1));
    expect(await deliverDueEmails(db, deliver, { ...options, now: retryAt })).toMatchObject({ sent: 1 });
    expect(delivered[0]).toMatchObject({ id, attempts: 2 });
    expect(await row(id)).toMatchObject({ attempts: 2, sent_at: retryAt, last_error: "421 try later" });
  });

  test("after maxAttempts the email is marked failed and never tried again", async () => {
    const { id } = await enqueue();
    let at = now;
    const results = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      results.push(
        await deliverDueEmails(db, failing(`refused ${attempt}`), { maxAttempts: 3, batchSize: 5, now: at }),
      );
      at = later(at, retryBackoffMs(attempt));
    }
    expect(results).toEqual([
      { sent: 0, failed: 0, retrying: 1 },
      { sent: 0, failed: 0, retrying: 1 },
      { sent: 0, failed: 1, retrying: 0 },
    ]);
    const failedAt = later(now, retryBackoffMs(1) + retryBackoffMs(2));
    expect(await row(id)).toMatchObject({
      attempts: 3,
      failed_at: failedAt,
      last_error: "refused 3",
      sent_at: null,
    });

    const { delivered, deliver } = recorder();
    await deliverDueEmails(db, deliver, { maxAttempts: 3, batchSize: 5, now: later(now, 86_400_000 * 30) });
    expect(delivered).toHaveLength(0);
  });

  test("claims only what is due and not held by a live claim", async () => {
    const notYet = await enqueue("not-yet@example.org");
    const held = await enqueue("held@example.org");
    const abandoned = await enqueue("abandoned@example.org");
    await db
      .updateTable("email_outbox")
      .set({ next_attempt_at: later(now, 60_000) })
      .where("id", "=", notYet.id)
      .execute();
    await db
      .updateTable("email_outbox")
      .set({ locked_until: later(now, 60_000) })
      .where("id", "=", held.id)
      .execute();
    // A worker that died mid-send leaves a claim that has run out.
    await db
      .updateTable("email_outbox")
      .set({ locked_until: later(now, -1), attempts: 1 })
      .where("id", "=", abandoned.id)
      .execute();

    const { delivered, deliver } = recorder();
    expect(await deliverDueEmails(db, deliver, { maxAttempts: 3, batchSize: 10, now })).toMatchObject({
      sent: 1,
    });
    expect(delivered.map((email) => [email.to, email.attempts])).toEqual([["abandoned@example.org", 2]]);
    expect(await row(notYet.id)).toMatchObject({ attempts: 0, sent_at: null });
    expect(await row(held.id)).toMatchObject({ attempts: 0, sent_at: null });
  });

  test("takes at most batchSize, oldest first", async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await enqueue(`p${i}@example.org`)).id);
    const { delivered, deliver } = recorder();
    expect(await deliverDueEmails(db, deliver, { maxAttempts: 3, batchSize: 2, now })).toMatchObject({
      sent: 2,
    });
    expect(delivered.map((email) => email.id)).toEqual(ids.slice(0, 2));
  });

  test("hands back rows it has no time left to send, without counting an attempt", async () => {
    const first = await enqueue("first@example.org");
    const second = await enqueue("second@example.org");
    // A send that takes 200 ms of the 300 ms claim: the faked clock moves on as a real one would.
    vi.useFakeTimers({ toFake: ["performance"] });
    onTestFinished(() => void vi.useRealTimers());
    const slow = async () => void vi.advanceTimersByTime(200);
    const counts = await deliverDueEmails(db, slow, { maxAttempts: 3, batchSize: 10, now, lockMs: 300 });
    expect(counts).toEqual({ sent: 1, failed: 0, retrying: 0 });
    expect(await row(first.id)).toMatchObject({ attempts: 1, sent_at: now });
    expect(await row(second.id)).toMatchObject({ attempts: 0, sent_at: null, locked_until: null });
  });

  test("two workers at once send every email exactly once", async () => {
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) ids.push((await enqueue(`member${i}@example.org`)).id);
    const sends: number[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const slowDeliver = async (email: OutboxEmail) => {
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      // A slow send, so the other worker's sends overlap with it; nothing here waits for the clock.
      await sleep(15);
      sends.push(email.id);
      inFlight--;
    };
    const worker = async () => {
      let sent = 0;
      for (;;) {
        const counts = await deliverDueEmails(db, slowDeliver, { maxAttempts: 3, batchSize: 4, now });
        if (counts.sent === 0) return sent;
        sent += counts.sent;
      }
    };

    const [a, b] = await Promise.all([worker(), worker()]);
    expect(a + b).toBe(12);
    expect(mostInFlight).toBe(2);
    expect([...sends].sort((x, y) => x - y)).toEqual(ids);
    const attempts = await db.selectFrom("email_outbox").select("attempts").distinct().execute();
    expect(attempts).toEqual([{ attempts: 1 }]);
  });

  test("many workers claiming at once never share a row", async () => {
    const ids: number[] = [];
    for (let i = 0; i < 40; i++) ids.push((await enqueue(`busy${i}@example.org`)).id);
    const sends: number[] = [];
    const deliver = async (email: OutboxEmail) => void sends.push(email.id);
    const worker = async () => {
      while ((await deliverDueEmails(db, deliver, { maxAttempts: 3, batchSize: 2, now })).sent > 0);
    };

    await Promise.all([worker(), worker(), worker(), worker()]);
    expect([...sends].sort((x, y) => x - y)).toEqual(ids);
  });

  test("refuses to run inside a transaction, where a slow server would hold locks", async () => {
    await expect(
      db
        .transaction()
        .execute((trx) => deliverDueEmails(trx, recorder().deliver, { maxAttempts: 1, batchSize: 1 })),
    ).rejects.toThrow(/transaction/);
  });
});

describe("after delivery", () => {
  test("no stored column holds the emailed link's token", async () => {
    const token = "live-token-4QxK9wz";
    const link = `https://voice.example/login/verify?token=${token}`;
    const { id } = await enqueueEmail(db, {
      to: "t@example.org",
      template: "sign-in",
      props: { ...props, link },
    });
    const stored = async () =>
      JSON.stringify(
        await db.selectFrom("email_outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow(),
      );
    expect(await stored()).toContain(token);

    const { delivered, deliver } = recorder();
    await deliverDueEmails(db, deliver, { maxAttempts: 3, batchSize: 10, now });
    expect(delivered[0]?.text).toContain(token);
    expect(await stored()).not.toContain(token);
    const [entry] = await listMailbox(db, { limit: 1 });
    expect(entry?.text).not.toContain(token);
    expect(entry?.subject).toBe("Your sign-in link for Mutual Voice");
  });

  test("an email that cannot be rendered fails at once, with the reason, and sends nothing", async () => {
    const { id } = await enqueue();
    await db
      .updateTable("email_outbox")
      .set({ props: JSON.stringify({ name: "Siân" }) })
      .where("id", "=", id)
      .execute();
    const { delivered, deliver } = recorder();
    expect(await deliverDueEmails(db, deliver, { maxAttempts: 5, batchSize: 10, now })).toEqual({
      sent: 0,
      failed: 1,
      retrying: 0,
    });
    expect(delivered).toEqual([]);
    expect((await row(id)).last_error).toMatch(/Invalid props for email "sign-in"/);
  });

  test("sent rows older than the retention period are pruned; newer and unsent ones stay", async () => {
    const old = await enqueue("old@example.org");
    const recent = await enqueue("recent@example.org");
    const unsent = await enqueue("unsent@example.org");
    const day = 24 * 3600_000;
    await db
      .updateTable("email_outbox")
      .set({ sent_at: later(now, -31 * day) })
      .where("id", "=", old.id)
      .execute();
    await db
      .updateTable("email_outbox")
      .set({ sent_at: later(now, -29 * day) })
      .where("id", "=", recent.id)
      .execute();
    expect(await pruneSentEmails(db, { olderThanDays: 30, now })).toBe(1);
    const left = await db.selectFrom("email_outbox").select("id").orderBy("id").execute();
    expect(left.map((entry) => entry.id)).toEqual([recent.id, unsent.id]);
  });
});

describe("retryBackoffMs", () => {
  test("doubles from 30 seconds and stops at 6 hours", () => {
    expect([1, 2, 3, 4].map(retryBackoffMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryBackoffMs(10)).toBe(30_000 * 512);
    expect(retryBackoffMs(11)).toBe(6 * 3600_000);
    expect(retryBackoffMs(50)).toBe(6 * 3600_000);
  });
});

describe("listMailbox", () => {
  test("shows the newest first, up to the limit", async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await enqueue(`m${i}@example.org`)).id);
    const mailbox = await listMailbox(db, { limit: 2 });
    expect(mailbox.map((entry) => entry.id)).toEqual([ids[2], ids[1]]);
    expect(mailbox[0]?.createdAt).toBeInstanceOf(Date);
  });

  test("finds one message by id, and nothing for an unknown id", async () => {
    const { id } = await enqueue("one@example.org");
    expect(await getMailboxMessage(db, id)).toMatchObject({ id, to: "one@example.org" });
    expect(await getMailboxMessage(db, id + 1000)).toBeUndefined();
  });
});
