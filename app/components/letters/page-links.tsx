/** Previous and next links for a list shown 50 at a time; keeps the other query parameters. */
export function PageLinks({
  page,
  pageSize,
  total,
  params,
  label,
}: {
  page: number;
  pageSize: number;
  total: number;
  params?: Record<string, string>;
  label: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const href = (target: number) => {
    const search = new URLSearchParams(params);
    if (target > 1) search.set("page", String(target));
    else search.delete("page");
    const text = search.toString();
    return text ? `?${text}` : "?";
  };
  return (
    <nav aria-label={label}>
      <ul className="pagination">
        {page > 1 ? (
          <li>
            <a href={href(page - 1)} rel="prev">
              Previous<span className="visually-hidden"> page</span>
            </a>
          </li>
        ) : null}
        <li>
          Page {page} of {pages}
        </li>
        {page < pages ? (
          <li>
            <a href={href(page + 1)} rel="next">
              Next<span className="visually-hidden"> page</span>
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** "Showing 51 to 100 of 118" */
export function rangeText(page: number, pageSize: number, total: number): string {
  if (total === 0) return "None yet";
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return `Showing ${first} to ${last} of ${total}`;
}
