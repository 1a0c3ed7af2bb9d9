import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { create, type Font } from "fontkit";

// Font fallback for PDFs. DejaVu Sans covers Welsh, Irish and every Latin, Greek, Cyrillic, Hebrew and
// Arabic letter a name can hold; a Noto Sans font per script adds the rest, and Noto Emoji (monochrome)
// adds emoji. Text is cut into runs by the first font that has each character's glyph; pdfkit shapes
// each run (fontkit's Indic shaper reorders and joins as a browser does) and embeds only the glyphs used,
// so a letter with one Chinese name stays small. All come from npm: a clean machine has them after
// `npm ci`. Not covered: scripts none of these fonts has (Sinhala, Khmer, Ethiopic, ...).

export type Face = "regular" | "bold" | "italic" | "boldItalic";

/** An @expo-google-fonts package's regular and bold; none has an italic, so upright stands in. */
function expoFont(pkg: string, file: string): Record<Face, string> {
  const regular = `@expo-google-fonts/${pkg}/400Regular/${file}_400Regular.ttf`;
  const bold = `@expo-google-fonts/${pkg}/700Bold/${file}_700Bold.ttf`;
  return { regular, bold, italic: regular, boldItalic: bold };
}

/** Tried in this order after DejaVu Sans. */
const scriptFonts = {
  // Chinese, Japanese kana and CJK punctuation.
  cjk: expoFont("noto-sans-sc", "NotoSansSC"),
  hangul: expoFont("noto-sans-kr", "NotoSansKR"),
  thai: expoFont("noto-sans-thai", "NotoSansThai"),
  // Scripts of the UK's largest South Asian communities: Hindi and Marathi, Bengali, Punjabi, Gujarati,
  // Tamil. Punjabi's Gurmukhi is Baloo Paaji 2: fontkit cannot lay out Noto Sans Gurmukhi's marks.
  devanagari: expoFont("noto-sans-devanagari", "NotoSansDevanagari"),
  bengali: expoFont("noto-sans-bengali", "NotoSansBengali"),
  gurmukhi: {
    regular: "@expo-google-fonts/baloo-paaji-2/BalooPaaji2_400Regular.ttf",
    bold: "@expo-google-fonts/baloo-paaji-2/BalooPaaji2_700Bold.ttf",
    italic: "@expo-google-fonts/baloo-paaji-2/BalooPaaji2_400Regular.ttf",
    boldItalic: "@expo-google-fonts/baloo-paaji-2/BalooPaaji2_700Bold.ttf",
  },
  gujarati: expoFont("noto-sans-gujarati", "NotoSansGujarati"),
  tamil: expoFont("noto-sans-tamil", "NotoSansTamil"),
};
type ScriptFamily = keyof typeof scriptFonts;
export type Family = "latin" | ScriptFamily | "emoji";
const scriptFamilies = Object.keys(scriptFonts).filter((key): key is ScriptFamily => key in scriptFonts);

const require = createRequire(import.meta.url);
const files: Record<Family, Record<Face, string>> = {
  latin: {
    regular: "dejavu-fonts-ttf/ttf/DejaVuSans.ttf",
    bold: "dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf",
    italic: "dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf",
    boldItalic: "dejavu-fonts-ttf/ttf/DejaVuSans-BoldOblique.ttf",
  },
  ...scriptFonts,
  emoji: expoFont("noto-emoji", "NotoEmoji"),
};

// Read once per process, and only when a document needs them (the Chinese font is 10 MB).
const buffers = new Map<string, Buffer>();
function fontFile(path: string): Buffer {
  let buffer = buffers.get(path);
  if (!buffer) {
    buffer = readFileSync(require.resolve(path));
    buffers.set(path, buffer);
  }
  return buffer;
}

const parsed = new Map<string, Font>();
function parsedFont(family: Family, face: Face): Font {
  const path = files[family][face];
  let font = parsed.get(path);
  if (!font) {
    font = create(fontFile(path));
    parsed.set(path, font);
  }
  return font;
}

function has(family: Family, codePoint: number): boolean {
  return parsedFont(family, "regular").hasGlyphForCodePoint(codePoint);
}

/**
 * fontkit's shaper throws on some fonts' mark anchors (Noto Sans Gurmukhi's tippi, so that font is
 * not in the list): should another do so, a run that either face cannot lay out goes to DejaVu's
 * boxes rather than fail the whole PDF.
 */
function laysOut(family: Family, text: string): boolean {
  if (family === "latin") return true;
  try {
    parsedFont(family, "regular").layout(text);
    parsedFont(family, "bold").layout(text);
    return true;
  } catch {
    return false;
  }
}

