import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { languageChoiceSchema } from "~/schemas/language.ts";
import { readForm } from "~/utils/form-body.server.ts";
import { languageCookieHeader } from "~/utils/language.server.ts";
import { safeRedirectPath } from "~/utils/redirect.ts";

/**
 * The language switch on member-facing pages posts here (a form, so it works without JavaScript)
 * and comes back to the same page, now in the chosen language.
 */
export const loader = () => redirect("/");

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = languageChoiceSchema.safeParse({
    language: form.get("language"),
    returnTo: form.get("returnTo") ?? undefined,
  });
  if (!parsed.success) {
    // Only a crafted request gets here: the switch sends one of the two languages.
    return new Response("Choose English or Cymraeg. / Dewiswch Saesneg neu Gymraeg.", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  return redirect(safeRedirectPath(parsed.data.returnTo), {
    status: 303,
    headers: { "Set-Cookie": await languageCookieHeader(context.env, parsed.data.language) },
  });
}
