import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

/** What a submissions page shows when it cannot load: a plain message, never a stack trace. */
export function SubmissionsErrorBoundary() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
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
