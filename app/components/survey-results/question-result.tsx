import type { ReactNode } from "react";
import { BarChart } from "~/components/charts/bar-chart.tsx";
import { Histogram } from "~/components/charts/histogram.tsx";
import { TableScroll } from "~/components/table-scroll.tsx";
import type { QuestionView, TableView } from "~/models/surveys/results-view.server.ts";
import type { Language } from "~/utils/i18n.ts";
import { resultsCatalogue, type ResultsMessages } from "~/utils/i18n-results.ts";
import { langOf, type FellBack } from "~/utils/survey-welsh.ts";

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
  t,
}: {
  table: TableView;
  threshold: number;
  exact: boolean;
  t: ResultsMessages;
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
        : `${t.suppressed(threshold)}${merged}`}
    </p>
  );
}

/** The breakdown: one row per group, the answers across, each count with its share of the row. */
function ResultsTable({
  table,
  caption,
  t,
  english,
}: {
  table: TableView;
  caption: string;
  t: ResultsMessages;
  english: FellBack;
}) {
  return (
    <TableScroll label={caption}>
      <table className="table table--compact results-table">
        <caption>
          {caption}
          {table.multiple ? t.multiple : ""}
        </caption>
        <thead>
          <tr>
            <th scope="col">{table.groupHeading || t.respondents}</th>
            {table.columns.map((column, k) => (
              <th
                scope="col"
                className="numeric"
                key={column}
                lang={langOf(english, `column:${table.columnKeys[k] ?? ""}`)}
              >
                {column}
              </th>
            ))}
            <th scope="col" className="numeric">
              {t.answered}
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
  language = "en",
  english = [],
  children,
}: {
  question: QuestionView;
  number: number;
  breakdown: boolean;
  threshold: number;
  /** Staff's exact numbers, with marks on what publishing withholds. */
  exact?: boolean;
  /** The members' summary in Welsh: the words around the figures (staff pages are in English). */
  language?: Language;
  /** What fell back to English on a Welsh page: "prompt", "column:<key>" (summary-welsh.server.ts). */
  english?: FellBack;
  /** Extra staff parts: text answers, "save as evidence". */
  children?: ReactNode;
}) {
  const t = resultsCatalogue[language];
  const promptLang = langOf(english, "prompt");
  const keys = question.table?.columnKeys ?? [];
  const bars = question.chart?.bars.map((bar, k) => ({
    ...bar,
    lang: langOf(english, `column:${keys[k] ?? ""}`),
  }));
  const chartProps = { valueHeading: t.responsesHeading, answerHeading: t.answer };
  return (
    <section className="question-result" aria-labelledby={`question-${question.id}`}>
      <h3 id={`question-${question.id}`}>
        {promptLang ? (
          <>
            {number}. <span lang={promptLang}>{question.prompt}</span>
          </>
        ) : (
          `${number}. ${question.prompt}`
        )}
      </h3>
      <p className="question-result__n">
        {t.responses(question.answered.text, question.answered.value)}
        {question.asked ? t.askedOf(question.asked.text) : null}
      </p>
      {question.answered.value === 0 ? (
        // Empty axes and header-only tables say nothing; say so in words instead.
        <p>{t.noAnswersYet}</p>
      ) : null}
      {question.chart && bars && question.answered.value !== 0 ? (
        question.chart.kind === "bars" ? (
          <BarChart title={t.answersTo(question.prompt)} bars={bars} {...chartProps} />
        ) : (
          <Histogram title={t.distributionOf(question.prompt)} bins={bars} {...chartProps} />
        )
      ) : null}
      {question.table && breakdown && question.answered.value !== 0 ? (
        <ResultsTable
          table={question.table}
          caption={t.byGroup(question.prompt, question.table.groupHeading.toLowerCase())}
          t={t}
          english={english}
        />
      ) : null}
      {question.table && question.answered.value !== 0 ? (
        <SuppressionNote table={question.table} threshold={threshold} exact={exact} t={t} />
      ) : null}
      {question.statistics && question.answered.value !== 0 ? (
        <TableScroll label={t.averageOf(question.prompt)}>
          <table className="table table--compact">
            <caption>{t.averageOf(question.prompt)}</caption>
            <thead>
              <tr>
                <th scope="col">{breakdown ? question.table?.groupHeading : t.respondents}</th>
                <th scope="col" className="numeric">
                  {t.answered}
                </th>
                <th scope="col" className="numeric">
                  {t.mean}
                </th>
                <th scope="col" className="numeric">
                  {t.median}
                </th>
              </tr>
            </thead>
            <tbody>
              {question.statistics.map((row) => (
                <tr key={row.label}>
                  <th scope="row">{row.label}</th>
                  <td className="numeric">{row.n.text}</td>
                  <td className="numeric">{row.mean ?? t.withheld}</td>
                  <td className="numeric">{row.median ?? t.withheld}</td>
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
