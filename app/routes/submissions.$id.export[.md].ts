import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadSubmissionFile } from "~/models/submissions/documents.server.ts";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { fileResponse } from "~/utils/download.server.ts";
import { idParam } from "~/utils/ids.ts";

/** Once sent, the bytes recorded as sent; before, the document as it stands. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  return fileResponse(await downloadSubmissionFile(context.db, user, idParam(params, "id"), "markdown"));
}
