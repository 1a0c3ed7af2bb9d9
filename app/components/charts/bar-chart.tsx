import { useId } from "react";

export interface ChartBar {
  label: string;
  /** null when the count is withheld (disclosure control): no bar is drawn for it. */
  value: number | null;
  /** What the table says: "12", "fewer than 5", "hidden". */
  text: string;
}

const WIDTH = 640;
const LABEL_WIDTH = 220;
const ROW = 28;

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Horizontal bars for the answers to a choice question, drawn on the server. The SVG is one image
 * with a title; the table beside it carries the same numbers for screen readers and copying.
 * Withheld counts have no bar, only their words.
 */
export function BarChart({
  title,
  bars,
  valueHeading = "Responses",
}: {
  title: string;
  bars: readonly ChartBar[];
  valueHeading?: string;
}) {
  const id = useId();
  const max = Math.max(1, ...bars.map((bar) => bar.value ?? 0));
  const plot = WIDTH - LABEL_WIDTH - 90;
  const height = bars.length * ROW + 8;
  return (
    <figure className="chart">
      <svg
        className="chart__svg"
        role="img"
        aria-labelledby={`${id}-title`}
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        <title
          id={`${id}-title`}
        >{`${title}: ${bars.map((bar) => `${bar.label} ${bar.text}`).join(", ")}`}</title>
        {bars.map((bar, i) => {
          const y = i * ROW + 4;
          const width = bar.value === null ? 0 : Math.max(bar.value > 0 ? 2 : 0, (bar.value / max) * plot);
          return (
            <g key={bar.label}>
              <text
                x={LABEL_WIDTH - 8}
                y={y + ROW / 2}
                className="chart__label"
                textAnchor="end"
                dominantBaseline="middle"
              >
                {truncate(bar.label, 32)}
              </text>
              {bar.value !== null ? (
                <rect x={LABEL_WIDTH} y={y + 4} width={width} height={ROW - 10} className="chart__bar" />
              ) : null}
              <text
                x={LABEL_WIDTH + width + 6}
                y={y + ROW / 2}
                className={bar.value === null ? "chart__value chart__value--withheld" : "chart__value"}
                dominantBaseline="middle"
              >
                {bar.text}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="table table--compact chart__table">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Answer</th>
            <th scope="col" className="numeric">
              {valueHeading}
            </th>
          </tr>
        </thead>
        <tbody>
          {bars.map((bar) => (
            <tr key={bar.label}>
              <th scope="row">{bar.label}</th>
              <td className="numeric">{bar.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
