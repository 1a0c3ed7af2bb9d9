import type { EvidenceKind } from "~/schemas/evidence-labels.ts";
import { formatDate } from "~/utils/format.ts";

/** How evidence reads to people, in the library and in footnotes (client-safe). */

/** What describing an item needs to know of it. */
export interface DescribedEvidence {
  kind: EvidenceKind;
  label: string;
  title: string | null;
  publisher: string | null;
  publishedOn: string | null;
  unit: string | null;
  sourceNote: string | null;
  quoteText: string | null;
  anonymous: boolean | null;
  attribution: string | null;
}

/** "42.5000" → "42.5"; "1250000.0000" → "1,250,000". Exact: never goes through a float. */
export function formatEvidenceNumber(value: string): string {
  const [whole = "0", fraction = ""] = value.split(".");
  const negative = whole.startsWith("-");
  const digits = negative ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const trimmed = fraction.replace(/0+$/, "");
  return `${negative ? "-" : ""}${grouped}${trimmed ? `.${trimmed}` : ""}`;
}

/** "62%", "1,250 staff", or the bare number when there is no unit. */
export const formatEvidenceValue = (value: string, unit: string | null) =>
  !unit
    ? formatEvidenceNumber(value)
    : unit === "%"
      ? `${formatEvidenceNumber(value)}%`
      : `${formatEvidenceNumber(value)} ${unit}`;

/** What a footnote says about an item, given the value it stood at. */
export function describeEvidence(
  item: DescribedEvidence,
  value: { value: string | null; on: string | null },
): string {
  if (item.kind === "source") {
    const date = item.publishedOn ? ` (${formatDate(item.publishedOn)})` : "";
    return `${item.publisher ?? ""}, “${item.title ?? item.label}”${date}`;
  }
  if (item.kind === "figure") {
    const figure = value.value === null ? "no value" : formatEvidenceValue(value.value, item.unit);
    const date = value.on ? `, ${formatDate(value.on)}` : "";
    return `${item.label}: ${figure}${date}. Source: ${item.sourceNote ?? "not recorded"}`;
  }
  const speaker = item.anonymous
    ? "a member organisation, quoted anonymously"
    : (item.attribution ?? "unattributed");
  return `“${item.quoteText ?? ""}”, ${speaker}`;
}
