import { SMTPServer } from "smtp-server";
import { afterAll, beforeEach, expect, test } from "vitest";
import {
  deliverDueEmails,
  enqueueEmail,
  retryBackoffMs,
  type OutboxEmail,
} from "~/models/email/outbox.server.ts";
import { createSmtpTransport, messageIdHeader, sendEmail } from "~/services/smtp.server.ts";
import { openTestDb } from "./db.ts";

const { db } = await openTestDb();

interface Received {
  envelopeTo: string[];
  raw: string;
}

const received: Received[] = [];
/** What the server says to the next RCPT TO or DATA, when it should refuse. */
const refuse: { rcpt?: { code: number; message: string }; data?: { code: number; message: string } } = {};

const smtpError = (refusal: { code: number; message: string }) =>
  Object.assign(new Error(refusal.message), { responseCode: refusal.code });

const server = new SMTPServer({
  secure: false,
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  // A reverse DNS lookup of 127.0.0.1 only slows every connection down.
  disableReverseLookup: true,
  onRcptTo(_address, _session, callback) {
    callback(refuse.rcpt ? smtpError(refuse.rcpt) : null);
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      received.push({ envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw });
      callback(refuse.data ? smtpError(refuse.data) : null);
    });
  },
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const address = server.server.address();
if (!address || typeof address === "string") throw new Error("The test SMTP server has no port");
const transport = createSmtpTransport(`smtp://127.0.0.1:${address.port}`);

afterAll(async () => {
  transport.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const FROM = "Mutual Voice <no-reply@psmn.example>";
// A second on: the outbox stamps a new email with the database's now(), in microseconds, and a
// delivery run within the same millisecond would find it not yet due.
const soon = () => new Date(Date.now() + 1000);
const deliver = (email: OutboxEmail) => sendEmail(transport, { from: FROM, ...email });
const props = {
  name: "Siân Llŷr",
  link: "https://voice.example/login/verify?token=abc123&next=%2Fpositions",
  minutes: 10,
};

beforeEach(async () => {
  received.length = 0;
  delete refuse.rcpt;
  delete refuse.data;
  await db.deleteFrom("email_outbox").execute();
});

/** Just enough MIME to read what nodemailer sends: headers, multipart, QP and base64. */
interface Part {
  headers: Map<string, string>;
  body: string;
}

function parsePart(raw: string): Part {
  const split = raw.indexOf("\r\n\r\n");
  const head = split < 0 ? raw : raw.slice(0, split);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, " ").split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: split < 0 ? "" : raw.slice(split + 4) };
}

function decodeBody(part: Part): string {
  const encoding = part.headers.get("content-transfer-encoding")?.toLowerCase();
  if (encoding === "base64") return Buffer.from(part.body, "base64").toString("utf8");
  if (encoding !== "quoted-printable") return part.body;
  const bytes = part.body
    .replace(/=\r\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

function readMessage(raw: string) {
  const message = parsePart(raw);
  const boundary = /boundary="?([^";]+)"?/.exec(message.headers.get("content-type") ?? "")?.[1];
  const parts = boundary
    ? message.body
        .split(`--${boundary}`)
        .slice(1, -1)
        .map((part) => parsePart(part.replace(/^\r\n/, "")))
    : [];
  const partOfType = (type: string) => {
    const part = parts.find((candidate) => candidate.headers.get("content-type")?.startsWith(type));
    return part && decodeBody(part);
  };
  return { headers: message.headers, text: partOfType("text/plain"), html: partOfType("text/html") };
}

