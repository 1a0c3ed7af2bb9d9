import { data, type redirect } from "@remix-run/node";
import type { z } from "zod";
import type { TextDiff } from "~/utils/diff.ts";
import { formValues, parseForm, type FieldErrors } from "~/utils/forms.ts";
import { refusalAnswer } from "~/utils/refusal.server.ts";

/** What a submission page's action hands back to its forms: which form, its messages, its typing. */
export interface SubmissionActionData {
  intent: string;
  errors?: FieldErrors;
  values?: Record<string, string>;
  refusal?: string;
  /** A stale answer: the text saved since the form was opened, its version and who saved it. */
  conflict?: { theirs: string; version: number; by: string | null; mineAgainstTheirs?: TextDiff };
}

type FormAnswer = ReturnType<typeof redirect> | ReturnType<typeof data<SubmissionActionData>>;

/**
 * The forms of one page, told apart by their `intent` field. Each is parsed by its schema (a 400
 * whose messages are keyed as the page's field ids, so the error summary's links land on them),
 * then done; a refusal goes back to the form that sent it with its status and the typing.
 */
export function intentForms(
  formData: FormData,
  fieldId: (intent: string, field: string) => string = (_intent, field) => field,
) {
  const intent = String(formData.get("intent") ?? "");
  return {
    intent,
    async run<S extends z.ZodType>(
      schema: S,
      perform: (input: z.output<S>) => Promise<FormAnswer>,
    ): Promise<FormAnswer> {
      const form = parseForm(schema, formData);
      if (!form.ok) {
        const errors = Object.fromEntries(
          Object.entries(form.errors).map(([field, message]) => [fieldId(intent, field), message]),
        );
        return data<SubmissionActionData>({ intent, errors, values: form.values }, { status: 400 });
      }
      try {
        return await perform(form.data);
      } catch (error) {
        return refusalAnswer<SubmissionActionData>(error, { intent, values: formValues(formData) });
      }
    },
    unrecognised: () =>
      data<SubmissionActionData>({ intent, refusal: "That action is not recognised." }, { status: 400 }),
  };
}
