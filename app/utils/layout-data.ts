import { useRouteLoaderData } from "@remix-run/react";

/**
 * The data of the layout route a page renders inside, so the page need not load it again. It is
 * always there: a layout whose loader failed shows its ErrorBoundary instead of its pages.
 */
export function useLayoutData<T>(routeId: string): NonNullable<ReturnType<typeof useRouteLoaderData<T>>> {
  const data = useRouteLoaderData<T>(routeId);
  if (data === undefined || data === null) throw new Error(`This page is not inside ${routeId}`);
  return data;
}
