import type { ServerBuild } from "@remix-run/node";
import { matchRoutes, type AgnosticRouteObject } from "@remix-run/router";

export interface NamedRequest {
  /** The Remix route id that answers the path (`routes/surveys.$id`), `static`, or `unmatched`. */
  route: string;
  /** The path with every secret segment (a `$token` parameter) replaced by its name. */
  path: string;
}

/**
 * Names requests by the route that answers them, for logs and metrics: a fixed, small set of labels
 * however many surveys or tokens there are. The tree is built once, so the router (patched to rank a
 * tree once, patches/) only walks its ranked branches per request. Query strings are never kept: they
 * carry sign-in tokens and search terms.
 */
export function createRouteNamer(routes: ServerBuild["routes"]): (pathname: string) => NamedRequest {
  const tree = childrenOf(routes, undefined);
  // Matching walks every ranked route until one fits (tens of microseconds); most requests are
  // for a few hundred paths, so their names are remembered, a bounded number of them.
  const named = new Map<string, NamedRequest>();
  return (pathname) => {
    let name = named.get(pathname);
    if (!name) {
      name = nameOf(tree, pathname);
      if (pathname.length > 200) return name;
      if (named.size >= 2000) named.clear();
      named.set(pathname, name);
    }
    return name;
  };
}

function nameOf(tree: AgnosticRouteObject[], pathname: string): NamedRequest {
  if (pathname.startsWith("/build/")) return { route: "static", path: pathname };
  // Single fetch asks for /path.data (and /_root.data for /): the same route answers.
  const pagePath = pathname.endsWith(".data")
    ? pathname === "/_root.data"
      ? "/"
      : pathname.slice(0, -".data".length)
    : pathname;
  const matches = matchRoutes(tree, pagePath);
  const leaf = matches?.at(-1);
  if (!leaf) return { route: "unmatched", path: pathname.slice(0, 200) };
  let path = pathname;
  for (const [name, value] of Object.entries(leaf.params)) {
    if (value && /token/i.test(name)) path = path.replace(`/${encodeURIComponent(value)}`, `/:${name}`);
  }
  return { route: leaf.route.id ?? "unmatched", path };
}

function childrenOf(routes: ServerBuild["routes"], parentId: string | undefined): AgnosticRouteObject[] {
  return Object.values(routes)
    .filter((route) => route?.parentId === parentId)
    .map((route): AgnosticRouteObject => {
      const base = { id: route.id, path: route.path, caseSensitive: route.caseSensitive };
      return route.index ? { ...base, index: true } : { ...base, children: childrenOf(routes, route.id) };
    });
}
