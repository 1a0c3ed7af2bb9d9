/** The disclosure threshold's limits, for forms and schemas (client-safe, no solver). */
export const MIN_DISCLOSURE_THRESHOLD = 3;
export const DEFAULT_DISCLOSURE_THRESHOLD = 5;
