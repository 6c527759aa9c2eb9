import { now } from '../../platform/clock';
import { type Queryable, db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { ipHash, vnDay } from './common';
import { MAX_LINKS, RATING_PER_HOUR, countAttempt, linkCount } from './contact.service';

/**
 * "Was the information on this page useful?" — a 1–5 score and an optional
 * comment per page of a unit's site. One rating per visitor (IP hash) per page
 * per Vietnam calendar day: a second one the same day is thanked and ignored.
 */
export function cleanPagePath(path: string): string | null {
  const p = (path ?? '').trim();
  if (!p.startsWith('/') || p.startsWith('//') || p.length > 300 || /[\s<>"]/.test(p)) return null;
  return p.split('#')[0].split('?')[0] || '/';
}

export async function submitRating(unitId: number, ip: string | null, input: { pagePath: string; score: number; comment?: string | null }): Promise<{ isCounted: boolean }> {
  const path = cleanPagePath(input.pagePath);
  if (!path) throw new AppError('rating.bad_page', 400, 'rating.bad_page');
  if (!Number.isInteger(input.score) || input.score < 1 || input.score > 5) throw new AppError('rating.bad_score', 400, 'rating.bad_score');
  const comment = (input.comment ?? '').trim() || null;
  if (comment && comment.length > 1000) throw new AppError('rating.too_long', 400, 'rating.too_long');
  if (comment && linkCount(comment) > MAX_LINKS) throw new AppError('contact.too_many_links', 400, 'contact.too_many_links', { max: MAX_LINKS });
  const hash = await ipHash(db(), ip);
  await countAttempt(hash, 'rating', RATING_PER_HOUR);
  const at = now();
  const r = await db().query(
    `insert into page_ratings (unit_id, page_path, ip_hash, day, score, comment, created_at) values ($1,$2,$3,$4,$5,$6,$7)
     on conflict (unit_id, page_path, ip_hash, day) do nothing`,
    [unitId, path, hash, vnDay(at), input.score, comment, at],
  );
  return { isCounted: (r.rowCount ?? 0) > 0 };
}

export type RatingReport = {
  from: string;
  to: string;
  count: number;
  average: number | null;
  distribution: number[];
  pages: { pagePath: string; count: number; average: number; useful: number; lastAt: string }[];
  daily: { day: string; count: number; average: number }[];
  comments: { pagePath: string; score: number; comment: string; day: string }[];
};

/** Per page: how many ratings, the average, the share rated 4–5; a daily series and the latest comments. */
export async function ratingReport(q: Queryable, unitId: number, from: string, to: string): Promise<RatingReport> {
  const args = [unitId, from, to];
  const where = 'unit_id = $1 and day between $2 and $3';
  const [total, dist, pages, daily, comments] = await Promise.all([
    q.query<{ n: number; avg: number | null }>(`select count(*)::int as n, round(avg(score)::numeric, 2)::float as avg from page_ratings where ${where}`, args),
    q.query<{ score: number; n: number }>(`select score, count(*)::int as n from page_ratings where ${where} group by score`, args),
    q.query(`select page_path as "pagePath", count(*)::int as count, round(avg(score)::numeric, 2)::float as average,
                    count(*) filter (where score >= 4)::int as useful, max(created_at) as "lastAt"
               from page_ratings where ${where} group by page_path order by count(*) desc, page_path limit 200`, args),
    q.query(`select day, count(*)::int as count, round(avg(score)::numeric, 2)::float as average from page_ratings where ${where} group by day order by day`, args),
    q.query(`select page_path as "pagePath", score, comment, day from page_ratings where ${where} and comment is not null order by created_at desc limit 50`, args),
  ]);
  const distribution = [1, 2, 3, 4, 5].map((s) => dist.rows.find((d) => d.score === s)?.n ?? 0);
  return {
    from, to,
    count: total.rows[0].n,
    average: total.rows[0].avg,
    distribution,
    pages: pages.rows.map((p) => ({ ...p, lastAt: new Date(p.lastAt).toISOString() })),
    daily: daily.rows,
    comments: comments.rows,
  };
}
