import { Link } from "@remix-run/react";
import { useLayoutData } from "~/utils/layout-data.ts";
import type { loader } from "~/routes/submissions.$id.tsx";

/** What the submissions pages say when one cannot be shown, and where they send people back to. */
export const submissionsArea = {
  missing: "There is no submission at this address, or you cannot see it.",
  back: { to: "/submissions", label: "Back to submissions" },
};

/** The submission the layout at /submissions/:id loaded, for the pages inside it. */
export function useSubmission() {
  return useLayoutData<typeof loader>("routes/submissions.$id").submission;
}

/** The way back from a page inside a submission: the list, then the submission itself. */
export function SubmissionBreadcrumbs() {
  const submission = useSubmission();
  return (
    <p className="breadcrumbs">
      <Link to="/submissions">Submissions</Link> ›{" "}
      <Link to={`/submissions/${submission.id}`}>{submission.consultationTitle}</Link>
    </p>
  );
}
