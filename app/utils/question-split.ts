/**
 * Splits a consultation's questions, pasted from a web page, PDF or Word document, into one
 * entry per question. Client-safe: the "new submission" page previews the split before saving.
 *
 * Two marker styles are recognised:
 * - labelled: "Question 1:", "Question 1.", "Q1", "Q1.", "Q 1)", "Q1a";
 * - numbered: "1.", "1)", "(1)".
 * When any line is labelled, labelled lines start questions, and so does a numbered line carrying
 * the next number ("Q3." then "4.") unless the question holds a list counting from 1, which stays
 * with it. Numbered lines start a question only when they carry the next number
 * (1, 2, 3 …) written the same way as the first question's ("1." or "1)"), for the same reason. Sub-parts ("(a)", "b)", "(ii)") always stay with their
 * question. Text before the first question is the preamble.
 */

export interface SplitQuestion {
  /** The consultation's own number for it ("3", "4a"), or null when it had none. */
  number: string | null;
  text: string;
}

export interface SplitResult {
  preamble: string;
  questions: SplitQuestion[];
}

const LABELLED = /^\s*(?:question|q)\s*\.?\s*(\d{1,3}[a-z]?)\b\s*[:.)\u2013\u2014-]?\s*(.*)$/i;
const NUMBERED = /^\s*(?:(\d{1,3})([.)])|\((\d{1,3})\))(?:\s+(.*))?$/;

interface Marker {
  number: string;
  /** How the number is written ("." for "1.", ")" for "1)", "()" for "(1)"). */
  style: string;
  rest: string;
}

function labelled(line: string): Marker | null {
  const match = LABELLED.exec(line);
  if (!match?.[1]) return null;
  return { number: match[1].toLowerCase(), style: "label", rest: match[2] ?? "" };
}

function numbered(line: string): Marker | null {
  const match = NUMBERED.exec(line);
  const number = match?.[1] ?? match?.[3];
  if (!match || number === undefined) return null;
  return { number: String(Number(number)), style: match[2] ?? "()", rest: match[4] ?? "" };
}

/** Trims each line's end, drops leading and trailing blank lines and squeezes blank runs to one. */
function tidy(lines: string[]): string {
  return lines
    .map((line) => line.replace(/\s+$/, ""))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

export function splitQuestions(pasted: string): SplitResult {
  const lines = pasted
    .replace(/\r\n?/g, "\n")
    .replace(/\u00a0/g, " ")
    .split("\n");
  const useLabels = lines.some((line) => labelled(line) !== null);
  const preamble: string[] = [];
  const found: { number: string; style: string; lines: string[]; hasList: boolean }[] = [];
  for (const line of lines) {
    const current = found.at(-1);
    const marker = useLabels ? labelled(line) : numbered(line);
    const starts =
      marker !== null &&
      (useLabels ||
        current === undefined ||
        (marker.style === current.style && Number(marker.number) === Number(current.number) + 1));
    if (marker && starts) {
      found.push({ number: marker.number, style: marker.style, lines: [marker.rest], hasList: false });
      continue;
    }
    const inner = useLabels && current ? numbered(line) : null;
    if (current && inner) {
      // "Q3." then "4.": a document that drops the label after the first question. The next
      // number starts a question, unless the question holds its own list counting from 1.
      if (inner.number === "1") current.hasList = true;
      else if (!current.hasList && Number(inner.number) === parseInt(current.number, 10) + 1) {
        found.push({ number: inner.number, style: "label", lines: [inner.rest], hasList: false });
        continue;
      }
    }
    (current ? current.lines : preamble).push(line);
  }
  const questions = found
    .map((question) => ({ number: question.number, text: tidy(question.lines) }))
    .filter((question) => question.text !== "");
  if (!questions.length) {
    // Nothing numbered: one question holding the whole text, so nothing pasted is lost.
    const whole = tidy(lines);
    return { preamble: "", questions: whole ? [{ number: null, text: whole }] : [] };
  }
  return { preamble: tidy(preamble), questions };
}
