import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { idField } from "~/schemas/ids.ts";
import { getMailboxMessage } from "~/models/email/mailbox.server.ts";
import { requireDemoMode } from "~/utils/dev.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";

const paramsSchema = z.object({ id: idField() });

/** One email's HTML as the recipient would see it, linked from the mailbox page. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  requireDemoMode(context);
  const parsed = paramsSchema.safeParse(params);
  const message = parsed.success ? await getMailboxMessage(context.db, parsed.data.id) : undefined;
  if (!message) throw Refusal.notFound();
  return new Response(message.html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      // Email HTML carries inline styles and must never run script, nor be framed by another site.
      "Content-Security-Policy":
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'",
      "X-Frame-Options": "SAMEORIGIN",
      "Referrer-Policy": "no-referrer",
      "Cache-Control": "no-store",
    },
  });
}
