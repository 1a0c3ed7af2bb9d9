import { breakdownAttributeLabels, type BreakdownAttribute } from "~/schemas/survey-results-labels.ts";
import type { Language } from "./i18n.ts";

/**
 * The words of a survey's results as members read them (the members' summary), in English and
 * Welsh: the page's furniture and the words inside its tables and charts. The English is exactly
 * what the staff pages have always said, so they stay as they were. Numbers keep their en-GB form,
 * which Welsh writes alike. Group names (nations, service areas, sizes) are in `groupNamesCy`.
 */
const en = {
  surveys: "Surveys",
  whatMembersToldUs: "What members told us",
  responses: (text: string, n: number | null) => `${text} ${n === 1 ? "response" : "responses"}`,
  closedOn: (date: string) => `; the survey closed on ${date}`,
  stillOpen: "; the survey is still open, and members see this page once it has closed",
  protection: (threshold: number) =>
    `. To protect small groups, counts below ${threshold} are hidden, and so are some others so they cannot be worked out. Written answers are not shown here.`,
  breakdown: "Breakdown",
  breakDownBy: "Break down by",
  noBreakdown: "No breakdown",
  attributes: breakdownAttributeLabels,
  show: "Show",
  answers: "Answers",
  // Inside the results
  hidden: "hidden",
  fewerThan: (threshold: string) => `fewer than ${threshold}`,
  withheld: "withheld",
  allRespondents: "All respondents",
  respondents: "Respondents",
  answered: "Answered",
  mean: "Mean",
  median: "Median",
  answer: "Answer",
  responsesHeading: "Responses",
  askedOf: (text: string) => `, of ${text} asked it (only asked after an earlier answer)`,
  noAnswersYet: "No answers to this question yet.",
  answersTo: (prompt: string) => `Answers to “${prompt}”`,
  distributionOf: (prompt: string) => `Distribution of answers to “${prompt}”`,
  byGroup: (prompt: string, group: string) => `“${prompt}” by ${group}`,
  multiple: " (respondents could choose more than one answer)",
  averageOf: (prompt: string) => `Average and middle answer to “${prompt}”`,
  suppressed: (threshold: number) =>
    `Counts below ${threshold} are hidden, and so are a few others so that those cannot be worked out from the totals.`,
  withheldReason: "Too few responses to show this breakdown safely.",
  mergedGroups: (names: string) =>
    `${names} are shown as one group: too few responses to show them one by one.`,
  // Answer ranges of a number question
  allAnswers: "All answers",
  under: (n: string) => `under ${n}`,
  orMore: (n: string) => `${n} or more`,
  range: (from: string, to: string) => `${from} to ${to}`,
  rangeUnder: (from: string, to: string) => `${from} to under ${to}`,
};

export type ResultsMessages = typeof en;

