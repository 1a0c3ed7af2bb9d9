// Dates people type mean days in the UK: "closes on 30 November" ends at midnight in London.

const londonDate = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

const londonOffset = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  timeZoneName: "longOffset",
});

/** 'YYYY-MM-DD' of `at` on a London calendar. */
export const londonDay = (at: Date = new Date()) => londonDate.format(at);

export const londonToday = () => londonDay(new Date());

export function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Minutes London is ahead of UTC at `at`: 0 in winter, 60 in summer. */
function offsetMinutes(at: Date): number {
  const name = londonOffset.formatToParts(at).find((part) => part.type === "timeZoneName")?.value ?? "GMT";
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === "-" ? -minutes : minutes;
}

/** The instant a London day ends (the next midnight), for a closing date. */
export function endOfLondonDay(day: string): Date {
  const nextMidnightUtc = new Date(`${day}T00:00:00Z`);
  nextMidnightUtc.setUTCDate(nextMidnightUtc.getUTCDate() + 1);
  // The offset at the moment itself; midnight is never inside a UK clock change (01:00 and 02:00).
  return new Date(nextMidnightUtc.getTime() - offsetMinutes(nextMidnightUtc) * 60_000);
}

const londonClock = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  weekday: "short",
  hour: "2-digit",
  hourCycle: "h23",
});

/** The hour (0-23) and weekday ("Mon") on a London clock at `at`, for schedules set in UK time. */
export function londonClockAt(at: Date): { hour: number; weekday: string } {
  const parts = londonClock.formatToParts(at);
  return {
    hour: Number(parts.find((part) => part.type === "hour")?.value ?? "0"),
    weekday: parts.find((part) => part.type === "weekday")?.value ?? "",
  };
}

/** The ISO week of a London calendar day, '2026-W49': weeks start on Monday. */
export function isoWeekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = date.getUTCDay() || 7;
  // The Thursday of this week decides the year the week belongs to.
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}
