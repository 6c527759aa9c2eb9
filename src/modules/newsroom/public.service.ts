import type { Queryable } from '../../platform/db';
import { tokenize } from '../../text';
import { sanitizeArticleHtml, textOfHtml } from './html';
import { type MediaSize, type MediaVariant, mediaUrl } from './media.service';

/**
 * What the public sees of the newsroom: read-only queries over PUBLISHED
 * articles only (`status = 'published'`). Nothing here can return a draft, a
 * submitted, scheduled or withdrawn article — every query carries that
 * filter, and the portal has no other way in.
 */

export type PublicImage = {
  id: number;
  caption: string | null;
  width: number | null;
  height: number | null;
  variants: Record<MediaSize, MediaVariant>;
};

export type PublicArticleCard = {
  id: number;
  slug: string;
  title: string;
  summary: string | null;
  themes: string[];
  publishedAt: Date;
  updatedAt: Date;
  unitId: number;
  unitName: string;
  unitCode: string;
  cover: PublicImage | null;
};

export type PublicArticle = PublicArticleCard & {
  bodyHtml: string;
  authorName: string | null;
  correctionNote: string | null;
  correctedAt: Date | null;
  media: PublicImage[];
};

export type Page<T> = { items: T[]; total: number };

/** The one public address of an article, used by pages, feeds, the sitemap and search alike. */
export const articlePath = (slug: string) => `/tin-tuc/${slug}`;
export const imageUrl = (img: PublicImage, size: MediaSize) => mediaUrl(img.variants[size].key);

const isPublished = `a.status = 'published'`;

/** Card columns; the picture is the cover, or else the first attached photo. */
const cardColumns = `a.id, a.slug, a.title, a.summary, a.themes,
  coalesce(a.published_at, a.updated_at) as "publishedAt", a.updated_at as "updatedAt",
  u.id as "unitId", u.name as "unitName", u.code as "unitCode",
  m.id as "coverId", m.caption as "coverCaption", m.width as "coverWidth", m.height as "coverHeight", m.variants as "coverVariants"`;
const cardJoins = `join units u on u.id = a.unit_id
  left join media m on m.id = coalesce(a.cover_media_id,
    (select am.media_id from article_media am where am.article_id = a.id order by am.position limit 1))`;

type Row = Record<string, unknown>;

function imageOf(id: unknown, caption: unknown, width: unknown, height: unknown, variants: unknown): PublicImage | null {
  const v = variants as Record<MediaSize, MediaVariant> | null;
  if (!id || !v?.large || !v.medium || !v.small) return null;
  return { id: id as number, caption: (caption as string | null) ?? null, width: (width as number | null) ?? null, height: (height as number | null) ?? null, variants: v };
}

function card(r: Row): PublicArticleCard {
  return {
    id: r.id as number,
    slug: r.slug as string,
    title: r.title as string,
    summary: (r.summary as string | null) || null,
    themes: (r.themes as string[]) ?? [],
    publishedAt: r.publishedAt as Date,
    updatedAt: r.updatedAt as Date,
    unitId: r.unitId as number,
    unitName: r.unitName as string,
    unitCode: r.unitCode as string,
    cover: imageOf(r.coverId, r.coverCaption, r.coverWidth, r.coverHeight, r.coverVariants),
  };
}

type Paging = { limit?: number; offset?: number };
const lim = (p: Paging) => Math.min(Math.max(Math.trunc(p.limit ?? 12), 1), 100);
const off = (p: Paging) => Math.min(Math.max(Math.trunc(p.offset ?? 0), 0), 1_000_000);

async function listWhere(q: Queryable, where: string, params: unknown[], p: Paging): Promise<Page<PublicArticleCard>> {
  const n = params.length;
  const [rows, count] = await Promise.all([
    q.query(
      `select ${cardColumns} from articles a ${cardJoins}
        where ${isPublished} and ${where}
        order by a.published_at desc, a.id desc limit $${n + 1} offset $${n + 2}`,
      [...params, lim(p), off(p)],
    ),
    q.query<{ n: number }>(`select count(*)::int as n from articles a join units u on u.id = a.unit_id where ${isPublished} and ${where}`, params),
  ]);
  return { items: rows.rows.map(card), total: count.rows[0].n };
}

