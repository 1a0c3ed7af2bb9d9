import { decodeHTML } from "entities";
import { oneLine } from "./one-line.ts";

/**
 * Outside sources (GOV.UK, Citizen Space) send text HTML-escaped, sometimes twice. We decode exactly
 * once, with the WHATWG entity table, so "&amp;" shows as "&" and "&amp;lt;b&amp;gt;" stays the
 * visible text "&lt;b&gt;" rather than turning into a tag; React escapes whatever we store.
 */
export const decodeEntities = (text: string): string => decodeHTML(text);

/** A one-line field from an outside source: entities decoded once, whitespace collapsed. */
export const importedLine = (text: string): string => oneLine(decodeEntities(text));

/**
 * An HTML overview as plain text: tags dropped first (so a decoded "&lt;b&gt;" is never taken for a
 * tag), then entities decoded once, then whitespace collapsed.
 */
export function htmlToText(html: string, maxLength = 4000): string {
  return oneLine(decodeEntities(html.replace(/<[^>]*>/g, " "))).slice(0, maxLength);
}
