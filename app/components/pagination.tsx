import { Link } from "@remix-run/react";
import { furnitureFor } from "~/utils/i18n-furniture.ts";
import type { Language } from "~/utils/i18n.ts";

/** Previous and next links that keep every other query parameter; works without JavaScript. */
export function Pagination({
  page,
  pageCount,
  search,
  param = "page",
  label = "Pages",
  language = "en",
}: {
  page: number;
  pageCount: number;
  /** The current query string (location.search). */
  search: string;
  param?: string;
  label?: string;
  language?: Language;
}) {
  if (pageCount <= 1) return null;
  const f = furnitureFor(language);
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
              {f.previous}
              <span className="visually-hidden">{f.pageWord}</span>
            </Link>
          </li>
        ) : null}
        <li aria-current="page">{f.pageOf(page, pageCount)}</li>
        {page < pageCount ? (
          <li>
            <Link to={hrefFor(page + 1)} rel="next">
              {f.next}
              <span className="visually-hidden">{f.pageWord}</span>
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
