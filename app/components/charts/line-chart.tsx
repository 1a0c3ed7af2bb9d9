import { formatDate } from "~/utils/format.ts";
import { ChartFigure } from "./chart-figure.tsx";

interface LinePoint {
  /** YYYY-MM-DD */
  day: string;
  cumulative: number;
  count: number;
  /** Percentage of those invited, when known. */
  rate: number | null;
}

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { left: 48, right: 16, top: 16, bottom: 40 };

/**
 * Responses so far, day by day: a line drawn on the server, with the same figures in a table
 * (the days on which someone responded, so a long quiet survey keeps a short table).
 */
export function CumulativeLineChart({
  title,
  points,
  total,
}: {
  title: string;
  points: readonly LinePoint[];
  total: number;
}) {
  const max = Math.max(1, total, ...points.map((p) => p.cumulative));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (points.length <= 1 ? plotW / 2 : (i / (points.length - 1)) * plotW);
  const y = (value: number) => PAD.top + plotH - (value / max) * plotH;
  const path = points
    .map((p, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${y(p.cumulative).toFixed(1)}`)
    .join(" ");
  const last = points[points.length - 1];
  const first = points[0];
  const rows = points.filter((p) => p.count > 0);
  const rate = (p: LinePoint) => (p.rate === null ? "" : ` (${Math.round(p.rate)}% of those invited)`);
  return (
    <ChartFigure
      summary={
        last && first
          ? `${title}: ${last.cumulative} responses by ${formatDate(last.day)}${rate(last)}, from ${formatDate(first.day)}`
          : `${title}: no responses yet`
      }
      width={WIDTH}
      height={HEIGHT}
      table={
        <table className="table table--compact chart__table">
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col" className="numeric">
                Responses that day
              </th>
              <th scope="col" className="numeric">
                Responses so far
              </th>
              <th scope="col" className="numeric">
                Response rate
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.length ? (
              rows.map((p) => (
                <tr key={p.day}>
                  <th scope="row">{formatDate(p.day)}</th>
                  <td className="numeric">{p.count}</td>
                  <td className="numeric">{p.cumulative}</td>
                  <td className="numeric">{p.rate === null ? "–" : `${Math.round(p.rate)}%`}</td>
                </tr>
              ))
            ) : (
              <tr>
                <td colSpan={4}>No responses yet.</td>
              </tr>
            )}
          </tbody>
        </table>
      }
    >
      <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} className="chart__axis" />
      <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={y(0)} className="chart__axis" />
      <text x={PAD.left - 6} y={y(max)} textAnchor="end" dominantBaseline="middle" className="chart__label">
        {max}
      </text>
      <text x={PAD.left - 6} y={y(0)} textAnchor="end" dominantBaseline="middle" className="chart__label">
        0
      </text>
      {path ? <path d={path} className="chart__line" fill="none" /> : null}
      {first ? (
        <text x={x(0)} y={HEIGHT - 12} className="chart__label" textAnchor="start">
          {formatDate(first.day)}
        </text>
      ) : null}
      {last && points.length > 1 ? (
        <text x={x(points.length - 1)} y={HEIGHT - 12} className="chart__label" textAnchor="end">
          {formatDate(last.day)}
        </text>
      ) : null}
    </ChartFigure>
  );
}