/** The sector portal's news: published articles the department's board picked for it, newest first. */
export function latestForPortal(q: Queryable, p: Paging = {}): Promise<Page<PublicArticleCard>> {
  return listWhere(q, 'a.is_on_sector_portal', [], p);
}

/** A unit's news: its own published articles and those of every unit under it. */
export function latestForUnit(q: Queryable, unitId: number, p: Paging = {}): Promise<Page<PublicArticleCard>> {
  return listWhere(q, 'u.path <@ (select path from units where id = $1)', [unitId], p);
}

/** News on one theme; `themes` are the exact labels (several spellings may share one slug). */
export function latestByThemes(q: Queryable, themes: string[], p: Paging = {}): Promise<Page<PublicArticleCard>> {
  return listWhere(q, 'a.themes && $1::text[]', [themes], p);
}

/** Themes in use on published articles, most used first. */
export async function publishedThemes(q: Queryable, limit = 30): Promise<{ name: string; count: number }[]> {
  const r = await q.query<{ name: string; count: number }>(
    `select t as name, count(*)::int as count from articles a, unnest(a.themes) t
      where ${isPublished} and btrim(t) <> '' group by t order by count desc, t limit $1`,
    [limit],
  );
  return r.rows;
}

/** A published or withdrawn article's cheap fingerprint, to validate caches before loading anything else. */
export async function articleStamp(q: Queryable, slug: string): Promise<{ id: number; status: string; stamp: string } | null> {
  const r = await q.query<{ id: number; status: string; stamp: string }>(
    `select id, status, (extract(epoch from updated_at) * 1000000)::bigint::text || '.' || version as stamp
       from articles where slug = $1`,
    [slug],
  );
  return r.rows[0] ?? null;
}

/** One published article with its unit, author and photos (null when unknown or not published). */
export async function publishedArticle(q: Queryable, slug: string): Promise<PublicArticle | null> {
  const r = await q.query(
    `select ${cardColumns}, a.body_html as "bodyHtml", au.name as "authorName", a.correction_note as "correctionNote",
            a.corrected_at as "correctedAt", a.cover_media_id as "coverMediaId"
       from articles a ${cardJoins}
       left join users au on au.id = a.author_id
      where a.slug = $1 and ${isPublished}`,
    [slug],
  );
  const row = r.rows[0];
  if (!row) return null;
  const m = await q.query(
    `select m.id, m.caption, m.width, m.height, m.variants
       from article_media am join media m on m.id = am.media_id
      where am.article_id = $1 order by am.position, m.id`,
    [row.id],
  );
  const media = m.rows.map((x) => imageOf(x.id, x.caption, x.width, x.height, x.variants)).filter((x): x is PublicImage => !!x);
  return {
    ...card(row),
    bodyHtml: sanitizeArticleHtml((row.bodyHtml as string) ?? ''),
    authorName: (row.authorName as string | null) ?? null,
    correctionNote: (row.correctionNote as string | null) || null,
    correctedAt: (row.correctedAt as Date | null) ?? null,
    media,
  };
}

/** Search words: folded (no diacritics, lower case) letters and digits, at most 8. */
export function searchWords(text: string): string[] {
  return [...new Set(tokenize(text.slice(0, 200)))].slice(0, 8);
}

/**
 * Full-text-ish search over published articles: the query is folded like
 * `search_text` (so `nguyen du` finds `Nguyễn Du`), each word becomes its own
 * `search_text like '%word%'` (the trigram index serves `like $n`), ranked by
 * similarity to the head of the text (title and summary come first), then by date.
 */
