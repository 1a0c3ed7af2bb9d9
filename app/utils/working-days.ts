/**
 * Working days: weekends and bank holidays are not. The background loop keeps GOV.UK's published
 * list for each division in the database; this built-in copy of England and Wales's is the
 * fallback before the first load. A holiday missing from the list is counted as a working day,
 * so a deadline counted back from a date errs late by that day: keep the published list loaded.
 */
export const builtInBankHolidays: ReadonlySet<string> = new Set([
  "2025-01-01",
  "2025-04-18",
  "2025-04-21",
  "2025-05-05",
  "2025-05-26",
  "2025-08-25",
  "2025-12-25",
  "2025-12-26",
  "2026-01-01",
  "2026-04-03",
  "2026-04-06",
  "2026-05-04",
  "2026-05-25",
  "2026-08-31",
  "2026-12-25",
  "2026-12-28",
  "2027-01-01",
  "2027-03-26",
  "2027-03-29",
  "2027-05-03",
  "2027-05-31",
  "2027-08-30",
  "2027-12-27",
  "2027-12-28",
  "2028-01-03",
  "2028-04-14",
  "2028-04-17",
  "2028-05-01",
  "2028-05-29",
  "2028-08-28",
  "2028-12-25",
  "2028-12-26",
]);

const toDate = (day: string) => new Date(`${day}T00:00:00Z`);
const toDay = (date: Date) => date.toISOString().slice(0, 10);

function isWorkingDay(day: string, holidays: ReadonlySet<string>): boolean {
  const weekday = toDate(day).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(day);
}

/** The working day `count` working days before `day` ('YYYY-MM-DD'). */
export function workingDaysBefore(day: string, count: number, holidays: ReadonlySet<string>): string {
  const date = toDate(day);
  let left = count;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() - 1);
    if (isWorkingDay(toDay(date), holidays)) left -= 1;
  }
  return toDay(date);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toDate(to).getTime() - toDate(from).getTime()) / 86_400_000);
}

export function addDays(day: string, days: number): string {
  const date = toDate(day);
  date.setUTCDate(date.getUTCDate() + days);
  return toDay(date);
}

const DEFAULT_INTERNAL_DEADLINE_WORKING_DAYS = 5;

export const defaultInternalDeadline = (
  closesOn: string,
  holidays: ReadonlySet<string> = builtInBankHolidays,
) => workingDaysBefore(closesOn, DEFAULT_INTERNAL_DEADLINE_WORKING_DAYS, holidays);
