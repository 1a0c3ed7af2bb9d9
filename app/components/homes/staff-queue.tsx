import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { NewConsultation, FailedSync } from "~/models/consultations/queue.server.ts";
import type { OpenLetterCount } from "~/models/letters/queue.server.ts";
import type { QueuedPosition } from "~/models/positions/queue.server.ts";
import type { QueuedSubmission } from "~/models/submissions/queue.server.ts";
import type { OpenSurveyRate } from "~/models/surveys/queue.server.ts";
import { formatCalendarDate, formatLongDate } from "~/utils/letter-format.ts";

export interface StaffQueue {
  positions: QueuedPosition[];
  submissions: QueuedSubmission[];
  consultations: NewConsultation[];
  surveys: OpenSurveyRate[];
  letters: OpenLetterCount[];
  failedSyncs: FailedSync[];
  lastVisit: Date | null;
}

function Part({
  id,
  title,
  empty,
  children,
}: {
  id: string;
  title: string;
  empty: string;
  children: ReactNode[];
}) {
  return (
    <section aria-labelledby={id} className="queue-part">
      <h3 id={id}>{title}</h3>
      {children.length ? <ul className="queue-list">{children}</ul> : <p className="queue-empty">{empty}</p>}
    </section>
  );
}

const percent = (part: number, whole: number) => (whole ? Math.round((part / whole) * 100) : 0);

/** A member of staff's work queue: what waits for them, what is due, and what is going on. */
export function StaffQueueView({ queue }: { queue: StaffQueue }) {
  const reviews = [
    ...queue.positions
      .filter((p) => p.reason === "review")
      .map((p) => (
        <li key={`p${p.slug}`}>
          Position: <Link to={`/positions/${p.slug}`}>{p.title}</Link>
        </li>
      )),
    ...queue.submissions
      .filter((s) => s.reviewMine)
      .map((s) => (
        <li key={`s${s.id}`}>
          Submission: <Link to={`/submissions/${s.id}`}>{s.title}</Link> (internal deadline{" "}
          {formatCalendarDate(s.internalDeadline)})
        </li>
      )),
  ];
  const drafts = [
    ...queue.positions
      .filter((p) => p.reason === "draft")
      .map((p) => (
        <li key={`p${p.slug}`}>
          Position: <Link to={`/positions/${p.slug}`}>{p.title}</Link>, last changed{" "}
          {formatLongDate(p.updatedAt)}
        </li>
      )),
    ...queue.submissions
      .filter((s) => s.draftMine)
      .map((s) => (
        <li key={`s${s.id}`}>
          Submission: <Link to={`/submissions/${s.id}`}>{s.title}</Link>, internal deadline{" "}
          {formatCalendarDate(s.internalDeadline)}
        </li>
      )),
  ];
  return (
    <section aria-labelledby="queue-heading" className="panel">
      <h2 id="queue-heading">Your work queue</h2>
      <Part id="queue-review" title="Waiting for your review" empty="Nothing is waiting for your review.">
        {reviews}
      </Part>
      <Part id="queue-drafts" title="Your drafts" empty="You have no drafts in progress.">
        {drafts}
      </Part>
      <Part
        id="queue-deadlines"
        title="Internal deadlines in the next 14 days"
        empty="No adopted consultation has an internal deadline in the next 14 days."
      >
        {queue.submissions
          .filter((s) => s.dueSoon)
          .map((s) => (
            <li key={s.id}>
              <Link to={`/submissions/${s.id}`}>{s.title}</Link>: due {formatCalendarDate(s.internalDeadline)}
              , led by {s.leadName}
            </li>
          ))}
      </Part>
      <Part
        id="queue-new"
        title={
          queue.lastVisit
            ? "New relevant consultations since your last visit"
            : "New relevant consultations this week"
        }
        empty="No new relevant consultations to triage."
      >
        {queue.consultations.map((c) => (
          <li key={c.id}>
            <Link to={`/consultations/${c.id}`}>{c.title}</Link> ({c.body}), closes{" "}
            {formatCalendarDate(c.closesOn)}
          </li>
        ))}
      </Part>
      <Part id="queue-surveys" title="Open surveys" empty="No survey is open.">
        {queue.surveys.map((s) => (
          <li key={s.id}>
            <Link to={`/surveys/${s.id}`}>{s.title}</Link>: {s.responded} of {s.invited}{" "}
            {s.mode === "organisation" ? "organisations" : "people"} responded (
            {percent(s.responded, s.invited)}%)
            {s.closesOn ? `, closes at the end of ${formatCalendarDate(s.closesOn)}` : ""}
          </li>
        ))}
      </Part>
      <Part id="queue-letters" title="Open letters" empty="No letter is open for signatures.">
        {queue.letters.map((l) => (
          <li key={l.id}>
            <Link to={`/manage/letters/${l.id}`}>{l.title}</Link>:{" "}
            {l.signatures === 1 ? "1 signature" : `${l.signatures} signatures`}
            {l.goal ? ` of ${l.goal} sought` : ""}
            {l.closesAt ? `, closes ${formatLongDate(l.closesAt)}` : ""}
          </li>
        ))}
      </Part>
      {queue.failedSyncs.length ? (
        <Part id="queue-syncs" title="Radar syncs that failed" empty="">
          {queue.failedSyncs.map((f) => (
            <li key={f.source}>
              <Link to="/consultations/sources">{f.source}</Link>: failed on {formatLongDate(f.startedAt)}
              {f.error ? ` (${f.error})` : ""}
            </li>
          ))}
        </Part>
      ) : null}
    </section>
  );
}
