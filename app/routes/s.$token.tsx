import { Outlet } from "@remix-run/react";
import { areaErrorBoundary } from "~/components/error-page.tsx";

/**
 * The pages a personal survey link opens, under one error page for a link that does not work.
 * There is nothing to load here: each page reads the link with its own single query, and this
 * layout has no use for it, so answering (the hot path) reads nothing twice.
 */
export default function SurveyLinkLayout() {
  return <Outlet />;
}

export const ErrorBoundary = areaErrorBoundary({
  missing:
    "This survey link does not work. Check it was copied in full from your invitation email; links stop working when a survey closes.",
});
