import type { ReactNode } from "react";
import { BarChart } from "~/components/charts/bar-chart.tsx";
import { Histogram } from "~/components/charts/histogram.tsx";
import { TableScroll } from "~/components/table-scroll.tsx";
import type { QuestionView, TableView } from "~/models/surveys/results-view.server.ts";

type Cell = QuestionView["answered"];

function cellText(cell: Cell) {
  if (cell.status !== "shown" || cell.percentText === null) return cell.text;
  return `${cell.text} (${cell.percentText})`;
}

/** A count: as published, or exact with a mark when publishing would withhold it. */
function CountCell({ cell }: { cell: Cell }) {
  const className = `numeric${cell.status !== "shown" ? " results-table__withheld" : cell.withheld ? " results-table__marked" : ""}`;
  return (
    <td className={className}>
      {cellText(cell)}
      {cell.withheld ? (
        <>
          <span aria-hidden="true">*</span>
          <span className="visually-hidden"> (withheld when published)</span>
        </>
      ) : null}
    </td>
  );
}

/** Why some cells are hidden or marked: one sentence beside the table. */
function SuppressionNote({
  table,
  threshold,
  exact,
}: {
  table: TableView;
  threshold: number;
  exact: boolean;
}) {
  if (!table.suppressed) return null;
  if (table.withheld) {
    return (
      <p className="field__hint">
        {exact ? `Counts marked * are withheld when this table leaves. ${table.withheld}` : table.withheld}
      </p>
    );
  }
  const merged = table.merged ? ` ${table.merged}` : "";
  return (
    <p className="field__hint">
      {exact
        ? `Counts marked * are hidden when this table leaves (members’ summary, evidence figures, documents): below ${threshold}, or hidden so that a count below ${threshold} cannot be worked out from the totals.${merged}`
        : `Counts below ${threshold} are hidden, and so are a few others so that those cannot be worked out from the totals.${merged}`}
    </p>
  );
}

/** The breakdown: one row per group, the answers across, each count with its share of the row. */
function ResultsTable({ table, caption }: { table: TableView; caption: string }) {
  return (
    <TableScroll label={caption}>
      <table className="table table--compact results-table">
        <caption>
          {caption}
          {table.multiple ? " (respondents could choose more than one answer)" : ""}
        </caption>
        <thead>
          <tr>
            <th scope="col">{table.groupHeading || "Respondents"}</th>
            {table.columns.map((column) => (
              <th scope="col" className="numeric" key={column}>
                {column}
              </th>
            ))}
            <th scope="col" className="numeric">
              Answered
            </th>
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row.label} className={row.overall ? "results-table__overall" : undefined}>
              <th scope="row">{row.label}</th>
              {row.cells.map((cell, k) => (
                <CountCell cell={cell} key={table.columns[k] ?? k} />
              ))}
              <CountCell cell={{ ...row.total, percentText: null }} />
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function QuestionResult({
  question,
  number,
  breakdown,
  threshold,
  exact = false,
  children,
}: {
  question: QuestionView;
  number: number;
  breakdown: boolean;
  threshold: number;
  /** Staff's exact numbers, with marks on what publishing withholds. */
  exact?: boolean;
  /** Extra staff parts: text answers, "save as evidence". */
  children?: ReactNode;
}) {
  const title = `${number}. ${question.prompt}`;
  return (
    <section className="question-result" aria-labelledby={`question-${question.id}`}>
      <h3 id={`question-${question.id}`}>{title}</h3>
      <p className="question-result__n">
        {question.answered.text} {question.answered.value === 1 ? "response" : "responses"}
        {question.asked ? `, of ${question.asked.text} asked it (only asked after an earlier answer)` : null}
      </p>
      {question.answered.value === 0 ? (
        // Empty axes and header-only tables say nothing; say so in words instead.
        <p>No answers to this question yet.</p>
      ) : null}
      {question.chart && question.answered.value !== 0 ? (
        question.chart.kind === "bars" ? (
          <BarChart title={`Answers to “${question.prompt}”`} bars={question.chart.bars} />
        ) : (
          <Histogram title={`Distribution of answers to “${question.prompt}”`} bins={question.chart.bars} />
        )
      ) : null}
      {question.table && breakdown && question.answered.value !== 0 ? (
        <ResultsTable
          table={question.table}
          caption={`“${question.prompt}” by ${question.table.groupHeading.toLowerCase()}`}
        />
      ) : null}
      {question.table && question.answered.value !== 0 ? (
        <SuppressionNote table={question.table} threshold={threshold} exact={exact} />
      ) : null}
      {question.statistics && question.answered.value !== 0 ? (
        <TableScroll label={`Average and middle answer to “${question.prompt}”`}>
          <table className="table table--compact">
            <caption>Average and middle answer to “{question.prompt}”</caption>
            <thead>
              <tr>
                <th scope="col">{breakdown ? question.table?.groupHeading : "Respondents"}</th>
                <th scope="col" className="numeric">
                  Answered
                </th>
                <th scope="col" className="numeric">
                  Mean
                </th>
                <th scope="col" className="numeric">
                  Median
                </th>
              </tr>
            </thead>
            <tbody>
              {question.statistics.map((row) => (
                <tr key={row.label}>
                  <th scope="row">{row.label}</th>
                  <td className="numeric">{row.n.text}</td>
                  <td className="numeric">{row.mean ?? "withheld"}</td>
                  <td className="numeric">{row.median ?? "withheld"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      {children}
    </section>
  );
}
