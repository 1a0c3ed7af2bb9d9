const dateTime = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "Europe/London",
});

/** Always London time, so the server's render and the browser's hydration agree. */
export const formatDateTime = (value: Date | string) => dateTime.format(new Date(value));

const calendarDate = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });

/** A stored calendar date ('YYYY-MM-DD') as "31 March 2025", never shifted by a time zone. */
export const formatIsoDate = (value: string) => calendarDate.format(new Date(`${value}T00:00:00Z`));
