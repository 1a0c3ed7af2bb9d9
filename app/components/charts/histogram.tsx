import { barsInWords, ChartFigure, CountsTable, type ChartBar } from "./chart-figure.tsx";

const WIDTH = 640;
const PLOT = 152;
const TOP = 20;
const LEFT = 8;
const LABEL_SIZE = 14;
const LINE_HEIGHT = 16;
/** A generous average advance of a 14px sans-serif character, so an estimate never overlaps. */
const CHARACTER_WIDTH = 8.4;
const MAX_LINES = 3;

/**
 * An axis label broken into lines that fit its column ("1,000 to 1,999" → "1,000 to" / "1,999"),
 * at most three, the last shortened with an ellipsis if the words still do not fit; one word too long
 * for the column is shortened too. The table under the chart always has the full label.
 */
export function labelLines(label: string, columnWidth: number): string[] {
  const fit = Math.max(2, Math.floor((columnWidth - 6) / CHARACTER_WIDTH));
  const shorten = (text: string) => (text.length > fit ? `${text.slice(0, fit - 1)}…` : text);
  const lines: string[] = [];
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && `${last} ${word}`.length <= fit) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  if (lines.length > MAX_LINES) {
    lines.length = MAX_LINES;
    lines[MAX_LINES - 1] = `${lines[MAX_LINES - 1] ?? ""}…`;
  }
  return lines.map(shorten);
}

/** The distribution of a scale or number question: one column per point or range; withheld counts get none. */
export function Histogram({
  title,
  bins,
  valueHeading = "Responses",
  answerHeading,
}: {
  title: string;
  bins: readonly ChartBar[];
  valueHeading?: string;
  /** The table's first heading, "Answer" unless said (a Welsh page). */
  answerHeading?: string;
}) {
  const max = Math.max(1, ...bins.map((bin) => bin.value ?? 0));
  const slot = (WIDTH - LEFT * 2) / Math.max(1, bins.length);
  const labels = bins.map((bin) => labelLines(bin.label, slot));
  const lineCount = Math.max(1, ...labels.map((lines) => lines.length));
  // Room under the axis for the tallest label, so a two- or three-line label is never cut off.
  const axis = TOP + PLOT;
  const height = axis + 18 + (lineCount - 1) * LINE_HEIGHT + 12;
  return (
    <ChartFigure
      summary={barsInWords(title, bins)}
      width={WIDTH}
      height={height}
      table={
        <CountsTable title={title} bars={bins} valueHeading={valueHeading} answerHeading={answerHeading} />
      }
    >
      <line x1={LEFT} x2={WIDTH - LEFT} y1={axis} y2={axis} className="chart__axis" />
      {bins.map((bin, i) => {
        const x = LEFT + i * slot;
        const barHeight = bin.value === null ? 0 : (bin.value / max) * PLOT;
        return (
          <g key={`${bin.label}-${i}`}>
            {bin.value !== null ? (
              <rect
                x={x + 4}
                y={axis - barHeight}
                width={Math.max(1, slot - 8)}
                height={barHeight}
                className="chart__bar"
              />
            ) : null}
            <text
              x={x + slot / 2}
              y={axis - barHeight - 6}
              textAnchor="middle"
              className={bin.value === null ? "chart__value chart__value--withheld" : "chart__value"}
            >
              {bin.value === null ? "–" : bin.text}
            </text>
            <text
              x={x + slot / 2}
              y={axis + 18}
              textAnchor="middle"
              className="chart__label"
              fontSize={LABEL_SIZE}
              lang={bin.lang}
            >
              {labels[i]?.map((line, n) => (
                <tspan key={n} x={x + slot / 2} dy={n === 0 ? 0 : LINE_HEIGHT}>
                  {line}
                </tspan>
              ))}
            </text>
          </g>
        );
      })}
    </ChartFigure>
  );
}
