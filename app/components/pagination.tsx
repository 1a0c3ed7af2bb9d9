interface PaginationProps {
  page: number;
  pageSize: number;
  total: number;
  /** Other query parameters to keep on each page link (filters, sort). */
  params?: URLSearchParams;
}

export function Pagination({ page, pageSize, total, params }: PaginationProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const hrefFor = (target: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(target));
    return `?${next}`;
  };
  return (
    <nav aria-label="Pages">
      <ul className="pagination">
        {page > 1 ? (
          <li>
            <a href={hrefFor(page - 1)} rel="prev">
              Previous<span className="visually-hidden"> page</span>
            </a>
          </li>
        ) : null}
        <li aria-current="page">
          Page {page} of {pages}
        </li>
        {page < pages ? (
          <li>
            <a href={hrefFor(page + 1)} rel="next">
              Next<span className="visually-hidden"> page</span>
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
