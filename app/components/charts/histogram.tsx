import { useId } from "react";
import type { ChartBar } from "~/components/charts/bar-chart.tsx";

const WIDTH = 640;
const HEIGHT = 220;
const BOTTOM = 48;
const LEFT = 8;

/**
 * The distribution of a scale or number question: one column per point or range, drawn on the
 * server, with the same numbers in a table. Withheld counts get no column.
 */
export function Histogram({
  title,
  bins,
  valueHeading = "Responses",
}: {
  title: string;
  bins: readonly ChartBar[];
  valueHeading?: string;
}) {
  const id = useId();
  const max = Math.max(1, ...bins.map((bin) => bin.value ?? 0));
  const slot = (WIDTH - LEFT * 2) / Math.max(1, bins.length);
  const plot = HEIGHT - BOTTOM - 20;
  return (
    <figure className="chart">
      <svg
        className="chart__svg"
        role="img"
        aria-labelledby={`${id}-title`}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
      >
        <title
          id={`${id}-title`}
        >{`${title}: ${bins.map((bin) => `${bin.label} ${bin.text}`).join(", ")}`}</title>
        <line x1={LEFT} x2={WIDTH - LEFT} y1={HEIGHT - BOTTOM} y2={HEIGHT - BOTTOM} className="chart__axis" />
        {bins.map((bin, i) => {
          const x = LEFT + i * slot;
          const height = bin.value === null ? 0 : (bin.value / max) * plot;
          return (
            <g key={`${bin.label}-${i}`}>
              {bin.value !== null ? (
                <rect
                  x={x + 4}
                  y={HEIGHT - BOTTOM - height}
                  width={Math.max(1, slot - 8)}
                  height={height}
                  className="chart__bar"
                />
              ) : null}
              <text
                x={x + slot / 2}
                y={HEIGHT - BOTTOM - height - 6}
                textAnchor="middle"
                className={bin.value === null ? "chart__value chart__value--withheld" : "chart__value"}
              >
                {bin.value === null ? "–" : bin.text}
              </text>
              <text x={x + slot / 2} y={HEIGHT - BOTTOM + 18} textAnchor="middle" className="chart__label">
                {bin.label.length > 14 ? `${bin.label.slice(0, 13)}…` : bin.label}
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
          {bins.map((bin, i) => (
            <tr key={`${bin.label}-${i}`}>
              <th scope="row">{bin.label}</th>
              <td className="numeric">{bin.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
