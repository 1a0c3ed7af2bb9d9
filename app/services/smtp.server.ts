import { createTransport } from "nodemailer";

/**
 * Timeouts well inside the outbox's two-minute claim: a hung server must fail a send before
 * another worker may take the same row over, or the email could go out twice.
 */
export function createSmtpTransport(smtpUrl: string) {
  return createTransport({
    url: smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    // Message content comes from our templates only; nothing may pull in files or URLs.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
}

export type SmtpTransport = ReturnType<typeof createSmtpTransport>;

export interface OutgoingEmail {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Stable per message (the outbox gives `outbox-<id>.<created>`); the sender's domain is added. */
  messageId: string;
  /** Extra headers the message carries (a digest's List-Unsubscribe). */
  headers?: Record<string, string>;
}

/** `<left@domain>` from a bare left part and the domain of the From address. */
export function messageIdHeader(messageId: string, from: string): string {
  const bare = messageId.replace(/^<|>$/g, "");
  if (bare.includes("@")) return `<${bare}>`;
  const domain = /@([^\s<>@]+)>?\s*$/.exec(from)?.[1] ?? "mutual-voice.invalid";
  return `<${bare}@${domain}>`;
}

export async function sendEmail(transport: SmtpTransport, email: OutgoingEmail): Promise<void> {
  const info = await transport.sendMail({
    from: email.from,
    to: email.to,
    subject: email.subject,
    html: email.html,
    text: email.text,
    messageId: messageIdHeader(email.messageId, email.from),
    // Out-of-office replies and the like should not answer a machine.
    headers: { ...email.headers, "Auto-Submitted": "auto-generated" },
  });
  if (info.rejected.length) throw new Error(`Recipient rejected: ${info.rejected.join(", ")}`);
}
