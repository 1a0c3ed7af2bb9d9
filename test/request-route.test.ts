import type { ServerBuild } from "@remix-run/node";
import { matchRoutes, type AgnosticRouteObject } from "@remix-run/router";
import { expect, test } from "vitest";
import { importServerBuild } from "../app-server.ts";
import { createRouteNamer } from "~/utils/request-route.server.ts";

const build = await importServerBuild();

/** The whole route tree, as the router would match it with nothing narrowed. */
function wholeTree(routes: ServerBuild["routes"], parentId: string | undefined): AgnosticRouteObject[] {
  return Object.values(routes)
    .filter((route) => route?.parentId === parentId)
    .map((route): AgnosticRouteObject => {
      const base = { id: route.id, path: route.path, caseSensitive: route.caseSensitive };
      return route.index ? { ...base, index: true } : { ...base, children: wholeTree(routes, route.id) };
    });
}

/** A concrete path for every route: each parameter filled in, a splat given two segments. */
function samplePaths(): string[] {
  const fullPath = (id: string | undefined): string => {
    const route = id ? build.routes[id] : undefined;
    if (!route) return "";
    return [fullPath(route.parentId), route.path ?? ""].filter(Boolean).join("/");
  };
  const paths = Object.keys(build.routes).map(
    (id) =>
      "/" +
      fullPath(id)
        .split("/")
        .filter((segment) => segment && !segment.endsWith("?"))
        .map((segment) => (segment === "*" ? "a/b" : segment.startsWith(":") ? "Tok3n-42" : segment))
        .join("/"),
  );
  return [
    ...paths,
    "/",
    "/nowhere",
    "/LOGIN",
    "/%6Cogin",
    "/s/abc",
    "/surveys/7/results.data",
    "/_root.data",
  ];
}

test("a request is named by the same route whether the namer matches a narrowed tree or the whole one", () => {
  const tree = wholeTree(build.routes, undefined);
  const nameRequest = createRouteNamer(build.routes);
  const paths = samplePaths();
  expect(paths.length).toBeGreaterThan(100);
  const named = new Set<string>();
  for (const pathname of paths) {
    const pagePath = pathname.endsWith(".data")
      ? pathname === "/_root.data"
        ? "/"
        : pathname.slice(0, -".data".length)
      : pathname;
    const expected = matchRoutes(tree, pagePath)?.at(-1)?.route.id ?? "unmatched";
    expect(nameRequest(pathname).route, pathname).toBe(expected);
    named.add(expected);
  }
  // Nearly every route is reached by its own sample path (layouts are named by their index).
  expect(named.size).toBeGreaterThan(80);
  expect(nameRequest("/login").route).toBe("routes/login");
});
