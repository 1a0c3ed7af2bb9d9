import { Outlet } from "@remix-run/react";
import { areaErrorBoundary } from "~/components/error-page.tsx";

/** The evidence library's pages: the list, adding an item, and each item. */
export default function EvidenceLayout() {
  return <Outlet />;
}

export const ErrorBoundary = areaErrorBoundary({
  missing: "There is no evidence at this address, or you cannot see it.",
  back: { to: "/evidence", label: "Back to the evidence library" },
});
