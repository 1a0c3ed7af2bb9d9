import type { ActionFunctionArgs } from "@remix-run/node";
import { exportPersonData } from "~/models/directory/data-rights.server.ts";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { idParam } from "~/utils/ids.ts";
import { Refusal } from "~/utils/refusal.server.ts";

/** POST, not GET: downloading someone's data is recorded in the audit log, and a link must not do that. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const id = idParam(params, "personId");
  const exported = await exportPersonData(context.db, user, id);
  return new Response(JSON.stringify(exported, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="mutual-voice-person-${id}.json"`,
      "Cache-Control": "no-store",
    },
  });
}

export function loader() {
  throw Refusal.notFound();
}
