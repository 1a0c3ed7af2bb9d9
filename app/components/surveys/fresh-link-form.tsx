import { Form } from "@remix-run/react";
import { TextField } from "~/components/text-field.tsx";

/** Asks for the invited address and emails it a fresh survey link (see /survey-link). */
export function FreshLinkForm({ email, error }: { email?: string; error?: string }) {
  return (
    <Form method="post" action="/survey-link" noValidate>
      <TextField
        name="email"
        label="Your email address"
        hint="The address your invitation was sent to."
        type="email"
        autoComplete="email"
        spellCheck={false}
        defaultValue={email}
        error={error}
      />
      <button type="submit" className="button">
        Email me a fresh link
      </button>
    </Form>
  );
}
