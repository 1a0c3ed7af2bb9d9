import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { areaErrorBoundary } from "~/components/error-page.tsx";
import { RefusalPanel } from "~/components/refusal-panel.tsx";
import { useLayoutSurvey } from "~/components/surveys/layout-survey.ts";
import { refusalOf } from "~/components/surveys/refusal-of.ts";
import { openingInvitees, openSurvey } from "~/models/surveys/lifecycle.server.ts";
import { staffSurvey } from "~/models/surveys/pages.server.ts";
import { readForm } from "~/utils/form-body.server.ts";
import { parseForm } from "~/utils/forms.ts";
import { formatCalendarDate } from "~/utils/letter-format.ts";
import { refusalAnswer } from "~/utils/refusal.server.ts";
import { surveyPageWithNotice } from "~/utils/survey-notices.ts";

/**
 * "Open and send invitations" stops here first: the number of people about to be emailed, from
 * the same list the sending reads, and a button that does it. Nothing happens until it is pressed.
 */
const confirmSchema = z.object({ intent: z.literal("open", { error: "That action is not recognised." }) });

export const meta: MetaFunction = () => [{ title: "Open the survey and send invitations · Mutual Voice" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, survey } = await staffSurvey(request, params, context);
  if (survey.state !== "draft") throw redirect(`/surveys/${survey.id}`);
  return { invitees: await openingInvitees(context.db, user, survey) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, survey } = await staffSurvey(request, params, context);
  const form = parseForm(confirmSchema, await readForm(request));
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  try {
    const { invited } = await openSurvey(context.db, user, survey.id, context.appUrl);
    return redirect(surveyPageWithNotice(survey.id, "opened", invited), 303);
  } catch (error) {
    return refusalAnswer(error, {});
  }
}

const counted = (n: number, one: string, many: string) =>
  `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

export default function OpenSurveyCheck() {
  const survey = useLayoutSurvey();
  const { invitees } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const people = counted(invitees.people, "person", "people");
  return (
    <div className="narrow">
      <RefusalPanel message={refusalOf(actionData)} />
      <p className="breadcrumbs">
        <Link to="/surveys">Surveys</Link> › <Link to={`/surveys/${survey.id}`}>{survey.title}</Link>
      </p>
      <h1>Open the survey and send invitations</h1>
      <div className="panel panel--warning">
        <p className="lead">
          <strong>{`You are about to email ${people}`}</strong>
          {invitees.people
            ? ` in ${counted(invitees.organisations, "organisation", "organisations")}.`
            : ": nobody in the audience can be invited now."}
        </p>
      </div>
      <ul>
        <li>
          Each person gets a personal link to “{survey.title}” straight away. Emails cannot be taken back.
        </li>
        <li>
          {survey.closesOn
            ? `Links stop working at the end of ${formatCalendarDate(survey.closesOn)} (UK time).`
            : "The survey has no closing date yet: set one in the settings before opening."}
        </li>
        <li>Once people start answering, questions can no longer be added, removed or changed.</li>
      </ul>
      <p>
        <Link to={`/surveys/${survey.id}/preview`}>Preview the survey as members will see it</Link>
      </p>
      <Form method="post" className="button-group">
        <input type="hidden" name="intent" value="open" />
        <button type="submit" className="button" disabled={submitting}>
          {`Yes, open it and email ${people}`}
        </button>
        <Link to={`/surveys/${survey.id}`}>Cancel</Link>
      </Form>
    </div>
  );
}

export const ErrorBoundary = areaErrorBoundary({
  missing: "There is no survey at this address, or you cannot see it.",
  back: { to: "/surveys", label: "Back to surveys" },
});
