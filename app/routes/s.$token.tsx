import { isRouteErrorResponse, Link, Outlet, useRouteError } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page.tsx";
import { FreshLinkForm } from "~/components/surveys/fresh-link-form.tsx";

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
  if (!isRouteErrorResponse(error) || error.status !== 404) return <ErrorPage />;
  return (
    <div className="narrow">
      <h1>This survey link does not work</h1>
      <p>
        Check it was copied in full from your email. Links stop working when a newer one is sent and when a
        survey closes. If the survey is still open, we can email you a fresh link.
      </p>
      <FreshLinkForm />
      <p>
        Signed in to Mutual Voice? Your <Link to="/organisation">home page</Link> lists the surveys open to
        you.
      </p>
    </div>
  );
}
