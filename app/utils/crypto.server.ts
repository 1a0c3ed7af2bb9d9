import { createHash, randomBytes, randomInt } from "node:crypto";

/** 256 bits from the OS generator, URL-safe: for session ids and emailed tokens. */
export const randomToken = () => randomBytes(32).toString("base64url");

/** Only hashes of tokens are stored, so a database leak hands out no live sessions or links. */
export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Letters that cannot be misread for one another when typed from paper: no 0/o, 1/l/i. */
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** A recovery code such as "k7dmq-3xwpa": 10 characters of 31, about 50 bits, shown once. */
export function randomRecoveryCode(): string {
  const letters = Array.from(
    { length: 10 },
    () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)],
  ).join("");
  return `${letters.slice(0, 5)}-${letters.slice(5)}`;
}

/** What a person typed, in the form codes are stored in: case, spaces and dashes do not matter. */
export const normaliseRecoveryCode = (typed: string) => typed.toLowerCase().replace(/[^a-z0-9]/g, "");
