import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportDirectoryCsv } from "~/models/directory/directory.server.ts";
import { directoryFilterSchema } from "~/schemas/directory.ts";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { csvResponse } from "~/utils/download.server.ts";

/** The directory as filtered on screen, as a spreadsheet that imports back unchanged. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const filter = directoryFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const csv = await exportDirectoryCsv(context.db, user, filter);
  const date = new Date().toISOString().slice(0, 10);
  return csvResponse(csv, `mutual-voice-directory-${date}.csv`);
}
