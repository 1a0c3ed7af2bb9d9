import markdownIt, { type StateCore, type StateInline, type Token } from "markdown-it";
import container from "markdown-it-container";
import {
  appliesTo,
  blockScopeLabels,
  blockScopes,
  governmentSchema,
  type BlockScope,
  type Government,
} from "~/schemas/governments.ts";
import { sanitize } from "./safe-html.server.ts";

/**
 * Markdown for positions, submissions and letters: text only (no raw HTML, no images), links
 * only to web pages, mail and this site. Nation blocks are fenced containers (`::: scotland` …
 * `:::`); citations are `[@ev:12]`, rendered as numbered footnotes. Output also passes through
 * sanitize-html, so a gap in one defence is not a hole in the page.
 */

/** What a citation points at, looked up by the caller (app/models/evidence/citations.server.ts). */
export interface CitationSource {
  id: number;
  /** Why it must not be cited; null when it may be. */
  problem: "withdrawn" | "no_consent" | null;
  text: string;
  url: string | null;
  n: number | null;
  /** Said after the footnote: what happened to a frozen source since ("later withdrawn on …"). */
  laterNote?: string | null;
}

export type MarkdownProblemKind =
  "missing_evidence" | "withdrawn_evidence" | "no_consent" | "unknown_block" | "unclosed_block";

export interface MarkdownProblem {
  kind: MarkdownProblemKind;
  message: string;
  /** 1-based source line, where one applies. */
  line: number | null;
}

export interface Footnote {
  number: number;
  evidenceId: number;
  text: string;
  url: string | null;
  n: number | null;
  laterNote: string | null;
  /** Ids of the places in the text that cite it, for back links. */
  refs: string[];
}

export interface RenderedMarkdown {
  html: string;
  footnotes: Footnote[];
  problems: MarkdownProblem[];
}

export interface ParsedMarkdown {
  tokens: Token[];
  /** Evidence ids cited in the variant, in order of first appearance. */
  citedIds: number[];
  problems: MarkdownProblem[];
}

export interface RenderOptions {
  /** Whose variant to render; "all" shows every block, labelled with its nation. */
  government?: Government | "all";
  /** Editor mode marks problems in the text; published mode leaves a bad citation out. */
  mode?: "editor" | "published";
  /** Keeps ids unique when two renders share a page. */
  idPrefix?: string;
}

interface RenderEnv {
  [key: string | symbol]: unknown;
  government: Government | "all";
  mode: "editor" | "published";
  idPrefix: string;
  evidence: ReadonlyMap<number, CitationSource>;
  footnotes: Map<number, Footnote>;
  problems: MarkdownProblem[];
}

const SAFE_SCHEMES = new Set(["http", "https", "mailto"]);

/**
 * Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"), so they
 * are stripped before the scheme is read. Anything not plainly a web, mail or same-site link is
 * refused, including protocol-relative `//host` and backslash tricks.
 */
export function isSafeLink(url: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  const cleaned = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, "").toLowerCase();
  if (cleaned.includes("\\")) return false;
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(cleaned);
  if (scheme?.[1] !== undefined) return SAFE_SCHEMES.has(scheme[1]);
  if (cleaned.includes(":") && !/^[^:]*[/?#]/.test(cleaned)) return false;
  return !cleaned.startsWith("//");
}

const CITATION = /^\[@ev:(\d{1,9})\]/;

function citationRule(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x5b /* [ */) return false;
  const match = CITATION.exec(state.src.slice(state.pos, state.pos + 16));
  if (!match?.[1]) return false;
  if (!silent) {
    const token = state.push("citation", "", 0);
    token.meta = { id: Number(match[1]) };
  }
  state.pos += match[0].length;
  return true;
}

const isScope = (value: string): value is BlockScope => blockScopes.some((scope) => scope === value);

function scopeOfToken(token: Token): BlockScope | null {
  const match = /^container_(.+)_(open|close)$/.exec(token.type);
  return match?.[1] !== undefined && isScope(match[1]) ? match[1] : null;
}

/** markdown-it types its env as a bag of unknowns: ours is found again by identity. */
const renderEnvs = new WeakMap<object, RenderEnv>();

function readEnv(env: unknown): RenderEnv {
  const found = typeof env === "object" && env !== null ? renderEnvs.get(env) : undefined;
  if (!found) throw new Error("Render through renderParsed, which sets up the environment");
  return found;
}

