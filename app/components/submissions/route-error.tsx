import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

/** What a submissions page shows when it cannot load: a plain message, never a stack trace. */
export function SubmissionsErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (status === 403) {
    // Worded as every other area words it; members have no submissions page to go back to.
    return (
      <div className="narrow">
        <h1>You do not have access to this page</h1>
        <p>
          Your account cannot use this part of Mutual Voice. If you think it should, ask an administrator.
        </p>
        <p>
          <Link to="/">Go to the home page</Link>
        </p>
      </div>
    );
  }
  const notFound = status === 404;
  return (
    <div className="narrow">
      <h1>{notFound ? "Page not found" : "Sorry, something went wrong"}</h1>
      <p>
        {notFound
          ? "There is no submission at this address, or you cannot see it."
          : "The page could not be shown. Please try again in a moment."}
      </p>
      <p>
        <Link to="/submissions">Back to submissions</Link>
      </p>
    </div>
  );
}
