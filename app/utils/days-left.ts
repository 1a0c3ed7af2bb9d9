/** Whole days from `today` to the closing day ('YYYY-MM-DD' both): 0 on the day it closes, negative once closed. */
export function daysLeft(closesOn: string, today: string): number {
  const ms = Date.parse(`${closesOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}
