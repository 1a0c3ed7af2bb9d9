import type { Language } from "./i18n.ts";

/**
 * A member's home in English and Welsh: what is asked of them, where their evidence went and the
 * campaigns they backed. Staff homes stay English. Names, titles and outcomes are as written.
 */
/** A line under each area a member sees on their home, by where it goes. */
const englishAreas: Record<string, string> = {
  "/organisation": "Check the details the network holds about your organisation and its people.",
  "/surveys": "Surveys the network has asked your organisation to answer.",
  "/positions": "What the network says to government, and the evidence behind it.",
  "/letters": "Open letters your organisation can sign.",
  "/account": "Your details, your second factor, and where you are signed in.",
};

const en = {
  welcome: (name: string) => `Welcome, ${name}`,
  signedInAs: (leader: boolean) =>
    `You are signed in as a member contact${leader ? " and can sign open letters for your organisation" : ""}.`,
  asked: "What is asked of you",
  nothingAsked: (leader: boolean) =>
    `No survey is waiting for your organisation's answer${leader ? ", and no open letter for your signature" : ""}. When the network asks your organisation for evidence${leader ? " or for a signature" : ""}, it will be listed here.`,
  surveys: "Surveys",
  surveysToAnswer: "Surveys to answer",
  oneForOrganisation: "One answer for your organisation.",
  yourOwn: "Your own answer.",
  notStarted: "Not started",
  answeredAnonymously: "You have answered (anonymous: your answers are not shown here)",
  submitted: (on: string | null, by: string | null) =>
    `Submitted${on ? ` on ${on}` : ""}${by ? ` by ${by}` : ""}`,
  inProgress: (saved: number, of: number, by: string | null, on: string | null) =>
    `In progress: saved up to section ${saved} of ${of}${by ? ` by ${by}` : ""}${on ? ` on ${on}` : ""}`,
  closesAtEndOf: (date: string) => `Closes at the end of ${date}.`,
  continue: "Continue",
  start: "Start",
  lettersToSign: "Open letters to sign",
  to: (addressee: string) => `To ${addressee}.`,
  signedBy: (name: string, on: string) => `Signed by ${name} on ${on}.`,
  notSignedYet: "Your organisation has not signed yet.",
  closesOn: (date: string) => `Closes on ${date}.`,
  sign: "Sign",
  evidenceUsed: "Where your evidence was used",
  evidenceUsedLead:
    "Every position, consultation response and open letter that used your organisation's survey answers or its signature. We never say which answers were yours.",
  nothingUsed:
    "Nothing yet. When a position, a consultation response or an open letter uses your survey answers or your signature, it will be listed here.",
  useKinds: {
    position: "Policy position",
    submission: "Consultation response",
    letter: "Open letter you signed",
  },
  useTo: (to: string) => `, to ${to}`,
  useOn: (kind: "position" | "submission" | "letter", on: string) =>
    `, ${{ position: "published", submission: "sent", letter: "delivered" }[kind]} on ${on}`,
  outcome: (outcome: string) => ` Outcome: ${outcome}`,
  everywhereUsed: "Everywhere your evidence was used",
  campaignsBacked: "Campaigns you have backed",
  noCampaigns:
    "None yet. When your organisation answers a survey or signs a letter for one of our campaigns, it will be listed here with what the campaign achieves.",
  whatYouCanDo: "What you can do here",
  areas: englishAreas,
};

export type HomeMessages = typeof en;