test("a sign-in email reaches a real SMTP server with both parts and a Message-ID from the outbox", async () => {
  const { id } = await enqueueEmail(db, { to: "sian@example.org", template: "sign-in", props });

  expect(await deliverDueEmails(db, deliver, { maxAttempts: 3, batchSize: 10, now: soon() })).toEqual({
    sent: 1,
    failed: 0,
    retrying: 0,
  });

  expect(received).toHaveLength(1);
  const [message] = received;
  expect(message?.envelopeTo).toEqual(["sian@example.org"]);
  const { headers, text, html } = readMessage(message?.raw ?? "");
  expect(headers.get("to")).toBe("sian@example.org");
  expect(headers.get("from")).toBe(FROM);
  expect(headers.get("subject")).toBe("Your sign-in link for Mutual Voice");
  expect(headers.get("message-id")).toMatch(new RegExp(`^<outbox-${id}\\.[0-9a-z]+@psmn\\.example>$`));
  expect(headers.get("auto-submitted")).toBe("auto-generated");
  expect(headers.get("content-type")).toMatch(/^multipart\/alternative/);
  expect(text).toContain("Hello Siân Llŷr,");
  expect(text).toContain(props.link);
  expect(html).toContain("Hello Siân Llŷr,");
  expect(html).toContain(`href="${props.link.replace("&", "&amp;")}"`);

  const row = await db.selectFrom("email_outbox").select(["sent_at"]).where("id", "=", id).executeTakeFirst();
  expect(row?.sent_at).toBeInstanceOf(Date);
});

test("a recipient refused with 550 is retried later, and the error kept", async () => {
  const { id } = await enqueueEmail(db, { to: "gone@example.org", template: "sign-in", props });
  refuse.rcpt = { code: 550, message: "Mailbox unavailable" };
  const now = soon();

  expect(await deliverDueEmails(db, deliver, { maxAttempts: 3, batchSize: 10, now })).toEqual({
    sent: 0,
    failed: 0,
    retrying: 1,
  });
  expect(received).toHaveLength(0);
  const row = await db
    .selectFrom("email_outbox")
    .select(["attempts", "last_error", "next_attempt_at", "sent_at"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  expect(row).toMatchObject({ attempts: 1, sent_at: null });
  expect(row.last_error).toContain("550 Mailbox unavailable");
  expect(row.next_attempt_at).toEqual(new Date(now.getTime() + retryBackoffMs(1)));

  delete refuse.rcpt;
  const counts = await deliverDueEmails(db, deliver, {
    maxAttempts: 3,
    batchSize: 10,
    now: row.next_attempt_at,
  });
  expect(counts.sent).toBe(1);
  expect(received).toHaveLength(1);
});

test("a retry after a refused DATA carries the same Message-ID", async () => {
  await enqueueEmail(db, { to: "busy@example.org", template: "sign-in", props });
  refuse.data = { code: 451, message: "Try again later" };
  const now = soon();

  expect(await deliverDueEmails(db, deliver, { maxAttempts: 3, batchSize: 10, now })).toMatchObject({
    retrying: 1,
  });
  delete refuse.data;
  const retryAt = new Date(now.getTime() + retryBackoffMs(1));
  expect(await deliverDueEmails(db, deliver, { maxAttempts: 3, batchSize: 10, now: retryAt })).toMatchObject({
    sent: 1,
  });

  const ids = received.map((message) => readMessage(message.raw).headers.get("message-id"));
  expect(ids).toHaveLength(2);
  expect(ids[0]).toBeDefined();
  expect(ids[1]).toBe(ids[0]);
});

test("messageIdHeader adds the sender's domain to a bare id", () => {
  expect(messageIdHeader("outbox-7.abc", FROM)).toBe("<outbox-7.abc@psmn.example>");
  expect(messageIdHeader("outbox-7.abc", "plain@example.org")).toBe("<outbox-7.abc@example.org>");
  expect(messageIdHeader("<given@elsewhere.example>", FROM)).toBe("<given@elsewhere.example>");
});

test("extra headers written with an email (a digest's one-click unsubscribe) reach the server", async () => {
  const unsubscribe = "https://voice.example/unsubscribe?token=1.abc";
  await enqueueEmail(db, {
    to: "digest@example.org",
    template: "sign-in",
    props,
    headers: {
      "List-Unsubscribe": `<${unsubscribe}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  });
  await deliverDueEmails(db, deliver, { maxAttempts: 3, batchSize: 10, now: soon() });
  const message = received.find((candidate) => candidate.envelopeTo.includes("digest@example.org"));
  const { headers } = readMessage(message?.raw ?? "");
  expect(headers.get("list-unsubscribe")).toBe(`<${unsubscribe}>`);
  expect(headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
  expect(headers.get("auto-submitted")).toBe("auto-generated");
  await expect(
    enqueueEmail(db, {
      to: "x@example.org",
      template: "sign-in",
      props,
      headers: { "X-Bad": "a\r\nBcc: y@example.org" },
    }),
  ).rejects.toThrow();
});
