import type { LoaderFunctionArgs } from "@remix-run/node";
import { listMailbox } from "~/models/email/mailbox.server.ts";
import { requireDemoMode } from "~/utils/dev.server.ts";

export async function loader({ context }: LoaderFunctionArgs) {
  requireDemoMode(context);
  const messages = await listMailbox(context.db, { limit: 200 });
  return Response.json(messages, {
    headers: { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" },
  });
}
