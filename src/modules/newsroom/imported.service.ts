import crypto from 'node:crypto';
import type { Tx } from '../../platform/db';
import { slugify } from '../../text';
import { type Actor, recordAudit } from '../audit';
import { getArticle } from './articles.service';
import { articleSearchText, sanitizeArticleHtml } from './html';
import type { MediaSize, MediaVariant } from './media.service';

/**
 * Articles brought in from a unit's old website (src/modules/siteimport), written
 * inside the importer's transaction. They keep the old page's date as their
 * publication date, are marked by an `article.import` audit entry with the old
 * address, and are not sent to channels (old news is not news to followers).
 */
export async function insertImportedMedia(
  tx: Tx,
  actor: Actor,
  input: { unitId: number; fileName: string; size: number; image: { width: number; height: number; variants: Record<MediaSize, MediaVariant> }; caption?: string | null },
): Promise<number> {
  const r = await tx.query<{ id: number }>(
    `insert into media (unit_id, uploaded_by, file_name, mime, size, width, height, variants, caption)
     values ($1,$2,$3,'image/jpeg',$4,$5,$6,$7,$8) returning id`,
    [input.unitId, actor.userId, input.fileName.slice(0, 200), input.size, input.image.width, input.image.height, JSON.stringify(input.image.variants),
      input.caption?.slice(0, 500) ?? null],
  );
  await recordAudit(tx, actor, { action: 'media.upload', entity: 'media', entityId: r.rows[0].id, unitId: input.unitId, after: { fileName: input.fileName, via: 'site-import' } });
  return r.rows[0].id;
}

export async function insertImportedArticle(
  tx: Tx,
  actor: Actor,
  input: { unitId: number; title: string; summary: string | null; bodyHtml: string; isPublished: boolean; publishedAt: Date | null; mediaIds: number[]; sourceUrl: string },
): Promise<{ id: number; slug: string }> {
  const body = sanitizeArticleHtml(input.bodyHtml);
  const base = slugify(input.title, 80) || 'tin-bai';
  let slug = base;
  while ((await tx.query('select 1 from articles where slug = $1', [slug])).rowCount) slug = `${base}-${crypto.randomBytes(3).toString('hex')}`;
  const at = input.publishedAt ?? new Date();
  const r = await tx.query<{ id: number }>(
    `insert into articles (unit_id, author_id, status, title, slug, summary, body_html, cover_media_id, published_at, published_by, search_text, created_at, updated_at)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12, now()) returning id`,
    [input.unitId, actor.userId, input.isPublished ? 'published' : 'draft', input.title.slice(0, 500), slug, input.summary, body, input.mediaIds[0] ?? null,
      input.isPublished ? at : null, input.isPublished ? actor.userId : null, articleSearchText({ title: input.title, summary: input.summary, bodyHtml: body }), at],
  );
  const id = r.rows[0].id;
  if (input.mediaIds.length) {
    await tx.query('insert into article_media (article_id, media_id, position) select $1, x.mid, x.ord from unnest($2::bigint[]) with ordinality x(mid, ord)', [id, input.mediaIds]);
  }
  const article = await getArticle(tx, id);
  const { consentGaps: _g, lockedBy: _l, lockedUntil: _u, ...kept } = article;
  await tx.query('insert into article_versions (article_id, version, snapshot, author_id) values ($1,$2,$3,$4) on conflict do nothing', [id, article.version, JSON.stringify(kept), actor.userId]);
  await recordAudit(tx, actor, { action: 'article.import', entity: 'article', entityId: id, unitId: input.unitId, after: { title: input.title, status: article.status, sourceUrl: input.sourceUrl } });
  return { id, slug };
}
