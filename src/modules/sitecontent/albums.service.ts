import { now } from '../../platform/clock';
import { type Queryable, type Tx, db, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { type Actor, recordAudit } from '../audit';
import { type MediaItem, getConsents, getMedia, updateMedia, uploadImage } from '../newsroom';
import { iso, uniqueSlug } from './common';
import { uploadSiteFile } from './files.service';

/**
 * Photo albums and videos. Photos go through the newsroom's media pipeline
 * (decoded, turned upright, re-encoded at three sizes, every metadata block
 * dropped) and carry the newsroom's consent rule: a photo marked as showing
 * pupils needs at least one valid consent attached (consents.service.ts) —
 * an album with such a photo cannot be published, and a photo whose consent is
 * revoked later drops out of the public album at once.
 *
 * A video is an uploaded MP4/WebM (type sniffed, under the upload limit) or a
 * YouTube link, which the site shows as a plain link: the strict CSP allows no
 * third-party frame.
 */
export type AlbumInput = { title: string; description?: string | null; takenOn?: string | null };
export type AlbumPhoto = MediaItem & { position: number; gaps: string[] };

const albumColumns = `a.id, a.unit_id as "unitId", a.title, a.slug, a.description, a.taken_on as "takenOn", a.status, a.published_at as "publishedAt",
  a.created_at as "createdAt", a.updated_at as "updatedAt",
  (select count(*)::int from album_photos p where p.album_id = a.id) as "photoCount",
  (select p.media_id from album_photos p where p.album_id = a.id order by p.position, p.media_id limit 1) as "coverMediaId"`;

type AlbumRow = {
  id: number; unitId: number; title: string; slug: string; description: string | null; takenOn: string | null; status: 'draft' | 'published';
  publishedAt: string | null; createdAt: string; updatedAt: string; photoCount: number; coverMediaId: number | null;
};
const presentAlbum = (r: Record<string, any>): AlbumRow => ({ ...(r as AlbumRow), publishedAt: iso(r.publishedAt), createdAt: iso(r.createdAt) as string, updatedAt: iso(r.updatedAt) as string });

/** What keeps a photo off the public site under the consent rule (empty = it may show). */
async function photoGaps(q: Queryable, photos: MediaItem[]): Promise<Map<number, string[]>> {
  const ids = [...new Set(photos.filter((p) => p.isIdentifyingPupils).flatMap((p) => p.consentIds))];
  const consents = new Map((await getConsents(q, ids)).map((c) => [c.id, c]));
  const out = new Map<number, string[]>();
  for (const p of photos) {
    if (!p.isIdentifyingPupils) {
      out.set(p.id, []);
      continue;
    }
    const mine = p.consentIds.map((id) => consents.get(id)).filter((c) => !!c);
    out.set(p.id, mine.some((c) => c.isValid) ? [] : [t('sitecontent.gap_consent', { name: p.caption ?? p.fileName })]);
  }
  return out;
}

export async function albumPhotos(q: Queryable, albumId: number): Promise<AlbumPhoto[]> {
  const rows = (await q.query<{ mediaId: number; position: number }>('select media_id as "mediaId", position from album_photos where album_id = $1 order by position, media_id', [albumId])).rows;
  // media_consents ids come back as bigint text from array_agg: numbers here
  const media = (await getMedia(q, rows.map((r) => r.mediaId))).map((m) => ({ ...m, consentIds: m.consentIds.map(Number) }));
  const gaps = await photoGaps(q, media);
  const pos = new Map(rows.map((r) => [r.mediaId, r.position]));
  return media.map((m) => ({ ...m, position: pos.get(m.id) ?? 0, gaps: gaps.get(m.id) ?? [] }));
}

export async function getAlbum(q: Queryable, id: number) {
  const r = await q.query(`select ${albumColumns} from albums a where a.id = $1`, [id]);
  if (!r.rowCount) throw new AppError('sitecontent.not_found', 404, 'sitecontent.not_found');
  const photos = await albumPhotos(q, id);
  return { ...presentAlbum(r.rows[0]), photos, consentGaps: photos.flatMap((p) => p.gaps) };
}
export type Album = Awaited<ReturnType<typeof getAlbum>>;

export async function listAlbums(q: Queryable, unitId: number, opts: { isPublishedOnly?: boolean; limit?: number; offset?: number } = {}) {
  const r = await q.query(
    `select ${albumColumns}, count(*) over ()::int as total from albums a where a.unit_id = $1 and (not $2 or a.status = 'published')
      order by coalesce(a.taken_on, a.created_at::date) desc, a.id desc limit $3 offset $4`,
    [unitId, opts.isPublishedOnly ?? false, opts.limit ?? 200, opts.offset ?? 0],
  );
  const covers = await getMedia(q, r.rows.map((x) => x.coverMediaId).filter(Boolean));
  const byId = new Map(covers.map((m) => [m.id, m]));
  return {
    items: r.rows.map((x) => ({ ...presentAlbum(x), cover: x.coverMediaId ? (byId.get(x.coverMediaId) ?? null) : null })),
    total: r.rows[0]?.total ?? 0,
  };
}

/** A published album for the site, with only the photos that may show. */
export async function publishedAlbumBySlug(q: Queryable, unitId: number, slug: string) {
  const r = await q.query<{ id: number }>(`select id from albums where unit_id = $1 and slug = $2 and status = 'published'`, [unitId, slug]);
  if (!r.rowCount) return null;
  const a = await getAlbum(q, r.rows[0].id);
  return { ...a, photos: a.photos.filter((p) => !p.gaps.length) };
}

export async function createAlbum(actor: Actor, unitId: number, input: AlbumInput) {
  return withTransaction(async (tx) => {
    const at = now();
    const r = await tx.query<{ id: number }>(
      `insert into albums (unit_id, title, slug, description, taken_on, created_by, created_at, updated_at) values ($1,$2,$3,$4,$5,$6,$7,$7) returning id`,
      [unitId, input.title, await uniqueSlug(tx, 'albums', unitId, input.title, null, 'album'), input.description ?? null, input.takenOn ?? null, actor.userId, at],
    );
    const a = await getAlbum(tx, r.rows[0].id);
    await recordAudit(tx, actor, { action: 'album.create', entity: 'album', entityId: a.id, unitId, after: { title: a.title } });
    return a;
  });
}

export async function updateAlbum(actor: Actor, id: number, input: AlbumInput) {
  return withTransaction(async (tx) => {
    const before = await getAlbum(tx, id);
    const slug = before.title === input.title || before.status === 'published' ? before.slug : await uniqueSlug(tx, 'albums', before.unitId, input.title, id, 'album');
    await tx.query('update albums set title = $2, slug = $3, description = $4, taken_on = $5, updated_at = $6 where id = $1', [id, input.title, slug, input.description ?? null, input.takenOn ?? null, now()]);
    const after = await getAlbum(tx, id);
    await recordAudit(tx, actor, { action: 'album.update', entity: 'album', entityId: id, unitId: before.unitId, before: { title: before.title, description: before.description, takenOn: before.takenOn }, after: { title: after.title, description: after.description, takenOn: after.takenOn } });
    return after;
  });
}

/** Refuses to publish an album holding a photo of pupils without a valid consent. */
export async function checkAlbumConsents(tx: Tx, id: number): Promise<void> {
  const gaps = (await albumPhotos(tx, id)).flatMap((p) => p.gaps);
  if (gaps.length) throw new AppError('sitecontent.consent_missing', 422, 'sitecontent.consent_missing', { missing: gaps.join('; ') });
}

export async function addAlbumPhoto(actor: Actor, albumId: number, input: { data: Buffer; fileName: string; mime: string; caption?: string | null; isIdentifyingPupils?: boolean }) {
  const unitId = (await getAlbumUnit(albumId));
  const media = await uploadImage(actor, { unitId, ...input });
  return withTransaction(async (tx) => {
    await tx.query(
      `insert into album_photos (album_id, media_id, position) values ($1, $2, (select coalesce(max(position), 0) + 1 from album_photos where album_id = $1)) on conflict do nothing`,
      [albumId, media.id],
    );
    await tx.query('update albums set updated_at = $2 where id = $1', [albumId, now()]);
    await recordAudit(tx, actor, { action: 'album.add_photo', entity: 'album', entityId: albumId, unitId, after: { mediaId: media.id, fileName: input.fileName } });
    return getAlbum(tx, albumId);
  });
}

async function getAlbumUnit(albumId: number): Promise<number> {

  const r = await db().query<{ unitId: number }>('select unit_id as "unitId" from albums where id = $1', [albumId]);
  if (!r.rowCount) throw new AppError('sitecontent.not_found', 404, 'sitecontent.not_found');
  return r.rows[0].unitId;
}

async function checkInAlbum(q: Queryable, albumId: number, mediaId: number) {
  const r = await q.query('select 1 from album_photos where album_id = $1 and media_id = $2', [albumId, mediaId]);
  if (!r.rowCount) throw new AppError('sitecontent.not_found', 404, 'sitecontent.not_found');
}

/** Caption, "shows pupils" and the consents of a photo in the album (the newsroom's media update, audited there). */
export async function updateAlbumPhoto(actor: Actor, albumId: number, mediaId: number, input: { caption?: string | null; isIdentifyingPupils?: boolean; consentIds?: number[]; position?: number }) {

  await checkInAlbum(db(), albumId, mediaId);
  const { position, ...mediaInput } = input;
  await updateMedia(actor, mediaId, mediaInput);
  if (position !== undefined) await db().query('update album_photos set position = $3 where album_id = $1 and media_id = $2', [albumId, mediaId, position]);
  // a change to a photo of a published album shows at once
  await db().query('update albums set updated_at = $2 where id = $1', [albumId, now()]);
  return getAlbum(db(), albumId);
}

export async function removeAlbumPhoto(actor: Actor, albumId: number, mediaId: number) {
  return withTransaction(async (tx) => {
    await checkInAlbum(tx, albumId, mediaId);
    const unitId = (await tx.query<{ unitId: number }>('select unit_id as "unitId" from albums where id = $1', [albumId])).rows[0].unitId;
    await tx.query('delete from album_photos where album_id = $1 and media_id = $2', [albumId, mediaId]);
    await recordAudit(tx, actor, { action: 'album.remove_photo', entity: 'album', entityId: albumId, unitId, before: { mediaId } });
    return getAlbum(tx, albumId);
  });
}

// ---- videos ----

export type Video = {
  id: number; unitId: number; title: string; description: string | null; source: 'file' | 'youtube'; fileKey: string | null; mime: string | null;
  size: number | null; youtubeId: string | null; status: 'draft' | 'published'; publishedAt: string | null; createdAt: string; updatedAt: string;
};
const videoColumns = `v.id, v.unit_id as "unitId", v.title, v.description, v.source, v.file_key as "fileKey", v.mime, v.size, v.youtube_id as "youtubeId",
  v.status, v.published_at as "publishedAt", v.created_at as "createdAt", v.updated_at as "updatedAt"`;
const presentVideo = (r: Record<string, any>): Video => ({ ...(r as Video), publishedAt: iso(r.publishedAt), createdAt: iso(r.createdAt) as string, updatedAt: iso(r.updatedAt) as string });

/** The 11-character id of a YouTube address (watch, youtu.be, shorts, embed), or null. */
export function youtubeIdOf(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  const host = u.hostname.replace(/^(www\.|m\.)/, '');
  let id: string | null = null;
  if (host === 'youtu.be') id = u.pathname.slice(1).split('/')[0];
  else if (host === 'youtube.com' || host === 'youtube-nocookie.com') {
    if (u.pathname === '/watch') id = u.searchParams.get('v');
    else id = u.pathname.match(/^\/(?:shorts|embed|live)\/([^/]+)/)?.[1] ?? null;
  }
  return id && /^[A-Za-z0-9_-]{11}$/.test(id) ? id : null;
}
export const youtubeUrl = (id: string) => `https://www.youtube.com/watch?v=${id}`;

export async function getVideo(q: Queryable, id: number): Promise<Video> {
  const r = await q.query(`select ${videoColumns} from videos v where v.id = $1`, [id]);
  if (!r.rowCount) throw new AppError('sitecontent.not_found', 404, 'sitecontent.not_found');
  return presentVideo(r.rows[0]);
}

export async function listVideos(q: Queryable, unitId: number, opts: { isPublishedOnly?: boolean } = {}): Promise<Video[]> {
  const r = await q.query(`select ${videoColumns} from videos v where v.unit_id = $1 and (not $2 or v.status = 'published') order by coalesce(v.published_at, v.created_at) desc, v.id desc limit 500`, [unitId, opts.isPublishedOnly ?? false]);
  return r.rows.map(presentVideo);
}

export async function createVideo(actor: Actor, unitId: number, input: { title: string; description?: string | null; youtubeUrl?: string | null; file?: { data: Buffer; fileName: string } | null }): Promise<Video> {
  let source: 'file' | 'youtube';
  let youtubeId: string | null = null;
  let file: { key: string; mime: string; size: number } | null = null;
  if (input.file) {
    source = 'file';
    file = await uploadSiteFile(actor, { unitId, data: input.file.data, fileName: input.file.fileName, use: 'video' });
  } else if (input.youtubeUrl) {
    source = 'youtube';
    youtubeId = youtubeIdOf(input.youtubeUrl);
    if (!youtubeId) throw new AppError('sitecontent.bad_youtube', 400, 'sitecontent.bad_youtube');
  } else throw new AppError('sitecontent.video_source', 400, 'sitecontent.video_source');
  return withTransaction(async (tx) => {
    const at = now();
    const r = await tx.query<{ id: number }>(
      `insert into videos (unit_id, title, description, source, file_key, mime, size, youtube_id, created_by, created_at, updated_at)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$10) returning id`,
      [unitId, input.title, input.description ?? null, source, file?.key ?? null, file?.mime ?? null, file?.size ?? null, youtubeId, actor.userId, at],
    );
    const v = await getVideo(tx, r.rows[0].id);
    await recordAudit(tx, actor, { action: 'video.create', entity: 'video', entityId: v.id, unitId, after: { title: v.title, source, youtubeId } });
    return v;
  });
}

export async function updateVideo(actor: Actor, id: number, input: { title: string; description?: string | null }): Promise<Video> {
  return withTransaction(async (tx) => {
    const before = await getVideo(tx, id);
    await tx.query('update videos set title = $2, description = $3, updated_at = $4 where id = $1', [id, input.title, input.description ?? null, now()]);
    const after = await getVideo(tx, id);
    await recordAudit(tx, actor, { action: 'video.update', entity: 'video', entityId: id, unitId: before.unitId, before: { title: before.title, description: before.description }, after: { title: after.title, description: after.description } });
    return after;
  });
}
