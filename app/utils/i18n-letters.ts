import { letterStateLabels } from "~/schemas/letters-labels.ts";
import type { Language } from "./i18n.ts";

/**
 * The furniture of an open letter's public page and its signing page, in English and Welsh: a
 * bilingual letter's readers and signers see it in the language they chose. The letter's own words
 * (title, body) have their own Welsh columns; names, organisations and the addressee stay as written.
 */
const number = new Intl.NumberFormat("en-GB");
const en = {
  states: letterStateLabels,
  openLetter: "Open letter",
  openLetterTo: (addressee: string) => `Open letter to ${addressee}`,
  to: (addressee: string) => `To ${addressee}`,
  theLetter: "The letter",
  noneSigned: "No organisation has signed yet.",
  signedBy: "Signed by",
  goal: (goal: number, percent: number) =>
    `Goal: ${number.format(goal)} organisations (${percent}% reached).`,
  yourOrganisationSigned: "Your organisation has signed",
  seeOrWithdraw: "See or withdraw your signature",
  signThisLetter: "Sign this letter",
  forLeaders: "For leaders of member organisations: one signature per organisation.",
  signatories: "Signatories",
  noSignatures: "No signatures yet.",
  orderLabel: "Order of signatories",
  showIn: "Show in:",
  signingOrder: "signing order",
  alphabetical: "A to Z by organisation",
  pagesOfSignatories: "Pages of signatories",
  range: (first: number, last: number, total: number) => `Showing ${first} to ${last} of ${total}`,
  noneYet: "None yet",
  withdrawnLetter: (on: string | null) =>
    `This letter was withdrawn${on ? ` on ${on}` : ""} and was not sent. Its signatories are no longer shown.`,
  otherLetters: "See other open letters",
  delivered: (recipient: string, on: string) => `Delivered to ${recipient} on ${on}.`,
  closedOn: (on: string) => `Closed for signatures on ${on}.`,
  openUntil: (until: string) => `Open for signatures until ${until}.`,
  open: "Open for signatures.",
  noLongerOpen: "No longer open for signatures.",
  // Signing
  textYouSign: "The text you are signing",
  seeWhoSigned: "See who has signed",
  youHaveSigned: "You have signed",
  youSignedFor: (organisation: string, on: string) => `You signed for ${organisation} on ${on}.`,
  yourOrganisation: "your organisation",
  withdrawQuestion: "Withdraw your organisation's signature?",
  withdrawWarning: (organisation: string) =>
    `${organisation} will no longer be listed on the letter. You can sign again while it is open.`,
  yesWithdraw: "Yes, withdraw the signature",
  cancel: "Cancel",
  withdrawYourSignature: "Withdraw your signature",
  untilCloses: "(possible until the letter closes)",
  closedStands: "The letter has closed, so the signature stands.",
  signaturesClosed: "Signatures are closed",
  noLongerAccepts: "This letter no longer accepts signatures.",
  alreadySignedTitle: "Your organisation has already signed",
  alreadySignedBy: (who: string, organisation: string, on: string) =>
    `${who} signed for ${organisation} on ${on}. Each organisation signs once, so there is nothing more to do.`,
  cannotSign: "You cannot sign this letter",
  checkThenSign: "Check your details, then sign",
  shownLikeThis: "Your signature adds your organisation's name to the letter, shown publicly like this:",
  name: "Name",
  jobTitle: "Job title",
  notRecorded: "Not recorded",
  organisation: "Organisation",
  tellPolicyTeam: "If something is wrong, tell the policy team before signing.",
  sign: "Sign",
  signing: "Signing…",
  signedNotice: "Thank you: your signature counts now. We have emailed you a confirmation.",
  withdrawnNotice: "Your organisation's signature has been withdrawn. We have emailed you to confirm.",
  ineligible: {
    not_leader:
      "Open letters are signed by the leader of each member organisation. Your account is not a leader's: ask your chief executive, or the policy team if this is wrong.",
    not_member_organisation:
      "Only organisations with an active membership can sign. Contact the membership team if your membership should be active.",
    inactive: "Your account is no longer active.",
  },
  refusals: {
    unrecognised: "That action is not recognised.",
    notSigned: "There is no signature of yours to withdraw.",
    notYours: "Only the person who signed can withdraw the signature.",
    closedWithdraw: "The letter has closed: signatures can no longer be withdrawn.",
    invalidLink: "This signing link is not valid or has expired.",
    rateLimited:
      "There have been too many signing attempts from your network or account. Wait a few minutes and try again.",
    staleForm: "This form was already used. Reload the page to sign again.",
    closed: "The letter has closed: it no longer accepts signatures.",
    ineligible: "Only a leader of a member organisation can sign this letter.",
  },
  linkProblemTitle: "This signing link is not valid or has expired",
  linkProblemWhy: (title: string) =>
    `Personal links work only for the letter they came with, and only until it closes. This one was for “${title}”.`,
  stillOpen: "The letter is still open. If you lead a member organisation, you can",
  signInToSign: "sign in to sign it",
  letterClosed: (on: string | null) => `The letter has closed${on ? ` (on ${on})` : ""}.`,
  readTheLetter: "Read the letter",
  organisationSigned: (name: string, on: string) =>
    `${name} already signed for your organisation on ${on}. Each organisation signs once.`,
};

