/**
 * Malformed bodies for one form action: what a crafted request, a broken client or a paste of
 * rubbish sends. Each says what it is, so a failure can be read without decoding the body.
 */

export type FuzzBody =
  | { label: string; kind: "fields"; fields: Record<string, string | string[]> }
  | { label: string; kind: "raw"; body: string; contentType: string | null }
  | { label: string; kind: "multipart"; form: () => FormData };

const MB = 1_000_000;

/** Values that break a careless parser: each is sent in every field at once. */
const hostileValues: [label: string, value: string][] = [
  ["empty", ""],
  ["negative", "-1"],
  ["zero", "0"],
  ["int4 overflow", "2147483648"],
  ["1e30", "1e30"],
  ["number with letters", "12abc"],
  ["NUL", "a\u0000b"],
  ["unicode", "Ʋ𝕍 🙂\u202e ﷽ e\u0301 \uFEFF"],
];

const fill = (fields: string[], value: string | string[]) =>
  Object.fromEntries(fields.map((field) => [field, value]));

/**
 * Hostile values in every field, a foreign id in every field, every field twice, and no field but
 * the intent: each kind at least once, and each intent (a bogus one and none included) at least
 * twice, pairing them round-robin so the count grows with the intents, not with their product.
 * `foreignId` is a real row of another kind than the page's.
 */
export function bodiesForIntents(
  intents: (string | null)[],
  fields: string[],
  foreignId: number,
): FuzzBody[] {
  type Kind = [label: string, values: () => Record<string, string | string[]>];
  const kinds: Kind[] = [
    ...hostileValues.map(([label, value]): Kind => [`every field ${label}`, () => fill(fields, value)]),
    ["every field a foreign id", () => fill(fields, String(foreignId))],
    ["every field twice", () => fill(fields, ["1", "two"])],
    ["no other field", () => ({})],
  ];
  const count = Math.max(kinds.length, 2 * intents.length);
  return Array.from({ length: count }, (_, n): FuzzBody => {
    const [label, values] = kinds[n % kinds.length] ?? ["no other field", () => ({})];
    const intent = intents[n % intents.length] ?? null;
    return {
      label: `${intent === null ? "no intent" : `intent=${intent}`}, ${label}`,
      kind: "fields",
      fields: intent === null ? values() : { ...values(), intent },
    };
  });
}

/** Once per route: bodies whose shape is wrong whatever the intent. */
export function bodiesForRoute(fields: string[], intents: string[]): FuzzBody[] {
  const first = fields[0] ?? "title";
  const intent = intents[0] ?? "save";
  return [
    {
      label: "a 1 MB value in one field",
      kind: "fields",
      fields: { ...fill(fields, "1"), intent, [first]: "x".repeat(MB) },
    },
    {
      label: "1,000 fields",
      kind: "fields",
      fields: Object.fromEntries(Array.from({ length: 1000 }, (_, n) => [`f${n}`, String(n)])),
    },
    {
      label: "intent given twice, differently",
      kind: "fields",
      fields: { ...fill(fields, "1"), intent: intents.slice(0, 2).concat("other") },
    },
    {
      label: "words where flags and choices go",
      kind: "fields",
      fields: { ...fill(fields, "true"), intent },
    },
    { label: "impossible dates", kind: "fields", fields: { ...fill(fields, "2027-02-30"), intent } },
    {
      label: "script in every field",
      kind: "fields",
      fields: { ...fill(fields, "<script>alert(1)</script>"), intent },
    },
    {
      label: "bracketed names",
      kind: "fields",
      fields: { [`${first}[]`]: "1", [`${first}[a]`]: "2", __proto__: "x", intent },
    },
    {
      label: "JSON",
      kind: "raw",
      body: JSON.stringify({ ...Object.fromEntries(fields.map((field) => [field, 1])), intent }),
      contentType: "application/json",
    },
    {
      label: "XML",
      kind: "raw",
      body: `<?xml version="1.0"?><form><intent>${intent}</intent></form>`,
      contentType: "application/xml",
    },
    { label: "text/plain", kind: "raw", body: `intent=${intent}\r\n${first}=1`, contentType: "text/plain" },
    { label: "no content type", kind: "raw", body: `intent=${intent}&${first}=1`, contentType: null },
    {
      label: "bad percent-encoding",
      kind: "raw",
      body: `intent=${intent}&${first}=%zz%&%=%`,
      contentType: "application/x-www-form-urlencoded",
    },
    {
      label: "broken multipart",
      kind: "raw",
      body: `--x\r\nContent-Disposition: form-data; name="${first}"\r\n\r\nunfinished`,
      contentType: "multipart/form-data; boundary=x",
    },
    {
      label: "files in every field",
      kind: "multipart",
      form: () => {
        const form = new FormData();
        form.append("intent", intent);
        for (const field of fields) form.append(field, new Blob(["1,2\n"], { type: "text/csv" }), "a.csv");
        return form;
      },
    },
  ];
}
