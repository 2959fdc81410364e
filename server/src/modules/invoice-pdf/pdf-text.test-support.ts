import zlib from 'node:zlib';

/**
 * Test support (not a test file): the text a PDF reader extracts from a pdfkit document, one line per text
 * object (BT … ET), read as a reader does: each font's codes through its ToUnicode map (a Type0 font
 * embedded by pdfkit: 2-byte glyph codes), or as single bytes for a standard font without one.
 */
export function pdfText(pdf: Buffer): string[] {
  const objects = new Map<number, { dict: string; stream: Buffer | null }>();
  const src = pdf.toString('latin1');
  const re = /(?:^|\n)(\d+) 0 obj\s*/g;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    const start = m.index + m[0].length;
    const end = src.indexOf('endobj', start);
    const body = src.slice(start, end);
    const at = body.search(/>>\s*stream\r?\n/);
    let stream: Buffer | null = null;
    if (at >= 0) {
      const from = start + body.indexOf('\n', body.indexOf('stream', at)) + 1;
      const raw = pdf.subarray(from, src.indexOf('endstream', from));
      stream = /\/FlateDecode/.test(body.slice(0, at)) ? zlib.inflateSync(raw) : raw;
    }
    objects.set(Number(m[1]), { dict: at >= 0 ? body.slice(0, at + 2) : body, stream });
  }
  // Font resource names (pdfkit's are unique in a document) → their code → text maps (null: single bytes).
  const fonts = new Map<string, Map<number, string> | null>();
  for (const { dict } of objects.values())
    for (const [, name, ref] of dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      const font = objects.get(Number(ref))!.dict;
      const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(font);
      fonts.set(name!, toUnicode ? cmap(objects.get(Number(toUnicode[1]))!.stream!.toString('latin1')) : null);
    }
  const lines: string[] = [];
  const pages = [...objects.values()].filter((o) => /\/Type \/Page\b/.test(o.dict));
  for (const page of pages) {
    const content = objects.get(Number(/\/Contents (\d+) 0 R/.exec(page.dict)![1]))!.stream!.toString('latin1');
    for (const [, block] of content.matchAll(/\bBT\b([\s\S]*?)\bET\b/g)) {
      let font: Map<number, string> | null = null;
      let line = '';
      for (const [, name, hex] of block!.matchAll(/\/(F\d+) [\d.]+ Tf|<([0-9a-fA-F]*)>/g)) {
        if (name) font = fonts.get(name) ?? null;
        else if (font)
          for (let i = 0; i < hex!.length; i += 4) line += font.get(parseInt(hex!.slice(i, i + 4), 16)) ?? '';
        else line += Buffer.from(hex!, 'hex').toString('latin1');
      }
      lines.push(line);
    }
  }
  return lines;
}

/** A ToUnicode CMap's code → text, from its bfchar and bfrange entries (UTF-16BE hex). */
function cmap(text: string): Map<number, string> {
  const map = new Map<number, string>();
  const utf16 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');
  for (const [, body] of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const [, code, to] of body!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g))
      map.set(parseInt(code!, 16), utf16(to!));
  for (const [, body] of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const [, lo, hi, list, start] of body!.matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(?:\[([^\]]*)\]|<([0-9a-fA-F]+)>)/g,
    )) {
      const from = parseInt(lo!, 16);
      if (list) [...list.matchAll(/<([0-9a-fA-F]+)>/g)].forEach(([, to], i) => map.set(from + i, utf16(to!)));
      else
        for (let c = from; c <= parseInt(hi!, 16); c++)
          map.set(c, String.fromCodePoint(parseInt(start!, 16) + c - from));
    }
  return map;
}
