import { expect, test } from "vitest";
import { catalogue, formatCalendarDateIn, formatDateIn, formatDateTimeIn, languages } from "~/utils/i18n.ts";
import { furnitureCatalogue } from "~/utils/i18n-furniture.ts";
import { letterCatalogue } from "~/utils/i18n-letters.ts";
import { groupNamesCy, resultsCatalogue } from "~/utils/i18n-results.ts";
import { attributeValues, breakdownAttributes } from "~/schemas/survey-results-labels.ts";
import { describeFiguresInWelsh } from "~/utils/letter-figures.ts";

/** A message as text: a function is called with sample arguments, a group of messages joined. */
function sample(message: unknown): string {
  if (typeof message === "string") return message;
  // Every parameterised message takes numbers or strings; these samples suit all of them.
  if (typeof message === "function")
    return String(Reflect.apply(message, undefined, message.length === 1 ? [3] : ["answer", 3]));
  if (typeof message === "object" && message !== null)
    return Object.entries(message)
      .map(([key, value]) => `${key}=${sample(value)}`)
      .join(" | ");
  return "";
}

test("every message of the English catalogue is in every language, and none is blank", () => {
  const keys = Object.keys(catalogue.en).sort();
  for (const language of languages) {
    const messages: Record<string, unknown> = catalogue[language];
    expect(Object.keys(messages).sort(), `keys of ${language}`).toEqual(keys);
    for (const key of keys) {
      const message = messages[key];
      expect(["string", "function", "object"], `${language}.${key}`).toContain(typeof message);
    }
  }
});

test("a Welsh message missing from the catalogue fails", () => {
  const missing = Object.keys(catalogue.en).filter((key) => !(key in catalogue.cy));
  expect(missing).toEqual([]);
});

test("Welsh messages are Welsh: not blank and not left in English", () => {
  // The same in both languages by nature: a word that is spelled alike.
  const alike = new Set<string>();
  const english: Record<string, unknown> = catalogue.en;
  const welsh: Record<string, unknown> = catalogue.cy;
  for (const key of Object.keys(english)) {
    const en = english[key];
    const cy = welsh[key];
    if (en === undefined || cy === undefined) throw new Error(`missing ${key}`);
    expect(sample(cy).trim(), `cy.${key}`).not.toBe("");
    if (!alike.has(key)) expect(sample(cy), `cy.${key} is still English`).not.toBe(sample(en));
  }
});

test("GOV.UK Welsh for the furniture members see most", () => {
  expect(catalogue.cy).toMatchObject({
    continue: "Parhau",
    back: "Yn ôl",
    checkYourAnswers: "Gwirio eich atebion",
    thereIsAProblem: "Mae problem",
    selectOneOption: "Dewiswch un opsiwn",
  });
  expect(catalogue.cy.sectionOf(1, 3)).toBe("Adran 1 o 3");
});

test("the site's furniture has Welsh for everything a member sees around a page", () => {
  const english: Record<string, unknown> = furnitureCatalogue.en;
  const welsh: Record<string, unknown> = furnitureCatalogue.cy;
  expect(Object.keys(welsh).sort()).toEqual(Object.keys(english).sort());
  // The brand is a name, the same in both languages.
  const alike = new Set(["brand"]);
  for (const key of Object.keys(english)) {
    if (!alike.has(key))
      expect(sample(welsh[key]), `cy.${key} is still English`).not.toBe(sample(english[key]));
  }
  expect(Object.keys(furnitureCatalogue.cy.nav).sort()).toEqual(
    Object.keys(furnitureCatalogue.en.nav).sort(),
  );
  expect(furnitureCatalogue.cy.signOut).toBe("Allgofnodi");
});

test("each refusal a member may meet is in both languages", () => {
  expect(Object.keys(catalogue.cy.refusals).sort()).toEqual(Object.keys(catalogue.en.refusals).sort());
  for (const [code, english] of Object.entries(catalogue.en.refusals)) {
    const welsh: Record<string, string> = catalogue.cy.refusals;
    expect(welsh[code], code).not.toBe(english);
  }
});

test("the open letter's pages have Welsh for every message", () => {
  const english: Record<string, unknown> = letterCatalogue.en;
  const welsh: Record<string, unknown> = letterCatalogue.cy;
  expect(Object.keys(welsh).sort()).toEqual(Object.keys(english).sort());
  for (const key of Object.keys(english)) {
    expect(sample(welsh[key]).trim(), `cy.${key}`).not.toBe("");
    expect(sample(welsh[key]), `cy.${key} is still English`).not.toBe(sample(english[key]));
  }
  expect(letterCatalogue.cy.sign).toBe("Llofnodi");
});

test("signatory figures in Welsh mutate the nations after 'yn' and 'a'", () => {
  expect(describeFiguresInWelsh({ organisations: 12, staff: 3450, nations: ["england", "wales"] })).toBe(
    "12 o gydfuddiannau yn cyflogi 3,450 o staff, ar draws Lloegr a Chymru",
  );
  expect(describeFiguresInWelsh({ organisations: 1, staff: 1, nations: ["wales"] })).toBe(
    "1 cydfuddiant yn cyflogi 1 aelod o staff, yng Nghymru",
  );
});

test("Welsh dates are spelled without the runtime's Welsh, and match it where it has Welsh", () => {
  const nodeWelsh = new Intl.DateTimeFormat("cy-GB", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "Europe/London",
  });
  for (const at of ["2026-12-04T21:06:00Z", "2026-07-01T23:30:00Z", "2027-03-28T00:59:00Z"]) {
    expect(formatDateTimeIn("cy", at)).toBe(nodeWelsh.format(new Date(at)));
  }
  // Summer time moves the day: 23:30 UTC on 1 July is 2 July in London.
  expect(formatDateIn("cy", "2026-07-01T23:30:00Z")).toBe("2 Gorffennaf 2026");
  expect(formatCalendarDateIn("cy", "2026-11-30")).toBe("30 Tachwedd 2026");
  expect(formatCalendarDateIn("en", "2026-11-30")).toBe("30 November 2026");
});

test("the members' summary of survey results has Welsh for every word, and every group a name", () => {
  const english: Record<string, unknown> = resultsCatalogue.en;
  const welsh: Record<string, unknown> = resultsCatalogue.cy;
  expect(Object.keys(welsh).sort()).toEqual(Object.keys(english).sort());
  for (const key of Object.keys(english)) {
    expect(sample(welsh[key]).trim(), `cy.${key}`).not.toBe("");
    expect(sample(welsh[key]), `cy.${key} is still English`).not.toBe(sample(english[key]));
  }
  for (const attribute of breakdownAttributes) {
    expect(Object.keys(groupNamesCy[attribute]).sort()).toEqual([...attributeValues[attribute]].sort());
  }
  expect(resultsCatalogue.cy).toMatchObject({ hidden: "cudd", allRespondents: "Pob ymatebydd" });
});
