import { readFile } from "node:fs/promises";
import semver from "semver";
import { expect, test } from "vitest";

/**
 * package.json's engines field says which Node we support; a few installed packages declare a
 * newer Node. Each one is checked to run here (the test suite runs on Node 20) and listed in
 * README.md ("Which Node"); a new one fails this test until someone checks it and adds it there.
 */
const CHECKED_NEWER_NODE: Record<string, string> = {
  kysely: "runtime: queries and PGliteDialect use no Node 22 API; every database test runs on Node 20",
  nanoid: "docx's ids: uses crypto.getRandomValues, present since Node 17",
  "@axe-core/playwright": "browser tests only",
  nopt: "js-beautify's command line, inside mjml: never run",
  abbrev: "nopt's dependency: never run",
};

const lock: { packages: Record<string, { version?: string; engines?: { node?: string } | string[] }> } =
  JSON.parse(await readFile(new URL("../package-lock.json", import.meta.url), "utf8"));
const pkg: { engines: { node: string } } = JSON.parse(
  await readFile(new URL("../package.json", import.meta.url), "utf8"),
);
const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");

test("every package that declares a newer Node than ours is checked and named in the README", () => {
  const oldestSupported = semver.minVersion(pkg.engines.node);
  if (!oldestSupported) throw new Error(`engines.node is not a range: ${pkg.engines.node}`);
  const newer = new Set<string>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    const range = !entry.engines || Array.isArray(entry.engines) ? undefined : entry.engines.node;
    if (!path || !range) continue;
    if (!semver.satisfies(oldestSupported, range)) newer.add(path.split("node_modules/").at(-1) ?? path);
  }
  expect([...newer].sort()).toEqual(Object.keys(CHECKED_NEWER_NODE).sort());
  for (const name of newer) expect(readme).toContain(`\`${name}\``);
});
