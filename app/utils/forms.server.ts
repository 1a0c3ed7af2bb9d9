import type { z } from "zod";
import { formValues, parseForm } from "./forms.ts";
import { Refusal, refusalAnswer } from "./refusal.server.ts";

/**
 * An action's form in one step: parse it with `schema`, then do `work` with what it says.
 * Mistakes (400) and refusals (403, 409) come back for the form as `{ values, refusal, errors }`
 * with what was typed, so nothing is lost; anything else goes on to the ErrorBoundary.
 */
export async function submitForm<S extends z.ZodType, T>(
  formData: FormData,
  schema: S,
  work: (data: z.output<S>) => Promise<T>,
) {
  try {
    const form = parseForm(schema, formData);
    // The page shows each field's own message; this one only says why the form came back.
    if (!form.ok) throw Refusal.invalid("Some answers need correcting", form.errors);
    return { ok: true as const, result: await work(form.data) };
  } catch (error) {
    return { ok: false as const, answer: refusalAnswer(error, { values: formValues(formData) }) };
  }
}
