import { roleLabels } from "~/schemas/roles.ts";
import type { Language } from "./i18n.ts";

/**
 * The site's own furniture around every page (skip link, header, menu, footer) in English and
 * Welsh. A page of Welsh content gets Welsh furniture; staff areas stay English. Links a member
 * never sees have no Welsh name: the header shows them in English, marked lang="en".
 */

/** The names of the links a member sees, by where they go. */
const englishNav: Record<string, string> = {
  "/": "Home",
  "/organisation": "Your organisation",
  "/surveys": "Surveys",
  "/positions": "Positions",
  "/letters": "Open letters",
  "/account": "Your account",
};

const en = {
  skipToMain: "Skip to main content",
  brand: "Mutual Voice",
  signOut: "Sign out",
  signIn: "Sign in",
  menu: "Menu",
  mainNav: "Main",
  leader: ", leader",
  devMailbox: "Dev mailbox",
  footer: "Mutual Voice · the advocacy desk of the Public Service Mutuals Network",
  footerNav: "Published by the network",
  footerPositions: "Policy positions",
  footerResponses: "Consultation responses",
  footerLetters: "Open letters",
  roles: roleLabels,
  previous: "Previous",
  next: "Next",
  pageWord: " page",
  pageOf: (page: number, of: number) => `Page ${page} of ${of}`,
  nav: englishNav,
};

export type Furniture = typeof en;

const cy: Furniture = {
  skipToMain: "Neidio i'r prif gynnwys",
  brand: "Mutual Voice",
  signOut: "Allgofnodi",
  signIn: "Mewngofnodi",
  menu: "Dewislen",
  mainNav: "Prif",
  leader: ", arweinydd",
  devMailbox: "Blwch post datblygu",
  footer: "Mutual Voice · desg eiriolaeth y Rhwydwaith Cydfuddiannau Gwasanaethau Cyhoeddus",
  footerNav: "Cyhoeddwyd gan y rhwydwaith",
  footerPositions: "Safbwyntiau polisi",
  footerResponses: "Ymatebion i ymgynghoriadau",
  footerLetters: "Llythyrau agored",
  roles: { admin: "Gweinyddwr", staff: "Staff polisi", member: "Cyswllt aelod" },
  previous: "Blaenorol",
  next: "Nesaf",
  pageWord: " tudalen",
  pageOf: (page, of) => `Tudalen ${page} o ${of}`,
  nav: {
    "/": "Hafan",
    "/organisation": "Eich sefydliad",
    "/surveys": "Arolygon",
    "/positions": "Safbwyntiau",
    "/letters": "Llythyrau agored",
    "/account": "Eich cyfrif",
  },
};

export const furnitureCatalogue: Record<Language, Furniture> = { en, cy };

export const furnitureFor = (language: Language): Furniture => furnitureCatalogue[language];

/** The `lang` of a whole page: British English, or Welsh. */
export const htmlLang = (language: Language) => (language === "cy" ? "cy" : "en-GB");
