import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ComponentProps } from "react";
import { DaysLeft } from "~/components/consultations/days-left.tsx";
import { ExistingSubmissions } from "~/components/submissions/existing-submissions.tsx";
import { listAdoptedDeadlines } from "~/models/consultations/radar.server.ts";
import { listSubmissionsForConsultations } from "~/models/submissions/submissions.server.ts";
import { deadlineGroups, type DeadlineGroup } from "~/schemas/consultations-labels.ts";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { daysLeft } from "~/utils/days-left.ts";
import { londonToday } from "~/utils/london-time.ts";

export const meta: MetaFunction = () => [
  { title: "Deadlines of adopted consultations · Consultation radar · Mutual Voice" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const groups = await listAdoptedDeadlines(context.db, user);
  const ids = deadlineGroups.flatMap((group) => groups[group].map((consultation) => consultation.id));
  const submissions = await listSubmissionsForConsultations(context.db, user, ids);
  return { groups, submissions, today: londonToday() };
}

const headings: Record<DeadlineGroup, { title: string; empty: string }> = {
  overdue: { title: "Closed already", empty: "Nothing adopted has passed its closing date." },
  this_week: { title: "Closing within 7 days", empty: "Nothing adopted closes this week." },
  later: { title: "Later", empty: "Nothing adopted closes later." },
};

/** The submissions already answering a consultation, or a link to start one. */
function SubmissionCell({
  consultation,
  submissions,
}: {
  consultation: { id: number; title: string };
  submissions: ComponentProps<typeof ExistingSubmissions>["submissions"];
}) {
  if (submissions.some((item) => item.state !== "withdrawn"))
    return <ExistingSubmissions submissions={submissions} />;
  return (
    <Link to={`/submissions/new?consultation=${consultation.id}`}>
      Start
      <span className="visually-hidden"> the submission for {consultation.title}</span>
    </Link>
  );
}

export default function ConsultationDeadlines() {
  const { groups, submissions, today } = useLoaderData<typeof loader>();
  const total = deadlineGroups.reduce((sum, group) => sum + groups[group].length, 0);
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/consultations">Consultation radar</Link>
      </p>
      <h1>Deadlines of adopted consultations</h1>
      {total === 0 ? (
        <p className="panel">
          No consultation has been adopted yet. Adopt one from the <Link to="/consultations">radar</Link> to
          track its deadline here.
        </p>
      ) : (
        deadlineGroups.map((group) => (
          <section key={group} aria-labelledby={`deadline-${group}`}>
            <h2 id={`deadline-${group}`}>
              {headings[group].title} ({groups[group].length})
            </h2>
            {groups[group].length === 0 ? (
              <p>{headings[group].empty}</p>
            ) : (
              <div className="table-wrap">
                <table className="table">
                  <caption className="visually-hidden">{headings[group].title}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Consultation</th>
                      <th scope="col">Body</th>
                      <th scope="col">Deadline</th>
                      <th scope="col">Submission</th>
                    </tr>
                  </thead>
                  <tbody>
                    {groups[group].map((consultation) => (
                      <tr key={consultation.id}>
                        <td>
                          <Link to={`/consultations/${consultation.id}`}>{consultation.title}</Link>
                        </td>
                        <td>{consultation.body}</td>
                        <td>
                          <DaysLeft
                            closesOn={consultation.closesOn}
                            daysLeft={daysLeft(consultation.closesOn, today)}
                          />
                        </td>
                        <td>
                          <SubmissionCell
                            consultation={consultation}
                            submissions={submissions.filter(
                              (item) => item.consultationId === consultation.id,
                            )}
                          />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        ))
      )}
    </>
  );
}
