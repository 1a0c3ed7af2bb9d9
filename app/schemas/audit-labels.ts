// Split from audit.ts: what a page may need in the browser, without zod (see the javascript budget test).

/** 2026-02-30 matches the pattern but is no day: it must not reach the database as one. */
export function isRealDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
