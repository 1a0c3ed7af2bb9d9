import { Form, useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useHydrated, type MarkdownEditorState, type PreviewResult } from "~/components/positions/editor.tsx";
import { MarkdownView } from "~/components/positions/markdown-view.tsx";
import type { Government } from "~/schemas/governments-labels.ts";
import { PREVIEW_ACTION } from "~/utils/revalidation.ts";

/** Server-rendered as the government will read it; refreshed as you type when JavaScript runs. */
export function AnswerPreview({
  body,
  government,
  initial,
}: {
  body: string;
  government: Government;
  initial: PreviewResult;
}) {
  const fetcher = useFetcher<PreviewResult>();
  const lastSent = useRef(body);
  const submit = fetcher.submit;
  useEffect(() => {
    if (body === lastSent.current) return;
    const timer = setTimeout(() => {
      lastSent.current = body;
      submit({ body, government }, { method: "post", action: PREVIEW_ACTION });
    }, 400);
    return () => clearTimeout(timer);
  }, [body, government, submit]);
  const preview = fetcher.data ?? initial;
  return (
    <section className="editor-preview" aria-labelledby="preview-title">
      <h2 id="preview-title">Preview</h2>
      {preview.problems.length ? (
        <div className="panel panel--warning">
          <h3 className="panel__title">Check these before asking for review</h3>
          <ul>
            {preview.problems.map((problem, index) => (
              <li key={index}>{problem.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div aria-busy={fetcher.state !== "idle"}>
        {preview.html ? <MarkdownView html={preview.html} /> : <p>Nothing written yet.</p>}
      </div>
    </section>
  );
}

/**
 * Quote a position's agreed text, as this government reads it. Without JavaScript, choosing a
 * position reloads the page with its text to copy; with it, "Insert" puts it at the cursor.
 */
export function PositionInsert({
  positions,
  chosen,
  governmentLabel,
  insert,
}: {
  positions: readonly { slug: string; title: string; stateLabel: string }[];
  chosen: { slug: string; title: string; markdown: string } | null;
  governmentLabel: string;
  insert: (text: string) => void;
}) {
  const hydrated = useHydrated();
  return (
    <section className="position-insert" aria-labelledby="position-insert-title">
      <h2 id="position-insert-title">Quote a position</h2>
      {positions.length === 0 ? (
        <p>No approved or published positions yet.</p>
      ) : (
        <Form method="get" className="inline-form" preventScrollReset>
          <label className="field__label" htmlFor="position">
            Position
          </label>
          <p className="field__hint" id="position-hint">
            Its text as {governmentLabel} reads it. Without JavaScript this reloads the page: save first.
          </p>
          <div className="inline-form__row">
            <select
              id="position"
              name="position"
              defaultValue={chosen?.slug ?? ""}
              aria-describedby="position-hint"
            >
              <option value="">Choose a position</option>
              {positions.map((position) => (
                <option key={position.slug} value={position.slug}>
                  {position.title} ({position.stateLabel})
                </option>
              ))}
            </select>
            <button type="submit" className="button button--secondary">
              Show its text
            </button>
          </div>
        </Form>
      )}
      {chosen ? (
        <div className="position-insert__text">
          <label className="field__label" htmlFor="position-text">
            “{chosen.title}” for {governmentLabel}
          </label>
          <textarea id="position-text" className="textarea" rows={8} readOnly value={chosen.markdown} />
          {hydrated ? (
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => insert(chosen.markdown)}
            >
              Insert the position’s text
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

export function AnswerField({
  attach,
  onAnswerChange,
  defaultValue,
  error,
}: {
  attach: MarkdownEditorState["attach"];
  onAnswerChange: (answer: string) => void;
  defaultValue: string;
  error?: string | undefined;
}) {
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label className="field__label" htmlFor="answer">
        Answer (Markdown)
      </label>
      {error ? (
        <p className="field__error" id="answer-error">
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <textarea
        ref={attach}
        id="answer"
        name="answer"
        className="textarea textarea--editor"
        rows={18}
        spellCheck
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "answer-error" : undefined}
        onChange={(event) => onAnswerChange(event.currentTarget.value)}
      />
    </div>
  );
}
