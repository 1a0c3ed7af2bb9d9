import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { DataTable } from "~/components/data-table.tsx";
import { IntentButton } from "~/components/intent-forms.tsx";
import { SummaryList } from "~/components/summary-list.tsx";
import { roleLabels } from "~/schemas/roles.ts";
import { readSessionId, requireUser } from "~/models/accounts/auth.server.ts";
import { formatDateTime } from "~/utils/format.ts";
import { deleteOtherSessions, endSessionOf, listSessionsOf } from "~/models/accounts/sessions.server.ts";
import { getSecondFactorOverview } from "~/models/accounts/second-factor.server.ts";
import { readForm } from "~/utils/form-body.server.ts";
import { getWeeklyDigest, setWeeklyDigest } from "~/models/homes/preferences.server.ts";
import { accountIntentSchema } from "~/schemas/homes.ts";

export const meta: MetaFunction = () => [{ title: "Your account · Mutual Voice" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const [sessions, weeklyDigest, factors] = await Promise.all([
    listSessionsOf(context.db, user.id, await readSessionId(request, context)),
    getWeeklyDigest(context.db, user.id),
    getSecondFactorOverview(context.db, user.id),
  ]);
  // Their own details as the page shows them; ids and flags stay on the server.
  const { name, email, jobTitle, role, isLeader } = user;
  const secondFactor = factors.passkeys.length > 0 || factors.authenticatorApp === "on";
  return { user: { name, email, jobTitle, role, isLeader }, sessions, weeklyDigest, secondFactor };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const parsed = accountIntentSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return data({ message: "That action is not recognised." }, { status: 400 });
  if (parsed.data.intent === "digest") {
    const on = parsed.data.digest === "on";
    await setWeeklyDigest(context.db, user.id, { on, via: "account" });
    return { message: on ? "The weekly digest is on." : "The weekly digest is off." };
  }
  if (parsed.data.intent === "end-session") {
    const ended = await endSessionOf(context.db, user.id, parsed.data.session);
    if (!ended) return data({ message: "That session has already ended." }, { status: 404 });
    return { message: "That session has ended." };
  }
  const sessionId = await readSessionId(request, context);
  const ended = sessionId ? await deleteOtherSessions(context.db, user.id, sessionId) : 0;
  return { message: ended === 1 ? "Signed out of 1 other device." : `Signed out of ${ended} other devices.` };
}

export default function Account() {
  const { user, sessions, weeklyDigest, secondFactor } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const others = sessions.filter((session) => !session.current).length;
  return (
    <>
      <h1>Your account</h1>
      {actionData ? (
        <p className="panel" role="status">
          {actionData.message}
        </p>
      ) : null}
      <SummaryList
        rows={[
          ["Name", user.name],
          ["Email", user.email],
          [
            "Role",
            `${roleLabels[user.role]}${user.isLeader ? " (leader: signs open letters for the organisation)" : ""}`,
          ],
          ["Job title", user.jobTitle],
        ]}
      />
      <h2>Second factor</h2>
      <p>
        {secondFactor
          ? "On: after the emailed link, signing in asks for your passkey or a code from your authenticator app."
          : "Off: signing in takes only the emailed link."}{" "}
        <Link to="/account/security">
          {secondFactor ? "Manage your second factor" : "Add a second factor"}
        </Link>
      </p>
      <h2>Where you are signed in</h2>
      <DataTable
        caption="Your sessions"
        rows={sessions}
        rowKey={(session) => session.number}
        columns={[
          {
            header: "Device",
            cell: (session) => (session.current ? `${session.device} (this device)` : session.device),
          },
          { header: "Signed in", cell: (session) => formatDateTime(session.createdAt) },
          { header: "Last active", cell: (session) => formatDateTime(session.lastSeenAt) },
          {
            header: "End",
            cell: (session) =>
              session.current ? (
                <Form method="post" action="/logout">
                  <button type="submit" className="button button--secondary button--small">
                    Sign out<span className="visually-hidden"> here</span>
                  </button>
                </Form>
              ) : (
                <IntentButton
                  intent="end-session"
                  fields={{ session: session.number }}
                  className="button button--secondary button--small"
                >
                  End
                  <span className="visually-hidden">
                    {" "}
                    session on {session.device} signed in {formatDateTime(session.createdAt)}
                  </span>
                </IntentButton>
              ),
          },
        ]}
      />
      {others > 0 ? (
        <IntentButton intent="sign-out-others" className="button button--secondary">
          Sign out of other devices
        </IntentButton>
      ) : (
        <p>You are not signed in anywhere else.</p>
      )}
      <h2>Weekly digest</h2>
      <p>
        {weeklyDigest
          ? "On: on Mondays, when there is something to tell you, we email what is waiting for you."
          : "Off: you do not get the Monday email of what is waiting for you."}
      </p>
      <IntentButton
        intent="digest"
        fields={{ digest: weeklyDigest ? "off" : "on" }}
        className="button button--secondary"
      >
        {weeklyDigest ? "Turn off the weekly digest" : "Turn on the weekly digest"}
      </IntentButton>
    </>
  );
}
