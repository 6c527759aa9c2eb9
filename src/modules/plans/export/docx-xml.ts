// Reading a rendered DOCX back as XML, for the format tests (jszip comes with docx and mammoth).

export type XmlPara = {
  xml: string;
  text: string;
  /** `w:jc` value: left, center, both, right. */
  jc: string | null;
  firstLine: number | null;
  before: number | null;
  /** Half-point sizes of the runs that carry text. */
  sizes: number[];
  /** Every run with text is bold / italic. */
  bold: boolean;
  italic: boolean;
  /** Inside a text frame (`w:framePr`). */
  framed: boolean;
  frameX: number | null;
};

export type DocxXml = {
  document: string;
  styles: string;
  /** `word/header1.xml` … by file name. */
  parts: Record<string, string>;
};

export async function unzipDocx(buf: Buffer): Promise<DocxXml> {
  const JSZip = (await import('jszip')).default as unknown as typeof import('jszip');
  const zip = await JSZip.loadAsync(buf);
  const parts: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) if (name.endsWith('.xml') || name.endsWith('.rels')) parts[name] = await zip.file(name)!.async('string');
  return { document: parts['word/document.xml'] ?? '', styles: parts['word/styles.xml'] ?? '', parts };
}

const decode = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

const attr = (xml: string, el: string, name: string): string | null => {
  const m = xml.match(new RegExp(`<w:${el}\\b[^>]*\\bw:${name}="([^"]*)"`));
  return m ? m[1]! : null;
};

/** Paragraphs of an XML fragment, in order. */
export function paragraphs(xml: string): XmlPara[] {
  const out: XmlPara[] = [];
  for (const m of xml.matchAll(/<w:p(?:\s[^>]*)?>([\s\S]*?)<\/w:p>/g)) {
    const p = m[1]!;
    const ppr = p.match(/<w:pPr>([\s\S]*?)<\/w:pPr>/)?.[1] ?? '';
    const runs = [...p.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((r) => r[1]!);
    const textRuns = runs.filter((r) => /<w:t(?:\s[^>]*)?>[^<]+<\/w:t>/.test(r));
    // Line breaks inside a paragraph read as `\n`.
    const text = decode(runs.map((r) => [...r.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)].map((t) => (t[0] === '<w:br/>' ? '\n' : t[1])).join('')).join(''));
    const sizes = textRuns.map((r) => Number(attr(r, 'sz', 'val') ?? NaN)).filter((n) => !Number.isNaN(n));
    const firstLine = attr(ppr, 'ind', 'firstLine');
    const before = attr(ppr, 'spacing', 'before');
    const x = attr(ppr, 'framePr', 'x');
    out.push({
      xml: p,
      text,
      jc: attr(ppr, 'jc', 'val'),
      firstLine: firstLine === null ? null : Number(firstLine),
      before: before === null ? null : Number(before),
      sizes,
      bold: textRuns.length > 0 && textRuns.every((r) => /<w:b\/>|<w:b w:val="(?:true|1|on)"\/>/.test(r)),
      italic: textRuns.length > 0 && textRuns.every((r) => /<w:i\/>|<w:i w:val="(?:true|1|on)"\/>/.test(r)),
      framed: /<w:framePr\b/.test(ppr),
      frameX: x === null ? null : Number(x),
    });
  }
  return out;
}

/** Top-level tables of the document body (no nesting is used). */
export function tables(xml: string): string[] {
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((m) => m[1]!);
}

/** Rows of a table as arrays of cells, each cell the XML of its content. */
export function rows(table: string): string[][] {
  return [...table.matchAll(/<w:tr(?:\s[^>]*)?>([\s\S]*?)<\/w:tr>/g)].map((r) => [...r[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => c[1]!));
}

/** Section properties in order (the last one is the body's final `w:sectPr`). */
export function sections(xml: string): string[] {
  return [...xml.matchAll(/<w:sectPr(?:\s[^>]*)?>([\s\S]*?)<\/w:sectPr>/g)].map((m) => m[1]!);
}

/** Paragraphs of the body outside tables. */
export function bodyParagraphs(xml: string): XmlPara[] {
  return paragraphs(xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, ''));
}

export { attr as xmlAttr };
