import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { areaErrorBoundary } from "~/components/error-page.tsx";
import { requireUser } from "~/models/accounts/auth.server.ts";
import { isStaff } from "~/models/accounts/people.server.ts";
import { requirePosition } from "~/models/positions/page.server.ts";
import { positionForLayout } from "~/models/positions/views.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import { skipRevalidationAfterPreview } from "~/utils/revalidation.ts";

/** Every page about one position: the text, editing, history and variants. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  // Members read only the position itself: its editor, history and variants are staff work, and
  // say so (403) before whether this position exists for them.
  const user = await requireUser(request, context);
  const onChildPage = new URL(request.url).pathname.split("/").filter(Boolean).length > 2;
  if (onChildPage && !isStaff(user)) throw Refusal.forbidden();
  const { position } = await requirePosition(request, context, params.slug);
  return positionForLayout(user, position);
}

// A live preview reloads nothing: see skipRevalidationAfterPreview.
export const shouldRevalidate = skipRevalidationAfterPreview;

export default function PositionLayout() {
  return <Outlet />;
}

export const ErrorBoundary = areaErrorBoundary({
  missing: "There is no position at this address, or you cannot see it.",
  back: { to: "/positions", label: "Back to positions" },
});
