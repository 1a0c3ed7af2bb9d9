import type { ReactNode } from "react";

export interface Column<Row> {
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Figures, right-aligned so their digits line up. */
  numeric?: boolean;
}

/**
 * A table with one column definition per column, so a page says what it shows rather than
 * spelling out the markup. The caption names the table for screen readers (and tests); it is
 * hidden unless `showCaption`, for a page whose heading already says the same. With `rowHeaders`
 * the first cell of each row is its header.
 */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  showCaption = false,
  rowHeaders = false,
  className = "table",
}: {
  caption: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => string | number;
  showCaption?: boolean;
  rowHeaders?: boolean;
  className?: string;
}) {
  const numeric = (column: Column<Row>) => (column.numeric ? "numeric" : undefined);
  return (
    <div className="table-wrap">
      <table className={className}>
        <caption className={showCaption ? undefined : "visually-hidden"}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th key={index} scope="col" className={numeric(column)}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, rowIndex) => (
            <tr key={rowKey(row, rowIndex)}>
              {columns.map((column, index) =>
                rowHeaders && index === 0 ? (
                  <th key={index} scope="row">
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={index} className={numeric(column)}>
                    {column.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
