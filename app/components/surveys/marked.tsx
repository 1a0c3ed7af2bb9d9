import { langOf } from "~/utils/survey-welsh.ts";

/**
 * A text of staff's content on a page in the member's language: when it has no Welsh and fell back
 * to English, it says so with lang="en", so a screen reader reads it in English.
 */
export function Marked({
  english,
  field,
  text,
}: {
  english: readonly string[] | undefined;
  field: string;
  text: string;
}) {
  const lang = langOf(english, field);
  return lang ? <span lang={lang}>{text}</span> : <>{text}</>;
}
