import { z } from "zod";
import { defineTemplate, lifetime, plural } from "./define.server.ts";
import { accountTemplates } from "./accounts.server.ts";
import { homeTemplates } from "./homes.server.ts";
import { linkNote, surveyLead, surveyWho } from "./survey-words.server.ts";
import { welshLetterTemplates } from "./welsh-letters.server.ts";
import { welshTemplates } from "./welsh.server.ts";

/** Only web links: a `javascript:` or `data:` URL must never become a button. */
const webLink = z.url({ protocol: /^https?$/ });
const personName = z.string().trim().min(1).max(200);
const shortText = z.string().trim().min(1).max(300);
const documentTitle = z.string().trim().min(1).max(300);

/** Every email the app sends: one .mjml file in emails/ and one entry here. */
export const templates = {
  ...homeTemplates,
  ...accountTemplates,
  ...welshTemplates,
  ...welshLetterTemplates,
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
  "position-review-requested": defineTemplate({
    file: "position-review-requested.mjml",
    props: z.object({
      name: personName,
      requester: personName,
      title: documentTitle,
      version: z.number().int().positive(),
      message: z.string().max(1000).default(""),
      link: webLink,
    }),
    subject: ({ title }) => `Review requested: ${title}`,
    preview: ({ requester }) => `${requester} has asked you to review a policy position.`,
    values: ({ name, requester, title, version, message, link }) => ({
      name,
      requester,
      title,
      version,
      link,
      messageLine: message ? `Their note: “${message}”` : "They left no note.",
    }),
    text: ({ name, requester, title, version, message, link }) =>
      [
        `Hello ${name},`,
        `${requester} has asked you to review the policy position “${title}” (version ${version}).`,
        message ? `Their note: “${message}”` : "They left no note.",
        `Review it here:\n${link}`,
        "You can approve it, or send it back with a comment saying what needs to change.",
      ].join("\n\n"),
  }),
  "position-sent-back": defineTemplate({
    file: "position-sent-back.mjml",
    props: z.object({
      name: personName,
      reviewer: personName,
      title: documentTitle,
      comment: z.string().trim().min(1).max(4000),
      link: webLink,
    }),
    subject: ({ title }) => `Sent back for changes: ${title}`,
    preview: ({ reviewer }) => `${reviewer} has asked for changes.`,
    text: ({ name, reviewer, title, comment, link }) =>
      [
        `Hello ${name},`,
        `${reviewer} has sent the policy position “${title}” back to draft with this comment:`,
        comment,
        `Open the position:\n${link}`,
        "When you have made the changes, ask for review again.",
      ].join("\n\n"),
  }),
  "position-approved": defineTemplate({
    file: "position-approved.mjml",
    props: z.object({
      name: personName,
      reviewer: personName,
      title: documentTitle,
      version: z.number().int().positive(),
      comment: z.string().max(4000).default(""),
      link: webLink,
    }),
    subject: ({ title }) => `Approved: ${title}`,
    preview: ({ reviewer }) => `${reviewer} has approved it; it is ready to publish.`,
    values: ({ name, reviewer, title, version, comment, link }) => ({
      name,
      reviewer,
      title,
      version,
      link,
      commentLine: comment ? `Their comment: “${comment}”` : "They left no comment.",
    }),
    text: ({ name, reviewer, title, version, comment, link }) =>
      [
        `Hello ${name},`,
        `${reviewer} has approved the policy position “${title}” (version ${version}).`,
        comment ? `Their comment: “${comment}”` : "They left no comment.",
        `Open the position:\n${link}`,
        "It is ready to publish.",
      ].join("\n\n"),
  }),
  "position-urgent-published": defineTemplate({
    file: "position-urgent-published.mjml",
    props: z.object({
      name: personName,
      publisher: personName,
      title: documentTitle,
      reason: z.string().trim().min(1).max(1000),
      link: webLink,
    }),
    subject: ({ title }) => `Published without review, please review: ${title}`,
    preview: ({ publisher }) => `${publisher} published a position urgently; it needs a second reader.`,
    text: ({ name, publisher, title, reason, link }) =>
      [
        `Hello ${name},`,
        `${publisher} has published the policy position “${title}” at once, without review, for this reason:`,
        reason,
        `It is marked “awaiting retrospective review” until someone other than ${publisher} reviews it. Please read it and record your review:\n${link}`,
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
      expiry: lifetime(minutes),
    }),
    text: ({ name, organisationName, inviterName, link, minutes, loginUrl }) =>
      [
        `Hello ${name},`,
        `${inviterName} has invited you to Mutual Voice, the advocacy desk of the Public Service Mutuals Network, as a contact for ${organisationName}.`,
        "There you can see your organisation's details and what the network asks of it: surveys to answer and open letters to sign.",
        "Use this link to sign in:",
        link,
        `For your security the link works once and only for ${lifetime(minutes)}. ` +
          `If it has expired, go to ${loginUrl} and enter this email address: we will send you a new link. There is no password.`,
      ].join("\n\n"),
  }),
  "letter-invitation": defineTemplate({
    file: "letter-invitation.mjml",
    props: z.object({
      name: personName,
      organisation: shortText,
      title: shortText,
      addressee: shortText,
      link: webLink,
      /** "It closes on 30 November 2026." or null when it has no closing date. */
      closesOn: z.string().trim().min(1).max(100).nullable(),
    }),
    subject: ({ title }) => `Will you sign the open letter “${title}”?`,
    preview: ({ organisation }) => `Sign for ${organisation} with your personal link.`,
    values: ({ name, organisation, title, addressee, link, closesOn }) => ({
      name,
      organisation,
      title,
      addressee,
      link,
      closing: closesOn ? `Signatures close on ${closesOn}.` : "It is open for signatures now.",
    }),
    text: ({ name, organisation, title, addressee, link, closesOn }) =>
      [
        `Hello ${name},`,
        `We invite you to sign an open letter for ${organisation}, as its leader. The letter is addressed to ${addressee}:`,
        title,
        closesOn ? `Signatures close on ${closesOn}.` : "It is open for signatures now.",
        "Read and sign the letter here:",
        link,
        "This link is personal: it lets you sign this letter for your organisation without a password, " +
          "and works until the letter closes. Please do not forward it. Each organisation signs once.",
      ].join("\n\n"),
  }),
  "letter-signed": defineTemplate({
    file: "letter-signed.mjml",
    props: z.object({
      name: personName,
      organisation: shortText,
      title: shortText,
      signedAt: shortText,
      publicLink: webLink,
      manageLink: webLink,
    }),
    subject: ({ title }) => `You signed “${title}”`,
    preview: ({ organisation }) => `Your signature for ${organisation} is on the letter.`,
    text: ({ name, organisation, title, signedAt, publicLink, manageLink }) =>
      [
        `Hello ${name},`,
        `Thank you. You signed the open letter “${title}” for ${organisation} on ${signedAt}.`,
        "See the letter and its signatories:",
        publicLink,
        "You can withdraw your organisation's signature until the letter closes: use the personal link in your invitation, or sign in here:",
        manageLink,
        "If you did not sign this letter, tell us by replying to this email and use the link above to withdraw the signature.",
      ].join("\n\n"),
  }),
  "letter-signature-withdrawn": defineTemplate({
    file: "letter-signature-withdrawn.mjml",
    props: z.object({ name: personName, organisation: shortText, title: shortText, manageLink: webLink }),
    subject: ({ title }) => `Signature withdrawn from “${title}”`,
    text: ({ name, organisation, title, manageLink }) =>
      [
        `Hello ${name},`,
        `The signature of ${organisation} has been withdrawn from the open letter “${title}”. ` +
          "The organisation is no longer listed as a signatory.",
        "While the letter is open, your organisation can sign again here:",
        manageLink,
        "If you did not withdraw it, reply to this email so we can look into it.",
      ].join("\n\n"),
  }),
  "letter-delivered": defineTemplate({
    file: "letter-delivered.mjml",
    props: z.object({
      name: personName,
      organisation: shortText,
      title: shortText,
      recipient: shortText,
      /** "by email", "by post", "by hand" or "online". */
      method: z.enum(["by email", "by post", "by hand", "online"]),
      deliveredOn: shortText,
      figures: shortText,
      publicLink: webLink,
    }),
    subject: ({ title }) => `Delivered: “${title}”`,
    preview: ({ recipient }) => `The letter you signed reached ${recipient}.`,
    text: ({ name, organisation, title, recipient, method, deliveredOn, figures, publicLink }) =>
      [
        `Hello ${name},`,
        `The open letter “${title}”, which you signed for ${organisation}, was delivered to ${recipient} ${method} on ${deliveredOn}.`,
        `It went with the signatures of ${figures}.`,
        "See the letter:",
        publicLink,
        "Thank you for adding your organisation's voice.",
      ].join("\n\n"),
  }),
  "survey-invitation": defineTemplate({
    file: "survey-invitation.mjml",
    props: z.object({
      name: personName,
      title: shortText,
      /** Set in organisation mode: colleagues answer together for it. */
      organisation: shortText.nullable(),
      link: webLink,
      /** "30 November 2026" */
      closesOn: shortText,
      reminder: z.boolean().default(false),
      /** Anonymous surveys: answers saved with one link cannot be found with another. */
      anonymous: z.boolean().default(false),
    }),
    subject: ({ title, reminder }) => (reminder ? `Reminder: please answer “${title}”` : `Survey: ${title}`),
    preview: ({ closesOn }) => `Open until ${closesOn}, with your personal link.`,
    values: ({ name, title, organisation, link, closesOn, reminder, anonymous }) => ({
      name,
      title,
      link,
      linkNote: linkNote(reminder, anonymous),
      lead: surveyLead(reminder),
      who: surveyWho(organisation),
      closing: `The survey closes at the end of ${closesOn}.`,
    }),
    text: ({ name, title, organisation, link, closesOn, reminder, anonymous }) =>
      [
        `Hello ${name},`,
        surveyLead(reminder),
        title,
        `${surveyWho(organisation)} The survey closes at the end of ${closesOn}.`,
        "Answer the survey here:",
        link,
        linkNote(reminder, anonymous),
      ].join("\n\n"),
  }),
  "survey-receipt": defineTemplate({
    file: "survey-receipt.mjml",
    props: z.object({
      name: personName,
      title: shortText,
      organisation: shortText.nullable(),
      submittedAt: shortText,
      link: webLink,
    }),
    subject: ({ title }) => `Received: your answers to “${title}”`,
    preview: ({ submittedAt }) => `Submitted on ${submittedAt}.`,
    values: ({ name, title, organisation, submittedAt, link }) => ({
      name,
      title,
      submittedAt,
      link,
      forWhom: organisation ? `for ${organisation}` : "you gave",
    }),
    text: ({ name, title, organisation, submittedAt, link }) =>
      [
        `Hello ${name},`,
        `Thank you: the answers ${organisation ? `for ${organisation}` : "you gave"} to the survey “${title}” were submitted on ${submittedAt}.`,
        "You can read what was submitted with your link until the survey closes:",
        link,
      ].join("\n\n"),
  }),
  "submission-review-requested": defineTemplate({
    file: "submission-review-requested.mjml",
    props: z.object({
      name: personName,
      requester: personName,
      title: documentTitle,
      closesOn: shortText,
      message: z.string().max(1000).default(""),
      link: webLink,
    }),
    subject: ({ title }) => `Review requested: submission to “${title}”`,
    preview: ({ requester }) => `${requester} has asked you to review a consultation submission.`,
    values: ({ name, requester, title, closesOn, message, link }) => ({
      name,
      requester,
      title,
      closesOn,
      link,
      messageLine: message ? `Their note: “${message}”` : "They left no note.",
    }),
    text: ({ name, requester, title, closesOn, message, link }) =>
      [
        `Hello ${name},`,
        `${requester} has asked you to review the submission “${title}”, due to the government on ${closesOn}.`,
        message ? `Their note: “${message}”` : "They left no note.",
        `Review it here:\n${link}`,
        "You can approve it, or send it back with a comment saying what needs to change.",
      ].join("\n\n"),
  }),
  "submission-sent-back": defineTemplate({
    file: "submission-sent-back.mjml",
    props: z.object({
      name: personName,
      reviewer: personName,
      title: documentTitle,
      comment: z.string().trim().min(1).max(2000),
      link: webLink,
    }),
    subject: ({ title }) => `Sent back for changes: submission to “${title}”`,
    preview: ({ reviewer }) => `${reviewer} has asked for changes.`,
    text: ({ name, reviewer, title, comment, link }) =>
      [
        `Hello ${name},`,
        `${reviewer} has sent the submission “${title}” back for changes with this comment:`,
        comment,
        `Open the submission:\n${link}`,
        "When you have made the changes, ask for review again.",
      ].join("\n\n"),
  }),
  "submission-approved": defineTemplate({
    file: "submission-approved.mjml",
    props: z.object({
      name: personName,
      reviewer: personName,
      title: documentTitle,
      closesOn: shortText,
      comment: z.string().max(2000).default(""),
      link: webLink,
    }),
    subject: ({ title }) => `Approved: submission to “${title}”`,
    preview: ({ reviewer }) => `${reviewer} has approved it; it is ready to send.`,
    values: ({ name, reviewer, title, closesOn, comment, link }) => ({
      name,
      reviewer,
      title,
      closesOn,
      link,
      commentLine: comment ? `Their comment: “${comment}”` : "They left no comment.",
    }),
    text: ({ name, reviewer, title, closesOn, comment, link }) =>
      [
        `Hello ${name},`,
        `${reviewer} has approved the submission “${title}”. Its figures and citations are now frozen.`,
        comment ? `Their comment: “${comment}”` : "They left no comment.",
        `Open the submission:\n${link}`,
        `It is ready to export and send before ${closesOn}.`,
      ].join("\n\n"),
  }),
  "submission-reminder": defineTemplate({
    file: "submission-reminder.mjml",
    props: z.object({
      name: personName,
      title: documentTitle,
      /** "internal deadline" or "government's closing date". */
      deadlineName: z.enum(["internal deadline", "government's closing date"]),
      due: shortText,
      daysLeft: z.number().int().min(0),
      state: shortText,
      link: webLink,
    }),
    subject: ({ title, deadlineName, daysLeft }) =>
      `${plural(daysLeft, "day")} to the ${deadlineName}: “${title}”`,
    preview: ({ deadlineName, due }) => `The ${deadlineName} is ${due}.`,
    values: ({ name, title, deadlineName, due, daysLeft, state, link }) => ({
      name,
      title,
      deadlineName,
      due,
      state,
      link,
      daysLeft: `${plural(daysLeft, "day")} left`,
    }),
    text: ({ name, title, deadlineName, due, daysLeft, state, link }) =>
      [
        `Hello ${name},`,
        `The ${deadlineName} for the submission “${title}” is ${due} (${plural(daysLeft, "day")} left).`,
        `It is ${state}.`,
        `Open the submission:\n${link}`,
      ].join("\n\n"),
  }),
} as const;