const cy: HomeMessages = {
  welcome: (name) => `Croeso, ${name}`,
  signedInAs: (leader) =>
    `Rydych wedi mewngofnodi fel cyswllt aelod${leader ? " a gallwch lofnodi llythyrau agored ar ran eich sefydliad" : ""}.`,
  asked: "Beth a ofynnir i chi",
  nothingAsked: (leader) =>
    `Nid oes arolwg yn aros am ateb eich sefydliad${leader ? ", na llythyr agored yn aros am eich llofnod" : ""}. Pan fydd y rhwydwaith yn gofyn i'ch sefydliad am dystiolaeth${leader ? " neu am lofnod" : ""}, bydd yn cael ei restru yma.`,
  surveys: "Arolygon",
  surveysToAnswer: "Arolygon i'w hateb",
  oneForOrganisation: "Un ateb ar gyfer eich sefydliad.",
  yourOwn: "Eich ateb eich hun.",
  notStarted: "Heb ddechrau",
  answeredAnonymously: "Rydych wedi ateb (dienw: nid yw eich atebion yn cael eu dangos yma)",
  submitted: (on, by) => `Anfonwyd${on ? ` ar ${on}` : ""}${by ? ` gan ${by}` : ""}`,
  inProgress: (saved, of, by, on) =>
    `Ar y gweill: wedi'i gadw hyd at adran ${saved} o ${of}${by ? ` gan ${by}` : ""}${on ? ` ar ${on}` : ""}`,
  closesAtEndOf: (date) => `Yn cau ar ddiwedd ${date}.`,
  continue: "Parhau",
  start: "Dechrau",
  lettersToSign: "Llythyrau agored i'w llofnodi",
  to: (addressee) => `At ${addressee}.`,
  signedBy: (name, on) => `Llofnodwyd gan ${name} ar ${on}.`,
  notSignedYet: "Nid yw eich sefydliad wedi llofnodi eto.",
  closesOn: (date) => `Yn cau ar ${date}.`,
  sign: "Llofnodi",
  evidenceUsed: "Ble y defnyddiwyd eich tystiolaeth",
  evidenceUsedLead:
    "Pob safbwynt, ymateb i ymgynghoriad a llythyr agored a ddefnyddiodd atebion arolwg eich sefydliad neu ei lofnod. Nid ydym byth yn dweud pa atebion oedd eich rhai chi.",
  nothingUsed:
    "Dim eto. Pan fydd safbwynt, ymateb i ymgynghoriad neu lythyr agored yn defnyddio atebion eich arolwg neu eich llofnod, bydd yn cael ei restru yma.",
  useKinds: {
    position: "Safbwynt polisi",
    submission: "Ymateb i ymgynghoriad",
    letter: "Llythyr agored a lofnodwyd gennych",
  },
  useTo: (to) => `, at ${to}`,
  useOn: (kind, on) =>
    `, ${{ position: "cyhoeddwyd", submission: "anfonwyd", letter: "anfonwyd" }[kind]} ar ${on}`,
  outcome: (outcome) => ` Canlyniad: ${outcome}`,
  everywhereUsed: "Pob man y defnyddiwyd eich tystiolaeth",
  campaignsBacked: "Ymgyrchoedd rydych wedi'u cefnogi",
  noCampaigns:
    "Dim eto. Pan fydd eich sefydliad yn ateb arolwg neu'n llofnodi llythyr ar gyfer un o'n hymgyrchoedd, bydd yn cael ei restru yma gyda'r hyn y mae'r ymgyrch yn ei gyflawni.",
  whatYouCanDo: "Beth allwch chi ei wneud yma",
  areas: {
    "/organisation": "Gwiriwch y manylion sydd gan y rhwydwaith am eich sefydliad a'i bobl.",
    "/surveys": "Arolygon y mae'r rhwydwaith wedi gofyn i'ch sefydliad eu hateb.",
    "/positions": "Yr hyn y mae'r rhwydwaith yn ei ddweud wrth y llywodraeth, a'r dystiolaeth y tu ôl iddo.",
    "/letters": "Llythyrau agored y gall eich sefydliad eu llofnodi.",
    "/account": "Eich manylion, eich ail ffactor, a ble rydych wedi mewngofnodi.",
  },
};

export const homeCatalogue: Record<Language, HomeMessages> = { en, cy };

export const homeMessagesFor = (language: Language): HomeMessages => homeCatalogue[language];
