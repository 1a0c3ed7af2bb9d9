const dateTime = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "Europe/London",
});

/** Always London time, so the server's render and the browser's hydration agree. */
export const formatDateTime = (value: Date | string) => dateTime.format(new Date(value));
