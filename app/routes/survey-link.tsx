import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { FreshLinkForm } from "~/components/surveys/fresh-link-form.tsx";
import { sendFreshSurveyLinks } from "~/models/surveys/invitations.server.ts";
import { freshSurveyLinkSchema } from "~/schemas/surveys.ts";
import { readForm } from "~/utils/form-body.server.ts";
import { submitForm } from "~/utils/forms.server.ts";

export const meta: MetaFunction = () => [{ title: "Get a fresh survey link · Mutual Voice" }];

export function loader({ request }: LoaderFunctionArgs) {
  return { sent: new URL(request.url).searchParams.get("sent") === "1" };
}

/** Known addresses cost tokens and emails; a floor on the answer time hides that difference. */
const ANSWER_FLOOR_MS = 250;

export async function action({ request, context }: ActionFunctionArgs) {
  const asked = await submitForm(await readForm(request), freshSurveyLinkSchema, async ({ email }) => {
    const floor = new Promise((resolve) => setTimeout(resolve, ANSWER_FLOOR_MS));
    await sendFreshSurveyLinks(context.db, { email, ip: context.clientIp, appUrl: context.appUrl });
    await floor;
  });
  if (!asked.ok) return asked.answer;
  // The same answer whether or not the address was invited, and whether or not it was rate limited.
  return redirect("/survey-link?sent=1");
}

export default function FreshSurveyLink() {
  const { sent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="narrow">
      <ErrorSummary errors={actionData?.errors} />
      <h1>Get a fresh survey link</h1>
      {sent ? (
        <div className="panel panel--success" role="status">
          <h2>Check your email</h2>
          <p>
            If that address was invited to a survey that is still open, we have emailed it a fresh link. It
            can take a few minutes to arrive. Links from earlier emails may stop working.
          </p>
        </div>
      ) : (
        <>
          <p>
            Enter the email address your survey invitation went to, and we will send a fresh personal link to
            every survey still open to it.
          </p>
          <FreshLinkForm email={actionData?.values.email} error={actionData?.errors.email} />
        </>
      )}
    </div>
  );
}
