import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { areaErrorBoundary } from "~/components/error-page.tsx";
import { submissionsArea } from "~/components/submissions/area.tsx";
import { submissionForPage } from "~/models/submissions/submissions.server.ts";
import { skipRevalidationAfterPreview } from "~/utils/revalidation.ts";

/** Every page of one submission: it is loaded and authorised here once, and the pages read it. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { submission } = await submissionForPage(request, context, params);
  return { submission };
}

// A live preview reloads nothing: see skipRevalidationAfterPreview.
export const shouldRevalidate = skipRevalidationAfterPreview;

export default function SubmissionLayout() {
  return <Outlet />;
}

export const ErrorBoundary = areaErrorBoundary(submissionsArea);
