import crypto from 'node:crypto';
import { now } from '../../platform/clock';
import { type Queryable, type Tx, db, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { formatDateTimeVi, slugify, startOfWeekVn, addDaysVn } from '../../text';
import { type Actor, recordAudit } from '../audit';
import { queueDeliveries, queueRemovals } from '../distribution';
import { iso } from '../plans';
import { type ConsentGap, consentGaps } from './consents.service';
import { articleSearchText, sanitizeArticleHtml } from './html';
import { type MediaItem, getMedia } from './media.service';

/**
 * Articles (tin bài): written by contributors, edited and approved by the
 * editorial board of the unit or of a unit above it, scheduled or published,
 * withdrawn or corrected. Nobody approves or publishes their own article;
 * force-publishing needs a reason and is flagged for a later review by someone
 * else. The consent rule (consents.service.ts) is checked at every way into
 * `published`. Editing takes a short lock, and saves carry the version they
 * were made on, so two editors never overwrite each other.
 */
export type ArticleStatus = 'draft' | 'submitted' | 'rejected' | 'approved' | 'scheduled' | 'published' | 'withdrawn';
export type ArticleInput = {
  title: string;
  summary?: string | null;
  bodyHtml?: string;
  themes?: string[];
  planTaskIds?: number[];
  mediaIds?: number[];
  coverMediaId?: number | null;
  isIdentifyingPupils?: boolean;
  consentIds?: number[];
};
export const LOCK_MINUTES = 5;

const columns = `a.id, a.unit_id as "unitId", u.name as "unitName", a.author_id as "authorId", au.name as "authorName", a.status,
  a.title, a.slug, a.summary, a.body_html as "bodyHtml", a.themes, a.cover_media_id as "coverMediaId",
  a.is_identifying_pupils as "isIdentifyingPupils", a.is_on_sector_portal as "isOnSectorPortal",
  a.submitted_at as "submittedAt", a.approved_by as "approvedBy", a.approved_at as "approvedAt", a.scheduled_at as "scheduledAt",
  a.published_at as "publishedAt", a.published_by as "publishedBy", a.withdrawn_at as "withdrawnAt", a.withdrawn_reason as "withdrawnReason",
  a.correction_note as "correctionNote", a.corrected_at as "correctedAt", a.is_force_published as "isForcePublished",
  a.force_reason as "forceReason", a.is_review_pending as "isReviewPending", a.locked_by as "lockedById", lu.name as "lockedByName",
  a.locked_until as "lockedUntil", a.version, a.updated_at as "updatedAt"`;
const from = `from articles a join units u on u.id = a.unit_id left join users au on au.id = a.author_id left join users lu on lu.id = a.locked_by`;

const isoOrNull = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export async function getArticle(q: Queryable, id: number) {
  const r = await q.query(`select ${columns} ${from} where a.id = $1`, [id]);
  const a = r.rows[0];
  if (!a) throw new AppError('article.not_found', 404, 'article.not_found');
  const mediaIds = (await q.query<{ id: number }>('select media_id as id from article_media where article_id = $1 order by position', [id])).rows.map((x) => x.id);
  const planTaskIds = (await q.query<{ id: number }>('select task_id as id from article_plan_tasks where article_id = $1 order by task_id', [id])).rows.map((x) => x.id);
  const consentIds = (await q.query<{ id: number }>('select consent_id as id from article_consents where article_id = $1 order by consent_id', [id])).rows.map((x) => x.id);
  const media: MediaItem[] = await getMedia(q, mediaIds);
  const isLocked = a.lockedById && a.lockedUntil && new Date(a.lockedUntil) > now();
  const { lockedById, lockedByName, ...rest } = a;
  return {
    ...rest,
    submittedAt: isoOrNull(a.submittedAt),
    approvedAt: isoOrNull(a.approvedAt),
    scheduledAt: isoOrNull(a.scheduledAt),
    publishedAt: isoOrNull(a.publishedAt),
    withdrawnAt: isoOrNull(a.withdrawnAt),
    correctedAt: isoOrNull(a.correctedAt),
    updatedAt: isoOrNull(a.updatedAt) as string,
    lockedBy: isLocked ? { id: lockedById as number, name: lockedByName as string } : null,
    lockedUntil: isLocked ? isoOrNull(a.lockedUntil) : null,
    media,
    planTaskIds,
    consentIds,
    publicUrl: a.status === 'published' ? `/tin-tuc/${a.slug}` : null,
    consentGaps: await consentGaps(q, id),
  };
}
export type Article = Awaited<ReturnType<typeof getArticle>>;

/** A slug from the title, ASCII without diacritics; a short suffix keeps it unique. */
async function uniqueSlug(q: Queryable, title: string, selfId: number | null): Promise<string> {
  const base = slugify(title, 80) || 'tin-bai';
  for (let i = 0; i < 5; i++) {
    const slug = i === 0 ? base : `${base}-${crypto.randomBytes(3).toString('hex')}`;
    const r = await q.query('select 1 from articles where slug = $1 and ($2::bigint is null or id <> $2)', [slug, selfId]);
    if (!r.rowCount) return slug;
  }
  return `${base}-${crypto.randomBytes(6).toString('hex')}`;
}

async function writeLinks(tx: Tx, id: number, unitId: number, input: ArticleInput) {
  if (input.mediaIds) {
    await tx.query('delete from article_media where article_id = $1', [id]);
    // only photos of the article's unit or a unit above it (a school's article may use its own uploads)
    await tx.query(
      `insert into article_media (article_id, media_id, position)
       select $1, m.id, x.ord from unnest($2::bigint[]) with ordinality x(mid, ord) join media m on m.id = x.mid
        where m.unit_id in (select a.id from units a join units u on u.path <@ a.path where u.id = $3)`,
      [id, input.mediaIds, unitId],
    );
  }
  if (input.planTaskIds) {
    await tx.query('delete from article_plan_tasks where article_id = $1', [id]);
    await tx.query('insert into article_plan_tasks (article_id, task_id) select $1, t.id from plan_tasks t where t.id = any($2::bigint[])', [id, input.planTaskIds]);
  }
  if (input.consentIds) {
    await tx.query('delete from article_consents where article_id = $1', [id]);
    await tx.query(
      `insert into article_consents (article_id, consent_id)
       select $1, c.id from consents c where c.id = any($2::bigint[])
          and c.unit_id in (select a.id from units a join units u on u.path <@ a.path where u.id = $3)`,
      [id, input.consentIds, unitId],
    );
  }
}

async function snapshot(tx: Tx, actor: Actor, article: Article) {
  const { consentGaps: _g, lockedBy: _l, lockedUntil: _u, ...kept } = article;
  await tx.query(
    'insert into article_versions (article_id, version, snapshot, author_id) values ($1,$2,$3,$4) on conflict do nothing',
    [article.id, article.version, JSON.stringify(kept), actor.userId],
  );
}

export async function createArticle(actor: Actor, input: ArticleInput & { unitId: number }): Promise<Article> {
  return withTransaction(async (tx) => {
    const body = sanitizeArticleHtml(input.bodyHtml ?? '');
    const slug = await uniqueSlug(tx, input.title, null);
    const r = await tx.query<{ id: number }>(
      `insert into articles (unit_id, author_id, title, slug, summary, body_html, themes, cover_media_id, is_identifying_pupils, search_text)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) returning id`,
      [input.unitId, actor.userId, input.title, slug, input.summary ?? null, body, input.themes ?? [], input.coverMediaId ?? null,
        input.isIdentifyingPupils ?? false, articleSearchText({ title: input.title, summary: input.summary, bodyHtml: body })],
    );
    const id = r.rows[0].id;
    await writeLinks(tx, id, input.unitId, input);
    const article = await getArticle(tx, id);
    await snapshot(tx, actor, article);
    await recordAudit(tx, actor, { action: 'article.create', entity: 'article', entityId: id, unitId: input.unitId, after: { title: input.title } });
    return article;
  });
}

type Row = { id: number; unitId: number; authorId: number | null; status: ArticleStatus; version: number; lockedBy: number | null; lockedUntil: Date | null; publishedBy: number | null; title: string };
async function lockRow(tx: Tx, id: number): Promise<Row> {
  const r = await tx.query<Row>(
    `select id, unit_id as "unitId", author_id as "authorId", status, version, locked_by as "lockedBy", locked_until as "lockedUntil",
            published_by as "publishedBy", title
       from articles where id = $1 for update`,
    [id],
  );
  if (!r.rowCount) throw new AppError('article.not_found', 404, 'article.not_found');
  return r.rows[0];
}

async function assertNotLockedByOther(tx: Tx, row: Row, actor: Actor) {
  if (row.lockedBy && row.lockedBy !== actor.userId && row.lockedUntil && row.lockedUntil > now()) {
    const who = (await tx.query<{ name: string }>('select name from users where id = $1', [row.lockedBy])).rows[0]?.name ?? '';
    throw new AppError('article.locked', 409, 'article.locked', { name: who, until: formatDateTimeVi(row.lockedUntil) });
  }
}

const EDITABLE: ArticleStatus[] = ['draft', 'rejected', 'submitted', 'approved'];

/** Saves the text (autosave too). Refused when stale, locked by someone else, or no longer editable. */
export async function updateArticle(actor: Actor, id: number, input: ArticleInput & { version: number }): Promise<Article> {
  return withTransaction(async (tx) => {
    const row = await lockRow(tx, id);
    if (!EDITABLE.includes(row.status)) throw new AppError('article.not_editable', 409, 'article.not_editable');
    await assertNotLockedByOther(tx, row, actor);
    if (row.version !== input.version) throw new AppError('article.stale', 409, 'article.stale');
    await writeContent(tx, row, input);
    await writeLinks(tx, id, row.unitId, input);
    const article = await getArticle(tx, id);
    await snapshot(tx, actor, article);
    await recordAudit(tx, actor, { action: 'article.update', entity: 'article', entityId: id, unitId: row.unitId, after: { title: input.title, version: article.version } });
    return article;
  });
}

async function writeContent(tx: Tx, row: Row, input: ArticleInput) {
  const body = sanitizeArticleHtml(input.bodyHtml ?? '');
  const slug = row.status === 'published' || row.title === input.title ? null : await uniqueSlug(tx, input.title, row.id);
  await tx.query(
    `update articles set title = $2, summary = $3, body_html = $4, themes = $5, cover_media_id = $6, is_identifying_pupils = $7,
            search_text = $8, slug = coalesce($9, slug), version = version + 1, updated_at = $10
      where id = $1`,
    [row.id, input.title, input.summary ?? null, body, input.themes ?? [], input.coverMediaId ?? null, input.isIdentifyingPupils ?? false,
      articleSearchText({ title: input.title, summary: input.summary, bodyHtml: body }), slug, now()],
  );
}

/** Takes or renews the edit lock for LOCK_MINUTES. */
export async function lockArticle(actor: Actor, id: number): Promise<{ lockedUntil: string }> {
  return withTransaction(async (tx) => {
    const row = await lockRow(tx, id);
    await assertNotLockedByOther(tx, row, actor);
    const until = new Date(now().getTime() + LOCK_MINUTES * 60_000);
    await tx.query('update articles set locked_by = $2, locked_until = $3 where id = $1', [id, actor.userId, until]);
    return { lockedUntil: until.toISOString() };
  });
}

export async function unlockArticle(actor: Actor, id: number): Promise<void> {
  await db().query('update articles set locked_by = null, locked_until = null where id = $1 and locked_by = $2', [id, actor.userId]);
}

async function assertConsents(tx: Tx, id: number) {
  const gaps: ConsentGap[] = await consentGaps(tx, id);
  if (gaps.length) {
    throw new AppError('article.consent_missing', 409, 'article.consent_missing', { missing: gaps.map((g) => g.message).join('; ') }, gaps);
  }
}

export type ArticleAction =
  | { action: 'submit' }
  | { action: 'reject'; comment: string }
  | { action: 'approve'; comment?: string }
  | { action: 'publish'; isOnSectorPortal?: boolean }
  | { action: 'schedule'; at: string; isOnSectorPortal?: boolean }
  | { action: 'force-publish'; reason: string; isOnSectorPortal?: boolean }
  | { action: 'review' }
  | { action: 'withdraw'; reason: string };

const allowedFrom: Record<ArticleAction['action'], ArticleStatus[]> = {
  submit: ['draft', 'rejected'],
  reject: ['submitted', 'approved', 'scheduled'],
  approve: ['submitted'],
  publish: ['approved'],
  schedule: ['approved'],
  'force-publish': ['draft', 'submitted', 'rejected', 'approved', 'scheduled'],
  review: ['published', 'withdrawn'],
  withdraw: ['published', 'scheduled'],
};

/** Workflow moves; the rules that do not depend on roles are checked here, whoever calls. */
export async function moveArticle(actor: Actor, id: number, move: ArticleAction): Promise<Article> {
  return withTransaction(async (tx) => {
    const row = await lockRow(tx, id);
    if (!allowedFrom[move.action].includes(row.status)) throw new AppError('article.bad_state', 409, 'article.bad_state', { status: row.status });
    const isAuthor = row.authorId != null && row.authorId === actor.userId;
    const at = now();
    switch (move.action) {
      case 'submit':
        await tx.query(`update articles set status = 'submitted', submitted_at = coalesce(submitted_at, $2), updated_at = $2 where id = $1`, [id, at]);
        await fulfilWeeklyDeadline(tx, row.unitId, at);
        break;
      case 'reject':
        if (!move.comment.trim()) throw new AppError('article.reason_required', 400, 'article.reason_required');
        await tx.query(`update articles set status = 'rejected', scheduled_at = null, updated_at = $2 where id = $1`, [id, at]);
        break;
      case 'approve':
        if (isAuthor) throw new AppError('article.self_approval', 403, 'article.self_approval');
        await tx.query(`update articles set status = 'approved', approved_by = $2, approved_at = $3, updated_at = $3 where id = $1`, [id, actor.userId, at]);
        break;
      case 'publish':
        if (isAuthor) throw new AppError('article.self_approval', 403, 'article.self_approval');
        await assertConsents(tx, id);
        await tx.query(
          `update articles set status = 'published', published_at = $2, published_by = $3, is_on_sector_portal = coalesce($4, is_on_sector_portal),
                  updated_at = $2, locked_by = null, locked_until = null where id = $1`,
          [id, at, actor.userId, move.isOnSectorPortal ?? null],
        );
        await queueDeliveries(tx, id);
        break;
      case 'schedule': {
        if (isAuthor) throw new AppError('article.self_approval', 403, 'article.self_approval');
        const when = new Date(move.at);
        if (!(when > at)) throw new AppError('article.schedule_past', 400, 'article.schedule_past');
        await assertConsents(tx, id);
        await tx.query(
          `update articles set status = 'scheduled', scheduled_at = $2, published_by = $3, is_on_sector_portal = coalesce($4, is_on_sector_portal), updated_at = $5 where id = $1`,
          [id, when, actor.userId, move.isOnSectorPortal ?? null, at],
        );
        break;
      }
      case 'force-publish':
        if (!move.reason.trim()) throw new AppError('article.reason_required', 400, 'article.reason_required');
        await assertConsents(tx, id);
        await tx.query(
          `update articles set status = 'published', published_at = $2, published_by = $3, submitted_at = coalesce(submitted_at, $2),
                  is_force_published = true, force_reason = $4, is_review_pending = true,
                  is_on_sector_portal = coalesce($5, is_on_sector_portal), updated_at = $2, locked_by = null, locked_until = null where id = $1`,
          [id, at, actor.userId, move.reason, move.isOnSectorPortal ?? null],
        );
        await queueDeliveries(tx, id);
        await fulfilWeeklyDeadline(tx, row.unitId, at);
        break;
      case 'review':
        if (row.publishedBy === actor.userId) throw new AppError('article.self_review', 403, 'article.self_review');
        await tx.query('update articles set is_review_pending = false, updated_at = $2 where id = $1', [id, at]);
        break;
      case 'withdraw':
        if (!move.reason.trim()) throw new AppError('article.reason_required', 400, 'article.reason_required');
        await tx.query(`update articles set status = 'withdrawn', withdrawn_at = $2, withdrawn_reason = $3, updated_at = $2 where id = $1`, [id, at, move.reason]);
        await queueRemovals(tx, id); // take down what Loa posted on the unit's Facebook Page / Zalo OA (docs/DISTRIBUTION.md)
        break;
    }
    const comment = 'comment' in move ? move.comment : 'reason' in move ? move.reason : undefined;
    if (comment?.trim()) await tx.query('insert into article_comments (article_id, author_id, body) values ($1,$2,$3)', [id, actor.userId, comment.trim()]);
    const article = await getArticle(tx, id);
    await recordAudit(tx, actor, { action: `article.${move.action}`, entity: 'article', entityId: id, unitId: row.unitId, before: { status: row.status }, after: { status: article.status, ...move } });
    return article;
  });
}

/** A correction to a published article: new text, a correction note shown on the page, still published. */
export async function correctArticle(actor: Actor, id: number, input: ArticleInput & { version: number; note: string }): Promise<Article> {
  return withTransaction(async (tx) => {
    const row = await lockRow(tx, id);
    if (row.status !== 'published') throw new AppError('article.bad_state', 409, 'article.bad_state', { status: row.status });
    if (!input.note.trim()) throw new AppError('article.reason_required', 400, 'article.reason_required');
    await assertNotLockedByOther(tx, row, actor);
    if (row.version !== input.version) throw new AppError('article.stale', 409, 'article.stale');
    await writeContent(tx, row, input);
    await tx.query('update articles set correction_note = $2, corrected_at = $3 where id = $1', [id, input.note.trim(), now()]);
    await writeLinks(tx, id, row.unitId, input);
    await assertConsents(tx, id);
    const article = await getArticle(tx, id);
    await snapshot(tx, actor, article);
    await recordAudit(tx, actor, { action: 'article.correct', entity: 'article', entityId: id, unitId: row.unitId, after: { note: input.note } });
    return article;
  });
}

/**
 * Publishes scheduled articles whose time has come (cron, every minute). Each
 * row is claimed with SKIP LOCKED, so several workers publish each once; an
 * article whose consents lapsed meanwhile goes back to `approved` with a comment.
 */
export async function publishDueArticles(limit = 100): Promise<number> {
  return withTransaction(async (tx) => {
    const due = await tx.query<{ id: number; unitId: number }>(
      `select id, unit_id as "unitId" from articles where status = 'scheduled' and scheduled_at <= $1 order by scheduled_at limit $2 for update skip locked`,
      [now(), limit],
    );
    for (const a of due.rows) {
      const gaps = await consentGaps(tx, a.id);
      if (gaps.length) {
        await tx.query(`update articles set status = 'approved', scheduled_at = null, updated_at = $2 where id = $1`, [a.id, now()]);
        await tx.query('insert into article_comments (article_id, author_id, body) values ($1, null, $2)', [a.id, gaps.map((g) => g.message).join('; ')]);
        continue;
      }
      await tx.query(`update articles set status = 'published', published_at = scheduled_at, updated_at = $2 where id = $1`, [a.id, now()]);
      await queueDeliveries(tx, a.id);
      await recordAudit(tx, { userId: null }, { action: 'article.publish_scheduled', entity: 'article', entityId: a.id, unitId: a.unitId });
    }
    return due.rowCount ?? 0;
  });
}

/** An article sent this week meets the unit's weekly obligation: its deadline for this week is fulfilled. */
async function fulfilWeeklyDeadline(tx: Tx, unitId: number, at: Date) {
  const weekStart = startOfWeekVn(at);
  await tx.query(
    `update obligation_deadlines d set fulfilled_at = $4
       from plan_obligations o
      where o.id = d.obligation_id and o.recurrence = 'weekly' and d.unit_id = $1 and d.fulfilled_at is null
        and d.due_date between $2::date and $3::date`,
    [unitId, iso(weekStart), iso(addDaysVn(weekStart, 6)), at],
  );
}

export async function listArticleVersions(q: Queryable, id: number) {
  const r = await q.query(
    `select v.version, v.snapshot->>'status' as status, u.name as "authorName", v.created_at as "createdAt"
       from article_versions v left join users u on u.id = v.author_id where v.article_id = $1 order by v.version desc`,
    [id],
  );
  return r.rows.map((x) => ({ ...x, createdAt: new Date(x.createdAt).toISOString() }));
}

export async function listArticleComments(q: Queryable, id: number) {
  const r = await q.query(
    `select c.id, coalesce(u.name, 'Loa') as "authorName", c.body, c.created_at as "createdAt"
       from article_comments c left join users u on u.id = c.author_id where c.article_id = $1 order by c.id`,
    [id],
  );
  return r.rows.map((x) => ({ ...x, createdAt: new Date(x.createdAt).toISOString() }));
}

export async function addArticleComment(actor: Actor, id: number, body: string): Promise<number> {
  return withTransaction(async (tx) => {
    const row = await lockRow(tx, id);
    const r = await tx.query<{ id: number }>('insert into article_comments (article_id, author_id, body) values ($1,$2,$3) returning id', [id, actor.userId, body]);
    await recordAudit(tx, actor, { action: 'article.comment', entity: 'article', entityId: id, unitId: row.unitId, after: { body } });
    return r.rows[0].id;
  });
}

export async function articleUnit(q: Queryable, id: number): Promise<{ unitId: number; authorId: number | null; status: ArticleStatus }> {
  const r = await q.query('select unit_id as "unitId", author_id as "authorId", status from articles where id = $1', [id]);
  if (!r.rowCount) throw new AppError('article.not_found', 404, 'article.not_found');
  return r.rows[0];
}

/** Articles of the units at or under a path (filtered), newest change first. */
export async function listArticles(
  q: Queryable,
  opts: { unitPath: string; ownUnitIds?: number[] | null; status?: ArticleStatus; text?: string; authorId?: number; limit: number; offset: number },
) {
  const params: unknown[] = [opts.unitPath, opts.limit, opts.offset];
  const where = ['u.path <@ $1::ltree'];
  if (opts.ownUnitIds) where.push(`a.unit_id = any($${params.push(opts.ownUnitIds)}::bigint[])`);
  if (opts.status) where.push(`a.status = $${params.push(opts.status)}`);
  if (opts.authorId) where.push(`a.author_id = $${params.push(opts.authorId)}`);
  if (opts.text?.trim()) {
    const { foldVietnamese } = await import('../../text');
    for (const w of foldVietnamese(opts.text).split(' ').filter(Boolean).slice(0, 6)) where.push(`a.search_text like $${params.push(`%${w}%`)}`);
  }
  const r = await q.query(
    `select a.id, a.unit_id as "unitId", u.name as "unitName", a.title, a.status, au.name as "authorName", a.author_id as "authorId",
            a.updated_at as "updatedAt", a.submitted_at as "submittedAt", a.published_at as "publishedAt", a.scheduled_at as "scheduledAt",
            a.is_review_pending as "isReviewPending", a.slug,
            (select m.variants->'small'->>'key' from media m where m.id = coalesce(a.cover_media_id,
               (select am.media_id from article_media am where am.article_id = a.id order by am.position limit 1))) as "thumbKey",
            count(*) over () as total
       from articles a join units u on u.id = a.unit_id left join users au on au.id = a.author_id
      where ${where.join(' and ')}
      order by a.updated_at desc limit $2 offset $3`,
    params,
  );
  return {
    total: Number(r.rows[0]?.total ?? 0),
    items: r.rows.map(({ total: _t, thumbKey, ...x }) => ({
      ...x,
      updatedAt: isoOrNull(x.updatedAt),
      submittedAt: isoOrNull(x.submittedAt),
      publishedAt: isoOrNull(x.publishedAt),
      scheduledAt: isoOrNull(x.scheduledAt),
      thumbUrl: thumbKey ? `/media/${thumbKey}` : null,
    })),
  };
}
