import { createHmac, timingSafeEqual } from "node:crypto";

// The purpose is part of what is signed, so a token made for one thing never works for another.
const PURPOSE = "weekly-digest-unsubscribe";

const macOf = (personId: number, secret: string) =>
  createHmac("sha256", secret).update(`${PURPOSE}:${personId}`).digest("base64url");

/**
 * The token in a digest's one-click unsubscribe link: the person's id and an HMAC of it under the
 * session secret. It never expires, as RFC 8058 expects of a List-Unsubscribe link, and stops only
 * the digest, so a forwarded email can do no more harm than that.
 */
export const unsubscribeToken = (personId: number, secret: string) =>
  `${personId}.${macOf(personId, secret)}`;

/** The person a token was made for, or null when it is malformed or was not signed by us. */
export function readUnsubscribeToken(token: string, secret: string): number | null {
  const match = /^([1-9][0-9]{0,9})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const personId = Number(match[1]);
  const given = Buffer.from(match[2] ?? "");
  const expected = Buffer.from(macOf(personId, secret));
  return given.length === expected.length && timingSafeEqual(given, expected) ? personId : null;
}
