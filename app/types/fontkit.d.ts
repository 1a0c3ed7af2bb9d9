// fontkit 2 ships no types: the two calls the PDF font fallback makes.
declare module "fontkit" {
  interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean;
    /** Shapes the text; what it returns (glyphs and positions) is not used here. */
    layout(text: string): unknown;
  }
  export function create(buffer: Buffer | Uint8Array): Font;
}
