/**
 * Moving whole Markdown blocks between documents (a position's text into a submission's answer).
 * Client-safe: the answer editor inserts with these.
 */

const HEADING = /^(#{1,6})(?=\s)/;
const FENCE = /^\s*(```|~~~)/;

/**
 * Shifts headings so the highest one sits at `topLevel` (an answer lives under its question's
 * heading, so a position's "## Our position" must not outrank it). Lines in code fences stay.
 */
export function demoteHeadings(markdown: string, topLevel: number): string {
  const lines = markdown.split("\n");
  let fenced = false;
  const levels: number[] = [];
  for (const line of lines) {
    if (FENCE.test(line)) fenced = !fenced;
    const match = fenced ? null : HEADING.exec(line);
    if (match?.[1]) levels.push(match[1].length);
  }
  if (!levels.length) return markdown;
  const shift = topLevel - Math.min(...levels);
  if (shift <= 0) return markdown;
  fenced = false;
  return lines
    .map((line) => {
      if (FENCE.test(line)) fenced = !fenced;
      if (fenced) return line;
      return line.replace(HEADING, (hashes) => "#".repeat(Math.min(6, hashes.length + shift)));
    })
    .join("\n");
}

/**
 * `block` with the blank lines it needs to stand as its own paragraphs between `before` and
 * `after` (the text either side of the cursor), so "Yes." then a heading never run together.
 */
export function asOwnBlock(before: string, block: string, after: string): string {
  const trimmed = block.replace(/^\n+|\n+$/g, "");
  const lead = before === "" || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
  const tail = after === "" || after.startsWith("\n\n") ? "" : after.startsWith("\n") ? "\n" : "\n\n";
  return `${lead}${trimmed}${tail}`;
}
