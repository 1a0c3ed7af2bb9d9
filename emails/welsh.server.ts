import { z } from "zod";
import { defineTemplate } from "./define.server.ts";
import {
  linkNote,
  linkNoteCy,
  surveyLead,
  surveyLeadCy,
  surveyWho,
  surveyWhoCy,
} from "./survey-words.server.ts";

/**
 * The survey emails of a bilingual survey: both languages in one email, Welsh first, as Welsh
 * public bodies write (the Welsh language standards); one link, whose pages offer both languages.
 */

const webLink = z.url({ protocol: /^https?$/ });
const personName = z.string().trim().min(1).max(200);
const shortText = z.string().trim().min(1).max(300);

export const WELSH_RULE = "— Saesneg isod / English below —";

export const welshTemplates = {
  "survey-invitation-bilingual": defineTemplate({
    file: "survey-invitation-bilingual.mjml",
    props: z.object({
      name: personName,
      title: shortText,
      titleCy: shortText,
      organisation: shortText.nullable(),
      link: webLink,
      /** "30 November 2026" */
      closesOn: shortText,
      /** "30 Tachwedd 2026" */
      closesOnCy: shortText,
      reminder: z.boolean().default(false),
      anonymous: z.boolean().default(false),
    }),
    subject: ({ title, titleCy, reminder }) =>
      reminder
        ? `Nodyn atgoffa: atebwch “${titleCy}” / Reminder: please answer “${title}”`
        : `Arolwg: ${titleCy} / Survey: ${title}`,
    preview: ({ closesOn, closesOnCy }) =>
      `Ar agor tan ${closesOnCy}, gyda'ch dolen bersonol. Open until ${closesOn}, with your personal link.`,
    values: ({ name, title, titleCy, organisation, link, closesOn, closesOnCy, reminder, anonymous }) => ({
      name,
      title,
      titleCy,
      link,
      rule: WELSH_RULE,
      lead: surveyLead(reminder),
      leadCy: surveyLeadCy(reminder),
      who: surveyWho(organisation),
      whoCy: surveyWhoCy(organisation),
      closing: `The survey closes at the end of ${closesOn}.`,
      closingCy: `Mae'r arolwg yn cau ar ddiwedd ${closesOnCy}.`,
      linkNote: linkNote(reminder, anonymous),
      linkNoteCy: linkNoteCy(reminder, anonymous),
    }),
    text: ({ name, title, titleCy, organisation, link, closesOn, closesOnCy, reminder, anonymous }) =>
      [
        `Helo ${name},`,
        surveyLeadCy(reminder),
        titleCy,
        `${surveyWhoCy(organisation)} Mae'r arolwg yn cau ar ddiwedd ${closesOnCy}.`,
        "Atebwch yr arolwg yma (gallwch ddewis Cymraeg neu Saesneg):",
        link,
        linkNoteCy(reminder, anonymous),
        WELSH_RULE,
        `Hello ${name},`,
        surveyLead(reminder),
        title,
        `${surveyWho(organisation)} The survey closes at the end of ${closesOn}.`,
        "Answer the survey here (in Welsh or English):",
        link,
        linkNote(reminder, anonymous),
      ].join("\n\n"),
  }),
  "survey-receipt-bilingual": defineTemplate({
    file: "survey-receipt-bilingual.mjml",
    props: z.object({
      name: personName,
      title: shortText,
      titleCy: shortText,
      organisation: shortText.nullable(),
      submittedAt: shortText,
      submittedAtCy: shortText,
      link: webLink,
    }),
    subject: ({ title, titleCy }) =>
      `Wedi dod i law: eich atebion i “${titleCy}” / Received: your answers to “${title}”`,
    preview: ({ submittedAt, submittedAtCy }) => `Anfonwyd ar ${submittedAtCy}. Submitted on ${submittedAt}.`,
    values: ({ name, title, titleCy, organisation, submittedAt, submittedAtCy, link }) => ({
      name,
      title,
      titleCy,
      link,
      rule: WELSH_RULE,
      thanks: `Thank you: the answers ${organisation ? `for ${organisation}` : "you gave"} to the survey below were submitted on ${submittedAt}.`,
      thanksCy: `Diolch: anfonwyd yr atebion ${organisation ? `ar ran ${organisation}` : "a roesoch"} i'r arolwg isod ar ${submittedAtCy}.`,
    }),
    text: ({ name, title, titleCy, organisation, submittedAt, submittedAtCy, link }) =>
      [
        `Helo ${name},`,
        `Diolch: anfonwyd yr atebion ${organisation ? `ar ran ${organisation}` : "a roesoch"} i'r arolwg “${titleCy}” ar ${submittedAtCy}.`,
        "Gallwch ddarllen yr hyn a anfonwyd gyda'ch dolen nes i'r arolwg gau:",
        link,
        WELSH_RULE,
        `Hello ${name},`,
        `Thank you: the answers ${organisation ? `for ${organisation}` : "you gave"} to the survey “${title}” were submitted on ${submittedAt}.`,
        "You can read what was submitted with your link until the survey closes:",
        link,
      ].join("\n\n"),
  }),
  "letter-invitation-bilingual": defineTemplate({
    file: "letter-invitation-bilingual.mjml",
    props: z.object({
      name: personName,
      organisation: shortText,
      title: shortText,
      titleCy: shortText,
      addressee: shortText,
      link: webLink,
      closesOn: z.string().trim().min(1).max(100).nullable(),
      closesOnCy: z.string().trim().min(1).max(100).nullable(),
    }),
    subject: ({ title, titleCy }) =>
      `A wnewch chi lofnodi’r llythyr agored “${titleCy}”? / Will you sign the open letter “${title}”?`,
    preview: ({ organisation }) =>
      `Llofnodwch ar ran ${organisation} gyda'ch dolen bersonol. Sign for ${organisation} with your personal link.`,
    values: ({ name, organisation, title, titleCy, addressee, link, closesOn, closesOnCy }) => ({
      name,
      title,
      titleCy,
      link,
      rule: WELSH_RULE,
      invite: `We invite you to sign an open letter for ${organisation}, as its leader. The letter is addressed to ${addressee}:`,
      inviteCy: `Rydym yn eich gwahodd i lofnodi llythyr agored ar ran ${organisation}, fel ei arweinydd. Mae'r llythyr wedi'i gyfeirio at ${addressee}:`,
      closing: closesOn ? `Signatures close on ${closesOn}.` : "It is open for signatures now.",
      closingCy: closesOnCy ? `Mae llofnodion yn cau ar ${closesOnCy}.` : "Mae ar agor i'w lofnodi nawr.",
    }),
    text: ({ name, organisation, title, titleCy, addressee, link, closesOn, closesOnCy }) =>
      [
        `Helo ${name},`,
        `Rydym yn eich gwahodd i lofnodi llythyr agored ar ran ${organisation}, fel ei arweinydd. Mae'r llythyr wedi'i gyfeirio at ${addressee}:`,
        titleCy,
        closesOnCy ? `Mae llofnodion yn cau ar ${closesOnCy}.` : "Mae ar agor i'w lofnodi nawr.",
        "Darllenwch a llofnodwch y llythyr yma (yn Gymraeg neu'n Saesneg):",
        link,
        "Mae'r ddolen hon yn bersonol: mae'n gadael i chi lofnodi'r llythyr hwn ar ran eich sefydliad heb gyfrinair, " +
          "ac mae'n gweithio nes i'r llythyr gau. Peidiwch â'i hanfon ymlaen. Mae pob sefydliad yn llofnodi unwaith.",
        WELSH_RULE,
        `Hello ${name},`,
        `We invite you to sign an open letter for ${organisation}, as its leader. The letter is addressed to ${addressee}:`,
        title,
        closesOn ? `Signatures close on ${closesOn}.` : "It is open for signatures now.",
        "Read and sign the letter here (in Welsh or English):",
        link,
        "This link is personal: it lets you sign this letter for your organisation without a password, " +
          "and works until the letter closes. Please do not forward it. Each organisation signs once.",
      ].join("\n\n"),
  }),
} as const;
