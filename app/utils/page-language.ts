import { useMatches, useRouteLoaderData } from "@remix-run/react";
import { isLanguage, type Language } from "./i18n.ts";

/**
 * What a route says about its page's language: its loader data's `language` (a bilingual page in
 * the member's language), or `handle.language = "chosen"` for a page that follows the member's
 * chosen language without content of its own to decide (the dead-link page, the member's home).
 */
export interface LanguageHandle {
  language?: "chosen";
}

const hasLanguage = (value: unknown): value is { language: Language } =>
  typeof value === "object" && value !== null && "language" in value && isLanguage(value.language);

const followsChoice = (handle: unknown) =>
  typeof handle === "object" && handle !== null && "language" in handle && handle.language === "chosen";

/** The language of the page being shown, for the furniture around it: the deepest route that says. */
export function usePageLanguage(): Language {
  const matches = useMatches();
  const root = useRouteLoaderData<{ chosenLanguage?: Language }>("root");
  for (const match of [...matches].reverse()) {
    if (hasLanguage(match.data)) return match.data.language;
    if (followsChoice(match.handle)) return root?.chosenLanguage ?? "en";
  }
  return "en";
}
