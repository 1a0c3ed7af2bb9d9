import { z } from "zod";
import { defineTemplate, plural } from "./define.server.ts";

/** Only web links: a `javascript:` or `data:` URL must never become a button. */
const webLink = z.url({ protocol: /^https?$/ });
const personName = z.string().trim().min(1).max(200);

/** Every email the app sends: one .mjml file in emails/ and one entry here. */
export const templates = {
  "sign-in": defineTemplate({
    file: "sign-in.mjml",
    props: z.object({ name: personName, link: webLink, minutes: z.number().int().positive() }),
    subject: () => "Your sign-in link for Mutual Voice",
    preview: ({ minutes }) => `Your link expires in ${plural(minutes, "minute")}.`,
    values: ({ name, link, minutes }) => ({ name, link, expiry: plural(minutes, "minute") }),
    text: ({ name, link, minutes }) =>
      [
        `Hello ${name},`,
        "Use this link to sign in to Mutual Voice:",
        link,
        `This link works once and expires in ${plural(minutes, "minute")}. ` +
          "If you did not ask for it, you can ignore this email; nobody can sign in without it.",
      ].join("\n\n"),
  }),
} as const;
