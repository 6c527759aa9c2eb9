// Turning a DOCX, PDF (text layer or scanned) or text file into plain text for the parser.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { htmlToText } from './text';

/** DOCX → text via mammoth's HTML, so tables become tab-separated rows and bold paragraphs stay marked. */
export async function readDocx(filePath: string): Promise<string> {
  const mammoth = await import('mammoth');
  const convert = (mammoth as unknown as { convertToHtml: (i: { path: string }) => Promise<{ value: string }> }).convertToHtml
    ?? (mammoth as unknown as { default: { convertToHtml: (i: { path: string }) => Promise<{ value: string }> } }).default.convertToHtml;
  const { value } = await convert({ path: filePath });
  return htmlToText(value);
}

function hasTesseract(): boolean {
  return spawnSync('which', ['tesseract'], { stdio: 'ignore' }).status === 0;
}

/** Error raised for a scanned PDF when no OCR engine is installed (message in Vietnamese for users). */
export const NO_OCR_MESSAGE =
  'Tệp PDF này là bản quét (không có lớp chữ) nên cần nhận dạng ký tự, nhưng máy chủ chưa cài tesseract (gói tesseract-ocr-vie). ' +
  'Hãy cài tesseract hoặc gửi bản DOCX/PDF có lớp chữ.';

/** OCR one raster with tesseract's Vietnamese model; the image is written as PNM, which tesseract reads natively. */
function ocrRaster(img: { data: Uint8ClampedArray | Uint8Array; width: number; height: number; channels: number }, dir: string, n: number): string {
  const gray = img.channels === 1;
  const header = Buffer.from(`${gray ? 'P5' : 'P6'}\n${img.width} ${img.height}\n255\n`, 'ascii');
  const px = gray ? 1 : 3;
  const body = Buffer.alloc(img.width * img.height * px);
  for (let i = 0, j = 0; i < img.width * img.height; i++) {
    for (let c = 0; c < px; c++) body[j++] = img.data[i * img.channels + c] ?? 0;
  }
  const file = path.join(dir, `page-${n}.${gray ? 'pgm' : 'ppm'}`);
  fs.writeFileSync(file, Buffer.concat([header, body]));
  return execFileSync('tesseract', [file, 'stdout', '-l', 'vie'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/**
 * Removes the page's own number when it stands alone on the page's first or
 * last line (a running header or footer), so a paragraph that continues onto
 * the page is not cut by it.
 */
export function dropPageNumber(page: string, pageNo: number): string {
  const lines = page.split('\n');
  const isPageNo = (l: string | undefined) => l !== undefined && new RegExp(`^\\s*[-–]?\\s*${pageNo}\\s*[-–]?\\s*$`).test(l);
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first >= 0 && isPageNo(lines[first])) lines.splice(first, 1);
  let last = lines.length - 1;
  while (last >= 0 && lines[last]!.trim() === '') last--;
  if (last >= 0 && isPageNo(lines[last])) lines.splice(last, 1);
  return lines.join('\n');
}

/**
 * PDF → text with unpdf. Pages are separated by blank lines. A PDF with no
 * text layer (a scan) is OCR'd page by page from its embedded images when
 * `tesseract` is installed; otherwise it is refused with a Vietnamese error.
 */
export async function readPdf(filePath: string): Promise<string> {
  const { extractText, extractImages, getDocumentProxy } = await import('unpdf');
  const pdf = await getDocumentProxy(new Uint8Array(fs.readFileSync(filePath)));
  const { text, totalPages } = await extractText(pdf, { mergePages: false });
  const joined = text.map((page, i) => dropPageNumber(page, i + 1)).join('\n\n');
  if (joined.replace(/\s+/g, '').length >= 20 * Math.max(1, totalPages) * 0.5) return joined;
  if (!hasTesseract()) throw new Error(NO_OCR_MESSAGE);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loa-ocr-'));
  try {
    const pages: string[] = [];
    for (let n = 1; n <= totalPages; n++) {
      const images = await extractImages(pdf, n);
      pages.push(images.map((img, k) => ocrRaster(img, dir, n * 100 + k)).join('\n\n'));
    }
    return pages.join('\n\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads any supported input as text: .docx, .pdf, .html/.htm, images (OCR), else UTF-8 text. */
export async function readPlanFile(filePath: string): Promise<string> {
  const ext = path.extname(filePath).toLowerCase();
  if (ext === '.docx') return readDocx(filePath);
  if (ext === '.pdf') return readPdf(filePath);
  if (['.png', '.jpg', '.jpeg', '.tif', '.tiff'].includes(ext)) {
    if (!hasTesseract()) throw new Error(NO_OCR_MESSAGE.replace('Tệp PDF này là bản quét (không có lớp chữ)', 'Tệp ảnh'));
    return execFileSync('tesseract', [filePath, 'stdout', '-l', 'vie'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  }
  const raw = fs.readFileSync(filePath, 'utf8');
  if (ext === '.html' || ext === '.htm' || /^\s*<(?:!doctype|html|body)/i.test(raw)) return htmlToText(raw);
  return raw;
}
