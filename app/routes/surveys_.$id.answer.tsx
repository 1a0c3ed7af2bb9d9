import { createCookie, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { areaErrorBoundary } from "~/components/error-page.tsx";
import { requireMember } from "~/models/accounts/auth.server.ts";
import { memberSurveyToken } from "~/models/surveys/links.server.ts";
import { readForm } from "~/utils/form-body.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";

/**
 * Start / Continue on a member's home: a signed-in member answers without their emailed link. The
 * answering pages live under /s/<token>, so this gives the member a link of their own and sends them
 * there. A POST, because it writes the link; the browser keeps it in a cookie for this address only,
 * so an anonymous respondent (whose saved pages belong to their link) finds them again next time.
 */
const rememberedLink = (surveyId: number, secure: boolean) =>
  createCookie(`mv_survey_${surveyId}`, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: `/surveys/${surveyId}/answer`,
    maxAge: 60 * 60 * 24 * 180,
  });

/** Reached by typing the address: the button on the home page is where answering starts. */
export const loader = (_: LoaderFunctionArgs) => redirect("/organisation");

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireMember(request, context);
  await readForm(request);
  const surveyId = Number(params.id);
  if (!Number.isSafeInteger(surveyId) || surveyId <= 0) throw Refusal.notFound();
  const cookie = rememberedLink(surveyId, context.env.NODE_ENV === "production");
  const remembered: unknown = await cookie.parse(request.headers.get("Cookie"));
  const token = await memberSurveyToken(
    context.db,
    user,
    surveyId,
    typeof remembered === "string" ? remembered : null,
  );
  return redirect(`/s/${token}`, { headers: { "Set-Cookie": await cookie.serialize(token) } });
}

/** Never shown: the loader and the action both redirect. Here so a refusal gets the error page below. */
export default function AnswerSurvey() {
  return null;
}

export const ErrorBoundary = areaErrorBoundary({
  missing: "This survey is not open to you any more: it may have closed.",
  back: { to: "/organisation", label: "Back to your home" },
});
