import { data, type ActionFunctionArgs } from "@remix-run/node";
import { liveCitationSources } from "~/models/evidence/evidence.server.ts";
import { previewSchema } from "~/schemas/positions.ts";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { parseForm } from "~/utils/forms.ts";
import { parseMarkdown, renderParsed } from "~/utils/markdown.server.ts";

/** The live preview's source: the editor posts the text here as you type (JavaScript only). */
export async function action({ request, context }: ActionFunctionArgs) {
  await requireStaff(request, context);
  const form = parseForm(previewSchema, await request.formData());
  if (!form.ok)
    return data(
      { html: "", problems: Object.values(form.errors).map((message) => ({ kind: "invalid", message })) },
      { status: 400 },
    );
  const parsed = parseMarkdown(form.data.body, { government: form.data.government });
  const evidence = await liveCitationSources(context.db, parsed.citedIds);
  const { html, problems } = renderParsed(parsed, evidence, {
    government: form.data.government,
    mode: "editor",
    idPrefix: "preview-",
  });
  return { html, problems };
}
