import sharp from 'sharp';
import { type Queryable, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { putFile } from '../../platform/files';
import { type Actor, recordAudit } from '../audit';

/**
 * Photos: each upload is decoded, turned upright by its EXIF orientation and
 * re-encoded at three web sizes. Re-encoding drops every metadata block (EXIF
 * with GPS position, camera serials, XMP), and the original is not kept, so a
 * pupil's home location can never leak from a published photo.
 */
export const MEDIA_SIZES = { large: 1600, medium: 800, small: 400 } as const;
export type MediaSize = keyof typeof MEDIA_SIZES;
export type MediaVariant = { key: string; width: number; height: number };
const ACCEPTED = new Set(['jpeg', 'png', 'webp', 'heif', 'gif', 'tiff']);

export async function makeImageVariants(data: Buffer): Promise<{ width: number; height: number; variants: Record<MediaSize, MediaVariant> }> {
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
  try {
    meta = await sharp(data, { failOn: 'error' }).metadata();
  } catch {
    throw new AppError('media.not_image', 400, 'media.not_image');
  }
  if (!meta.format || !ACCEPTED.has(meta.format)) throw new AppError('media.not_image', 400, 'media.not_image');
  if ((meta.width ?? 0) * (meta.height ?? 0) > 60_000_000) throw new AppError('media.too_large', 400, 'media.too_large');
  const variants = {} as Record<MediaSize, MediaVariant>;
  for (const [name, width] of Object.entries(MEDIA_SIZES) as [MediaSize, number][]) {
    // rotate() applies the EXIF orientation; sharp writes no metadata unless asked (no withMetadata()).
    const { data: out, info } = await sharp(data).rotate().resize({ width, height: width, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true }).toBuffer({ resolveWithObject: true });
    const stored = await putFile(out);
    variants[name] = { key: stored.key, width: info.width, height: info.height };
  }
  return { width: variants.large.width, height: variants.large.height, variants };
}

export const mediaUrl = (key: string) => `/media/${key}`;

export type MediaItem = {
  id: number;
  unitId: number;
  fileName: string;
  width: number | null;
  height: number | null;
  caption: string | null;
  isIdentifyingPupils: boolean;
  consentIds: number[];
  urls: Record<MediaSize, string>;
};

const mediaColumns = `m.id, m.unit_id as "unitId", m.file_name as "fileName", m.width, m.height, m.caption,
  m.is_identifying_pupils as "isIdentifyingPupils", m.variants,
  coalesce((select array_agg(mc.consent_id order by mc.consent_id) from media_consents mc where mc.media_id = m.id), '{}') as "consentIds"`;

function present(row: Record<string, unknown>): MediaItem {
  const v = row.variants as Record<MediaSize, MediaVariant>;
  const { variants: _v, ...rest } = row;
  return { ...(rest as Omit<MediaItem, 'urls'>), urls: { large: mediaUrl(v.large.key), medium: mediaUrl(v.medium.key), small: mediaUrl(v.small.key) } };
}

export async function getMedia(q: Queryable, ids: number[]): Promise<MediaItem[]> {
  if (!ids.length) return [];
  const r = await q.query(`select ${mediaColumns} from media m where m.id = any($1::bigint[])`, [ids]);
  const byId = new Map(r.rows.map((x) => [x.id as number, present(x)]));
  return ids.map((id) => byId.get(id)).filter((x): x is MediaItem => !!x);
}

export async function uploadImage(
  actor: Actor,
  input: { unitId: number; data: Buffer; fileName: string; mime: string; caption?: string | null; isIdentifyingPupils?: boolean },
): Promise<MediaItem> {
  const img = await makeImageVariants(input.data);
  return withTransaction(async (tx) => {
    const r = await tx.query<{ id: number }>(
      `insert into media (unit_id, uploaded_by, file_name, mime, size, width, height, variants, caption, is_identifying_pupils)
       values ($1,$2,$3,'image/jpeg',$4,$5,$6,$7,$8,$9) returning id`,
      [input.unitId, actor.userId, input.fileName.slice(0, 200), input.data.length, img.width, img.height, JSON.stringify(img.variants),
        input.caption ?? null, input.isIdentifyingPupils ?? false],
    );
    const id = r.rows[0].id;
    await recordAudit(tx, actor, { action: 'media.upload', entity: 'media', entityId: id, unitId: input.unitId, after: { fileName: input.fileName } });
    return (await getMedia(tx, [id]))[0];
  });
}

export async function updateMedia(
  actor: Actor,
  id: number,
  input: { caption?: string | null; isIdentifyingPupils?: boolean; consentIds?: number[] },
): Promise<MediaItem> {
  return withTransaction(async (tx) => {
    const before = (await getMedia(tx, [id]))[0];
    if (!before) throw new AppError('media.not_found', 404, 'media.not_found');
    await tx.query(
      `update media set caption = case when $2 then $3 else caption end,
              is_identifying_pupils = coalesce($4, is_identifying_pupils) where id = $1`,
      [id, input.caption !== undefined, input.caption ?? null, input.isIdentifyingPupils ?? null],
    );
    if (input.consentIds) {
      await tx.query('delete from media_consents where media_id = $1', [id]);
      await tx.query(
        `insert into media_consents (media_id, consent_id) select $1, c.id from consents c where c.id = any($2::bigint[]) and c.unit_id = $3`,
        [id, input.consentIds, before.unitId],
      );
    }
    const after = (await getMedia(tx, [id]))[0];
    await recordAudit(tx, actor, { action: 'media.update', entity: 'media', entityId: id, unitId: before.unitId, before, after });
    return after;
  });
}

export async function mediaUnit(q: Queryable, id: number): Promise<number> {
  const r = await q.query<{ unitId: number }>('select unit_id as "unitId" from media where id = $1', [id]);
  if (!r.rowCount) throw new AppError('media.not_found', 404, 'media.not_found');
  return r.rows[0].unitId;
}