export type LetterMessages = typeof en;

const cy: LetterMessages = {
  states: {
    draft: "Drafft",
    open: "Ar agor i lofnodion",
    closed: "Ar gau",
    delivered: "Wedi'i anfon",
    withdrawn: "Wedi'i dynnu'n ôl",
  },
  openLetter: "Llythyr agored",
  openLetterTo: (addressee) => `Llythyr agored at ${addressee}`,
  to: (addressee) => `At ${addressee}`,
  theLetter: "Y llythyr",
  noneSigned: "Nid oes unrhyw sefydliad wedi llofnodi eto.",
  signedBy: "Wedi'i lofnodi gan",
  goal: (goal, percent) => `Nod: ${number.format(goal)} sefydliad (${percent}% wedi'i gyrraedd).`,
  yourOrganisationSigned: "Mae eich sefydliad wedi llofnodi",
  seeOrWithdraw: "Gweld neu dynnu eich llofnod yn ôl",
  signThisLetter: "Llofnodi'r llythyr hwn",
  forLeaders: "I arweinwyr sefydliadau sy'n aelodau: un llofnod i bob sefydliad.",
  signatories: "Llofnodwyr",
  noSignatures: "Dim llofnodion eto.",
  orderLabel: "Trefn y llofnodwyr",
  showIn: "Dangos yn ôl:",
  signingOrder: "trefn llofnodi",
  alphabetical: "A i Y yn ôl sefydliad",
  pagesOfSignatories: "Tudalennau o lofnodwyr",
  range: (first, last, total) => `Yn dangos ${first} i ${last} o ${total}`,
  noneYet: "Dim eto",
  withdrawnLetter: (on) =>
    `Tynnwyd y llythyr hwn yn ôl${on ? ` ar ${on}` : ""} ac ni chafodd ei anfon. Nid yw ei lofnodwyr yn cael eu dangos mwyach.`,
  otherLetters: "Gweld llythyrau agored eraill",
  delivered: (recipient, on) => `Wedi'i anfon at ${recipient} ar ${on}.`,
  closedOn: (on) => `Ar gau i lofnodion ers ${on}.`,
  openUntil: (until) => `Ar agor i lofnodion tan ${until}.`,
  open: "Ar agor i lofnodion.",
  noLongerOpen: "Nid yw ar agor i lofnodion mwyach.",
  textYouSign: "Y testun rydych yn ei lofnodi",
  seeWhoSigned: "Gweld pwy sydd wedi llofnodi",
  youHaveSigned: "Rydych wedi llofnodi",
  youSignedFor: (organisation, on) => `Fe wnaethoch lofnodi ar ran ${organisation} ar ${on}.`,
  yourOrganisation: "eich sefydliad",
  withdrawQuestion: "Tynnu llofnod eich sefydliad yn ôl?",
  withdrawWarning: (organisation) =>
    `Ni fydd ${organisation} wedi'i restru ar y llythyr mwyach. Gallwch lofnodi eto tra bydd ar agor.`,
  yesWithdraw: "Ie, tynnu'r llofnod yn ôl",
  cancel: "Canslo",
  withdrawYourSignature: "Tynnu eich llofnod yn ôl",
  untilCloses: "(yn bosibl nes i'r llythyr gau)",
  closedStands: "Mae'r llythyr wedi cau, felly mae'r llofnod yn sefyll.",
  signaturesClosed: "Mae llofnodion ar gau",
  noLongerAccepts: "Nid yw'r llythyr hwn yn derbyn llofnodion mwyach.",
  alreadySignedTitle: "Mae eich sefydliad eisoes wedi llofnodi",
  alreadySignedBy: (who, organisation, on) =>
    `Llofnododd ${who} ar ran ${organisation} ar ${on}. Mae pob sefydliad yn llofnodi unwaith, felly nid oes dim mwy i'w wneud.`,
  cannotSign: "Ni allwch lofnodi'r llythyr hwn",
  checkThenSign: "Gwiriwch eich manylion, yna llofnodwch",
  shownLikeThis:
    "Mae eich llofnod yn ychwanegu enw eich sefydliad at y llythyr, wedi'i ddangos yn gyhoeddus fel hyn:",
  name: "Enw",
  jobTitle: "Teitl swydd",
  notRecorded: "Heb ei gofnodi",
  organisation: "Sefydliad",
  tellPolicyTeam: "Os oes rhywbeth o'i le, dywedwch wrth y tîm polisi cyn llofnodi.",
  sign: "Llofnodi",
  signing: "Yn llofnodi…",
  signedNotice: "Diolch: mae eich llofnod yn cyfrif nawr. Rydym wedi anfon e-bost atoch i gadarnhau.",
  withdrawnNotice: "Mae llofnod eich sefydliad wedi'i dynnu'n ôl. Rydym wedi anfon e-bost atoch i gadarnhau.",
  ineligible: {
    not_leader:
      "Mae llythyrau agored yn cael eu llofnodi gan arweinydd pob sefydliad sy'n aelod. Nid cyfrif arweinydd yw eich cyfrif chi: gofynnwch i'ch prif weithredwr, neu i'r tîm polisi os yw hyn yn anghywir.",
    not_member_organisation:
      "Dim ond sefydliadau ag aelodaeth weithredol sy'n gallu llofnodi. Cysylltwch â'r tîm aelodaeth os dylai eich aelodaeth fod yn weithredol.",
    inactive: "Nid yw eich cyfrif yn weithredol mwyach.",
  },
  refusals: {
    unrecognised: "Nid yw'r weithred honno'n cael ei hadnabod.",
    notSigned: "Nid oes llofnod gennych i'w dynnu'n ôl.",
    notYours: "Dim ond y person a lofnododd all dynnu'r llofnod yn ôl.",
    closedWithdraw: "Mae'r llythyr wedi cau: ni ellir tynnu llofnodion yn ôl mwyach.",
    invalidLink: "Nid yw'r ddolen llofnodi hon yn ddilys neu mae wedi dod i ben.",
    rateLimited:
      "Bu gormod o ymdrechion i lofnodi o'ch rhwydwaith neu'ch cyfrif. Arhoswch ychydig funudau a rhowch gynnig arall arni.",
    staleForm: "Mae'r ffurflen hon eisoes wedi'i defnyddio. Ail-lwythwch y dudalen i lofnodi eto.",
    closed: "Mae'r llythyr wedi cau: nid yw'n derbyn llofnodion mwyach.",
    ineligible: "Dim ond arweinydd sefydliad sy'n aelod all lofnodi'r llythyr hwn.",
  },
  linkProblemTitle: "Nid yw'r ddolen llofnodi hon yn ddilys neu mae wedi dod i ben",
  linkProblemWhy: (title) =>
    `Mae dolenni personol yn gweithio ar gyfer y llythyr y daethant gydag ef yn unig, a dim ond nes iddo gau. Roedd hon ar gyfer “${title}”.`,
  stillOpen: "Mae'r llythyr yn dal ar agor. Os ydych yn arwain sefydliad sy'n aelod, gallwch",
  signInToSign: "fewngofnodi i'w lofnodi",
  letterClosed: (on) => `Mae'r llythyr wedi cau${on ? ` (ar ${on})` : ""}.`,
  readTheLetter: "Darllen y llythyr",
  organisationSigned: (name, on) =>
    `Mae ${name} eisoes wedi llofnodi ar ran eich sefydliad ar ${on}. Mae pob sefydliad yn llofnodi unwaith.`,
};

export const letterCatalogue: Record<Language, LetterMessages> = { en, cy };

export const letterMessagesFor = (language: Language): LetterMessages => letterCatalogue[language];
