import { Link } from "@remix-run/react";
import { governmentLabels, type Government } from "~/schemas/governments-labels.ts";
import { submissionStateLabels, type SubmissionState } from "~/schemas/submissions-labels.ts";

interface ExistingSubmission {
  id: number;
  government: Government;
  state: SubmissionState;
}

/** Links to the submissions already answering a consultation (the radar page and "New submission"). */
export function ExistingSubmissions({ submissions }: { submissions: readonly ExistingSubmission[] }) {
  return (
    <ul className="existing-submissions">
      {submissions.map((item) => (
        <li key={item.id}>
          <Link to={`/submissions/${item.id}`}>
            {governmentLabels[item.government]} ({submissionStateLabels[item.state].toLowerCase()})
          </Link>
        </li>
      ))}
    </ul>
  );
}
