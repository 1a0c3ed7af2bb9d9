import { redirect, type AppLoadContext } from "@remix-run/node";
import { isAdmin, isStaff, type Person } from "~/models/accounts/people.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import { memoPerRequest } from "~/utils/per-request.server.ts";
import {
  createSession,
  deleteSession,
  findSession,
  sessionCookie,
  type FoundSession,
} from "./sessions.server.ts";

export async function readSessionId(request: Request, context: AppLoadContext): Promise<string | null> {
  const value: unknown = await sessionCookie(context.env).parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

const sessionPeople = memoPerRequest<(FoundSession & { sessionId: string }) | null>();

/** The session's person and how far it has got, looked up once per request however many loaders ask. */
export function getSignIn(
  request: Request,
  context: AppLoadContext,
): Promise<(FoundSession & { sessionId: string }) | null> {
  return sessionPeople.get(context, request.headers.get("Cookie") ?? "", async () => {
    const sessionId = await readSessionId(request, context);
    const found = sessionId ? await findSession(context.db, sessionId, context.env) : null;
    return found && sessionId ? { ...found, sessionId } : null;
  });
}

/** The signed-in person; a session still owing its second factor signs nobody in. */
export async function getUser(request: Request, context: AppLoadContext): Promise<Person | null> {
  const signIn = await getSignIn(request, context);
  return signIn?.stage === "signed-in" ? signIn.person : null;
}

const returnTo = (request: Request) => {
  const url = new URL(request.url);
  return new URLSearchParams({ redirectTo: url.pathname + url.search });
};

/** Where a session at each stage goes next, to come back to `redirectTo` afterwards. */
export function nextStepPath(stage: FoundSession["stage"], redirectTo: string): string {
  const params = new URLSearchParams({ redirectTo });
  if (stage === "second-factor") return `/login/second-factor?${params}`;
  if (stage === "set-up") return `/account/security?${params}`;
  return redirectTo;
}

/**
 * Pages for anyone signed in; others are sent to sign in and brought back afterwards. A session
 * that has used its emailed link but still owes a second factor (or, for staff under the rule, has
 * yet to add one) reaches only that step.
 */
export async function requireUser(request: Request, context: AppLoadContext): Promise<Person> {
  const signIn = await getSignIn(request, context);
  if (!signIn) throw redirect(`/login?${returnTo(request)}`);
  if (signIn.stage !== "signed-in") {
    const url = new URL(request.url);
    throw redirect(nextStepPath(signIn.stage, url.pathname + url.search));
  }
  return signIn.person;
}

/** The second step of signing in: only for a session that owes it. */
export async function requireSecondStep(request: Request, context: AppLoadContext) {
  const signIn = await getSignIn(request, context);
  if (!signIn) throw redirect("/login");
  if (signIn.stage !== "second-factor") throw redirect("/");
  return signIn;
}

/** A person's own security page: signed in, or staff sent there to add the factor the rule asks for. */
export async function requireSecuritySetUp(request: Request, context: AppLoadContext) {
  const signIn = await getSignIn(request, context);
  if (!signIn) throw redirect(`/login?${returnTo(request)}`);
  if (signIn.stage === "second-factor") {
    const url = new URL(request.url);
    throw redirect(nextStepPath(signIn.stage, url.pathname + url.search));
  }
  return signIn;
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

/** After the emailed link: a new session, sent on to its second step when it owes one. */
export async function startSession(
  context: AppLoadContext,
  personId: number,
  redirectTo: string,
  userAgent: string | null = null,
) {
  const sessionId = await createSession(context.db, personId, context.env, userAgent);
  const found = await findSession(context.db, sessionId, context.env);
  return redirect(nextStepPath(found?.stage ?? "signed-in", redirectTo), {
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
