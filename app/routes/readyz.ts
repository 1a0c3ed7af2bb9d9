import type { LoaderFunctionArgs } from "@remix-run/node";
import { outboxBacklog } from "~/models/email/outbox.server.ts";
import { pingDatabase } from "~/utils/db.server.ts";

/**
 * Whether this deployment is keeping up: the database answers, and the oldest email waiting to be
 * sent is younger than READY_OUTBOX_SECONDS (checked only when SMTP_URL sends email: without
 * it emails wait in the dev mailbox by design). /healthz stays the cheap liveness check.
 */
export async function loader({ context }: LoaderFunctionArgs) {
  const headers = { "Cache-Control": "no-store" };
  if (!(await pingDatabase(context))) {
    return Response.json({ status: "unavailable", database: "down" }, { status: 503, headers });
  }
  const backlog = await outboxBacklog(context.db);
  const maxAgeSeconds = context.env.READY_OUTBOX_SECONDS;
  const behind =
    Boolean(context.env.SMTP_URL) &&
    backlog.oldestPendingAgeSeconds !== null &&
    backlog.oldestPendingAgeSeconds > maxAgeSeconds;
  return Response.json(
    {
      status: behind ? "behind" : "ready",
      database: "ok",
      outbox: { sending: Boolean(context.env.SMTP_URL), ...backlog, maxAgeSeconds },
    },
    { status: behind ? 503 : 200, headers },
  );
}
