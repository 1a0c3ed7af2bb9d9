import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { areaErrorBoundary } from "~/components/error-page.tsx";
import { organisationOfPage } from "~/models/directory/pages.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `${loaded?.organisation.name ?? "Organisation"} · Directory · Mutual Voice` },
];

/** Every page of one organisation: it is loaded and authorised here, once, and the pages read it from here. */
export async function loader(args: LoaderFunctionArgs) {
  const { organisation } = await organisationOfPage(args);
  return { organisation };
}

export default function OrganisationLayout() {
  return <Outlet />;
}

export const ErrorBoundary = areaErrorBoundary({
  missing: "There is no organisation at this address, or you cannot see it.",
  back: { to: "/directory", label: "Back to the directory" },
});
