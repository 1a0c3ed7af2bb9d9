import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { pageMailbox } from "~/models/email/mailbox.server.ts";
import { requireDemoMode } from "~/utils/dev.server.ts";

const MAILBOX_PAGE_SIZE = 200;

const querySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  to: z.string().trim().max(320).catch("").optional(),
});

/**
 * The dev mailbox as JSON: an array of messages, newest first, `?to=<address>` for one recipient,
 * `?page=N` for older ones. The Link header says where the next and previous pages are, so a
 * script can tell a full page from the end of the mail.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireDemoMode(context);
  const url = new URL(request.url);
  const query = querySchema.parse(Object.fromEntries(url.searchParams));
  const to = query.to || null;
  const { messages, more } = await pageMailbox(context.db, {
    pageSize: MAILBOX_PAGE_SIZE,
    page: query.page,
    to,
  });
  const pageLink = (page: number, rel: string) => {
    const target = new URLSearchParams(to ? { to } : {});
    target.set("page", String(page));
    return `</dev/mailbox.json?${target.toString()}>; rel="${rel}"`;
  };
  const links = [
    ...(more ? [pageLink(query.page + 1, "next")] : []),
    ...(query.page > 1 ? [pageLink(query.page - 1, "prev")] : []),
  ];
  return Response.json(messages, {
    headers: {
      "Cache-Control": "no-store",
      "Referrer-Policy": "no-referrer",
      ...(links.length ? { Link: links.join(", ") } : {}),
    },
  });
}
