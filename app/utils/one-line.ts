/**
 * Names and titles show on one line, but a spreadsheet cell or a pasted value can hold line breaks
 * ("Libraries\nUnlimited North" rendered joined as "LibrariesUnlimited North"). Any run of
 * whitespace, line breaks included, becomes one space.
 */
export const oneLine = (text: string): string => text.replace(/\s+/g, " ").trim();

/** True when oneLine would change more than the ends: a line break or a run of spaces inside. */
export const needsOneLine = (text: string): boolean => oneLine(text) !== text.trim();
