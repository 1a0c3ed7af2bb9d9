import { Form, Link } from "@remix-run/react";
import { optionsFrom } from "~/components/select-field.tsx";
import { questionKindLabels, questionKinds, type QuestionKind } from "~/schemas/surveys.ts";
import { RadioGroup } from "./radio-group.tsx";

/** The kind a page address or a refused form names, if it is one: `?kind=scale`. */
export function kindFrom(value: unknown): QuestionKind | null {
  return questionKinds.find((kind) => kind === value) ?? null;
}

/**
 * The first step of adding (or retyping) a question: choose its type, then the form shows only that
 * type's settings. A GET form, so it works without JavaScript: the choice comes back as `?kind=`.
 */
export function QuestionKindStep({
  kind,
  keep,
  cancel,
}: {
  kind: QuestionKind | null;
  /** Query values to carry to the next step (the section the question goes in). */
  keep: Record<string, string>;
  cancel: string;
}) {
  return (
    <Form method="get">
      {Object.entries(keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <RadioGroup
        name="kind"
        legend="Type of question"
        hint="The next step asks only for what this type needs."
        options={optionsFrom(questionKindLabels)}
        value={kind ?? undefined}
      />
      <button type="submit" className="button">
        Continue
      </button>{" "}
      <Link to={cancel}>Cancel</Link>
    </Form>
  );
}

/** On the question form: the chosen type, sent with the form, and a way back to choose another. */
export function ChosenKind({ kind, change }: { kind: QuestionKind; change: string }) {
  return (
    <div className="field">
      <input type="hidden" name="kind" value={kind} />
      <p>
        <strong>Type of question:</strong> {questionKindLabels[kind]}.{" "}
        <Link to={change}>
          Change the type<span className="visually-hidden"> of question</span>
        </Link>
      </p>
    </div>
  );
}
