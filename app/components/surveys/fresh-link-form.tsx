import { Form } from "@remix-run/react";
import { TextField } from "~/components/text-field.tsx";
import { messagesFor, type Language } from "~/utils/i18n.ts";

/** Asks for the invited address and emails it a fresh survey link (see /survey-link). */
export function FreshLinkForm({
  email,
  error,
  language = "en",
}: {
  email?: string;
  error?: string;
  language?: Language;
}) {
  const t = messagesFor(language);
  return (
    <Form method="post" action="/survey-link" noValidate>
      <TextField
        name="email"
        label={t.yourEmail}
        hint={t.yourEmailHint}
        type="email"
        autoComplete="email"
        spellCheck={false}
        defaultValue={email}
        // The schema speaks English; a Welsh page says the one thing it can mean in Welsh.
        error={error && language !== "en" ? t.enterEmail : error}
      />
      <button type="submit" className="button">
        {t.emailFreshLink}
      </button>
    </Form>
  );
}
