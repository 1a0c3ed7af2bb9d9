import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * Finds every form action from app/routes itself, so a new route is fuzzed the day it lands: no
 * list to keep. Names follow Remix's flat routes: dots are slashes, `[...]` is literal, `_index` is
 * the index (posted to with `?index`), a leading `_` is a pathless layout, a trailing `_` leaves
 * its parent's layout, `$name` is a parameter.
 */

const routesDir = path.resolve("app/routes");
const schemasDir = path.resolve("app/schemas");

export interface ActionRoute {
  file: string;
  /** The address with its `$params` still in it, e.g. `/surveys/$id/questions/$questionId`. */
  pattern: string;
  index: boolean;
  /** Intent values the route (or a schema it imports) names. */
  intents: string[];
  /** Field names the route's forms (or the schemas it imports) use. */
  fields: string[];
}

/** `dev.mailbox_.$id[.html]` → ["dev", "mailbox_", "$id.html"] (brackets escape dots). */
function segmentsOf(name: string): string[] {
  const segments: string[] = [];
  let current = "";
  let escaped = false;
  for (const char of name) {
    if (char === "[") escaped = true;
    else if (char === "]") escaped = false;
    else if (char === "." && !escaped) {
      segments.push(current);
      current = "";
    } else current += char;
  }
  segments.push(current);
  return segments;
}

export function routePattern(file: string): { pattern: string; index: boolean } {
  const segments = segmentsOf(file.replace(/\.tsx?$/, ""));
  let index = false;
  const parts: string[] = [];
  for (const segment of segments) {
    if (segment === "_index") index = true;
    else if (segment.startsWith("_")) continue;
    else parts.push(segment.replace(/_$/, ""));
  }
  return { pattern: `/${parts.join("/")}`, index };
}

const exportsAction = (source: string) =>
  /export\s+(async\s+)?function\s+action\b|export\s+const\s+action\b/.test(source);

/** The schema files a route imports, whose field names and intents are the form's too. */
function importedSchemas(source: string): string[] {
  return [...source.matchAll(/from "~\/schemas\/([\w-]+)\.ts"/g)].map((match) =>
    readFileSync(path.join(schemasDir, `${match[1]}.ts`), "utf8"),
  );
}

const all = (source: string, pattern: RegExp) =>
  [...source.matchAll(pattern)].map((match) => match[1]).filter((value): value is string => !!value);

function intentsIn(route: string, schemas: string[]): string[] {
  const found = new Set([
    ...all(route, /intent(?:=\{?|:\s*)"([a-z][a-z-]*)"/g),
    ...all(route, /value="([a-z][a-z-]*)"[^>]*name="intent"|name="intent"[^>]*value="([a-z][a-z-]*)"/g),
    ...all(route, /z\.literal\("([a-z][a-z-]*)"\)/g),
    ...all(route, /case "([a-z][a-z-]*)"/g),
    ...schemas.flatMap((schema) => [
      ...all(schema, /intent: z\.literal\("([a-z][a-z-]*)"\)/g),
      // Tables of forms keyed by their intent: `"request-review": z.object(...)`.
      ...all(schema, /^\s+"([a-z][a-z-]*)": z\.object/gm),
    ]),
  ]);
  found.delete("on");
  return [...found].slice(0, 24);
}

function fieldsIn(route: string, schemas: string[]): string[] {
  const found = new Set([
    ...all(route, /name(?:=|:\s*)"([A-Za-z][\w-]*)"/g),
    ...all(route, /field\("([A-Za-z][\w-]*)"\)/g),
    ...schemas.flatMap((schema) => all(schema, /^\s+([a-z][A-Za-z]*): /gm)),
  ]);
  found.delete("intent");
  return [...found].slice(0, 60);
}

export function actionRoutes(): ActionRoute[] {
  return readdirSync(routesDir)
    .filter((file) => /\.tsx?$/.test(file))
    .sort()
    .flatMap((file) => {
      const source = readFileSync(path.join(routesDir, file), "utf8");
      if (!exportsAction(source)) return [];
      const schemas = importedSchemas(source);
      return [
        {
          file,
          ...routePattern(file),
          intents: intentsIn(source, schemas),
          fields: fieldsIn(source, schemas),
        },
      ];
    });
}

/**
 * The address with every `$param` filled from `fixtures`, which are keyed by the pattern up to and
 * including the parameter (`/surveys/$id`, `/surveys/$id/sections/$sectionId`): an `$id` means a
 * different table under each prefix. Null names the first parameter no fixture fills.
 */
export function fillPattern(
  pattern: string,
  fixtures: Record<string, string | number>,
): { path: string; missing: null } | { path: null; missing: string } {
  let filled = "";
  let prefix = "";
  for (const part of pattern.split("/").slice(1)) {
    const param = /^\$(\w+)(.*)$/.exec(part);
    prefix += `/${param ? `$${param[1]}` : part}`;
    if (!param) {
      filled += `/${part}`;
      continue;
    }
    const value = fixtures[prefix];
    if (value === undefined) return { path: null, missing: prefix };
    filled += `/${encodeURIComponent(String(value))}${param[2] ?? ""}`;
  }
  return { path: filled || "/", missing: null };
}
