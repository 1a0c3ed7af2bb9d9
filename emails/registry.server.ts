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
  invitation: defineTemplate({
    file: "invitation.mjml",
    props: z.object({
      name: personName,
      organisationName: z.string().trim().min(1).max(300),
      inviterName: personName,
      link: webLink,
      minutes: z.number().int().positive(),
      loginUrl: webLink,
    }),
    subject: ({ organisationName }) => `You are invited to Mutual Voice for ${organisationName}`,
    preview: () => "Sign in to see your organisation and what is asked of it.",
    values: ({ name, organisationName, inviterName, link, minutes, loginUrl }) => ({
      name,
      organisationName,
      inviterName,
      link,
      loginUrl,
      expiry: plural(minutes, "minute"),
    }),
    text: ({ name, organisationName, inviterName, link, minutes, loginUrl }) =>
      [
        `Hello ${name},`,
        `${inviterName} has invited you to Mutual Voice, the advocacy desk of the Public Service Mutuals Network, as a contact for ${organisationName}.`,
        "There you can see your organisation's details and what the network asks of it: surveys to answer and open letters to sign.",
        "Use this link to sign in:",
        link,
        `For your security the link works once and only for ${plural(minutes, "minute")}. ` +
          `If it has expired, go to ${loginUrl} and enter this email address: we will send you a new link. There is no password.`,
      ].join("\n\n"),
  }),
} as const;
