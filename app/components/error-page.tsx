import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

interface Area {
  /** "There is no submission at this address, or you cannot see it." */
  missing?: string;
  /** Where "back" goes from this area: { to: "/submissions", label: "Back to submissions" }. */
  back?: { to: string; label: string };
}

/**
 * What a page shows when it cannot be shown: not found, no access, or our fault; a plain message
 * and a way back, never a stack trace. Each area's layout route makes its ErrorBoundary from this.
 */
export function ErrorPage({ missing, back = { to: "/", label: "Go to the home page" } }: Area) {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const [title, text] =
    status === 404
      ? [
          "Page not found",
          missing ??
            "If you typed the web address, check it is correct. If you followed a link, it may be out of date.",
        ]
      : status === 403
        ? [
            "You do not have access to this page",
            "Your account cannot use this part of Mutual Voice. If you think it should, ask an administrator.",
          ]
        : [
            "Sorry, something went wrong",
            "We could not show this page. Nothing you saved has been lost. Try again in a moment.",
          ];
  return (
    <div className="narrow">
      <h1>{title}</h1>
      <p>{text}</p>
      <p>
        <Link to={status === 403 ? "/" : back.to}>{status === 403 ? "Go to the home page" : back.label}</Link>
      </p>
    </div>
  );
}

/** `export const ErrorBoundary = areaErrorBoundary({ ... })` in an area's layout route. */
export function areaErrorBoundary(area: Area) {
  return function AreaErrorBoundary() {
    return <ErrorPage {...area} />;
  };
}