// Joiners, variation selectors, skin tones and tag characters: they change the character before them.
function isModifier(codePoint: number): boolean {
  return (
    codePoint === 0x200c ||
    codePoint === 0x200d ||
    (codePoint >= 0xfe00 && codePoint <= 0xfe0f) ||
    (codePoint >= 0x1f3fb && codePoint <= 0x1f3ff) ||
    (codePoint >= 0xe0020 && codePoint <= 0xe007f)
  );
}

// Characters that belong to whatever comes before them: marks, modifiers and spaces (so "中文 名字"
// stays one run).
function attaches(character: string, codePoint: number): boolean {
  return isModifier(codePoint) || /^[\p{M}\p{White_Space}]$/u.test(character);
}

function familyFor(codePoint: number, emojiPresentation: boolean): Family {
  if (emojiPresentation && has("emoji", codePoint)) return "emoji";
  if (has("latin", codePoint)) return "latin";
  const script = scriptFamilies.find((family) => has(family, codePoint));
  if (script) return script;
  if (has("emoji", codePoint)) return "emoji";
  return "latin";
}

/** Cuts text into runs, each to be set in the first font that has its characters. */
export function fontRuns(text: string): { text: string; family: Family }[] {
  const runs: { text: string; family: Family }[] = [];
  const characters = Array.from(text);
  characters.forEach((character, index) => {
    const last = runs[runs.length - 1];
    const codePoint = character.codePointAt(0) ?? 0;
    // Emoji fonts draw a space wider than text's: spaces after an emoji go back to the text font.
    const emojiSpace = last?.family === "emoji" && /^\s$/u.test(character);
    if (last && attaches(character, codePoint) && !emojiSpace) {
      // A joiner, variation selector or skin tone the run's font cannot draw would print as a gap:
      // monochrome emoji show the base emoji alone.
      if (!isModifier(codePoint) || has(last.family, codePoint)) last.text += character;
      return;
    }
    // Emoji planes, or a character asking for emoji style (U+FE0F): the emoji font first, even where
    // DejaVu has an outline of its own.
    const emojiPresentation = codePoint >= 0x1f000 || characters[index + 1] === "\ufe0f";
    const family = familyFor(codePoint, emojiPresentation);
    if (last && last.family === family) last.text += character;
    else runs.push({ text: character, family });
  });
  return runs.map((run) => (laysOut(run.family, run.text) ? run : { ...run, family: "latin" }));
}

/** The pdfkit font name for a family and face, registering the font with this document on first use. */
export function setFont(doc: PDFKit.PDFDocument, family: Family, face: Face): PDFKit.PDFDocument {
  const name = family === "latin" ? face : `${family}-${face}`;
  const registered = registeredFonts.get(doc) ?? new Set<string>();
  registeredFonts.set(doc, registered);
  if (!registered.has(name)) {
    doc.registerFont(name, fontFile(files[family][face]));
    registered.add(name);
  }
  return doc.font(name);
}
const registeredFonts = new WeakMap<PDFKit.PDFDocument, Set<string>>();

type TextOptions = PDFKit.Mixins.TextOptions;

/**
 * doc.text with font fallback: each run in its own font, `continued` between them. With x and y, the
 * first run starts there; the last run keeps the caller's `continued`.
 */
export function fallbackText(
  doc: PDFKit.PDFDocument,
  text: string,
  face: Face,
  options: TextOptions = {},
  at?: { x: number; y: number },
): PDFKit.PDFDocument {
  const runs = fontRuns(text);
  if (!runs.length) runs.push({ text: "", family: "latin" });
  runs.forEach((run, index) => {
    const last = index === runs.length - 1;
    setFont(doc, run.family, face);
    const runOptions = { ...options, continued: last ? options.continued : true };
    if (index === 0 && at) doc.text(run.text, at.x, at.y, runOptions);
    else doc.text(run.text, runOptions);
  });
  return doc;
}

/** One line that never wraps (a footer): runs measured and placed side by side, centred in `width`. */
export function centredLine(
  doc: PDFKit.PDFDocument,
  text: string,
  face: Face,
  box: { x: number; y: number; width: number },
): PDFKit.PDFDocument {
  const runs = fontRuns(text).map((run) => ({
    ...run,
    width: setFont(doc, run.family, face).widthOfString(run.text),
  }));
  let x = box.x + Math.max(0, (box.width - runs.reduce((sum, run) => sum + run.width, 0)) / 2);
  for (const run of runs) {
    setFont(doc, run.family, face).text(run.text, x, box.y, { lineBreak: false });
    x += run.width;
  }
  return doc;
}
