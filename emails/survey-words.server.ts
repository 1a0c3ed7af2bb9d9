/** The words of the survey emails, in English and Welsh: the English and the bilingual templates share them. */

export function surveyLead(reminder: boolean) {
  return reminder
    ? "We have not yet had your answers to this survey, and it closes soon:"
    : "We would like your experience as evidence for our work with government. Please answer this survey:";
}

export function linkNote(reminder: boolean, anonymous: boolean) {
  const note =
    "This link is personal: it opens this survey without a password and works until the survey closes. " +
    "Your answers are saved on every page, so you can stop and come back with the same link. Please do not forward it.";
  return reminder && anonymous
    ? `${note} If you have already started with the link in our first email, carry on with that one: the survey is anonymous, so answers saved with one link cannot be found with another.`
    : note;
}

export function surveyWho(organisation: string | null) {
  return organisation
    ? `You answer for ${organisation}: colleagues invited from your organisation see and continue the same answers.`
    : "You answer for yourself.";
}

export function surveyLeadCy(reminder: boolean) {
  return reminder
    ? "Nid ydym wedi cael eich atebion i'r arolwg hwn eto, ac mae'n cau cyn bo hir:"
    : "Hoffem gael eich profiad fel tystiolaeth ar gyfer ein gwaith gyda'r llywodraeth. Atebwch yr arolwg hwn:";
}

export function linkNoteCy(reminder: boolean, anonymous: boolean) {
  const note =
    "Mae'r ddolen hon yn bersonol: mae'n agor yr arolwg hwn heb gyfrinair ac yn gweithio nes i'r arolwg gau. " +
    "Caiff eich atebion eu cadw ar bob tudalen, felly gallwch stopio a dod yn ôl gyda'r un ddolen. Peidiwch â'i hanfon ymlaen.";
  return reminder && anonymous
    ? `${note} Os ydych eisoes wedi dechrau gyda'r ddolen yn ein e-bost cyntaf, parhewch gyda honno: mae'r arolwg yn ddienw, felly ni ellir dod o hyd i atebion a gadwyd gydag un ddolen gydag un arall.`
    : note;
}

export function surveyWhoCy(organisation: string | null) {
  return organisation
    ? `Rydych yn ateb ar ran ${organisation}: mae cydweithwyr o'ch sefydliad a wahoddwyd yn gweld ac yn parhau'r un atebion.`
    : "Rydych yn ateb drosoch eich hun.";
}