/** Drops the blocks the chosen government does not read, and the fences of those it does. */
function variantRule(state: StateCore): void {
  const parsed = governmentSchema.safeParse(state.env.government);
  if (!parsed.success) return;
  const government = parsed.data;
  const kept: Token[] = [];
  let skipping = 0;
  for (const token of state.tokens) {
    if (skipping > 0) {
      if (token.type.startsWith("container_")) skipping += token.nesting;
      continue;
    }
    const scope = scopeOfToken(token);
    if (scope && token.nesting === 1 && !appliesTo(scope, government)) {
      skipping = 1;
      continue;
    }
    if (scope) continue;
    kept.push(token);
  }
  state.tokens = kept;
}

/** The page's h1 is the document's title, so the text's top heading level becomes h2, and the rest follow. */
function headingRule(state: StateCore): void {
  const headings = state.tokens.filter(
    (token) => token.type === "heading_open" || token.type === "heading_close",
  );
  if (!headings.length) return;
  const top = Math.min(...headings.map((token) => Number(token.tag.slice(1))));
  for (const token of headings) token.tag = `h${Math.min(Number(token.tag.slice(1)) - top + 2, 6)}`;
}

function createParser() {
  const md = markdownIt({ html: false, linkify: true, typographer: true, breaks: false });
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });
  md.validateLink = isSafeLink;
  md.disable(["image"]);
  md.inline.ruler.before("link", "citation", citationRule);
  md.core.ruler.after("block", "nation_variant", variantRule);
  md.core.ruler.push("heading_levels", headingRule);
  for (const scope of blockScopes) {
    md.use(container, scope, {
      validate: (params: string) => params.trim() === scope,
      render: (tokens: Token[], idx: number, _options: unknown, env: unknown) => {
        const token = tokens[idx];
        if (!token) return "";
        const { government } = readEnv(env);
        // In a government's variant the kept blocks read as ordinary text.
        if (government !== "all") return "";
        if (token.nesting !== 1) return "</div>\n";
        return `<div class="nation-block nation-block--${scope}"><p class="nation-block__label">${blockScopeLabels[scope]}</p>\n`;
      },
    });
  }
  md.renderer.rules.citation = (tokens, idx, _options, env) => renderCitation(tokens[idx], readEnv(env));
  return md;
}

function renderCitation(token: Token | undefined, env: RenderEnv): string {
  const id = Number(token?.meta?.id);
  const source = env.evidence.get(id);
  if (!source || source.problem) {
    if (env.mode !== "editor") return "";
    const why = !source ? "not found" : source.problem === "withdrawn" ? "withdrawn" : "no consent to quote";
    return `<mark class="citation-problem">[evidence ${id}: ${why}]</mark>`;
  }
  let footnote = env.footnotes.get(id);
  if (!footnote) {
    footnote = {
      number: env.footnotes.size + 1,
      evidenceId: id,
      text: source.text,
      url: source.url,
      n: source.n,
      laterNote: source.laterNote ?? null,
      refs: [],
    };
    env.footnotes.set(id, footnote);
  }
  const ref = `${env.idPrefix}cite-${footnote.number}-${footnote.refs.length + 1}`;
  footnote.refs.push(ref);
  return (
    `<sup class="citation"><a href="#${env.idPrefix}fn-${footnote.number}" id="${ref}">` +
    `<span class="visually-hidden">Source </span>[${footnote.number}]</a></sup>`
  );
}

const md = createParser();
const escapeHtml = md.utils.escapeHtml;

