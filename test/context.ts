import type { AppLoadContext } from "@remix-run/node";
import type { Db } from "~/utils/db.server.ts";
import { loadEnv } from "~/utils/env.server.ts";

/** The load context server.ts builds, around a test database. */
export function testContext(db: Db, overrides: Partial<AppLoadContext> = {}): AppLoadContext {
  return {
    db,
    env: loadEnv({ NODE_ENV: "test" }),
    databaseKind: "pglite",
    cspNonce: "test-nonce",
    clientIp: "203.0.113.7",
    appUrl: "http://localhost:3000",
    purgeCachedPage: () => {},
    ...overrides,
  };
}

export function formRequest(
  url: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return new Request(new URL(url, "http://localhost:3000"), {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
  });
}

let counter = 0;
/** A unique address per call, so tests sharing a file's database never collide. */
export const uniqueEmail = (label = "person") => `${label}.${process.pid}.${++counter}@example.org`;
