import { redirect, type AppLoadContext } from "@remix-run/node";
import { isAdmin, isStaff, type Person } from "~/models/accounts/people.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import { memoPerRequest } from "~/utils/per-request.server.ts";
import { createSession, deleteSession, findSessionPerson, sessionCookie } from "./sessions.server.ts";

export async function readSessionId(request: Request, context: AppLoadContext): Promise<string | null> {
  const value: unknown = await sessionCookie(context.env).parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

const sessionPeople = memoPerRequest<Person | null>();

/** The signed-in person, looked up once per request however many loaders ask. */
export function getUser(request: Request, context: AppLoadContext): Promise<Person | null> {
  return sessionPeople.get(context, request.headers.get("Cookie") ?? "", async () => {
    const sessionId = await readSessionId(request, context);
    return sessionId ? findSessionPerson(context.db, sessionId, context.env) : null;
  });
}

function signInRedirect(request: Request) {
  const url = new URL(request.url);
  const params = new URLSearchParams({ redirectTo: url.pathname + url.search });
  return redirect(`/login?${params}`);
}

/** Pages for anyone signed in; others are sent to sign in and brought back afterwards. */
export async function requireUser(request: Request, context: AppLoadContext): Promise<Person> {
  const user = await getUser(request, context);
  if (!user) throw signInRedirect(request);
  return user;
}

export async function requireStaff(request: Request, context: AppLoadContext): Promise<Person> {
  const user = await requireUser(request, context);
  if (!isStaff(user)) throw Refusal.forbidden();
  return user;
}

export async function requireAdmin(request: Request, context: AppLoadContext): Promise<Person> {
  const user = await requireUser(request, context);
  if (!isAdmin(user)) throw Refusal.forbidden();
  return user;
}

export async function requireMember(request: Request, context: AppLoadContext): Promise<Person> {
  const user = await requireUser(request, context);
  if (user.role !== "member") throw Refusal.forbidden();
  return user;
}

export async function startSession(context: AppLoadContext, personId: number, redirectTo: string) {
  const sessionId = await createSession(context.db, personId, context.env);
  return redirect(redirectTo, {
    headers: {
      "Set-Cookie": await sessionCookie(context.env).serialize(sessionId),
      "Referrer-Policy": "no-referrer",
    },
  });
}

export async function endSession(request: Request, context: AppLoadContext) {
  const sessionId = await readSessionId(request, context);
  if (sessionId) await deleteSession(context.db, sessionId);
  sessionPeople.forget(context);
  return redirect("/", {
    headers: { "Set-Cookie": await sessionCookie(context.env).serialize("", { maxAge: 0 }) },
  });
}