function lineProblems(source: string): MarkdownProblem[] {
  const problems: MarkdownProblem[] = [];
  let open: { name: string; line: number } | null = null;
  let fence: string | null = null;
  for (const [index, text] of source.split("\n").entries()) {
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(text);
    if (fenceMatch?.[1]) {
      if (fence === null) fence = fenceMatch[1][0] ?? null;
      else if (fenceMatch[1][0] === fence) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const marker = /^ {0,3}:::\s*(.*)$/.exec(text);
    if (!marker) continue;
    const name = (marker[1] ?? "").trim();
    if (name === "") {
      open = null;
      continue;
    }
    if (!isScope(name)) {
      problems.push({
        kind: "unknown_block",
        message: `Line ${index + 1}: "::: ${name}" is not a nation block; use one of ${blockScopes.join(", ")}`,
        line: index + 1,
      });
      continue;
    }
    open = { name, line: index + 1 };
  }
  const unclosed = open;
  if (unclosed) {
    problems.push({
      kind: "unclosed_block",
      message: `Line ${unclosed.line}: the "${unclosed.name}" block is not closed with ":::" and runs to the end`,
      line: unclosed.line,
    });
  }
  return problems;
}

function collectCitations(tokens: Token[]): number[] {
  const ids = new Set<number>();
  const walk = (list: Token[]) => {
    for (const token of list) {
      if (token.type === "citation") ids.add(Number(token.meta?.id));
      if (token.children) walk(token.children);
    }
  };
  walk(tokens);
  return [...ids];
}

export function parseMarkdown(
  source: string,
  options: Pick<RenderOptions, "government"> = {},
): ParsedMarkdown {
  const tokens = md.parse(source, { government: options.government ?? "all" });
  return { tokens, citedIds: collectCitations(tokens), problems: lineProblems(source) };
}

function footnotesHtml(footnotes: Footnote[], prefix: string): string {
  if (!footnotes.length) return "";
  const items = footnotes.map((note) => {
    const n = note.n === null ? "" : ` (n = ${note.n.toLocaleString("en-GB")})`;
    const link =
      note.url && isSafeLink(note.url)
        ? ` <a href="${escapeHtml(note.url)}">${escapeHtml(note.url)}</a>`
        : "";
    const backs = note.refs
      .map(
        (ref, index) =>
          ` <a href="#${ref}" class="footnote-back">↩<span class="visually-hidden"> back to reference ${note.number}${note.refs.length > 1 ? ` (${index + 1})` : ""}</span></a>`,
      )
      .join("");
    const later = note.laterNote
      ? ` <strong class="footnote-later">${escapeHtml(note.laterNote)}</strong>`
      : "";
    return `<li id="${prefix}fn-${note.number}">${escapeHtml(note.text)}${n}.${link}${later}${backs}</li>`;
  });
  return (
    `<section class="footnotes" aria-labelledby="${prefix}sources-title">` +
    `<h2 id="${prefix}sources-title">Sources</h2><ol>${items.join("")}</ol></section>`
  );
}

export function renderParsed(
  parsed: ParsedMarkdown,
  evidence: ReadonlyMap<number, CitationSource>,
  options: RenderOptions = {},
): RenderedMarkdown {
  const idPrefix = options.idPrefix ?? "";
  const env: RenderEnv = {
    government: options.government ?? "all",
    mode: options.mode ?? "published",
    idPrefix,
    evidence,
    footnotes: new Map(),
    problems: [],
  };
  renderEnvs.set(env, env);
  const body = md.renderer.render(parsed.tokens, md.options, env);
  const footnotes = [...env.footnotes.values()];
  const problems = [...parsed.problems];
  for (const id of parsed.citedIds) {
    const source = evidence.get(id);
    if (!source)
      problems.push({
        kind: "missing_evidence",
        message: `[@ev:${id}] cites evidence that does not exist`,
        line: null,
      });
    else if (source.problem === "withdrawn")
      problems.push({
        kind: "withdrawn_evidence",
        message: `[@ev:${id}] cites evidence that has been withdrawn`,
        line: null,
      });
    else if (source.problem === "no_consent")
      problems.push({
        kind: "no_consent",
        message: `[@ev:${id}] cites a quote without recorded consent`,
        line: null,
      });
  }
  return { html: sanitize(body + footnotesHtml(footnotes, idPrefix)), footnotes, problems };
}

export function renderMarkdown(
  source: string,
  evidence: ReadonlyMap<number, CitationSource> = new Map(),
  options: RenderOptions = {},
): RenderedMarkdown {
  return renderParsed(parseMarkdown(source, options), evidence, options);
}

/**
 * The Markdown a government reads: its blocks without their fences, other nations' blocks gone.
 * Worked out from the parser's own block map, so it agrees with what renders.
 */
export function variantMarkdown(source: string, government: Government): string {
  const tokens = md.parse(source, { government: "all" });
  const lines = source.split("\n");
  const drop = new Set<number>();
  for (const token of tokens) {
    const scope = scopeOfToken(token);
    if (!scope || token.nesting !== 1 || !token.map) continue;
    // markdown-it-container's map ends just before the closing fence line.
    const [start, end] = token.map;
    const closed = /^ {0,3}:::\s*$/.test(lines[end] ?? "");
    if (!appliesTo(scope, government)) {
      for (let line = start; line < (closed ? end + 1 : end); line++) drop.add(line);
      continue;
    }
    drop.add(start);
    if (closed) drop.add(end);
  }
  return lines
    .filter((_, index) => !drop.has(index))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
