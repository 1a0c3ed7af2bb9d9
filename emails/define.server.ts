import { z } from "zod";
import { EmailRenderError } from "./render.server.ts";

type Props = Record<string, unknown>;

export interface TemplateSpec<Schema extends z.ZodType<Props>> {
  /** MJML sections in emails/ that fill the layout's body slot. */
  file: string;
  props: Schema;
  subject: (props: z.output<Schema>) => string;
  /** The plain-text part, without the footer: the layout adds it. */
  text: (props: z.output<Schema>) => string;
  /** The inbox preview line. */
  preview?: (props: z.output<Schema>) => string;
  /** Placeholder values when the props alone do not read well in the template (plurals, dates). */
  values?: (props: z.output<Schema>) => Record<string, string | number>;
}

export interface PreparedEmail {
  /** The props after their schema: defaults filled in, ready to keep as JSON and check again later. */
  props: Readonly<Record<string, unknown>>;
  file: string;
  subject: string;
  preview: string;
  text: string;
  values: Readonly<Record<string, unknown>>;
}

export interface EmailTemplate<Schema extends z.ZodType<Props>> extends TemplateSpec<Schema> {
  /** Validates untrusted props and derives everything the renderer needs from them. */
  prepare(name: string, props: unknown): PreparedEmail;
}

/**
 * Keeps the schema's type attached to one template, so the registry can hold templates with
 * different props while each one's functions stay checked against its own schema.
 */
export function defineTemplate<Schema extends z.ZodType<Props>>(
  spec: TemplateSpec<Schema>,
): EmailTemplate<Schema> {
  return {
    ...spec,
    prepare(name, raw) {
      const parsed = spec.props.safeParse(raw);
      if (!parsed.success) {
        throw new EmailRenderError(`Invalid props for email "${name}":\n${z.prettifyError(parsed.error)}`, {
          cause: parsed.error,
        });
      }
      const props = parsed.data;
      return {
        props,
        file: spec.file,
        subject: spec.subject(props),
        preview: spec.preview?.(props) ?? "",
        text: spec.text(props),
        values: spec.values?.(props) ?? props,
      };
    },
  };
}

export const plural = (count: number, one: string, many = `${one}s`) =>
  `${count} ${count === 1 ? one : many}`;

/** A link's lifetime as people say it: "10 minutes", "7 days". */
export const lifetime = (minutes: number) =>
  minutes % 1440 === 0 ? plural(minutes / 1440, "day") : plural(minutes, "minute");
