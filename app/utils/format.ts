const dateTime = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "Europe/London",
});

/** Always London time, so the server's render and the browser's hydration agree. */
export const formatDateTime = (value: Date | string) => dateTime.format(new Date(value));

const wholeNumber = new Intl.NumberFormat("en-GB");
export const formatCount = (value: number) => wholeNumber.format(value);

/** £985,000,000 → "£0.99bn"; £21,460,000 → "£21.5m"; smaller sums in full pounds. */
export function formatPoundsShort(pounds: number): string {
  if (pounds >= 1e8) return `£${(pounds / 1e9).toFixed(2)}bn`;
  if (pounds >= 1e6) return `£${(pounds / 1e6).toFixed(1)}m`;
  return `£${wholeNumber.format(Math.round(pounds))}`;
}

const poundsAndPence = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP" });
export const formatPounds = (pounds: number | string) => poundsAndPence.format(Number(pounds));

/** "118 mutuals, 34,800 staff, £0.98bn": how documents say who we are. */
export function describeNetwork(figures: {
  members: number;
  staff: number;
  publicIncomeGbp: number;
}): string {
  const mutuals = figures.members === 1 ? "1 mutual" : `${formatCount(figures.members)} mutuals`;
  return `${mutuals}, ${formatCount(figures.staff)} staff, ${formatPoundsShort(figures.publicIncomeGbp)} of public services`;
}

const dateOnly = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });
/** A 'YYYY-MM-DD' calendar date as "7 June 2017". */
export const formatDate = (value: string) => dateOnly.format(new Date(`${value}T00:00:00Z`));
