import { barsInWords, ChartFigure, CountsTable, type ChartBar } from "./chart-figure.tsx";

const WIDTH = 640;
const HEIGHT = 220;
const BOTTOM = 48;
const LEFT = 8;

/** The distribution of a scale or number question: one column per point or range; withheld counts get none. */
export function Histogram({
  title,
  bins,
  valueHeading = "Responses",
}: {
  title: string;
  bins: readonly ChartBar[];
  valueHeading?: string;
}) {
  const max = Math.max(1, ...bins.map((bin) => bin.value ?? 0));
  const slot = (WIDTH - LEFT * 2) / Math.max(1, bins.length);
  const plot = HEIGHT - BOTTOM - 20;
  return (
    <ChartFigure
      summary={barsInWords(title, bins)}
      width={WIDTH}
      height={HEIGHT}
      table={<CountsTable title={title} bars={bins} valueHeading={valueHeading} />}
    >
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
    </ChartFigure>
  );
}
