import { config } from '../../platform/config';
import { type Queryable, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { putFile } from '../../platform/files';
import { type Actor, recordAudit } from '../audit';

/**
 * Files a unit puts on its site: admissions attachments (PDF, Word, Excel,
 * images) and videos (MP4, WebM). The type is decided by the file's first bytes,
 * never by its name or the browser's claim, so an HTML or script file cannot be
 * slipped in as a "PDF" and later served from our origin.
 */
export type SniffedKind = 'pdf' | 'zip-office' | 'ole-office' | 'jpeg' | 'png' | 'mp4' | 'webm';
const MIME: Record<SniffedKind, string> = {
  pdf: 'application/pdf',
  'zip-office': 'application/octet-stream',
  'ole-office': 'application/octet-stream',
  jpeg: 'image/jpeg',
  png: 'image/png',
  mp4: 'video/mp4',
  webm: 'video/webm',
};
const OFFICE_MIME: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
};

export function sniff(data: Buffer): SniffedKind | null {
  const starts = (sig: number[], at = 0) => sig.every((b, i) => data[at + i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (starts([0x50, 0x4b, 0x03, 0x04])) return 'zip-office';
  if (starts([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole-office';
  if (starts([0xff, 0xd8, 0xff])) return 'jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (data.length >= 12 && data.toString('latin1', 4, 8) === 'ftyp') return 'mp4';
  if (starts([0x1a, 0x45, 0xdf, 0xa3])) return 'webm';
  return null;
}

const ext = (name: string) => (name.toLowerCase().match(/\.([a-z0-9]{1,5})$/)?.[1] ?? '');

/** The stored MIME type of an upload of a given use, or a refusal. */
export function acceptedMime(data: Buffer, fileName: string, use: 'attachment' | 'video'): string {
  const kind = sniff(data);
  if (use === 'video') {
    if (kind !== 'mp4' && kind !== 'webm') throw new AppError('sitecontent.not_video', 400, 'sitecontent.not_video');
    return MIME[kind];
  }
  if (kind === 'zip-office') {
    const m = OFFICE_MIME[ext(fileName)];
    if (!m || !['docx', 'xlsx', 'pptx'].includes(ext(fileName))) throw new AppError('sitecontent.bad_file_type', 400, 'sitecontent.bad_file_type');
    return m;
  }
  if (kind === 'ole-office') {
    const m = OFFICE_MIME[ext(fileName)];
    if (!m || !['doc', 'xls'].includes(ext(fileName))) throw new AppError('sitecontent.bad_file_type', 400, 'sitecontent.bad_file_type');
    return m;
  }
  if (kind === 'pdf' || kind === 'jpeg' || kind === 'png') return MIME[kind];
  throw new AppError('sitecontent.bad_file_type', 400, 'sitecontent.bad_file_type');
}

export function cleanFileName(name: string): string {
  return (name.split(/[\\/]/).pop() ?? 'tep').replace(/[\u0000-\u001f"<>|*?]/g, '').trim().slice(0, 160) || 'tep';
}

export type SiteFile = { key: string; name: string; size: number; mime: string };

export async function uploadSiteFile(actor: Actor, input: { unitId: number; data: Buffer; fileName: string; use: 'attachment' | 'video' }): Promise<SiteFile> {
  if (input.data.length > config().uploadMaxBytes) {
    throw new AppError('payload_too_large', 413, 'error.payload_too_large', { maxMb: Math.round(config().uploadMaxBytes / 1048576) });
  }
  if (!input.data.length) throw new AppError('sitecontent.bad_file_type', 400, 'sitecontent.bad_file_type');
  const mime = acceptedMime(input.data, input.fileName, input.use);
  const stored = await putFile(input.data);
  const name = cleanFileName(input.fileName);
  return withTransaction(async (tx) => {
    await tx.query(
      `insert into site_files (key, unit_id, name, mime, size, uploaded_by) values ($1,$2,$3,$4,$5,$6)
       on conflict (unit_id, key) do update set name = excluded.name`,
      [stored.key, input.unitId, name, mime, stored.size, actor.userId],
    );
    await recordAudit(tx, actor, { action: 'site_file.upload', entity: 'site_file', entityId: stored.key, unitId: input.unitId, after: { name, mime, size: stored.size } });
    return { key: stored.key, name, size: stored.size, mime };
  });
}

/** A file the public may download: uploaded for the unit and used by a published notice or video. */
export async function publicSiteFile(q: Queryable, unitId: number, key: string): Promise<SiteFile | null> {
  if (!/^[0-9a-f]{64}$/.test(key)) return null;
  const r = await q.query<SiteFile>(
    `select f.key, f.name, f.size, f.mime from site_files f
      where f.unit_id = $1 and f.key = $2
        and (exists (select 1 from admission_notices a where a.unit_id = f.unit_id and a.status = 'published' and a.attachments @> jsonb_build_array(jsonb_build_object('key', f.key)))
          or exists (select 1 from videos v where v.unit_id = f.unit_id and v.status = 'published' and v.file_key = f.key))`,
    [unitId, key],
  );
  return r.rows[0] ?? null;
}
