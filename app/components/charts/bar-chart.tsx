import { barsInWords, ChartFigure, CountsTable, type ChartBar } from "./chart-figure.tsx";

const WIDTH = 640;
const LABEL_WIDTH = 220;
const ROW = 28;

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Horizontal bars for the answers to a choice question; withheld counts have no bar, only their words. */
export function BarChart({
  title,
  bars,
  valueHeading = "Responses",
  answerHeading,
}: {
  title: string;
  bars: readonly ChartBar[];
  valueHeading?: string;
  /** The table's first heading, "Answer" unless said (a Welsh page). */
  answerHeading?: string;
}) {
  const max = Math.max(1, ...bars.map((bar) => bar.value ?? 0));
  const plot = WIDTH - LABEL_WIDTH - 90;
  return (
    <ChartFigure
      summary={barsInWords(title, bars)}
      width={WIDTH}
      height={bars.length * ROW + 8}
      keepAspect
      table={
        <CountsTable title={title} bars={bars} valueHeading={valueHeading} answerHeading={answerHeading} />
      }
    >
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
              lang={bar.lang}
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
    </ChartFigure>
  );
}
