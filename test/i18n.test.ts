import { expect, test } from "vitest";
import { catalogue, languages, type Messages } from "~/utils/i18n.ts";

/** A message as text: a function is called with sample arguments. */
function sample(message: Messages[keyof Messages]): string {
  if (typeof message === "string") return message;
  // Every parameterised message takes numbers or strings; these samples suit all of them.
  return String(Reflect.apply(message, undefined, message.length === 1 ? [3] : ["answer", 3]));
}

test("every message of the English catalogue is in every language, and none is blank", () => {
  const keys = Object.keys(catalogue.en).sort();
  for (const language of languages) {
    const messages: Record<string, unknown> = catalogue[language];
    expect(Object.keys(messages).sort(), `keys of ${language}`).toEqual(keys);
    for (const key of keys) {
      const message = messages[key];
      expect(typeof message === "string" || typeof message === "function", `${language}.${key}`).toBe(true);
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
  const english: Record<string, Messages[keyof Messages]> = catalogue.en;
  const welsh: Record<string, Messages[keyof Messages]> = catalogue.cy;
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
