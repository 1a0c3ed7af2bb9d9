/**
 * GOV.UK's date input sends a date as three fields, `<name>-day`, `<name>-month` and
 * `<name>-year`. Forms read them as one `<name>` in the 'YYYY-MM-DD' the schemas check; typing
 * that is not a date ("31", "Feb", "26") is passed on as typed, so the schema refuses it with a
 * field error, and the three fields keep what was typed. Client-safe.
 */
export const datePartNames = (name: string) =>
  ({ day: `${name}-day`, month: `${name}-month`, year: `${name}-year` }) as const;

export function joinDateParts(day: string, month: string, year: string): string {
  const [d, m, y] = [day.trim(), month.trim(), year.trim()];
  if (!d && !m && !y) return "";
  if (/^\d{1,2}$/.test(d) && /^\d{1,2}$/.test(m) && /^\d{4}$/.test(y))
    return `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
  return `${d}/${m}/${y}`;
}

/** Adds `<name>` for every complete set of date parts in `values`, unless sent itself. */
export function withJoinedDates(values: Record<string, string>): Record<string, string> {
  const joined = { ...values };
  for (const key of Object.keys(values)) {
    const name = /^(.+)-day$/.exec(key)?.[1];
    if (!name || name in values) continue;
    const parts = datePartNames(name);
    const month = values[parts.month];
    const year = values[parts.year];
    if (month === undefined || year === undefined) continue;
    joined[name] = joinDateParts(values[parts.day] ?? "", month, year);
  }
  return joined;
}

/** The three parts to show: what was typed, else the saved 'YYYY-MM-DD' split up. */
export function shownDateParts(name: string, values: Partial<Record<string, string>>) {
  const parts = datePartNames(name);
  if (
    values[parts.day] !== undefined ||
    values[parts.month] !== undefined ||
    values[parts.year] !== undefined
  )
    return { day: values[parts.day] ?? "", month: values[parts.month] ?? "", year: values[parts.year] ?? "" };
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(values[name] ?? "");
  if (!iso) return { day: "", month: "", year: "" };
  return { day: String(Number(iso[3])), month: String(Number(iso[2])), year: iso[1] ?? "" };
}
