/**
 * What the survey pages may say after a change. The address carries a code and a count, never the
 * words, so nobody can make the app show a message of their own by sending someone a link.
 */
const people = (count: number) => `${count.toLocaleString("en-GB")} ${count === 1 ? "person" : "people"}`;

const surveyNotices = {
  opened: (count: number) => `Survey opened: ${people(count)} invited.`,
  closed: () => "Survey closed. The personal links no longer work.",
  archived: () => "Survey archived.",
  reminded: (count: number) =>
    count
      ? `Reminder sent to ${people(count)}.`
      : "Everyone who has not answered has already had a reminder.",
  invited: (count: number) =>
    count
      ? `Invitations sent to ${people(count)}.`
      : "Everyone in the audience had already been invited: nobody was emailed.",
  copied: () => "This is a new draft copied from the previous version.",
  "section-added": () => "Section added.",
  "section-saved": () => "Section saved.",
  "section-deleted": () => "Section deleted.",
  "question-added": () => "Question added.",
  "question-saved": () => "Question saved.",
  "question-deleted": () => "Question deleted.",
} satisfies Record<string, (count: number) => string>;

export type SurveyNotice = keyof typeof surveyNotices;

const isSurveyNotice = (code: string): code is SurveyNotice => Object.hasOwn(surveyNotices, code);

/** The survey's page, saying `notice` (with `count` where the notice has one). */
export function surveyPageWithNotice(surveyId: number, notice: SurveyNotice, count = 0): string {
  const query = new URLSearchParams({ notice });
  if (count) query.set("count", String(count));
  return `/surveys/${surveyId}?${query}`;
}

/** The words for the notice a page address names; null for none or an unknown code. */
export function surveyNoticeText(url: URL): string | null {
  const code = url.searchParams.get("notice");
  if (!code || !isSurveyNotice(code)) return null;
  const count = Number.parseInt(url.searchParams.get("count") ?? "0", 10);
  return surveyNotices[code](Number.isSafeInteger(count) && count > 0 ? count : 0);
}
