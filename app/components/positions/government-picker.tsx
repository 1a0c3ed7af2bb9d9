import { Form } from "@remix-run/react";
import { governmentLabels, governments, type Government } from "~/schemas/governments.ts";

/** A GET form, so each variant has its own address and works without JavaScript. */
export function GovernmentPicker({ government }: { government: Government | "all" }) {
  return (
    <Form method="get" className="filters" aria-label="Choose a government's variant">
      <div className="field">
        <label className="field__label" htmlFor="government">
          Show the text as read by
        </label>
        <select id="government" name="government" defaultValue={government}>
          <option value="all">Every block, labelled by nation</option>
          {governments.map((option) => (
            <option key={option} value={option}>
              {governmentLabels[option]}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button--secondary">
        Show
      </button>
    </Form>
  );
}
