import { createServerRoutes } from "@remix-run/react/dist/routes.js";
import { createEntryRouteModules } from "@remix-run/server-runtime/dist/entry.js";
import { createStaticHandler } from "@remix-run/router";
import { createStaticRouter } from "react-router-dom/server.js";
import { expect, test } from "vitest";
import { importServerBuild } from "../app-server.ts";

/**
 * patches/@remix-run+react, @remix-run+server-runtime and react-router-dom make what a build fixes
 * (its route modules, its server route tree, that tree's data routes) once per build instead of on
 * every render, so the router's ranked branches (patches/@remix-run+router) are found again by
 * identity. These tests fail if `npm install` stops applying one of them, or if one keeps an answer
 * it should not. (The server-runtime patch also hands a loader its request uncopied when there is no
 * `?index` or `_routes` to strip; the route tests see the URLs loaders get.)
 */

const build = await importServerBuild();
const future = {
  v3_fetcherPersist: true,
  v3_relativeSplatPath: true,
  v3_throwAbortReason: true,
  v3_lazyRouteDiscovery: true,
  v3_singleFetch: true,
};

test("a build's route modules are listed once, in one frozen object holding every route", () => {
  const first = createEntryRouteModules(build.routes);
  expect(createEntryRouteModules(build.routes)).toBe(first);
  expect(Object.isFrozen(first)).toBe(true);
  expect(Object.keys(first).sort()).toEqual(Object.keys(build.routes).sort());
});

test("the server route tree is made once per build, and again when a route module differs", () => {
  const modules = createEntryRouteModules(build.routes);
  const routes = createServerRoutes(build.assets.routes, modules, future, false);
  expect(createServerRoutes(build.assets.routes, modules, future, false)).toBe(routes);
  // An unfrozen copy with the same modules is the same tree.
  expect(createServerRoutes(build.assets.routes, { ...modules }, future, false)).toBe(routes);
  const changed = { ...modules, root: { ...modules.root, default: () => null } };
  expect(createServerRoutes(build.assets.routes, changed, future, false)).not.toBe(routes);
  expect(createServerRoutes(build.assets.routes, modules, future, true)).not.toBe(routes);
});

test("a static router over the same route tree reuses its data routes, and still renders its own request", async () => {
  const routes = [{ id: "root", path: "/", children: [{ id: "login", path: "login", loader: () => "ok" }] }];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request("http://localhost/login"));
  if (context instanceof Response) throw new Error("expected a context, got a response");
  const first = createStaticRouter(routes, context);
  const second = createStaticRouter(routes, context);
  expect(second.routes).toBe(first.routes);
  expect(second.state.location.pathname).toBe("/login");
  expect(createStaticRouter([...routes], context).routes).not.toBe(first.routes);
});
