import type { Queryable } from '../../platform/db';
import type { PublicImage } from '../newsroom/public.service';
import type { MediaSize, MediaVariant } from '../newsroom/media.service';
import { sanitizeArticleHtml } from '../newsroom/html';
import type { ExemplarKind } from './exemplars.service';

/**
 * What the public sees of the exemplars: PUBLISHED ones only (every query
 * carries `status = 'published'`); nominated, approved, rejected and archived
 * ones never reach the portal.
 */
export type PublicExemplarCard = {
  id: number;
  slug: string;
  kind: ExemplarKind;
  name: string;
  title: string | null;
  summary: string | null;
  field: string | null;
  schoolYear: string;
  publishedAt: Date;
  updatedAt: Date;
  unitName: string;
  unitCode: string;
  photo: PublicImage | null;
};
export type PublicExemplar = PublicExemplarCard & { storyHtml: string; achievements: string[] };

const cardColumns = `e.id, e.slug, e.kind, e.name, e.title, e.summary, e.field, e.school_year as "schoolYear",
  e.published_at as "publishedAt", e.updated_at as "updatedAt", u.name as "unitName", u.code as "unitCode",
  m.id as "photoId", m.caption as "photoCaption", m.width as "photoWidth", m.height as "photoHeight", m.variants as "photoVariants"`;
const joins = `join units u on u.id = e.unit_id left join media m on m.id = e.photo_media_id`;

function card(r: Record<string, unknown>): PublicExemplarCard {
  const v = r.photoVariants as Record<MediaSize, MediaVariant> | null;
  return {
    id: Number(r.id),
    slug: r.slug as string,
    kind: r.kind as ExemplarKind,
    name: r.name as string,
    title: (r.title as string | null) || null,
    summary: (r.summary as string | null) || null,
    field: (r.field as string | null) || null,
    schoolYear: r.schoolYear as string,
    publishedAt: r.publishedAt as Date,
    updatedAt: r.updatedAt as Date,
    unitName: r.unitName as string,
    unitCode: r.unitCode as string,
    photo:
      r.photoId && v?.large && v.medium && v.small
        ? { id: Number(r.photoId), caption: (r.photoCaption as string | null) ?? null, width: r.photoWidth as number | null, height: r.photoHeight as number | null, variants: v }
        : null,
  };
}

/** Published exemplars, newest first, optionally of one kind. */
export async function publishedExemplars(q: Queryable, opts: { kind?: ExemplarKind; limit?: number; offset?: number } = {}) {
  const limit = Math.min(Math.max(Math.trunc(opts.limit ?? 12), 1), 100);
  const offset = Math.min(Math.max(Math.trunc(opts.offset ?? 0), 0), 1_000_000);
  const [rows, count] = await Promise.all([
    q.query(
      `select ${cardColumns} from exemplars e ${joins}
        where e.status = 'published' and ($1::text is null or e.kind = $1)
        order by e.published_at desc, e.id desc limit $2 offset $3`,
      [opts.kind ?? null, limit, offset],
    ),
    q.query<{ n: number }>(`select count(*)::int as n from exemplars e where e.status = 'published' and ($1::text is null or e.kind = $1)`, [opts.kind ?? null]),
  ]);
  return { items: rows.rows.map(card), total: count.rows[0].n };
}

/** One published exemplar by its slug (null when unknown or not published). */
export async function publishedExemplar(q: Queryable, slug: string): Promise<PublicExemplar | null> {
  const r = await q.query(`select ${cardColumns}, e.story_html as "storyHtml", e.achievements from exemplars e ${joins} where e.slug = $1 and e.status = 'published'`, [slug]);
  const row = r.rows[0];
  if (!row) return null;
  // sanitised when written, and again here: the page outputs it unescaped
  return { ...card(row), storyHtml: sanitizeArticleHtml(row.storyHtml as string), achievements: (row.achievements as string[]) ?? [] };
}

/** The status behind a slug, to answer an archived story with 410 Gone. */
export async function exemplarSlugStatus(q: Queryable, slug: string): Promise<string | null> {
  const r = await q.query<{ status: string }>('select status from exemplars where slug = $1', [slug]);
  return r.rows[0]?.status ?? null;
}

/** Every published exemplar's slug and last change, for the sitemap. */
export async function exemplarSitemapEntries(q: Queryable): Promise<{ slug: string; lastmod: Date }[]> {
  const r = await q.query<{ slug: string; lastmod: Date }>(
    `select slug, greatest(published_at, updated_at) as lastmod from exemplars where status = 'published' order by published_at desc limit 5000`,
  );
  return r.rows;
}
