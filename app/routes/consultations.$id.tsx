import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { areaErrorBoundary } from "~/components/error-page.tsx";
import { requireConsultation } from "~/models/consultations/consultations.server.ts";

/** One consultation's pages (its page and its edit form): loaded and authorised once per request. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { consultation } = await requireConsultation(request, context, params.id);
  return { consultation };
}

export default function ConsultationLayout() {
  return <Outlet />;
}

export const ErrorBoundary = areaErrorBoundary({
  missing: "There is no consultation at this address, or you cannot see it.",
  back: { to: "/consultations", label: "Back to the consultation radar" },
});
