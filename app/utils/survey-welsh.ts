import type { QuestionSettings } from "~/schemas/surveys.ts";
import type { SectionWelsh } from "~/schemas/welsh-labels.ts";
import type { QuestionWelsh } from "~/schemas/welsh.ts";
import type { Language } from "./i18n.ts";

/**
 * A survey's content in the language a member chose. Each text is the Welsh one when there is one
 * and the English one otherwise; `english` names the texts that fell back, so the page marks them
 * lang="en" (a screen reader then reads them with English pronunciation).
 */

/** Which texts fell back to English: "title", "prompt", "choice:<key>", "minLabel"… */
export type FellBack = readonly string[];

const present = (text: string | null | undefined): text is string =>
  typeof text === "string" && text.trim() !== "";

/** "en" where the text fell back to English on a Welsh page, so it can carry lang="en". */
export const langOf = (english: FellBack | undefined, field: string): "en" | undefined =>
  english?.includes(field) ? "en" : undefined;

function pick(welsh: string | null | undefined, english: string, field: string, fellBack: string[]): string {
  if (present(welsh)) return welsh;
  if (english) fellBack.push(field);
  return english;
}

export function surveyTextIn<
  S extends { title: string; introduction: string; titleCy: string | null; introductionCy: string | null },
>(survey: S, language: Language): { title: string; introduction: string; english: FellBack } {
  if (language === "en") return { title: survey.title, introduction: survey.introduction, english: [] };
  const english: string[] = [];
  return {
    title: pick(survey.titleCy, survey.title, "title", english),
    introduction: pick(survey.introductionCy, survey.introduction, "introduction", english),
    english,
  };
}

function settingsIn(config: QuestionSettings, welsh: QuestionWelsh, english: string[]): QuestionSettings {
  const words = welsh.settings;
  switch (config.kind) {
    case "single_choice":
    case "multiple_choice":
      return {
        kind: config.kind,
        settings: {
          ...config.settings,
          choices: config.settings.choices.map((choice) => ({
            ...choice,
            label: pick(words.choices?.[choice.key], choice.label, `choice:${choice.key}`, english),
          })),
        },
      };
    case "scale":
      return {
        kind: config.kind,
        settings: {
          ...config.settings,
          minLabel: pick(words.minLabel, config.settings.minLabel, "minLabel", english),
          maxLabel: pick(words.maxLabel, config.settings.maxLabel, "maxLabel", english),
        },
      };
    case "number":
      return {
        kind: config.kind,
        settings: { ...config.settings, unit: pick(words.unit, config.settings.unit, "unit", english) },
      };
    default:
      return config;
  }
}

type Question = { welsh: QuestionWelsh; prompt: string; helpText: string; config: QuestionSettings };

export type QuestionIn<Q extends Question> = Omit<Q, "welsh"> & { english: FellBack };
export interface SectionIn<Q extends Question> {
  id: number;
  position: number;
  title: string;
  introduction: string;
  english: FellBack;
  questions: QuestionIn<Q>[];
}

/** The sections and questions in `language`, without their Welsh twins (a page needs one text each). */
export function sectionsIn<
  Q extends Question,
  S extends { id: number; position: number; title: string; introduction: string; welsh: SectionWelsh },
>(
  sections: readonly (S & { questions: readonly Q[] })[],
  language: Language,
): (Omit<S, "welsh" | "questions"> & SectionIn<Q>)[] {
  const cy = language === "cy";
  return sections.map(({ welsh: sectionWelsh, questions, ...section }) => {
    const sectionEnglish: string[] = [];
    return {
      ...section,
      title: cy ? pick(sectionWelsh.title, section.title, "title", sectionEnglish) : section.title,
      introduction: cy
        ? pick(sectionWelsh.introduction, section.introduction, "introduction", sectionEnglish)
        : section.introduction,
      english: sectionEnglish,
      questions: questions.map(({ welsh, ...question }): QuestionIn<Q> => {
        if (!cy) return { ...question, english: [] };
        const english: string[] = [];
        return {
          ...question,
          prompt: pick(welsh.prompt, question.prompt, "prompt", english),
          helpText: pick(welsh.helpText, question.helpText, "helpText", english),
          config: settingsIn(question.config, welsh, english),
          english,
        };
      }),
    };
  });
}

/** Field names of the Welsh form: the English field's name with the section or question before it. */
export const welshField = {
  section: (id: number, field: "title" | "introduction") => `s${id}-${field}`,
  question: (id: number, field: "prompt" | "helpText" | "minLabel" | "maxLabel" | "unit") =>
    `q${id}-${field}`,
  choice: (id: number, key: string) => `q${id}-choice-${key}`,
};
