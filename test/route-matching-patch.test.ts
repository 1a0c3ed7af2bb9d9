import { matchPath, matchRoutes, type AgnosticRouteObject } from "@remix-run/router";
import { expect, test } from "vitest";

/**
 * patches/@remix-run+router+*.patch makes Remix 2's router flatten and rank a route tree once, and
 * compile each path pattern once, instead of on every match (half of a request's time went there),
 * and remember the answer for each path. These tests fail if `npm install` stops applying the
 * patches, if they change what matches, or if a remembered answer is shared between callers.
 */

/** A route tree that counts how often the router walks into its children. */
function countedRoutes() {
  let walks = 0;
  const children: AgnosticRouteObject[] = [
    { id: "login", path: "login" },
    { id: "position", path: "positions/:slug" },
    { id: "positions", path: "positions", index: true },
  ];
  const root: AgnosticRouteObject = {
    id: "root",
    path: "",
    get children() {
      walks += 1;
      return children;
    },
  };
  return { routes: [root], walks: () => walks };
}

test("a route tree is flattened and ranked once, however often it is matched", () => {
  const { routes, walks } = countedRoutes();
  for (let i = 0; i < 5; i++) matchRoutes(routes, "/login");
  const afterFirstMatches = walks();
  for (let i = 0; i < 100; i++) matchRoutes(routes, `/positions/p-${i}`);
  expect(walks()).toBe(afterFirstMatches);
});

test("matches are the same as the router's own: params, ranking, trailing slashes and case", () => {
  const { routes } = countedRoutes();
  const ids = (path: string) => matchRoutes(routes, path)?.map((match) => match.route.id) ?? null;
  expect(ids("/login")).toEqual(["root", "login"]);
  expect(ids("/LOGIN/")).toEqual(["root", "login"]);
  expect(ids("/positions/vat-relief")).toEqual(["root", "position"]);
  expect(matchRoutes(routes, "/positions/vat%20relief")?.[1]?.params).toEqual({ slug: "vat relief" });
  expect(ids("/nowhere")).toBeNull();
  // A compiled pattern is shared, so its options must be part of what it is remembered by.
  expect(matchPath({ path: "/a", end: false }, "/a/b")).not.toBeNull();
  expect(matchPath({ path: "/a", end: true }, "/a/b")).toBeNull();
  expect(matchPath({ path: "/A", caseSensitive: true }, "/a")).toBeNull();
  expect(matchPath({ path: "/A", caseSensitive: false }, "/a")).not.toBeNull();
});

test("a remembered answer is handed out as a copy: one caller changing its matches changes no one else's", () => {
  const { routes } = countedRoutes();
  const first = matchRoutes(routes, "/positions/vat-relief");
  const [, leaf] = first ?? [];
  if (!leaf) throw new Error("no match");
  Object.assign(leaf.params, { slug: "changed" });
  leaf.pathname = "/elsewhere";
  const again = matchRoutes(routes, "/positions/vat-relief");
  expect(again?.[1]?.params).toEqual({ slug: "vat-relief" });
  expect(again?.[1]?.pathname).toBe("/positions/vat-relief");
  expect(again?.[0]?.params).toBe(again?.[1]?.params);
  // Each path keeps its own answer.
  expect(matchRoutes(routes, "/positions/pensions")?.[1]?.params).toEqual({ slug: "pensions" });
});
