import { isRouteErrorResponse, Link, Outlet, useRouteError } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page.tsx";
import { LanguageSwitch } from "~/components/language-switch.tsx";
import { FreshLinkForm } from "~/components/surveys/fresh-link-form.tsx";
import { messagesFor } from "~/utils/i18n.ts";
import { usePageLanguage, type LanguageHandle } from "~/utils/page-language.ts";

/** Each page below says its own language; the dead-link page follows the member's choice. */
export const handle: LanguageHandle = { language: "chosen" };

/**
 * The pages a personal survey link opens, under one error page for a link that does not work.
 * There is nothing to load here: each page reads the link with its own single query, and this
 * layout has no use for it, so answering (the hot path) reads nothing twice.
 */
export default function SurveyLinkLayout() {
  return <Outlet />;
}

/**
 * A link that does not work (mistyped, replaced by a newer one, or from a survey that has closed)
 * offers to email a fresh one to the invited address, instead of a dead end.
 */
export function ErrorBoundary() {
  const error = useRouteError();
  const language = usePageLanguage();
  const t = messagesFor(language);
  if (!isRouteErrorResponse(error) || error.status !== 404) return <ErrorPage />;
  // Which survey the link was for is unknown, so whether it is bilingual is too: offer both languages.
  return (
    <div className="narrow" lang={language}>
      <LanguageSwitch language={language} />
      <h1>{t.deadLinkTitle}</h1>
      <p>{t.deadLinkBody}</p>
      <FreshLinkForm language={language} />
      <p>
        {t.deadLinkSignedIn} <Link to="/organisation">{t.deadLinkHomePage}</Link> {t.deadLinkListsSurveys}
      </p>
    </div>
  );
}
