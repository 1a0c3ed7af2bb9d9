import type { LoaderFunctionArgs } from "@remix-run/node";
import { pingDatabase } from "~/utils/db.server.ts";

export async function loader({ context }: LoaderFunctionArgs) {
  const ok = await pingDatabase(context);
  return Response.json(
    ok ? { status: "ok", database: context.databaseKind } : { status: "unavailable", database: context.databaseKind },
    { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
