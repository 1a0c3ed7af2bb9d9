import { Outlet } from "@remix-run/react";
import { areaErrorBoundary } from "~/components/error-page.tsx";

/**
 * The pages a personal survey link opens. Each page reads the link itself: they are the hot path
 * of answering, and a page is the only one of them that needs it.
 */
export default function SurveyLinkLayout() {
  return <Outlet />;
}

export const ErrorBoundary = areaErrorBoundary({
  missing:
    "This survey link does not work. Check it was copied in full from your invitation email; links stop working when a survey closes.",
});
