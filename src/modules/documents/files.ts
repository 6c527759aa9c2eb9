import { config } from '../../platform/config';
import { AppError } from '../../platform/errors';
import { putFile } from '../../platform/files';
import { slugify } from '../../text';

/**
 * Uploaded document files (PDF, DOCX, XLSX). The type comes from the bytes,
 * never from the name or the browser's Content-Type: a PDF starts with `%PDF-`,
 * an Office Open XML file is a ZIP whose member names say what it is
 * (`word/document.xml`, `xl/workbook.xml`). Anything else — an HTML page named
 * `.pdf`, a macro workbook, an executable — is refused. The stored name keeps
 * the uploader's words but always ends in the sniffed type's extension.
 */
export const documentFileTypes = {
  pdf: { mime: 'application/pdf', ext: 'pdf' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx' },
} as const;
export type DocumentFileType = keyof typeof documentFileTypes;

/** The file's real type from its first bytes and ZIP member names; null when it is none of ours. */
export function sniffDocumentType(data: Buffer): DocumentFileType | null {
  if (data.length >= 5 && data.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04) {
    // member names are stored uncompressed, in the local headers and the central directory
    const s = data.toString('latin1');
    if (!s.includes('[Content_Types].xml')) return null;
    if (s.includes('vbaProject.bin')) return null; // macros: refused
    if (s.includes('word/document.xml')) return 'docx';
    if (s.includes('xl/workbook.xml')) return 'xlsx';
  }
  return null;
}

/** A safe display name: the uploader's words, no path, no control characters, the sniffed extension. */
export function cleanFileName(name: string, type: DocumentFileType): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .trim()
    .slice(0, 150);
  return `${base || slugify(type) || 'tep'}.${documentFileTypes[type].ext}`;
}

export type StoredDocumentFile = { key: string; size: number; fileName: string; mime: string };

/** Checks the size limit (LOA_UPLOAD_MAX_MB) and the type, then stores the bytes. */
export async function storeDocumentFile(data: Buffer, name: string): Promise<StoredDocumentFile> {
  const max = config().uploadMaxBytes;
  if (data.length > max) throw new AppError('payload_too_large', 413, 'error.payload_too_large', { maxMb: Math.round(max / 1048576) });
  if (!data.length) throw new AppError('document.empty_file', 400, 'document.empty_file');
  const type = sniffDocumentType(data);
  if (!type) throw new AppError('document.bad_file_type', 400, 'document.bad_file_type');
  const stored = await putFile(data);
  return { ...stored, fileName: cleanFileName(name, type), mime: documentFileTypes[type].mime };
}

/** Headers for serving a stored document file: its sniffed type, a download name, and no sniffing by the browser. */
export function fileHeaders(f: { fileName: string; mime: string; size: number }): Record<string, string> {
  const disposition = f.mime === 'application/pdf' ? 'inline' : 'attachment';
  const ascii = f.fileName.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '') || 'tep';
  return {
    'content-type': f.mime,
    'content-length': String(f.size),
    'content-disposition': `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`,
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'cache-control': 'public, max-age=300',
  };
}
