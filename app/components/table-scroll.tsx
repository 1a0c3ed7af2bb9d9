import type { ReactNode } from "react";

/**
 * A table that may be wider than a phone: it scrolls sideways in its own box, which takes keyboard
 * focus (and has a name) so people who cannot swipe can scroll it too.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
