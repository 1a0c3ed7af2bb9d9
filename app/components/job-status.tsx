import { useEffect } from "react";
import { useLocation, useRevalidator } from "@remix-run/react";
import { formatDateTime } from "~/utils/format.ts";

type JobState = "queued" | "running" | "done" | "failed";

const labels: Record<JobState, string> = {
  queued: "Waiting to start",
  running: "Running",
  done: "Done",
  failed: "Failed",
};

const tones: Record<JobState, string> = {
  queued: "status--muted",
  running: "status--muted",
  done: "status--success",
  failed: "status--error",
};

/** How often the page asks again while work it started is under way (JavaScript only). */
const REFRESH_MS = 2000;

/**
 * Where background work someone asked for has got to: waiting, running (and how far), done, or
 * failed with the reason. With JavaScript the page refreshes itself until the work is over;
 * without it, a link reloads the page.
 */
export function JobStatus({
  job,
  label,
}: {
  job: {
    state: JobState;
    progress: string | null;
    error: string | null;
    createdAt: Date;
    finishedAt: Date | null;
  };
  label: string;
}) {
  const active = job.state === "queued" || job.state === "running";
  const { revalidate, state } = useRevalidator();
  const location = useLocation();
  useEffect(() => {
    if (!active || state !== "idle") return;
    const timer = setTimeout(revalidate, REFRESH_MS);
    return () => clearTimeout(timer);
  }, [active, state, revalidate]);
  return (
    <div className="panel" role="status">
      <p>
        {label}, asked {formatDateTime(job.createdAt)}:{" "}
        <span className={`status ${tones[job.state]}`}>{labels[job.state]}</span>
        {job.finishedAt ? ` at ${formatDateTime(job.finishedAt)}` : null}
      </p>
      {job.progress ? <p>{job.progress}</p> : null}
      {job.state === "failed" && job.error ? <p className="field__error">{job.error}</p> : null}
      {active ? (
        <p>
          <a href={`${location.pathname}${location.search}`}>Refresh to see how it is going</a>
        </p>
      ) : null}
    </div>
  );
}
