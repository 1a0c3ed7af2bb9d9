import { diffLines, diffWords } from "diff";

export interface DiffPart {
  kind: "same" | "added" | "removed";
  text: string;
}

export interface TextDiff {
  parts: DiffPart[];
  addedWords: number;
  removedWords: number;
}

const countWords = (text: string) => text.split(/\s+/).filter(Boolean).length;

/**
 * A word-level diff for people to read. Lines (paragraphs, in Markdown) are matched first and
 * only changed ones are diffed word by word: the same result for prose, many times faster on long
 * texts. A pathological pair past the time budget keeps the line-level change.
 */
export function wordDiff(before: string, after: string, { timeoutMs = 3000 } = {}): TextDiff {
  const lines = diffLines(before, after);
  const changes: { added?: boolean; removed?: boolean; value: string }[] = [];
  for (let index = 0; index < lines.length; index++) {
    const change = lines[index];
    const next = lines[index + 1];
    if (change?.removed && next?.added) {
      changes.push(...(diffWords(change.value, next.value, { timeout: timeoutMs }) ?? [change, next]));
      index++;
    } else if (change) {
      changes.push(change);
    }
  }
  const parts: DiffPart[] = [];
  let addedWords = 0;
  let removedWords = 0;
  for (const change of changes) {
    const kind = change.added ? "added" : change.removed ? "removed" : "same";
    if (kind === "added") addedWords += countWords(change.value);
    if (kind === "removed") removedWords += countWords(change.value);
    const last = parts[parts.length - 1];
    if (last?.kind === kind) last.text += change.value;
    else parts.push({ kind, text: change.value });
  }
  return { parts, addedWords, removedWords };
}
