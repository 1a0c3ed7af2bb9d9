import { createHash, randomBytes } from "node:crypto";

/** 256 bits from the OS generator, URL-safe: for session ids and emailed tokens. */
export const randomToken = () => randomBytes(32).toString("base64url");

/** Only hashes of tokens are stored, so a database leak hands out no live sessions or links. */
export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
