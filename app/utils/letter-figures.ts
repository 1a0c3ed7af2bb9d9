import { nationLabels, nations, type Nation } from "~/schemas/directory-labels.ts";

export interface SignatoryFigures {
  organisations: number;
  staff: number;
  /** Represented nations, in the UK's usual order. */
  nations: Nation[];
}

const number = new Intl.NumberFormat("en-GB");

/** "England, Scotland and Wales": a list in English, with "and" before the last. */
export function listInEnglish(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

export function figuresFrom(
  rows: readonly { nation: string | null; staffCount: number }[],
): SignatoryFigures {
  const present = new Set(rows.map((row) => row.nation));
  return {
    organisations: rows.length,
    staff: rows.reduce((sum, row) => sum + row.staffCount, 0),
    nations: nations.filter((nation) => present.has(nation)),
  };
}

/** "12 mutuals employing 3,450 staff, across England and Wales" */
export function describeFigures({ organisations, staff, nations: represented }: SignatoryFigures): string {
  const mutuals = organisations === 1 ? "1 mutual" : `${number.format(organisations)} mutuals`;
  const employing = `employing ${number.format(staff)} ${staff === 1 ? "member of staff" : "staff"}`;
  const across = represented.length
    ? `, ${represented.length === 1 ? "in" : "across"} ${listInEnglish(represented.map((n) => nationLabels[n]))}`
    : "";
  return `${mutuals} ${employing}${across}`;
}
