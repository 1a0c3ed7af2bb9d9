/**
 * The member-facing page furniture in English and Welsh: buttons, headings, progress, notices and
 * the answer forms' validation messages. Content staff write (titles, questions, letters) is not
 * here: it has its own Welsh columns. Client-safe, so components and the server share one copy.
 *
 * The Welsh follows GOV.UK Welsh-language patterns (Parhau, Yn ôl, Mae problem, Gwirio eich atebion).
 * `cy` is typed as `Messages`, so a missing key fails the typecheck; test/i18n.test.ts checks the
 * same at run time and that no Welsh message is left blank or in English.
 */

import type { FileProblem } from "~/schemas/files.ts";

export const languages = ["en", "cy"] as const;
export type Language = (typeof languages)[number];

export const isLanguage = (value: unknown): value is Language => value === "en" || value === "cy";

/** The language's name in itself, for the switch: a Welsh reader looks for "Cymraeg". */
export const languageNames: Record<Language, string> = { en: "English", cy: "Cymraeg" };

/** The fields whose "too long" message names them. */
type LongField = "answer" | "other" | "title" | "story";

const count = (n: number) => n.toLocaleString("en-GB");

const en = {
  // Navigation and buttons
  start: "Start now",
  continueWhereLeftOff: "Continue where you left off",
  continue: "Continue",
  back: "Back",
  change: "Change",
  changeYourAnswerTo: "your answer to",
  submitAnswers: "Submit answers",
  languageSwitchLabel: "Language",
  // Progress and check answers
  sectionOf: (n: number, of: number) => `Section ${n} of ${of}`,
  sectionsSaved: (saved: number, of: number) => `${saved} of ${of} sections saved so far.`,
  lastStep: "Last step",
  checkYourAnswers: "Check your answers",
  submitYourAnswers: "Submit your answers",
  submittingFor: (organisation: string) =>
    `You are submitting these answers for ${organisation}. Once submitted, nobody can change them.`,
  submittingForYourself: "Once submitted, your answers cannot be changed.",
  notAnswered: "Not answered",
  requiredNotAnswered: "Required: not answered yet",
  // Start page
  answerFor: (organisation: string) =>
    `You answer for ${organisation}. Colleagues invited from your organisation see and continue the same answers; one of you submits them.`,
  answerForYourself: "You answer for yourself.",
  /** The staff preview's stand-in for the member's organisation. */
  yourOrganisation: "your organisation",
  anonymous:
    "This survey is anonymous: nothing we store with your answers identifies you or your organisation.",
  confidential:
    "Confidential: staff can see who answered, but nothing we publish will name you or your organisation.",
  named: "Staff will see who gave these answers.",
  sectionCount: (n: number) => (n === 1 ? "There is 1 section." : `There are ${count(n)} sections.`),
  savedAsYouGo:
    "Your answers are saved each time you press Continue, so you can stop and come back with the same link",
  until: (date: string) => ` until the end of ${date}`,
  // Confirmation and closed
  answersSubmitted: "Answers submitted",
  submittedOn: (date: string) => `Submitted on ${date}`,
  submitted: "Submitted",
  submittedBy: (name: string) => ` by ${name}`,
  thankYou: "Thank you.",
  anonymousNoReceipt:
    "This survey is anonymous, so we send no receipt email: an email would record when you answered beside your address.",
  whatWasSubmitted: "What was submitted",
  surveyClosed: "This survey has closed",
  closedAtEndOf: (date: string) => `It closed at the end of ${date}`,
  hasClosed: "It has closed",
  closedNoMore: ", so answers can no longer be saved or submitted. Thank you for your interest.",
  // Errors and notices
  thereIsAProblem: "There is a problem",
  error: "Error:",
  tooLongToSave: "Your answers are too long to save. Shorten them and try again.",
  couldNotRead: "Your answers could not be read: reload the page and try again.",
  pageExpired: "This page has expired: reload it and try again.",
  // Answer forms
  optional: "(optional)",
  yes: "Yes",
  no: "No",
  other: "Other",
  otherAnswer: (text: string) => `Other: ${text}`,
  ifOtherPleaseSay: "If other, please say",
  chooseAllThatApply: "Choose all that apply.",
  scaleHint: (min: string, max: string) => `From ${min} to ${max}.`,
  outOf: (value: number, max: number) => `${value} out of ${max}`,
  numberAtLeast: (n: string) => `at least ${n}`,
  numberAtMost: (n: string) => `at most ${n}`,
  numberRangeHint: (range: string) => `A number ${range}.`,
  and: "and",
  storyTitle: "Title of your story",
  yourStory: "Your story",
  storyHint: "What happened, what it cost, and what changed as a result.",
  mayWePublish: "May we publish your story?",
  consentNone: "Do not publish this story",
  consentAnonymous: "You may publish it without naming us",
  consentAttributed: "You may publish it and name our organisation",
  // Validation messages
  selectOneOption: "Select one option",
  chooseFromList: "Choose from the list",
  sayOther: "Say what your other answer is",
  choosePoint: (min: number, max: number) => `Choose a point from ${min} to ${max}`,
  enterNumber: "Enter a number, like 12 or 12.5",
  enterNumberAtLeast: (n: string) => `Enter a number of at least ${n}`,
  enterNumberAtMost: (n: string) => `Enter a number no more than ${n}`,
  enterNumberDecimals: (places: number) => `Enter a number with no more than ${places} decimal places`,
  chooseYesOrNo: "Choose yes or no",
  giveStoryTitle: "Give your story a title",
  tellStory: "Tell us your story",
  sayWhetherPublish: "Say whether we may publish your story",
  required: (prompt: string) => `Answer “${prompt}”: it is required`,
  tooLong: (field: LongField, max: number) =>
    `${{ answer: "Your answer", other: "Your other answer", title: "The title", story: "Your story" }[field]} must be ${count(max)} characters or fewer`,
  // File questions
  fileHint: (help: string | null, megabytes: number) =>
    `${help ? `${help} ` : ""}PDF, Word (DOCX), Excel (XLSX), OpenDocument (ODT, ODS), CSV, PNG or JPEG, up to ${megabytes} MB.`,
  fileReplace: (name: string) => ` Choose a new file only to replace ${name}.`,
  removeSavedFile: (name: string) => `Remove the saved file, ${name}`,
  fileProblem: (problem: FileProblem) =>
    problem.kind === "too_large"
      ? `The file must be ${problem.limit} or smaller`
      : problem.kind === "unknown_type"
        ? "The file is not one of the types we take, whatever its name says"
        : problem.kind === "type_not_taken"
          ? `The file is a ${problem.type} file, which we do not take`
          : `The file's name ends .${problem.extension || "(nothing)"} but it is a ${problem.label} file: rename it and try again`,
  // A colleague saved the same page first
  conflictTitle: (name: string | null) => `${name ?? "A colleague"} saved this page after you opened it`,
  conflictNothingLost: "Nothing was overwritten. Compare the answers, then choose which to keep.",
  conflictCaption: "Their saved answers beside yours",
  question: "Question",
  savedBy: (name: string | null) => `Saved by ${name ?? "your colleague"}`,
  yoursNotSaved: "Yours (below, not saved yet)",
  conflictKeepYours: "To keep yours, press Continue below. To use theirs,",
  loadTheirAnswers: "load their answers",
  conflictThenDiscarded: "(your typing on this page is then discarded).",
  // Conditional questions
  broughtInQuestion: "Your answer brought in another question on this page: answer it, then continue.",
  notSentTitle: "Some answers will not be sent",
  notSentLine: (cause: string | null, prompt: string) =>
    `You changed ${cause ? `“${cause}”` : "an earlier answer"}, so your answer to “${prompt}” will not be sent.`,
  notSentChangeBack: "Change the earlier answer back if you want them sent.",
  answerInSection: (prompt: string, section: number) => `Answer “${prompt}” in section ${section}`,
  // A survey link that does not work, and asking for a fresh one
  deadLinkTitle: "This survey link does not work",
  deadLinkBody:
    "Check it was copied in full from your email. Links stop working when a newer one is sent and when a survey closes. If the survey is still open, we can email you a fresh link.",
  deadLinkSignedIn: "Signed in to Mutual Voice? Your",
  deadLinkHomePage: "home page",
  deadLinkListsSurveys: "lists the surveys open to you.",
  yourEmail: "Your email address",
  yourEmailHint: "The address your invitation was sent to.",
  enterEmail: "Enter your email address, like name@example.com",
  emailFreshLink: "Email me a fresh link",
  freshLinkTitle: "Get a fresh survey link",
  freshLinkIntro:
    "Enter the email address your survey invitation went to, and we will send a fresh personal link to every survey still open to it.",
  checkYourEmail: "Check your email",
  freshLinkSent:
    "If that address was invited to a survey that is still open, we have emailed it a fresh link. It can take a few minutes to arrive. Links from earlier emails may stop working.",
  // Refusals from the answering rules
  couldNotBeDone: "That could not be done",
  refusals: {
    surveyClosed: "This survey has closed, so answers can no longer be saved.",
    alreadySubmitted: "These answers have already been submitted, so they can no longer change.",
    stalePage: "A colleague saved this page after you opened it.",
    alreadyAnswered: "You have already answered this survey.",
    requiredMissing: "Some required questions have no answer.",
  },
};

