import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { areaErrorBoundary } from "~/components/error-page.tsx";
import { requirePosition } from "~/models/positions/page.server.ts";

/** Every page about one position: the text, editing, history and variants. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { position } = await requirePosition(request, context, params.slug);
  return { position };
}

export default function PositionLayout() {
  return <Outlet />;
}

export const ErrorBoundary = areaErrorBoundary({
  missing: "There is no position at this address, or you cannot see it.",
  back: { to: "/positions", label: "Back to positions" },
});
