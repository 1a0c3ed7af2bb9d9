import { Form, useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { PREVIEW_ACTION } from "~/utils/revalidation.ts";
import { MarkdownView } from "~/components/positions/markdown-view.tsx";
import { asOwnBlock } from "~/utils/markdown-blocks.ts";
import { blockScopes, type Government } from "~/schemas/governments-labels.ts";

export interface PreviewResult {
  html: string;
  problems: { kind: string; message: string }[];
}

export interface PickerItem {
  id: number;
  label: string;
  kindLabel: string;
  citation: string;
}

const noop = () => () => {};
/** True once React runs in the browser: controls that need JavaScript appear only then. */
export const useHydrated = () =>
  useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );

export interface MarkdownEditorState {
  /** A callback ref for the textarea. */
  attach: (textarea: HTMLTextAreaElement | null) => void;
  body: string;
  setBody: (body: string) => void;
  insert: (text: string) => void;
  /** Inserts whole paragraphs at the cursor, with blank lines around them as needed. */
  insertBlock: (markdown: string) => void;
}

/**
 * The textarea stays uncontrolled, so what someone typed survives re-renders and reloads of the
 * page's data; `body` follows it for the live preview.
 */
export function useMarkdownEditor(initialBody: string): MarkdownEditorState {
  const [textarea, attach] = useState<HTMLTextAreaElement | null>(null);
  const [body, setBody] = useState(initialBody);
  const insert = (text: string) => {
    if (!textarea) return;
    textarea.setRangeText(text, textarea.selectionStart, textarea.selectionEnd, "end");
    textarea.focus();
    setBody(textarea.value);
  };
  const insertBlock = (markdown: string) => {
    if (!textarea) return;
    const { value, selectionStart, selectionEnd } = textarea;
    insert(asOwnBlock(value.slice(0, selectionStart), markdown, value.slice(selectionEnd)));
  };
  return { attach, body, setBody, insert, insertBlock };
}

/** `writing` names what is being written: a position, or a submission's answer. */
export function EditorHelp({ writing = "a position" }: { writing?: string }) {
  return (
    <details className="details">
      <summary>How to write {writing}: Markdown, nation blocks and citations</summary>
      <div className="details__body">
        <p>
          Write in Markdown: <code>## Heading</code>, <code>**bold**</code>, <code>- list item</code>,{" "}
          <code>[link text](https://www.gov.uk/…)</code>. Raw HTML and images are shown as plain text.
        </p>
        <p className="details__heading">Text for one nation</p>
        <p>Text outside a block applies UK-wide. To mark a paragraph or several for one nation, fence it:</p>
        <pre>{"::: scotland\nScottish councils follow the Procurement Reform (Scotland) Act 2014.\n:::"}</pre>
        <p>
          Block names:{" "}
          {blockScopes.map((scope, index) => (
            <span key={scope}>
              {index ? ", " : ""}
              <code>{scope}</code>
            </span>
          ))}
          . Each government reads the UK-wide text plus its own blocks: UK Government reads the{" "}
          <code>england</code> blocks (it legislates for England in devolved areas such as health, care and
          local government); the Scottish Government reads <code>scotland</code>, the Welsh Government{" "}
          <code>wales</code>, the Northern Ireland Executive <code>northern-ireland</code>, and a local
          authority the blocks of its nation.
        </p>
        <p className="details__heading">Citing evidence</p>
        <p>
          Put <code>[@ev:12]</code> after a claim to cite evidence item 12 from the library. Citations become
          numbered footnotes with their source and n. A citation to evidence that is missing or withdrawn is
          flagged here and left out of what readers see; a position cannot be approved or published while one
          remains.
        </p>
      </div>
    </details>
  );
}

export function BodyField({
  attach,
  onBodyChange,
  error,
  defaultValue,
}: {
  attach: MarkdownEditorState["attach"];
  onBodyChange: (body: string) => void;
  error?: string;
  defaultValue: string;
}) {
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label className="field__label" htmlFor="body">
        Text (Markdown)
      </label>
      <p className="field__hint" id="body-hint">
        See “How to write a position” above for nation blocks and citations.
      </p>
      {error ? (
        <p className="field__error" id="body-error">
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <textarea
        ref={attach}
        id="body"
        name="body"
        className="textarea textarea--editor"
        rows={24}
        spellCheck
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "body-hint body-error" : "body-hint"}
        onChange={(event) => onBodyChange(event.currentTarget.value)}
      />
    </div>
  );
}

/**
 * Server-rendered, so it matches what readers (or one government) will see; refreshed as you type
 * when JavaScript runs.
 */
export function LivePreview({
  body,
  initial,
  government = "all",
}: {
  body: string;
  initial: PreviewResult;
  government?: Government | "all";
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

/** Works without JavaScript (copy the citation text); with it, "Insert" puts it at the cursor. */
export function CitationPicker({
  items,
  query,
  insert,
}: {
  items: readonly PickerItem[];
  query: string;
  insert: (text: string) => void;
}) {
  const hydrated = useHydrated();
  return (
    <section className="citation-picker" aria-labelledby="picker-title">
      <h2 id="picker-title">Cite evidence</h2>
      <p>
        Copy a citation into the text just after the claim it supports.
        {hydrated ? " Or place the cursor in the text and choose Insert." : null}
      </p>
      <Form method="get" className="inline-form" preventScrollReset>
        <label className="field__label" htmlFor="evq">
          Search the evidence library
        </label>
        <p className="field__hint" id="evq-hint">
          Without JavaScript, searching reloads this page: save your changes first.
        </p>
        <div className="inline-form__row">
          <input id="evq" name="evq" className="input" defaultValue={query} aria-describedby="evq-hint" />
          <button type="submit" className="button button--secondary">
            Search
          </button>
        </div>
      </Form>
      {items.length === 0 ? (
        <p>
          No evidence matches. <a href="/evidence/new">Add evidence to the library</a>.
        </p>
      ) : (
        <ul className="citation-picker__list">
          {items.map((item) => (
            <li key={item.id}>
              <span className="citation-picker__label">{item.label}</span>{" "}
              <span className="citation-picker__kind">({item.kindLabel})</span> <code>{item.citation}</code>
              {hydrated ? (
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => insert(item.citation)}
                >
                  Insert<span className="visually-hidden"> citation to {item.label}</span>
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
