import { z } from "zod";
import { defineTemplate, plural } from "./define.server.ts";

/** Only web links: a `javascript:` or `data:` URL must never become a button. */
const webLink = z.url({ protocol: /^https?$/ });
const personName = z.string().trim().min(1).max(200);
const line = z.string().trim().min(1).max(600);

const use = z.object({
  /** "Consultation response", "Policy position", "Open letter". */
  kind: z.string().trim().min(1).max(60),
  title: z.string().trim().min(1).max(300),
  /** The government or addressee, when there is one. */
  to: z.string().trim().min(1).max(300).nullable(),
  /** "3 December 2026". */
  on: z.string().trim().min(1).max(60).nullable(),
  publicLink: webLink.nullable(),
});

/** One use as a sentence: what, to whom, when, and where the public can read it. */
export function useLine(item: z.output<typeof use>): string {
  const to = item.to ? `, to ${item.to}` : "";
  const on = item.on ? `, on ${item.on}` : "";
  const link = item.publicLink ? `\n  Read it: ${item.publicLink}` : "";
  return `• ${item.kind} “${item.title}”${to}${on}${link}`;
}

const section = z.object({ heading: z.string().trim().min(1).max(100), lines: z.array(line).min(1).max(50) });
const sectionsText = (sections: z.output<typeof section>[]) =>
  sections
    .map(({ heading, lines }) => [heading, ...lines.map((text) => `• ${text}`)].join("\n"))
    .join("\n\n");

const why = (organisation: string, count: number) =>
  count === 1
    ? `It cites survey evidence ${organisation} gave, or carries its signature. It never says which answer was whose.`
    : `Each cites survey evidence ${organisation} gave, or carries its signature. None says which answer was whose.`;

/** The emails of the homes: what became of an organisation's evidence, and the weekly digest. */
export const homeTemplates = {
  "evidence-used": defineTemplate({
    file: "evidence-used.mjml",
    props: z.object({
      name: personName,
      organisation: z.string().trim().min(1).max(300),
      uses: z.array(use).min(1).max(50),
      link: webLink,
    }),
    subject: ({ uses }) =>
      uses.length === 1
        ? `Your evidence was used: “${uses[0]?.title ?? ""}”`
        : `Your evidence was used in ${plural(uses.length, "document")}`,
    preview: ({ uses }) =>
      uses.length === 1
        ? "A document that used your contribution has gone out."
        : "Documents that used your contribution have gone out.",
    values: ({ name, organisation, uses, link }) => ({
      name,
      organisation,
      link,
      lead:
        uses.length === 1
          ? `A document that used what ${organisation} contributed has gone out:`
          : `${plural(uses.length, "document")} that used what ${organisation} contributed have gone out:`,
      list: uses.map(useLine).join("\n\n"),
      why: why(organisation, uses.length),
    }),
    text: ({ name, organisation, uses, link }) =>
      [
        `Hello ${name},`,
        uses.length === 1
          ? `A document that used what ${organisation} contributed has gone out:`
          : `${plural(uses.length, "document")} that used what ${organisation} contributed have gone out:`,
        uses.map(useLine).join("\n\n"),
        why(organisation, uses.length),
        `Everywhere your evidence was used:\n${link}`,
      ].join("\n\n"),
  }),
  "weekly-digest": defineTemplate({
    file: "weekly-digest.mjml",
    props: z.object({
      name: personName,
      sections: z.array(section).min(1).max(8),
      link: webLink,
      unsubscribeLink: webLink,
    }),
    subject: () => "Your week on Mutual Voice",
    preview: ({ sections }) => sections.map(({ heading }) => heading).join(" · "),
    values: ({ name, sections, link, unsubscribeLink }) => ({
      name,
      link,
      unsubscribeLink,
      summary: sectionsText(sections),
    }),
    text: ({ name, sections, link, unsubscribeLink }) =>
      [
        `Hello ${name},`,
        "Here is what is waiting for you this week.",
        sectionsText(sections),
        `Open your home page:\n${link}`,
        `You get this digest on Mondays when there is something to tell you. Stop it:\n${unsubscribeLink}`,
      ].join("\n\n"),
  }),
};
