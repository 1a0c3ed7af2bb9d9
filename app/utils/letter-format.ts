const longDate = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "Europe/London" });
const longDateTime = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "long",
  timeStyle: "short",
  timeZone: "Europe/London",
});

/** "30 November 2026", in London. */
export const formatLongDate = (value: Date | string) => longDate.format(new Date(value));

/** "30 November 2026 at 14:05", in London. */
export const formatLongDateTime = (value: Date | string) => longDateTime.format(new Date(value));

/** A calendar date ('YYYY-MM-DD') as words, without any time zone moving it. */
export const formatCalendarDate = (day: string) => longDate.format(new Date(`${day}T12:00:00Z`));

/** "Showing 51 to 100 of 118" */
export function rangeText(page: number, pageSize: number, total: number): string {
  if (total === 0) return "None yet";
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return `Showing ${first} to ${last} of ${total}`;
}