export type Messages = typeof en;

const cy: Messages = {
  start: "Dechrau nawr",
  continueWhereLeftOff: "Parhau o'r man lle gwnaethoch adael",
  continue: "Parhau",
  back: "Yn ôl",
  change: "Newid",
  changeYourAnswerTo: "eich ateb i",
  submitAnswers: "Anfon atebion",
  languageSwitchLabel: "Iaith",
  sectionOf: (n, of) => `Adran ${n} o ${of}`,
  sectionsSaved: (saved, of) => `${saved} o ${of} adran wedi'u cadw hyd yma.`,
  lastStep: "Cam olaf",
  checkYourAnswers: "Gwirio eich atebion",
  submitYourAnswers: "Anfon eich atebion",
  submittingFor: (organisation) =>
    `Rydych yn anfon yr atebion hyn ar ran ${organisation}. Ar ôl eu hanfon, ni all neb eu newid.`,
  submittingForYourself: "Ar ôl eu hanfon, ni allwch newid eich atebion.",
  notAnswered: "Heb ei ateb",
  requiredNotAnswered: "Gofynnol: heb ei ateb eto",
  answerFor: (organisation) =>
    `Rydych yn ateb ar ran ${organisation}. Mae cydweithwyr o'ch sefydliad a wahoddwyd yn gweld ac yn parhau'r un atebion; mae un ohonoch yn eu hanfon.`,
  answerForYourself: "Rydych yn ateb drosoch eich hun.",
  yourOrganisation: "eich sefydliad",
  anonymous:
    "Mae'r arolwg hwn yn ddienw: nid oes dim a gadwn gyda'ch atebion yn eich adnabod chi na'ch sefydliad.",
  confidential:
    "Cyfrinachol: gall staff weld pwy atebodd, ond ni fydd dim a gyhoeddwn yn eich enwi chi na'ch sefydliad.",
  named: "Bydd staff yn gweld pwy roddodd yr atebion hyn.",
  sectionCount: (n) => (n === 1 ? "Mae 1 adran." : `Mae ${count(n)} adran.`),
  savedAsYouGo:
    "Caiff eich atebion eu cadw bob tro y byddwch yn pwyso Parhau, felly gallwch stopio a dod yn ôl gyda'r un ddolen",
  until: (date) => ` tan ddiwedd ${date}`,
  answersSubmitted: "Atebion wedi'u hanfon",
  submittedOn: (date) => `Anfonwyd ar ${date}`,
  submitted: "Anfonwyd",
  submittedBy: (name) => ` gan ${name}`,
  thankYou: "Diolch.",
  anonymousNoReceipt:
    "Mae'r arolwg hwn yn ddienw, felly nid ydym yn anfon e-bost cadarnhau: byddai e-bost yn cofnodi pryd y gwnaethoch ateb wrth ymyl eich cyfeiriad.",
  whatWasSubmitted: "Beth a anfonwyd",
  surveyClosed: "Mae'r arolwg hwn wedi cau",
  closedAtEndOf: (date) => `Caeodd ar ddiwedd ${date}`,
  hasClosed: "Mae wedi cau",
  closedNoMore: ", felly ni ellir cadw nac anfon atebion mwyach. Diolch am eich diddordeb.",
  thereIsAProblem: "Mae problem",
  error: "Gwall:",
  tooLongToSave: "Mae eich atebion yn rhy hir i'w cadw. Byrhewch nhw a rhowch gynnig arall arni.",
  couldNotRead: "Nid oedd modd darllen eich atebion: ail-lwythwch y dudalen a rhowch gynnig arall arni.",
  pageExpired: "Mae'r dudalen hon wedi dod i ben: ail-lwythwch hi a rhowch gynnig arall arni.",
  optional: "(dewisol)",
  yes: "Ie",
  no: "Na",
  other: "Arall",
  otherAnswer: (text) => `Arall: ${text}`,
  ifOtherPleaseSay: "Os arall, nodwch",
  chooseAllThatApply: "Dewiswch bob un sy'n berthnasol.",
  scaleHint: (min, max) => `O ${min} i ${max}.`,
  outOf: (value, max) => `${value} allan o ${max}`,
  numberAtLeast: (n) => `o leiaf ${n}`,
  numberAtMost: (n) => `dim mwy na ${n}`,
  numberRangeHint: (range) => `Rhif ${range}.`,
  and: "a",
  storyTitle: "Teitl eich stori",
  yourStory: "Eich stori",
  storyHint: "Beth ddigwyddodd, beth oedd y gost, a beth newidiodd o ganlyniad.",
  mayWePublish: "A gawn ni gyhoeddi eich stori?",
  consentNone: "Peidiwch â chyhoeddi'r stori hon",
  consentAnonymous: "Cewch ei chyhoeddi heb ein henwi",
  consentAttributed: "Cewch ei chyhoeddi ac enwi ein sefydliad",
  selectOneOption: "Dewiswch un opsiwn",
  chooseFromList: "Dewiswch o'r rhestr",
  sayOther: "Dywedwch beth yw eich ateb arall",
  choosePoint: (min, max) => `Dewiswch bwynt o ${min} i ${max}`,
  enterNumber: "Rhowch rif, fel 12 neu 12.5",
  enterNumberAtLeast: (n) => `Rhowch rif sydd o leiaf ${n}`,
  enterNumberAtMost: (n) => `Rhowch rif nad yw'n fwy na ${n}`,
  enterNumberDecimals: (places) => `Rhowch rif gyda dim mwy na ${places} lle degol`,
  chooseYesOrNo: "Dewiswch ie neu na",
  giveStoryTitle: "Rhowch deitl i'ch stori",
  tellStory: "Dywedwch eich stori wrthym",
  sayWhetherPublish: "Dywedwch a gawn ni gyhoeddi eich stori",
  required: (prompt) => `Atebwch “${prompt}”: mae angen ateb`,
  tooLong: (field, max) =>
    `Rhaid ${{ answer: "i'ch ateb", other: "i'ch ateb arall", title: "i'r teitl", story: "i'ch stori" }[field]} fod yn ${count(max)} nod neu lai`,
  fileHint: (help, megabytes) =>
    `${help ? `${help} ` : ""}PDF, Word (DOCX), Excel (XLSX), OpenDocument (ODT, ODS), CSV, PNG neu JPEG, hyd at ${megabytes} MB.`,
  fileReplace: (name) => ` Dewiswch ffeil newydd dim ond i gymryd lle ${name}.`,
  removeSavedFile: (name) => `Tynnu'r ffeil a gadwyd, ${name}`,
  fileProblem: (problem) =>
    problem.kind === "too_large"
      ? `Rhaid i'r ffeil fod yn ${problem.limit} neu'n llai`
      : problem.kind === "unknown_type"
        ? "Nid yw'r ffeil yn un o'r mathau a dderbyniwn, beth bynnag y mae ei henw'n ei ddweud"
        : problem.kind === "type_not_taken"
          ? `Ffeil ${problem.type} yw'r ffeil, ac nid ydym yn derbyn y math hwnnw`
          : `Mae enw'r ffeil yn gorffen gyda .${problem.extension || "(dim)"} ond ffeil ${problem.label} ydyw: ailenwch hi a rhowch gynnig arall arni`,
  conflictTitle: (name) => `Cadwodd ${name ?? "cydweithiwr"} y dudalen hon ar ôl i chi ei hagor`,
  conflictNothingLost: "Ni chafodd dim ei drosysgrifo. Cymharwch yr atebion, yna dewiswch pa rai i'w cadw.",
  conflictCaption: "Eu hatebion a gadwyd wrth ymyl eich rhai chi",
  question: "Cwestiwn",
  savedBy: (name) => `Wedi'i gadw gan ${name ?? "eich cydweithiwr"}`,
  yoursNotSaved: "Eich rhai chi (isod, heb eu cadw eto)",
  conflictKeepYours: "I gadw eich rhai chi, pwyswch Parhau isod. I ddefnyddio eu rhai nhw,",
  loadTheirAnswers: "llwythwch eu hatebion",
  conflictThenDiscarded: "(caiff yr hyn a deipiwyd gennych ar y dudalen hon ei daflu wedyn).",
  broughtInQuestion: "Mae eich ateb wedi dod â chwestiwn arall i'r dudalen hon: atebwch ef, yna parhewch.",
  notSentTitle: "Ni fydd rhai atebion yn cael eu hanfon",
  notSentLine: (cause, prompt) =>
    `Fe wnaethoch newid ${cause ? `“${cause}”` : "ateb cynharach"}, felly ni fydd eich ateb i “${prompt}” yn cael ei anfon.`,
  notSentChangeBack: "Newidiwch yr ateb cynharach yn ôl os ydych am iddynt gael eu hanfon.",
  answerInSection: (prompt, section) => `Atebwch “${prompt}” yn adran ${section}`,
  deadLinkTitle: "Nid yw'r ddolen arolwg hon yn gweithio",
  deadLinkBody:
    "Gwiriwch ei bod wedi'i chopïo'n llawn o'ch e-bost. Mae dolenni'n peidio â gweithio pan fydd un newydd yn cael ei hanfon a phan fydd arolwg yn cau. Os yw'r arolwg yn dal ar agor, gallwn anfon dolen newydd atoch.",
  deadLinkSignedIn: "Wedi mewngofnodi i Mutual Voice? Mae eich",
  deadLinkHomePage: "tudalen hafan",
  deadLinkListsSurveys: "yn rhestru'r arolygon sydd ar agor i chi.",
  yourEmail: "Eich cyfeiriad e-bost",
  yourEmailHint: "Y cyfeiriad yr anfonwyd eich gwahoddiad iddo.",
  enterEmail: "Rhowch eich cyfeiriad e-bost, fel enw@enghraifft.com",
  emailFreshLink: "Anfon dolen newydd ataf",
  freshLinkTitle: "Cael dolen arolwg newydd",
  freshLinkIntro:
    "Rhowch y cyfeiriad e-bost yr aeth eich gwahoddiad i'r arolwg iddo, a byddwn yn anfon dolen bersonol newydd ar gyfer pob arolwg sy'n dal ar agor iddo.",
  checkYourEmail: "Gwiriwch eich e-bost",
  freshLinkSent:
    "Os gwahoddwyd y cyfeiriad hwnnw i arolwg sy'n dal ar agor, rydym wedi anfon dolen newydd ato. Gall gymryd ychydig funudau i gyrraedd. Efallai y bydd dolenni o negeseuon e-bost cynharach yn peidio â gweithio.",
  couldNotBeDone: "Nid oedd modd gwneud hynny",
  refusals: {
    surveyClosed: "Mae'r arolwg hwn wedi cau, felly ni ellir cadw atebion mwyach.",
    alreadySubmitted: "Mae'r atebion hyn eisoes wedi'u hanfon, felly ni allant newid mwyach.",
    stalePage: "Cadwodd cydweithiwr y dudalen hon ar ôl i chi ei hagor.",
    alreadyAnswered: "Rydych eisoes wedi ateb yr arolwg hwn.",
    requiredMissing: "Nid oes ateb i rai cwestiynau gofynnol.",
  },
};

