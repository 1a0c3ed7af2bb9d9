import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";

/**
 * Remix flat routes nest `a.b.tsx` inside `a.tsx` whenever `a.tsx` exists, and a parent without an
 * <Outlet /> then shows itself at the child's address. A page meant to stand alone needs a trailing
 * underscore on the parent's segment (`a_.b.tsx`).
 */
const routesDir = path.resolve("app/routes");
const sources = new Map(
  readdirSync(routesDir)
    .filter((file) => /\.(tsx|ts)$/.test(file))
    .map((file) => [file.replace(/\.(tsx|ts)$/, ""), readFileSync(path.join(routesDir, file), "utf8")]),
);
const ids = [...sources.keys()];
const source = (id: string) => sources.get(id) ?? "";
const parentOf = (id: string) =>
  ids.filter((other) => other !== id && id.startsWith(`${other}.`)).sort((a, b) => b.length - a.length)[0];

describe("route nesting", () => {
  test("every page nested in another route is rendered through that route's <Outlet />", () => {
    const hidden = ids
      .filter((id) => /export default/.test(source(id)))
      .map((id) => ({ id, parent: parentOf(id) }))
      .filter(({ parent }) => parent !== undefined && !/<Outlet/.test(source(parent ?? "")))
      .map(({ id, parent }) => `${id} is nested in ${parent ?? ""}, which has no <Outlet />`);
    expect(hidden).toEqual([]);
  });
});
