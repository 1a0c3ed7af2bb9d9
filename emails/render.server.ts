import { readFile } from "node:fs/promises";
import path from "node:path";
import mjml2html from "mjml";

export class EmailRenderError extends Error {
  override name = "EmailRenderError";
}

const entities: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => entities[char] ?? char);
}

const placeholder = /\{\{\s*([A-Za-z_]\w*)\s*\}\}/g;

/**
 * Fills `{{name}}` placeholders, escaped for HTML text and quoted attributes alike. A name
 * without a text or number value throws, so a typo in a template fails its test instead of
 * sending an email with a hole in it.
 */
export function interpolate(source: string, values: Readonly<Record<string, unknown>>): string {
  return source.replace(placeholder, (_match, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (typeof value === "string") return escapeHtml(value);
    if (typeof value === "number" && Number.isFinite(value)) return String(value);
    throw new EmailRenderError(`No text or number value for {{${name}}}`);
  });
}

/** MJML to HTML, refusing anything MJML would only warn about. */
export async function renderMjml(source: string): Promise<string> {
  let result;
  try {
    result = await mjml2html(source, { validationLevel: "strict", keepComments: false });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new EmailRenderError(`Invalid MJML: ${detail}`, { cause: error });
  }
  if (result.errors.length) {
    throw new EmailRenderError(`Invalid MJML: ${result.errors.map((e) => e.formattedMessage).join("; ")}`);
  }
  return result.html;
}

const cache = new Map<string, Promise<string>>();

/**
 * The app always runs from the project root, under tsx, vitest or the Remix build alike, while
 * import.meta.url points into build/ once bundled: so the folder comes from the working directory.
 */
export function readEmailFile(file: string): Promise<string> {
  let source = cache.get(file);
  if (!source) {
    source = readFile(path.resolve(process.cwd(), "emails", file), "utf8");
    // A failed read is not remembered, so a file restored later is found on the next render.
    source.catch(() => cache.delete(file));
    cache.set(file, source);
  }
  return source;
}
