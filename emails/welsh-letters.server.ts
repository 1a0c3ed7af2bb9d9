import { z } from "zod";
import { defineTemplate } from "./define.server.ts";
import { WELSH_RULE } from "./welsh.server.ts";

/**
 * What follows a signature on a bilingual letter: the confirmation, a withdrawal and the delivery,
 * in both languages in one email, Welsh first, as the invitation was.
 */

const webLink = z.url({ protocol: /^https?$/ });
const personName = z.string().trim().min(1).max(200);
const shortText = z.string().trim().min(1).max(300);

const methodsCy = {
  "by email": "drwy e-bost",
  "by post": "drwy'r post",
  "by hand": "â llaw",
  online: "ar-lein",
} as const;

const signedWords = (p: { organisation: string; title: string; signedAt: string }) => ({
  thanks: `Thank you. You signed the open letter “${p.title}” for ${p.organisation} on ${p.signedAt}.`,
  withdraw:
    "You can withdraw your organisation's signature until the letter closes: use the personal link in your invitation, or sign in here:",
  notYou:
    "If you did not sign this letter, tell us by replying to this email and use the link above to withdraw the signature.",
});
const signedWordsCy = (p: { organisation: string; titleCy: string; signedAtCy: string }) => ({
  thanksCy: `Diolch. Fe wnaethoch lofnodi'r llythyr agored “${p.titleCy}” ar ran ${p.organisation} ar ${p.signedAtCy}.`,
  withdrawCy:
    "Gallwch dynnu llofnod eich sefydliad yn ôl nes i'r llythyr gau: defnyddiwch y ddolen bersonol yn eich gwahoddiad, neu mewngofnodwch yma:",
  notYouCy:
    "Os na wnaethoch chi lofnodi'r llythyr hwn, dywedwch wrthym drwy ateb yr e-bost hwn a defnyddiwch y ddolen uchod i dynnu'r llofnod yn ôl.",
});

const withdrawnWords = (p: { organisation: string; title: string; titleCy: string }) => ({
  withdrawn: `The signature of ${p.organisation} has been withdrawn from the open letter “${p.title}”. The organisation is no longer listed as a signatory.`,
  withdrawnCy: `Mae llofnod ${p.organisation} wedi'i dynnu'n ôl o'r llythyr agored “${p.titleCy}”. Nid yw'r sefydliad wedi'i restru fel llofnodwr mwyach.`,
});

type Delivered = {
  organisation: string;
  title: string;
  titleCy: string;
  recipient: string;
  method: keyof typeof methodsCy;
  deliveredOn: string;
  deliveredOnCy: string;
  figures: string;
  figuresCy: string;
};
const deliveredWords = (p: Delivered) => ({
  delivered: `The open letter “${p.title}”, which you signed for ${p.organisation}, was delivered to ${p.recipient} ${p.method} on ${p.deliveredOn}.`,
  deliveredCy: `Anfonwyd y llythyr agored “${p.titleCy}”, a lofnodwyd gennych ar ran ${p.organisation}, at ${p.recipient} ${methodsCy[p.method]} ar ${p.deliveredOnCy}.`,
  figuresLine: `It went with the signatures of ${p.figures}.`,
  figuresLineCy: `Aeth gyda llofnodion ${p.figuresCy}.`,
});

export const welshLetterTemplates = {
  "letter-signed-bilingual": defineTemplate({
    file: "letter-signed-bilingual.mjml",
    props: z.object({
      name: personName,
      organisation: shortText,
      title: shortText,
      titleCy: shortText,
      signedAt: shortText,
      signedAtCy: shortText,
      publicLink: webLink,
      manageLink: webLink,
    }),
    subject: ({ title, titleCy }) => `Fe wnaethoch lofnodi “${titleCy}” / You signed “${title}”`,
    preview: ({ organisation }) =>
      `Mae eich llofnod ar ran ${organisation} ar y llythyr. Your signature for ${organisation} is on the letter.`,
    values: (p) => ({
      name: p.name,
      publicLink: p.publicLink,
      manageLink: p.manageLink,
      rule: WELSH_RULE,
      ...signedWords(p),
      ...signedWordsCy(p),
    }),
    text: (p) => {
      const en = signedWords(p);
      const cy = signedWordsCy(p);
      return [
        `Helo ${p.name},`,
        cy.thanksCy,
        "Gweld y llythyr a'i lofnodwyr:",
        p.publicLink,
        cy.withdrawCy,
        p.manageLink,
        cy.notYouCy,
        WELSH_RULE,
        `Hello ${p.name},`,
        en.thanks,
        "See the letter and its signatories:",
        p.publicLink,
        en.withdraw,
        p.manageLink,
        en.notYou,
      ].join("\n\n");
    },
  }),
  "letter-signature-withdrawn-bilingual": defineTemplate({
    file: "letter-signature-withdrawn-bilingual.mjml",
    props: z.object({
      name: personName,
      organisation: shortText,
      title: shortText,
      titleCy: shortText,
      manageLink: webLink,
    }),
    subject: ({ title, titleCy }) =>
      `Llofnod wedi’i dynnu’n ôl o “${titleCy}” / Signature withdrawn from “${title}”`,
    values: (p) => ({ name: p.name, manageLink: p.manageLink, rule: WELSH_RULE, ...withdrawnWords(p) }),
    text: (p) => {
      const words = withdrawnWords(p);
      return [
        `Helo ${p.name},`,
        words.withdrawnCy,
        "Tra bydd y llythyr ar agor, gall eich sefydliad lofnodi eto yma:",
        p.manageLink,
        "Os nad chi a'i tynnodd yn ôl, atebwch yr e-bost hwn er mwyn i ni ymchwilio.",
        WELSH_RULE,
        `Hello ${p.name},`,
        words.withdrawn,
        "While the letter is open, your organisation can sign again here:",
        p.manageLink,
        "If you did not withdraw it, reply to this email so we can look into it.",
      ].join("\n\n");
    },
  }),
  "letter-delivered-bilingual": defineTemplate({
    file: "letter-delivered-bilingual.mjml",
    props: z.object({
      name: personName,
      organisation: shortText,
      title: shortText,
      titleCy: shortText,
      recipient: shortText,
      method: z.enum(["by email", "by post", "by hand", "online"]),
      deliveredOn: shortText,
      deliveredOnCy: shortText,
      figures: shortText,
      figuresCy: shortText,
      publicLink: webLink,
    }),
    subject: ({ title, titleCy }) => `Wedi’i anfon: “${titleCy}” / Delivered: “${title}”`,
    preview: ({ recipient }) =>
      `Cyrhaeddodd y llythyr a lofnodwyd gennych ${recipient}. The letter you signed reached ${recipient}.`,
    values: (p) => {
      const words = deliveredWords(p);
      return {
        name: p.name,
        publicLink: p.publicLink,
        rule: WELSH_RULE,
        delivered: words.delivered,
        deliveredCy: words.deliveredCy,
        figures: words.figuresLine,
        figuresCy: words.figuresLineCy,
      };
    },
    text: (p) => {
      const words = deliveredWords(p);
      return [
        `Helo ${p.name},`,
        words.deliveredCy,
        words.figuresLineCy,
        "Gweld y llythyr:",
        p.publicLink,
        "Diolch am ychwanegu llais eich sefydliad.",
        WELSH_RULE,
        `Hello ${p.name},`,
        words.delivered,
        words.figuresLine,
        "See the letter:",
        p.publicLink,
        "Thank you for adding your organisation's voice.",
      ].join("\n\n");
    },
  }),
} as const;
