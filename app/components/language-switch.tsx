import { Form, useLocation } from "@remix-run/react";
import { languageNames, messagesFor, type Language } from "~/utils/i18n.ts";

/**
 * "English | Cymraeg" at the top of a bilingual page, GOV.UK Wales style: the current language as
 * text, the other as a button in a form (it sets a cookie, so it is a POST, and it works without
 * JavaScript), each name in its own language.
 */
export function LanguageSwitch({ language }: { language: Language }) {
  const location = useLocation();
  const other: Language = language === "cy" ? "en" : "cy";
  const label = `${messagesFor("en").languageSwitchLabel} / ${messagesFor("cy").languageSwitchLabel}`;
  return (
    <Form method="post" action="/language" className="language-switch" aria-label={label}>
      <input type="hidden" name="language" value={other} />
      <input type="hidden" name="returnTo" value={location.pathname + location.search} />
      <span lang={language} aria-current="true" className="language-switch__current">
        {languageNames[language]}
      </span>
      <span aria-hidden="true"> | </span>
      <button type="submit" className="language-switch__other" lang={other}>
        {languageNames[other]}
      </button>
    </Form>
  );
}
