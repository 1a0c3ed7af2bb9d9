import { useState } from "react";
import { useHydrated } from "~/components/positions/editor.tsx";

/** Copies a text box's contents; without JavaScript the box itself is selectable, so nothing is lost. */
export function CopyButton({ targetId, label }: { targetId: string; label: string }) {
  const hydrated = useHydrated();
  const [copied, setCopied] = useState(false);
  if (!hydrated) return null;
  const copy = async () => {
    const box = document.getElementById(targetId);
    if (!(box instanceof HTMLTextAreaElement)) return;
    try {
      await navigator.clipboard.writeText(box.value);
    } catch {
      // Older browsers, or a page without clipboard permission: select the text for Ctrl+C instead.
      box.select();
    }
    setCopied(true);
  };
  return (
    <>
      <button type="button" className="button button--secondary button--small" onClick={copy}>
        Copy<span className="visually-hidden"> {label}</span>
      </button>
      <span role="status" className="copy-status">
        {copied ? "Copied" : ""}
      </span>
    </>
  );
}
