import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { areaErrorBoundary } from "~/components/error-page.tsx";
import { personOfPage } from "~/models/directory/pages.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `${loaded?.person.name ?? "Person"} · Directory · Mutual Voice` },
];

/** Every page of one person in the directory: they are loaded and authorised here, once. */
export async function loader(args: LoaderFunctionArgs) {
  const { person } = await personOfPage(args);
  return { person };
}

export default function PersonLayout() {
  return <Outlet />;
}

export const ErrorBoundary = areaErrorBoundary({
  missing: "There is no person at this address, or you cannot see them.",
  back: { to: "/directory", label: "Back to the directory" },
});
