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
 * A word-level diff for people to read. A pathological pair (two unrelated long texts) could
 * take the word diff a long time, so past a time budget it falls back to whole lines.
 */
export function wordDiff(before: string, after: string, { timeoutMs = 3000 } = {}): TextDiff {
  const changes = diffWords(before, after, { timeout: timeoutMs }) ?? diffLines(before, after);
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