export async function searchPublished(q: Queryable, text: string, p: Paging = {}): Promise<Page<PublicArticleCard> & { words: string[] }> {
  const words = searchWords(text);
  if (!words.length) return { items: [], total: 0, words };
  // one `like $n` per word: the trigram index serves `like $n`, not `like all($array)`
  const likes = (first: number) => words.map((_, i) => `a.search_text like $${i + first}`).join(' and ');
  const patterns = words.map((w) => `%${w}%`);
  const n = patterns.length + 1;
  const [rows, count] = await Promise.all([
    q.query(
      `select ${cardColumns}, word_similarity($1, left(a.search_text, 400)) as score
         from articles a ${cardJoins}
        where ${isPublished} and ${likes(2)}
        order by score desc, a.published_at desc, a.id desc limit $${n + 1} offset $${n + 2}`,
      [words.join(' '), ...patterns, lim(p), off(p)],
    ),
    q.query<{ n: number }>(`select count(*)::int as n from articles a where ${isPublished} and ${likes(1)}`, patterns),
  ]);
  return { items: rows.rows.map(card), total: count.rows[0].n, words };
}

export type FeedItem = PublicArticleCard & { description: string };

/** Feed items: the newest published articles of the sector portal, or of a unit's subtree. */
export async function feedItems(q: Queryable, scope: { unitId: number } | 'portal', limit = 30): Promise<FeedItem[]> {
  const where = scope === 'portal' ? 'a.is_on_sector_portal' : 'u.path <@ (select path from units where id = $2)';
  const r = await q.query(
    `select ${cardColumns}, case when coalesce(btrim(a.summary), '') = '' then left(a.body_html, 6000) end as "bodyHead"
       from articles a ${cardJoins}
      where ${isPublished} and ${where}
      order by a.published_at desc, a.id desc limit $1`,
    scope === 'portal' ? [limit] : [limit, scope.unitId],
  );
  return r.rows.map((row) => {
    const c = card(row);
    const text = c.summary ?? textOfHtml((row.bodyHead as string | null) ?? '');
    return { ...c, description: text.length > 400 ? `${text.slice(0, 397).replace(/\s+\S*$/, '')}…` : text };
  });
}

/** Everything the sitemap lists: published articles (newest first) and active units. */
export async function sitemapEntries(q: Queryable, limit = 45_000): Promise<{
  articles: { slug: string; lastmod: Date }[];
  units: { code: string; lastmod: Date; hasNews: boolean }[];
  themes: string[];
}> {
  const [a, u, t] = await Promise.all([
    q.query<{ slug: string; lastmod: Date }>(
      `select a.slug, greatest(a.updated_at, a.published_at) as lastmod from articles a
        where ${isPublished} order by a.published_at desc, a.id desc limit $1`,
      [limit],
    ),
    q.query<{ code: string; lastmod: Date; hasNews: boolean }>(
      // a unit "has news" when it or a unit under it published something: the ancestors of the publishing units
      `with publishing as (select distinct a.unit_id from articles a where ${isPublished}),
            with_news as (select distinct anc.id from publishing p join units s on s.id = p.unit_id join units anc on anc.path @> s.path)
       select u.code, u.updated_at as lastmod, (w.id is not null) as "hasNews"
         from units u left join with_news w on w.id = u.id
        where u.status = 'active' order by u.path limit 5000`,
    ),
    publishedThemes(q, 100),
  ]);
  return { articles: a.rows, units: u.rows, themes: t.map((x) => x.name) };
}

/** Is this file-store key one of a photo's published sizes (and not, say, a scanned consent form)? */
export async function isMediaVariantKey(q: Queryable, key: string): Promise<boolean> {
  const probe = (size: MediaSize) => JSON.stringify({ [size]: { key } });
  const r = await q.query(
    `select 1 from media where variants @> $1::jsonb or variants @> $2::jsonb or variants @> $3::jsonb limit 1`,
    [probe('large'), probe('medium'), probe('small')],
  );
  return (r.rowCount ?? 0) > 0;
}
