import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";

/** The shape of the house (app/models/README.md): rooms by capability, no circles, small files. */
const appDir = path.resolve("app");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

const files = sourceFiles(appDir);
const importPattern = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']/g;

/** Runtime imports only: `import type` cannot make a module wait for another. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const found: string[] = [];
  for (const match of text.matchAll(importPattern)) {
    const statement = match[0].trim();
    const specifier = match[1] ?? "";
    if (/^(import|export)\s+type\s/.test(statement)) continue;
    let target: string | null = null;
    if (specifier.startsWith("~/")) target = path.join(appDir, specifier.slice(2));
    else if (specifier.startsWith(".")) target = path.resolve(path.dirname(file), specifier);
    if (target && target.startsWith(appDir)) found.push(target);
  }
  return found;
}

const graph = new Map(files.map((file) => [file, importsOf(file)]));
const relative = (file: string) => path.relative(appDir, file);

describe("the house", () => {
  test("app/ has no import circle", () => {
    const circles: string[] = [];
    const state = new Map<string, "visiting" | "done">();
    const stack: string[] = [];
    function visit(file: string) {
      state.set(file, "visiting");
      stack.push(file);
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === "visiting") {
          circles.push([...stack.slice(stack.indexOf(next)), next].map(relative).join(" → "));
        } else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(file, "done");
    }
    for (const file of files) if (!state.has(file)) visit(file);
    expect(circles).toEqual([]);
  });

  test("utils, schemas, components and services never import models", () => {
    const upward = files
      .filter((file) => /^(utils|schemas|components|services)\//.test(relative(file)))
      .flatMap((file) =>
        (graph.get(file) ?? [])
          .filter((target) => relative(target).startsWith("models/"))
          .map((target) => `${relative(file)} imports ${relative(target)}`),
      );
    expect(upward).toEqual([]);
  });

  test("every room of app/models is listed in app/models/README.md", () => {
    const readme = readFileSync(path.join(appDir, "models/README.md"), "utf8");
    const rooms = readdirSync(path.join(appDir, "models")).filter((name) =>
      statSync(path.join(appDir, "models", name)).isDirectory(),
    );
    expect(rooms.filter((room) => !readme.includes(`\`${room}/\``))).toEqual([]);
  });

  test("a room imports only the rooms its line in app/models/README.md names", () => {
    const readme = readFileSync(path.join(appDir, "models/README.md"), "utf8");
    const allowed = new Map(
      [...readme.matchAll(/^\| `([a-z]+)\/`\s*\|[^|]*\|([^|]*)\|$/gm)].map((row) => [
        row[1] ?? "",
        new Set([...(row[2] ?? "").matchAll(/`([a-z]+)\/`/g)].map((room) => room[1])),
      ]),
    );
    const roomOf = (file: string) => /^models\/([a-z]+)\//.exec(relative(file))?.[1];
    const trespass = files.flatMap((file) => {
      const room = roomOf(file);
      if (!room) return [];
      return (graph.get(file) ?? [])
        .map(roomOf)
        .filter((other) => other !== undefined && other !== room && !allowed.get(room)?.has(other))
        .map((other) => `${relative(file)} imports the ${other ?? ""} room`);
    });
    expect(allowed.size).toBeGreaterThan(8);
    expect(trespass).toEqual([]);
  });

  test("at most four files in app/ are longer than 400 lines", () => {
    const long = files
      .map((file) => ({ file: relative(file), lines: readFileSync(file, "utf8").split("\n").length }))
      .filter(({ lines }) => lines > 400);
    expect(long.length, long.map(({ file, lines }) => `${file}: ${lines}`).join("\n")).toBeLessThanOrEqual(4);
  });
});
