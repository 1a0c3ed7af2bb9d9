import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { expect, test } from "@playwright/test";

/**
 * What a page costs to download in JavaScript: the entry, and every route module of the page's
 * chain with the shared chunks each imports, gzipped, as the browser first loads it. Read from the
 * build that the browser stories run against.
 */
const BUDGET_KIB = 120;

/**
 * zod (about 91 KiB gzipped) must stay out of the browser: labels and state lists live in the
 * zod-free `*-labels.ts` modules beside their schemas, and route modules define no schema at top
 * level (a top-level zod call is a side effect the bundler keeps, with all of zod). A page over the
 * budget almost always means a page's component reached a schema module again.
 */
const buildDir = path.resolve("public/build");

interface ManifestRoute {
  id: string;
  parentId?: string;
  module: string;
  imports?: string[];
}

function readManifest(): {
  entry: { module: string; imports: string[] };
  routes: Record<string, ManifestRoute>;
} {
  // The server build names the manifest it serves; public/build keeps those of earlier builds too.
  const file = /manifest-[A-Z0-9]+\.js/.exec(readFileSync(path.resolve("build/index.js"), "utf8"))?.[0];
  if (!file) throw new Error("No Remix build: run `npm run build` first");
  const text = readFileSync(path.join(buildDir, file), "utf8");
  return JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1));
}

test("every page ships at most 120 KiB of JavaScript, gzipped, and no page ships zod", () => {
  const manifest = readManifest();
  const gzipped = new Map<string, number>();
  const sizeOf = (url: string) => {
    let size = gzipped.get(url);
    if (size === undefined) {
      size = gzipSync(readFileSync(path.join("public", url))).length;
      gzipped.set(url, size);
    }
    return size;
  };
  const pages = Object.values(manifest.routes).map((route) => {
    const files = new Set([manifest.entry.module, ...manifest.entry.imports]);
    for (
      let r: ManifestRoute | undefined = route;
      r;
      r = r.parentId ? manifest.routes[r.parentId] : undefined
    ) {
      files.add(r.module);
      for (const url of r.imports ?? []) files.add(url);
    }
    const kib = [...files].reduce((sum, url) => sum + sizeOf(url), 0) / 1024;
    return { id: route.id, kib: Math.round(kib * 10) / 10 };
  });
  console.log(
    `JavaScript per page, gzipped: ${pages.filter((p) => p.kib <= BUDGET_KIB).length} of ${pages.length} within ${BUDGET_KIB} KiB; ` +
      `smallest ${Math.min(...pages.map((p) => p.kib))} KiB, largest ${Math.max(...pages.map((p) => p.kib))} KiB`,
  );
  expect(pages.length, "the manifest lists every page").toBeGreaterThan(100);
  expect(
    pages.filter((p) => p.kib > BUDGET_KIB),
    "pages over the budget",
  ).toEqual([]);
  const withZod = [...gzipped.keys()].filter((url) =>
    readFileSync(path.join("public", url), "utf8").includes("ZodError"),
  );
  expect(withZod, "browser files holding zod").toEqual([]);
});
