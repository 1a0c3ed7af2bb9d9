import { data, type ActionFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { renderPreview } from "~/models/positions/versions.server.ts";
import { previewSchema } from "~/schemas/positions.ts";
import { parseForm } from "~/utils/forms.ts";
import { readForm } from "~/utils/form-body.server.ts";

/** The live preview's source: the editor posts the text here as you type (JavaScript only). */
export async function action({ request, context }: ActionFunctionArgs) {
  await requireStaff(request, context);
  const form = parseForm(previewSchema, await readForm(request));
  if (!form.ok)
    return data(
      { html: "", problems: Object.values(form.errors).map((message) => ({ kind: "invalid", message })) },
      { status: 400 },
    );
  return renderPreview(context.db, form.data.body, form.data.government);
}
