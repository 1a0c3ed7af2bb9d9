import { useId, type ReactNode } from "react";

export interface ChartBar {
  label: string;
  /** null when the count is withheld (disclosure control): no bar or column is drawn for it. */
  value: number | null;
  /** What the table says: "12", "hidden" (or "fewer than 5" for a count on its own). */
  text: string;
  /** "en" for an English label on a Welsh page (a missing translation). */
  lang?: "en";
}

/**
 * A chart drawn on the server: one SVG image whose title says its figures in words, and beside it
 * a table of the same numbers for screen readers and for copying.
 */
export function ChartFigure({
  summary,
  width,
  height,
  keepAspect,
  table,
  children,
}: {
  /** The image's title: the chart's title and what it shows. */
  summary: string;
  width: number;
  height: number;
  /** Scale down from the top left corner rather than stretch to the width. */
  keepAspect?: boolean;
  table: ReactNode;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <figure className="chart">
      <svg
        className="chart__svg"
        role="img"
        aria-labelledby={`${id}-title`}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        preserveAspectRatio={keepAspect ? "xMinYMin meet" : undefined}
      >
        <title id={`${id}-title`}>{summary}</title>
        {children}
      </svg>
      {table}
    </figure>
  );
}

/** "Payroll 12, IT hidden": what the bars say, for the image's title. */
export const barsInWords = (title: string, bars: readonly ChartBar[]) =>
  `${title}: ${bars.map((bar) => `${bar.label} ${bar.text}`).join(", ")}`;

/** The table beside a bar chart or a histogram: each answer and its count as published. */
export function CountsTable({
  title,
  bars,
  valueHeading,
  answerHeading = "Answer",
}: {
  title: string;
  bars: readonly ChartBar[];
  valueHeading: string;
  answerHeading?: string;
}) {
  return (
    <table className="table table--compact chart__table">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">{answerHeading}</th>
          <th scope="col" className="numeric">
            {valueHeading}
          </th>
        </tr>
      </thead>
      <tbody>
        {bars.map((bar, i) => (
          <tr key={`${bar.label}-${i}`}>
            <th scope="row" lang={bar.lang}>
              {bar.label}
            </th>
            <td className="numeric">{bar.text}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
