/** The reason an action was refused, when its answer gives one (see refusalAnswer). */
export function refusalOf(answer: unknown): string | null {
  return typeof answer === "object" &&
    answer !== null &&
    "refusal" in answer &&
    typeof answer.refusal === "string"
    ? answer.refusal
    : null;
}
