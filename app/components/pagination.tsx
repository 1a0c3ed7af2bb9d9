import { Link } from "@remix-run/react";

/** Previous and next links that keep every other query parameter; works without JavaScript. */
export function Pagination({
  page,
  pageCount,
  search,
  param = "page",
  label = "Pages",
}: {
  page: number;
  pageCount: number;
  /** The current query string (location.search). */
  search: string;
  param?: string;
  label?: string;
}) {
  if (pageCount <= 1) return null;
  const hrefFor = (target: number) => {
    const params = new URLSearchParams(search);
    params.set(param, String(target));
    return `?${params}`;
  };
  return (
    <nav aria-label={label}>
      <ul className="pagination">
        {page > 1 ? (
          <li>
            <Link to={hrefFor(page - 1)} rel="prev">
              Previous<span className="visually-hidden"> page</span>
            </Link>
          </li>
        ) : null}
        <li aria-current="page">
          Page {page} of {pageCount}
        </li>
        {page < pageCount ? (
          <li>
            <Link to={hrefFor(page + 1)} rel="next">
              Next<span className="visually-hidden"> page</span>
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
