import type { TextDiff } from "~/utils/diff.ts";

/**
 * Insertions and deletions as <ins>/<del>, each announced as "added"/"removed" to screen readers
 * (which mostly do not read those elements out), with colour and strike-through for sighted readers.
 */
export function WordDiff({ diff, label }: { diff: TextDiff; label: string }) {
  const unchanged = diff.addedWords === 0 && diff.removedWords === 0;
  return (
    <figure className="word-diff">
      <figcaption className="word-diff__caption">
        {label}:{" "}
        {unchanged
          ? "no differences"
          : `${diff.addedWords.toLocaleString("en-GB")} words added, ${diff.removedWords.toLocaleString("en-GB")} words removed`}
      </figcaption>
      <div className="word-diff__text">
        {diff.parts.map((part, index) =>
          part.kind === "added" ? (
            <ins key={index}>
              <span className="visually-hidden">[added: </span>
              {part.text}
              <span className="visually-hidden">]</span>
            </ins>
          ) : part.kind === "removed" ? (
            <del key={index}>
              <span className="visually-hidden">[removed: </span>
              {part.text}
              <span className="visually-hidden">]</span>
            </del>
          ) : (
            <span key={index}>{part.text}</span>
          ),
        )}
      </div>
    </figure>
  );
}
