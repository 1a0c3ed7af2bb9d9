import { Form } from "@remix-run/react";
import type { ReactNode } from "react";

/** A GET form of filters above a list or a comparison: each choice has its own address. */
export function FilterForm({
  label,
  button = "Filter",
  children,
}: {
  /** Names the form for screen readers: "Filter positions". */
  label: string;
  button?: string;
  children: ReactNode;
}) {
  return (
    <Form method="get" className="filters" aria-label={label}>
      {children}
      <button type="submit" className="button button--secondary">
        {button}
      </button>
    </Form>
  );
}
