import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "~/models/accounts/auth.server.ts";
import { exportAuditCsv } from "~/models/accounts/audit-log.server.ts";
import { readAuditFilter } from "~/utils/account-forms.server.ts";
import { csvResponse } from "~/utils/download.server.ts";

/** The audit log as filtered on screen, as a spreadsheet. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request, context);
  const parsed = readAuditFilter(new URL(request.url));
  if (!parsed.ok)
    throw data("Those filters are not valid: correct them on the audit log page.", { status: 400 });
  const { page: _page, ...filter } = parsed.filter;
  const csv = await exportAuditCsv(context.db, admin, filter);
  const date = new Date().toISOString().slice(0, 10);
  return csvResponse(csv, `mutual-voice-audit-${date}.csv`);
}