export const catalogue: Record<Language, Messages> = { en, cy };

export const messagesFor = (language: Language): Messages => catalogue[language];

/** A refusal members may meet, said in either language (see Refusal's `code`). */
export type RefusalCode = keyof Messages["refusals"];

const englishDate = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "Europe/London" });
const englishDateTime = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "long",
  timeStyle: "short",
  timeZone: "Europe/London",
});
/** London's calendar and clock as numbers: every runtime has en-GB, not every browser has Welsh. */
const londonParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  day: "numeric",
  month: "numeric",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});
const welshMonths = [
  "Ionawr",
  "Chwefror",
  "Mawrth",
  "Ebrill",
  "Mai",
  "Mehefin",
  "Gorffennaf",
  "Awst",
  "Medi",
  "Hydref",
  "Tachwedd",
  "Rhagfyr",
];

/**
 * Welsh dates spelled here rather than by Intl's "cy-GB": a browser whose ICU lacks Welsh (Debian's
 * Chromium does) would otherwise render "December 4, 2026" while hydrating a page the server wrote
 * as "4 Rhagfyr 2026".
 */
function welsh(value: Date, withTime: boolean): string {
  const parts = londonParts.formatToParts(value);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  const date = `${Number(part("day"))} ${welshMonths[Number(part("month")) - 1] ?? ""} ${part("year")}`;
  return withTime ? `${date} am ${part("hour")}:${part("minute")}` : date;
}

/** "4 December 2026" or "4 Rhagfyr 2026", in London. */
export const formatDateIn = (language: Language, value: Date | string) =>
  language === "cy" ? welsh(new Date(value), false) : englishDate.format(new Date(value));
/** "4 December 2026 at 16:34" or "4 Rhagfyr 2026 am 16:34", in London. */
export const formatDateTimeIn = (language: Language, value: Date | string) =>
  language === "cy" ? welsh(new Date(value), true) : englishDateTime.format(new Date(value));
/** A calendar date ('YYYY-MM-DD') as words, without any time zone moving it. */
export const formatCalendarDateIn = (language: Language, day: string) =>
  formatDateIn(language, `${day}T12:00:00Z`);
