import { createCookie } from "@remix-run/node";
import { isLanguage, type Language } from "./i18n.ts";

/**
 * The language a member chose, kept in a cookie for a year: people answering from an emailed link
 * are often not signed in, and an anonymous respondent has no profile to keep it in. Not signed:
 * the value is only ever "en" or "cy", and anything else reads as no choice.
 */
export const languageCookie = (secure: boolean) =>
  createCookie(secure ? "__Host-mv_lang" : "mv_lang", {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: 60 * 60 * 24 * 365,
  });

const isProduction = (env: { NODE_ENV: string }) => env.NODE_ENV === "production";

/** The chosen language, or English when none was chosen. */
export async function chosenLanguage(request: Request, env: { NODE_ENV: string }): Promise<Language> {
  const value: unknown = await languageCookie(isProduction(env)).parse(request.headers.get("Cookie"));
  return isLanguage(value) ? value : "en";
}

/** The language a page of bilingual content is shown in: English when the content is English only. */
export async function pageLanguage(
  request: Request,
  env: { NODE_ENV: string },
  bilingual: boolean,
): Promise<Language> {
  return bilingual ? chosenLanguage(request, env) : "en";
}

export async function languageCookieHeader(env: { NODE_ENV: string }, language: Language): Promise<string> {
  return languageCookie(isProduction(env)).serialize(language);
}
