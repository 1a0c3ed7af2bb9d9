import type { z } from "zod";
import type { PreparedEmail } from "./define.server.ts";
import { templates } from "./registry.server.ts";
import { EmailRenderError, interpolate, readEmailFile, renderMjml } from "./render.server.ts";

export { EmailRenderError, escapeHtml, interpolate, renderMjml } from "./render.server.ts";
export { templates };

export type TemplateName = keyof typeof templates;
/** What a caller passes: the schema's input, so fields with defaults may be left out. */
export type EmailProps<Name extends TemplateName> = z.input<(typeof templates)[Name]["props"]>;

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export const FOOTER = "Mutual Voice · the advocacy desk of the Public Service Mutuals Network";
const BODY_SLOT = "{{{body}}}";

/**
 * The layout is split at its body slot before anything is filled in, so a value that happens
 * to contain `{{...}}` or the slot itself is only ever text, never template.
 */
function composeLayout(layout: string, values: Record<string, string>, body: string): string {
  const parts = layout.split(BODY_SLOT);
  if (parts.length !== 2) throw new EmailRenderError(`The layout needs exactly one ${BODY_SLOT} slot`);
  const [before = "", after = ""] = parts;
  return interpolate(before, values) + body + interpolate(after, values);
}

function textParts(prepared: PreparedEmail): { subject: string; text: string } {
  // Folded whitespace keeps a stray newline from props out of the Subject header.
  const subject = prepared.subject.replace(/\s+/g, " ").trim();
  return { subject, text: `${prepared.text.trim()}\n\n-- \n${FOOTER}\n` };
}

/**
 * Checks the props and builds subject and plain text, without MJML: cheap enough for a hot
 * transaction. `props` is what the schema made of them, the form the outbox keeps.
 */
export function renderEmailText(
  name: TemplateName,
  props: unknown,
): { subject: string; text: string; props: Readonly<Record<string, unknown>> } {
  const prepared = templates[name].prepare(name, props);
  return { ...textParts(prepared), props: prepared.props };
}

/** The whole email. Props are unknown here so stored (JSON) props are checked again before use. */
export async function renderStoredEmail(name: TemplateName, props: unknown): Promise<RenderedEmail> {
  const prepared = templates[name].prepare(name, props);
  const { subject, text } = textParts(prepared);
  const [layout, body] = await Promise.all([readEmailFile("layout.mjml"), readEmailFile(prepared.file)]);
  const source = composeLayout(
    layout,
    { subject, preview: prepared.preview },
    interpolate(body, prepared.values),
  );
  return { subject, html: await renderMjml(source), text };
}

export function renderEmail<Name extends TemplateName>(
  name: Name,
  props: EmailProps<Name>,
): Promise<RenderedEmail> {
  return renderStoredEmail(name, props);
}

export function isTemplateName(name: string): name is TemplateName {
  return Object.hasOwn(templates, name);
}
