import type { AppLoadContext } from "@remix-run/node";
import { requireUser } from "~/models/accounts/auth.server.ts";
import { memoPerRequest } from "~/utils/per-request.server.ts";
import { getPositionBySlug, type Position } from "./positions.server.ts";

const positionsThisRequest = memoPerRequest<Position>();

/**
 * The position a page is about, for the signed-in person reading it: loaded and authorised once
 * per request however many loaders ask (the layout route and its child page). Actions call
 * getPositionBySlug themselves, so the loaders that run after them never see a memo from before.
 */
export async function requirePosition(request: Request, context: AppLoadContext, slug: string | undefined) {
  const user = await requireUser(request, context);
  const position = await positionsThisRequest.get(context, `${user.id}/${slug ?? ""}`, () =>
    getPositionBySlug(context.db, user, slug ?? ""),
  );
  return { user, position };
}
