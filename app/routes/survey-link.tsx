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
import { messagesFor } from "~/utils/i18n.ts";
import { chosenLanguage } from "~/utils/language.server.ts";
import { LanguageSwitch } from "~/components/language-switch.tsx";

export const meta: MetaFunction = () => [{ title: "Get a fresh survey link · Mutual Voice" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  return {
    sent: new URL(request.url).searchParams.get("sent") === "1",
    // Reached from a dead survey link: in the language the member chose there.
    language: await chosenLanguage(request, context.env),
  };
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
  const { sent, language } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = messagesFor(language);
  const errors = actionData?.errors.email && language !== "en" ? { email: t.enterEmail } : actionData?.errors;
  return (
    <div className="narrow" lang={language}>
      <LanguageSwitch language={language} />
      <ErrorSummary errors={errors} title={t.thereIsAProblem} />
      <h1>{t.freshLinkTitle}</h1>
      {sent ? (
        <div className="panel panel--success" role="status">
          <h2>{t.checkYourEmail}</h2>
          <p>{t.freshLinkSent}</p>
        </div>
      ) : (
        <>
          <p>{t.freshLinkIntro}</p>
          <FreshLinkForm
            email={actionData?.values.email}
            error={actionData?.errors.email}
            language={language}
          />
        </>
      )}
    </div>
  );
}
