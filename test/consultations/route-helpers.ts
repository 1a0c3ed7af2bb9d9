import type { Person } from "~/models/accounts/people.server.ts";
import type { Db } from "~/utils/db.server.ts";
import { createSession, sessionCookie } from "~/models/accounts/sessions.server.ts";
import { testContext } from "../context.ts";

/** Requests as a signed-in person would send them, and the results unwrapped as the tests read them. */
export function routeHelpers(db: Db) {
  const context = testContext(db);
  async function cookieFor(person: Person) {
    const id = await createSession(db, person.id, context.env);
    return { Cookie: await sessionCookie(context.env).serialize(id) };
  }
  return {
    context,
    async get(person: Person | null, url: string) {
      return new Request(new URL(url, "http://localhost:3000"), {
        headers: person ? await cookieFor(person) : {},
      });
    },
    async post(person: Person, url: string, fields: Record<string, string>) {
      return new Request(new URL(url, "http://localhost:3000"), {
        method: "POST",
        body: new URLSearchParams(fields),
        headers: { "Content-Type": "application/x-www-form-urlencoded", ...(await cookieFor(person)) },
      });
    },
  };
}

/** Single fetch hands back `data(...)` as a DataWithResponseInit: its payload and status. */
export function unwrap(result: unknown): {
  status: number;
  body: Record<string, unknown>;
  location?: string;
} {
  if (result instanceof Response) {
    return { status: result.status, body: {}, location: result.headers.get("Location") ?? undefined };
  }
  if (
    typeof result === "object" &&
    result !== null &&
    "type" in result &&
    result.type === "DataWithResponseInit"
  ) {
    const { data: body, init } = Object(result);
    return { status: init?.status ?? 200, body };
  }
  return { status: 200, body: Object(result) };
}

export async function thrown(promise: Promise<unknown>): Promise<Response> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof Response)) throw new Error(`Expected a thrown Response, got ${String(error)}`);
  return error;
}
