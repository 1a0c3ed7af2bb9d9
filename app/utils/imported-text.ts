import { decodeHTML } from "entities";

/**
 * Outside sources (GOV.UK, Citizen Space) send text HTML-escaped, sometimes twice. We decode exactly
 * once, with the WHATWG entity table, so "&amp;" shows as "&" and "&amp;lt;b&amp;gt;" stays the
 * visible text "&lt;b&gt;" rather than turning into a tag; React escapes whatever we store.
 */
export const decodeEntities = (text: string): string => decodeHTML(text);

/** Any run of whitespace, line breaks included, becomes one space: for fields shown on one line. */
export const oneLine = (text: string): string => text.replace(/\s+/g, " ").trim();

/** True when a one-line field holds a line break or runs of spaces that oneLine would collapse. */
export const needsOneLine = (text: string): boolean => oneLine(text) !== text.trim();

/** A one-line field from an outside source: entities decoded once, whitespace collapsed. */
export const importedLine = (text: string): string => oneLine(decodeEntities(text));

/**
 * An HTML overview as plain text: tags dropped first (so a decoded "&lt;b&gt;" is never taken for a
 * tag), then entities decoded once, then whitespace collapsed.
 */
export function htmlToText(html: string, maxLength = 4000): string {
  return oneLine(decodeEntities(html.replace(/<[^>]*>/g, " "))).slice(0, maxLength);
}