const cy: ResultsMessages = {
  surveys: "Arolygon",
  whatMembersToldUs: "Beth ddywedodd yr aelodau wrthym",
  // Welsh keeps the noun singular after a number: "12 ymateb".
  responses: (text) => `${text} ymateb`,
  closedOn: (date) => `; caeodd yr arolwg ar ${date}`,
  stillOpen: "; mae'r arolwg yn dal ar agor, ac mae aelodau'n gweld y dudalen hon ar ôl iddo gau",
  protection: (threshold) =>
    `. Er mwyn diogelu grwpiau bach, mae cyfrifon o dan ${threshold} wedi'u cuddio, a rhai eraill hefyd fel na ellir eu cyfrifo. Ni ddangosir atebion ysgrifenedig yma.`,
  breakdown: "Dadansoddiad",
  breakDownBy: "Dadansoddi yn ôl",
  noBreakdown: "Dim dadansoddiad",
  attributes: { nation: "Gwlad", service_area: "Maes gwasanaeth", size_band: "Maint" },
  show: "Dangos",
  answers: "Atebion",
  hidden: "cudd",
  fewerThan: (threshold) => `llai na ${threshold}`,
  withheld: "wedi'i atal",
  allRespondents: "Pob ymatebydd",
  respondents: "Ymatebwyr",
  answered: "Wedi ateb",
  mean: "Cymedr",
  median: "Canolrif",
  answer: "Ateb",
  responsesHeading: "Ymatebion",
  askedOf: (text) => `, o'r ${text} a gafodd y cwestiwn (dim ond ar ôl ateb cynharach y caiff ei ofyn)`,
  noAnswersYet: "Dim atebion i'r cwestiwn hwn eto.",
  answersTo: (prompt) => `Atebion i “${prompt}”`,
  distributionOf: (prompt) => `Dosbarthiad yr atebion i “${prompt}”`,
  byGroup: (prompt, group) => `“${prompt}” yn ôl ${group}`,
  multiple: " (gallai ymatebwyr ddewis mwy nag un ateb)",
  averageOf: (prompt) => `Ateb cyfartalog a chanol i “${prompt}”`,
  suppressed: (threshold) =>
    `Mae cyfrifon o dan ${threshold} wedi'u cuddio, a rhai eraill hefyd fel na ellir eu cyfrifo o'r cyfansymiau.`,
  withheldReason: "Rhy ychydig o ymatebion i ddangos y dadansoddiad hwn yn ddiogel.",
  // The names mid-sentence, so "yr Alban" (see summary-welsh.server.ts).
  mergedGroups: (names) => `Dangosir ${names} fel un grŵp: rhy ychydig o ymatebion i'w dangos fesul un.`,
  allAnswers: "Pob ateb",
  under: (n) => `llai na ${n}`,
  orMore: (n) => `${n} neu fwy`,
  range: (from, to) => `${from} i ${to}`,
  rangeUnder: (from, to) => `${from} i lai na ${to}`,
};

export const resultsCatalogue: Record<Language, ResultsMessages> = { en, cy };

/** The groups a breakdown shows, in Welsh, by attribute and value; `null` is "not known". */
export const groupNamesCy: Record<BreakdownAttribute, Record<string, string>> = {
  nation: { england: "Lloegr", scotland: "Yr Alban", wales: "Cymru", northern_ireland: "Gogledd Iwerddon" },
  service_area: {
    health: "Iechyd",
    social_care: "Gofal cymdeithasol",
    libraries: "Llyfrgelloedd",
    leisure: "Hamdden",
    youth: "Gwasanaethau ieuenctid",
    childrens_services: "Gwasanaethau plant",
    culture: "Y celfyddydau a diwylliant",
    housing: "Tai",
    education: "Addysg",
    other: "Arall",
  },
  size_band: {
    under_50: "Llai na 50 o staff",
    "50_to_249": "50 i 249 o staff",
    "250_to_999": "250 i 999 o staff",
    "1000_plus": "1,000 o staff neu fwy",
  },
};

export const notKnownCy = "Anhysbys";

/**
 * A name after "a" (and): "ac" before a vowel, "a'r" for a name starting with the article, and the
 * aspirate mutation of c, p and t ("a Chymru", "a Thai").
 */
function afterAnd(name: string): string {
  const article = /^yr? (.*)$/i.exec(name);
  if (article) return `a'r ${article[1] ?? ""}`;
  if (/^[aeiouwyâêîôûŵŷ]/i.test(name)) return `ac ${name}`;
  const mutated: Record<string, string> = { C: "Ch", P: "Ph", T: "Th", c: "ch", p: "ph", t: "th" };
  const first = name.charAt(0);
  const aspirate = name.charAt(1) === "h" ? undefined : mutated[first];
  return `a ${aspirate ? aspirate + name.slice(1) : name}`;
}

/** "Lloegr, yr Alban a Chymru": names joined in Welsh. */
export function joinNamesCy(names: readonly string[]): string {
  if (names.length < 2) return names[0] ?? "";
  const [last] = names.slice(-1);
  const rest = names.slice(0, -1).map((name, i) => (i === 0 ? name : name.replace(/^Yr /, "yr ")));
  return `${rest.join(", ")} ${afterAnd(last ?? "")}`;
}
