import { formatDate } from "~/utils/format.ts";

/** "Closes in 12 days (Tue 8 December 2026)": urgent ones stand out, closed ones say so. */
export function DaysLeft({ closesOn, daysLeft }: { closesOn: string; daysLeft: number }) {
  const text =
    daysLeft < 0
      ? `Closed ${-daysLeft} ${-daysLeft === 1 ? "day" : "days"} ago`
      : daysLeft === 0
        ? "Closes today"
        : `${daysLeft} ${daysLeft === 1 ? "day" : "days"} left`;
  const tone = daysLeft < 0 ? "status--muted" : daysLeft <= 7 ? "status--warning" : "";
  return (
    <span className="days-left">
      <span className={`status ${tone}`.trim()}>{text}</span>{" "}
      <span className="field__hint">closes {formatDate(closesOn)}</span>
    </span>
  );
}
