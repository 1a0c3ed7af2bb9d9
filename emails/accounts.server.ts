import { z } from "zod";
import { defineTemplate } from "./define.server.ts";

/** Only web links: a `javascript:` or `data:` URL must never become a button. */
const webLink = z.url({ protocol: /^https?$/ });
const personName = z.string().trim().min(1).max(200);

/** Emails about a person's own account. */
export const accountTemplates = {
  "second-factor-reset": defineTemplate({
    file: "second-factor-reset.mjml",
    props: z.object({ name: personName, admin: personName, link: webLink }),
    subject: () => "Your Mutual Voice second factor was reset",
    preview: ({ admin }) => `${admin} removed your passkeys and authenticator app.`,
    text: ({ name, admin, link }) =>
      [
        `Hello ${name},`,
        `${admin}, an administrator, has removed your passkeys, authenticator app and recovery codes, and signed you out everywhere.`,
        `Sign in with an emailed link and add a new second factor:\n${link}`,
        "If you did not ask for this, tell an administrator at once: someone may be trying to take over your account.",
      ].join("\n\n"),
  }),
} as const;
