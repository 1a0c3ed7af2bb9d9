import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { getLetterDocument } from "~/models/letters/documents.server.ts";
import { idParam } from "~/utils/ids.ts";
import { Refusal } from "~/utils/refusal.server.ts";

/** The stored bytes, exactly those whose SHA-256 the delivery record holds. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const kind = params.kind;
  if (kind !== "pdf" && kind !== "csv") throw Refusal.notFound();
  const document = await getLetterDocument(context.db, user, idParam(params, "id"), kind);
  return new Response(new Uint8Array(document.content), {
    headers: {
      "Content-Type": document.contentType,
      "Content-Disposition": `attachment; filename="${document.filename}"`,
      "Content-Length": String(document.content.length),
      "Cache-Control": "private, no-store",
      "X-Content-SHA256": document.sha256,
    },
  });
}
