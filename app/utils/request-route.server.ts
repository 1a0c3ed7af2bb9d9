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
  const treeFor = createTreeNarrower(childrenOf(routes, undefined));
  // Matching walks the ranked routes until one fits; most requests are for a few hundred paths, so
  // their names are remembered, a bounded number of them.
  const named = new Map<string, NamedRequest>();
  return (pathname) => {
    let name = named.get(pathname);
    if (!name) {
      name = nameOf(treeFor, pathname);
      if (pathname.length > 200) return name;
      if (named.size >= 2000) named.clear();
      named.set(pathname, name);
    }
    return name;
  };
}

/**
 * A path can only be answered by the root's children whose first segment is its own first segment,
 * or that have none fixed (an index, a layout without a path, a parameter): so a path new to the
 * namer is matched against those few (built once per first segment) rather than all ~110 routes.
 * The router ranks each smaller tree as it ranks the whole one, so the answer is the same.
 */
function createTreeNarrower(tree: AgnosticRouteObject[]): (pagePath: string) => AgnosticRouteObject[] {
  const [root] = tree;
  if (tree.length !== 1 || !root || root.path || root.index || !root.children) return () => tree;
  const fixedFirst = (route: AgnosticRouteObject) => {
    const first = route.path?.split("/").find(Boolean);
    return first && !/^[:*]|\?$/.test(first) ? first.toLowerCase() : null;
  };
  const always = root.children.filter((route) => fixedFirst(route) === null);
  const firsts = new Set(root.children.map(fixedFirst).filter((first) => first !== null));
  const narrowed = new Map<string | null, AgnosticRouteObject[]>();
  const treeOf = (first: string | null) => {
    let found = narrowed.get(first);
    if (!found) {
      const children =
        first === null ? always : root.children?.filter((route) => fixedFirst(route) === first);
      found = [{ ...root, children: first === null ? always : [...(children ?? []), ...always] }];
      narrowed.set(first, found);
    }
    return found;
  };
  return (pagePath) => {
    let first: string;
    try {
      first = decodeURIComponent(pagePath.split("/").find(Boolean) ?? "").toLowerCase();
    } catch {
      return tree;
    }
    return treeOf(firsts.has(first) ? first : null);
  };
}

function nameOf(treeFor: (pagePath: string) => AgnosticRouteObject[], pathname: string): NamedRequest {
  if (pathname.startsWith("/build/")) return { route: "static", path: pathname };
  // Single fetch asks for /path.data (and /_root.data for /): the same route answers.
  const pagePath = pathname.endsWith(".data")
    ? pathname === "/_root.data"
      ? "/"
      : pathname.slice(0, -".data".length)
    : pathname;
  const matches = matchRoutes(treeFor(pagePath), pagePath);
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
