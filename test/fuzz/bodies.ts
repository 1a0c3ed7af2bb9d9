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

const attribute = (tag: string, name: string) =>
  new RegExp(`\\s${name}="([^"]*)"`)
    .exec(tag)?.[1]
    ?.replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"');

/** What a person filling an empty field would type, by the input's type. */
const typical: Record<string, string> = {
  date: "2030-01-31",
  email: "fuzz@example.org",
  number: "1",
  url: "https://example.org/",
};

/**
 * The POST forms of a page as a person would send them: hidden and prefilled values kept, empty
 * text typed in, the first choice of each list. Bodies built from these get past the schema, so a
 * hostile value in one field reaches the model and the database, where the 500s were.
 */
export function formsOf(html: string): Record<string, string>[] {
  const forms = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].filter((match) =>
    /method="post"/i.test(match[1] ?? ""),
  );
  return forms.map((match) => {
    const inner = match[2] ?? "";
    const values: Record<string, string> = {};
    for (const [tag] of inner.matchAll(/<(input|button)\b[^>]*>/g)) {
      const name = attribute(tag, "name");
      const type = attribute(tag, "type") ?? "text";
      if (!name || name in values) continue;
      if ((type === "checkbox" || type === "radio") && !/\schecked=""/.test(tag) && type === "checkbox")
        continue;
      values[name] = attribute(tag, "value") || typical[type] || (type === "hidden" ? "" : "Fuzz");
    }
    for (const select of inner.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const name = attribute(select[1] ?? "", "name");
      const options = [...(select[2] ?? "").matchAll(/<option\b[^>]*value="([^"]+)"/g)];
      if (name && options[0]?.[1]) values[name] = options[0][1];
    }
    for (const area of inner.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
      const name = attribute(area[1] ?? "", "name");
      if (name) values[name] = area[2] || "Fuzz text";
    }
    return values;
  });
}

/** Each form as sent, then with one field at a time hostile (ids past int4 above all), up to `max`. */
export function bodiesFromForms(forms: Record<string, string>[], max = 40): FuzzBody[] {
  const hostile = ["2147483648", "a\u0000b", "-1", "1e30", "12abc"];
  const bodies: FuzzBody[] = [];
  forms.forEach((form, f) => {
    bodies.push({ label: `form ${f + 1} as the page fills it`, kind: "fields", fields: form });
    Object.keys(form)
      .filter((name) => name !== "intent")
      .forEach((name, n) => {
        const value = hostile[n % hostile.length] ?? "";
        bodies.push({
          label: `form ${f + 1} with ${name}=${JSON.stringify(value)}`,
          kind: "fields",
          fields: { ...form, [name]: value },
        });
      });
  });
  // Spread over every form rather than the first ones only.
  const step = Math.max(1, bodies.length / max);
  return bodies.filter((_, n) => n % step < 1).slice(0, max);
}
