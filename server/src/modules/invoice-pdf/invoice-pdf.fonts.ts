import fs from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

/**
 * The invoice PDF's fonts: Arimo (SIL OFL 1.1, from the @expo-google-fonts/arimo package), embedded and
 * subset by pdfkit. It has Helvetica's metrics (the layout is the one the standard font had) and, unlike
 * the standard PDF fonts (Latin-1 only: "Łódź" came out garbled), Latin, Greek, Cyrillic and Hebrew
 * glyphs. It has none for Chinese, Japanese, Korean or emoji: a font that has them is tens of megabytes,
 * so those characters are drawn as MISSING_GLYPH instead (see printable).
 */
const require = createRequire(import.meta.url);
const fontFile = (path: string) => fs.readFileSync(require.resolve(`@expo-google-fonts/arimo/${path}`));

export const FONT_FILES = {
  regular: fontFile('400Regular/Arimo_400Regular.ttf'),
  bold: fontFile('700Bold/Arimo_700Bold.ttf'),
};
export type PdfFont = keyof typeof FONT_FILES;

/** What stands for a character the fonts cannot draw: the "tofu" box readers know as "no font for this". */
export const MISSING_GLYPH = '\u25A1';

interface GlyphSource {
  hasGlyphForCodePoint(codePoint: number): boolean;
}

/** The fontkit font pdfkit parsed from a registered font file (its own field: pdfkit has no public call). */
function glyphSource(font: PdfFont): GlyphSource {
  const doc = new PDFDocument({ autoFirstPage: false });
  doc.registerFont(font, FONT_FILES[font]).font(font);
  const parsed = (doc as unknown as { _font?: { font?: Partial<GlyphSource> } })._font?.font;
  if (typeof parsed?.hasGlyphForCodePoint !== 'function') throw new Error('pdfkit did not expose the font it parsed');
  return parsed as GlyphSource;
}

let sources: GlyphSource[] | null = null;
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });
/** Joiners and variation selectors: they draw nothing, so one the fonts lack is left out. */
const invisible = (ch: string) => {
  const cp = ch.codePointAt(0)!;
  return (
    (cp >= 0x200b && cp <= 0x200f) ||
    cp === 0x2060 ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xe0020 && cp <= 0xe007f)
  );
};

/**
 * `text` as the PDF can draw it with both fonts: each character (a whole grapheme: an emoji with its
 * modifiers and joiners is one) that either font has no glyph for becomes MISSING_GLYPH, so the PDF never
 * shows a wrong letter or an invisible gap. `missing` says whether anything was replaced.
 */
export function printable(text: string): { text: string; missing: boolean } {
  sources ??= [glyphSource('regular'), glyphSource('bold')];
  const all = sources;
  const has = (ch: string) => all.every((s) => s.hasGlyphForCodePoint(ch.codePointAt(0)!));
  let missing = false;
  let out = '';
  for (const { segment } of graphemes.segment(text)) {
    const chars = [...segment].filter((ch) => !invisible(ch) || has(ch));
    if (chars.every((ch) => ch.codePointAt(0)! < 0x20 || has(ch))) out += chars.join('');
    else {
      out += MISSING_GLYPH;
      missing = true;
    }
  }
  return { text: out, missing };
}
