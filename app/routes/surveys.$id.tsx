import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { areaErrorBoundary } from "~/components/error-page.tsx";
import { surveyForLayout } from "~/models/surveys/pages.server.ts";

/** Every page of one survey: the survey is read and authorised here once for the page inside. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return { survey: await surveyForLayout(request, params, context) };
}

export default function SurveyLayout() {
  return <Outlet />;
}

export const ErrorBoundary = areaErrorBoundary({
  missing: "There is no survey at this address, or you cannot see it.",
  back: { to: "/surveys", label: "Back to surveys" },
});
