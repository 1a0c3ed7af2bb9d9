import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { exportResponses } from "~/models/surveys/responses-csv.server.ts";
import { toCsv } from "~/utils/csv.ts";
import { idParam } from "~/utils/ids.ts";

/** Every submitted response, one row each; who answered only for named surveys. Staff only. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const { survey, csv } = await exportResponses(context.db, user, idParam(params, "id"));
  const date = new Date().toISOString().slice(0, 10);
  return new Response(toCsv(csv.header, csv.rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="survey-${survey.id}-responses-${date}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
