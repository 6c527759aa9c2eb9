import { now } from '../../platform/clock';
import { type Queryable, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { foldVietnamese } from '../../text';
import { type Actor, recordAudit } from '../audit';
import { threadCoverage, threadOpenToUnit } from '../monitoring';
import { sanitizeArticleHtml, textOfHtml } from '../newsroom';
import { addIncidentTimeline, checkIncident, iso, requireRegister, uniqueSlug } from './common';

/**
 * Press releases (thông cáo báo chí) and rebuttals of false information (bác bỏ
 * thông tin sai sự thật), both published on the portal.
 *
 * Release:  draft ─approve─▶ approved ─publish─▶ published ─withdraw─▶ withdrawn
 *   approving is for the unit's spokesperson register, never the author; publishing
 *   and withdrawing for the register as well. Only a draft is edited.
 * Rebuttal: draft ─publish─▶ published ─withdraw─▶ withdrawn; publishing is for the
 *   register, never the author; it names the monitoring thread it answers and the
 *   portal lists that thread's coverage links.
 */
export const releaseStatuses = ['draft', 'approved', 'published', 'withdrawn'] as const;
export type ReleaseStatus = (typeof releaseStatuses)[number];
export const rebuttalStatuses = ['draft', 'published', 'withdrawn'] as const;
export type RebuttalStatus = (typeof rebuttalStatuses)[number];

export const releasePath = (slug: string) => `/thong-cao-bao-chi/${slug}`;
export const rebuttalPath = (slug: string) => `/cai-chinh-thong-tin/${slug}`;

export type ReleaseInput = { title: string; summary?: string | null; bodyHtml?: string };

const relColumns = `r.id, r.unit_id as "unitId", u.name as "unitName", r.title, r.summary, r.body_html as "bodyHtml", r.slug, r.status,
  r.author_id as "authorId", au.name as "authorName", r.approved_by as "approvedBy", ap.name as "approvedByName", r.approved_at as "approvedAt",
  r.published_at as "publishedAt", r.withdrawn_at as "withdrawnAt", r.withdraw_reason as "withdrawReason", r.created_at as "createdAt", r.updated_at as "updatedAt"`;
const relFrom = 'from press_releases r join units u on u.id = r.unit_id left join users au on au.id = r.author_id left join users ap on ap.id = r.approved_by';
const presentRelease = (x: Record<string, any>) => ({
  ...x, id: Number(x.id), unitId: Number(x.unitId), authorId: x.authorId == null ? null : Number(x.authorId), approvedBy: x.approvedBy == null ? null : Number(x.approvedBy),
  status: x.status as ReleaseStatus, approvedAt: iso(x.approvedAt), publishedAt: iso(x.publishedAt), withdrawnAt: iso(x.withdrawnAt),
  createdAt: iso(x.createdAt) as string, updatedAt: iso(x.updatedAt) as string, publicUrl: x.status === 'published' ? releasePath(x.slug) : null,
}) as {
  id: number; unitId: number; unitName: string; title: string; summary: string | null; bodyHtml: string; slug: string; status: ReleaseStatus;
  authorId: number | null; authorName: string | null; approvedBy: number | null; approvedByName: string | null; approvedAt: string | null;
  publishedAt: string | null; withdrawnAt: string | null; withdrawReason: string | null; createdAt: string; updatedAt: string; publicUrl: string | null;
};

export async function getRelease(q: Queryable, id: number) {
  const r = await q.query(`select ${relColumns} ${relFrom} where r.id = $1`, [id]);
  if (!r.rowCount) throw new AppError('press.not_found', 404, 'press.not_found');
  return presentRelease(r.rows[0]);
}
export type PressRelease = Awaited<ReturnType<typeof getRelease>>;

export async function listReleases(q: Queryable, opts: { unitPath: string; ownUnitIds?: number[] | null; status?: ReleaseStatus }) {
  const params: unknown[] = [opts.unitPath];
  const where = ['u.path <@ $1::ltree'];
  if (opts.ownUnitIds) where.push(`r.unit_id = any($${params.push(opts.ownUnitIds)}::bigint[])`);
  if (opts.status) where.push(`r.status = $${params.push(opts.status)}`);
  const r = await q.query(`select ${relColumns} ${relFrom} where ${where.join(' and ')} order by r.updated_at desc limit 200`, params);
  return r.rows.map(presentRelease);
}

export async function saveRelease(actor: Actor, id: number | null, input: ReleaseInput & { unitId?: number }): Promise<PressRelease> {
  return withTransaction(async (tx) => {
    const body = sanitizeArticleHtml(input.bodyHtml ?? '');
    const search = foldVietnamese([input.title, input.summary, textOfHtml(body)].filter(Boolean).join(' ')).slice(0, 20_000);
    const at = now();
    let unitId: number;
    if (id == null) {
      unitId = input.unitId as number;
      const slug = await uniqueSlug(tx, 'press_releases', input.title, null, 'thong-cao');
      id = Number((await tx.query(
        `insert into press_releases (unit_id, title, summary, body_html, slug, author_id, search_text, created_at, updated_at) values ($1,$2,$3,$4,$5,$6,$7,$8,$8) returning id`,
        [unitId, input.title.trim(), input.summary ?? null, body, slug, actor.userId, search, at],
      )).rows[0].id);
    } else {
      const cur = await tx.query('select unit_id as "unitId", status, title from press_releases where id = $1 for update', [id]);
      if (!cur.rowCount) throw new AppError('press.not_found', 404, 'press.not_found');
      if (cur.rows[0].status !== 'draft') throw new AppError('press.not_editable', 409, 'press.not_editable');
      unitId = Number(cur.rows[0].unitId);
      const slug = cur.rows[0].title === input.title ? null : await uniqueSlug(tx, 'press_releases', input.title, id, 'thong-cao');
      await tx.query(`update press_releases set title = $2, summary = $3, body_html = $4, search_text = $5, slug = coalesce($6, slug), updated_at = $7 where id = $1`, [id, input.title.trim(), input.summary ?? null, body, search, slug, at]);
    }
    await recordAudit(tx, actor, { action: 'press_release.save', entity: 'press_release', entityId: id, unitId, after: { title: input.title } });
    return getRelease(tx, id);
  });
}

export type ReleaseMove = { action: 'approve' } | { action: 'publish' } | { action: 'withdraw'; reason?: string } | { action: 'reopen' };
const releaseFrom: Record<ReleaseMove['action'], ReleaseStatus[]> = { approve: ['draft'], publish: ['approved'], withdraw: ['published', 'approved'], reopen: ['approved', 'withdrawn'] };

export async function moveRelease(actor: Actor, id: number, move: ReleaseMove): Promise<PressRelease> {
  return withTransaction(async (tx) => {
    const cur = await tx.query('select unit_id as "unitId", status, author_id as "authorId" from press_releases where id = $1 for update', [id]);
    if (!cur.rowCount) throw new AppError('press.not_found', 404, 'press.not_found');
    const row = cur.rows[0] as { unitId: number; status: ReleaseStatus; authorId: number | null };
    const unitId = Number(row.unitId);
    if (!releaseFrom[move.action].includes(row.status)) throw new AppError('press.bad_state', 409, 'press.bad_state', { status: row.status });
    const at = now();
    if (move.action !== 'reopen') await requireRegister(tx, actor.userId, unitId);
    switch (move.action) {
      case 'approve':
        if (row.authorId != null && Number(row.authorId) === actor.userId) throw new AppError('press.self_approval', 403, 'press.self_approval');
        await tx.query(`update press_releases set status = 'approved', approved_by = $2, approved_at = $3, updated_at = $3 where id = $1`, [id, actor.userId, at]);
        break;
      case 'publish':
        await tx.query(`update press_releases set status = 'published', published_at = coalesce(published_at, $2), withdrawn_at = null, updated_at = $2 where id = $1`, [id, at]);
        break;
      case 'withdraw':
        await tx.query(`update press_releases set status = 'withdrawn', withdrawn_at = $2, withdraw_reason = $3, updated_at = $2 where id = $1`, [id, at, move.reason?.trim() || null]);
        break;
      case 'reopen':
        await tx.query(`update press_releases set status = 'draft', approved_by = null, approved_at = null, updated_at = $2 where id = $1`, [id, at]);
        break;
    }
    const after = await getRelease(tx, id);
    await recordAudit(tx, actor, { action: `press_release.${move.action}`, entity: 'press_release', entityId: id, unitId, before: { status: row.status }, after: { status: after.status } });
    return after;
  });
}

// ---- rebuttals ---------------------------------------------------------------------------------

export type RebuttalInput = { title: string; falseClaim: string; bodyHtml?: string; threadId?: number | null; issueId?: number | null; incidentId?: number | null };

const rebColumns = `b.id, b.unit_id as "unitId", u.name as "unitName", b.thread_id as "threadId", th.title as "threadTitle", b.issue_id as "issueId",
  b.incident_id as "incidentId", b.title, b.false_claim as "falseClaim", b.body_html as "bodyHtml", b.slug, b.status, b.author_id as "authorId",
  b.published_by as "publishedBy", b.published_at as "publishedAt", b.created_at as "createdAt", b.updated_at as "updatedAt"`;
const rebFrom = 'from press_rebuttals b join units u on u.id = b.unit_id left join monitor_threads th on th.id = b.thread_id';
const num = (v: unknown) => (v == null ? null : Number(v));
const presentRebuttal = (x: Record<string, any>) => ({
  ...x, id: Number(x.id), unitId: Number(x.unitId), threadId: num(x.threadId), issueId: num(x.issueId), incidentId: num(x.incidentId), authorId: num(x.authorId),
  publishedBy: num(x.publishedBy), status: x.status as RebuttalStatus, publishedAt: iso(x.publishedAt), createdAt: iso(x.createdAt) as string,
  updatedAt: iso(x.updatedAt) as string, publicUrl: x.status === 'published' ? rebuttalPath(x.slug) : null,
}) as {
  id: number; unitId: number; unitName: string; threadId: number | null; threadTitle: string | null; issueId: number | null; incidentId: number | null;
  title: string; falseClaim: string; bodyHtml: string; slug: string; status: RebuttalStatus; authorId: number | null; publishedBy: number | null;
  publishedAt: string | null; createdAt: string; updatedAt: string; publicUrl: string | null;
};

export async function getRebuttal(q: Queryable, id: number) {
  const r = await q.query(`select ${rebColumns} ${rebFrom} where b.id = $1`, [id]);
  if (!r.rowCount) throw new AppError('press.not_found', 404, 'press.not_found');
  const b = presentRebuttal(r.rows[0]);
  return { ...b, coverage: b.threadId ? await threadCoverage(q, b.threadId) : [] };
}
export type PressRebuttal = Awaited<ReturnType<typeof getRebuttal>>;

export async function listRebuttals(q: Queryable, opts: { unitPath: string; ownUnitIds?: number[] | null }) {
  const params: unknown[] = [opts.unitPath];
  const where = ['u.path <@ $1::ltree'];
  if (opts.ownUnitIds) where.push(`b.unit_id = any($${params.push(opts.ownUnitIds)}::bigint[])`);
  const r = await q.query(`select ${rebColumns} ${rebFrom} where ${where.join(' and ')} order by b.updated_at desc limit 200`, params);
  return r.rows.map(presentRebuttal);
}

/** A rebuttal may answer only a thread about its unit's subtree (or about no unit): never another province's. */
async function checkThread(q: Queryable, threadId: number | null | undefined, unitId: number): Promise<void> {
  if (threadId != null && !(await threadOpenToUnit(q, threadId, unitId))) throw new AppError('press.bad_thread', 400, 'press.bad_thread');
}

export async function saveRebuttal(actor: Actor, id: number | null, input: RebuttalInput & { unitId?: number }): Promise<PressRebuttal> {
  return withTransaction(async (tx) => {
    const body = sanitizeArticleHtml(input.bodyHtml ?? '');
    const at = now();
    let unitId: number;
    if (id == null) {
      unitId = input.unitId as number;
      await checkThread(tx, input.threadId, unitId);
      await checkIncident(tx, input.incidentId, unitId);
      const slug = await uniqueSlug(tx, 'press_rebuttals', input.title, null, 'cai-chinh');
      id = Number((await tx.query(
        `insert into press_rebuttals (unit_id, thread_id, issue_id, incident_id, title, false_claim, body_html, slug, author_id, created_at, updated_at)
         values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$10) returning id`,
        [unitId, input.threadId ?? null, input.issueId ?? null, input.incidentId ?? null, input.title.trim(), input.falseClaim.trim(), body, slug, actor.userId, at],
      )).rows[0].id);
    } else {
      const cur = await tx.query('select unit_id as "unitId", status from press_rebuttals where id = $1 for update', [id]);
      if (!cur.rowCount) throw new AppError('press.not_found', 404, 'press.not_found');
      if (cur.rows[0].status !== 'draft') throw new AppError('press.not_editable', 409, 'press.not_editable');
      unitId = Number(cur.rows[0].unitId);
      await checkThread(tx, input.threadId, unitId);
      await checkIncident(tx, input.incidentId, unitId);
      await tx.query(
        `update press_rebuttals set thread_id = $2, issue_id = $3, incident_id = $4, title = $5, false_claim = $6, body_html = $7, updated_at = $8 where id = $1`,
        [id, input.threadId ?? null, input.issueId ?? null, input.incidentId ?? null, input.title.trim(), input.falseClaim.trim(), body, at],
      );
    }
    await recordAudit(tx, actor, { action: 'press_rebuttal.save', entity: 'press_rebuttal', entityId: id, unitId, after: { title: input.title, threadId: input.threadId ?? null } });
    return getRebuttal(tx, id);
  });
}

export async function moveRebuttal(actor: Actor, id: number, action: 'publish' | 'withdraw'): Promise<PressRebuttal> {
  return withTransaction(async (tx) => {
    const cur = await tx.query('select unit_id as "unitId", status, author_id as "authorId", incident_id as "incidentId", title from press_rebuttals where id = $1 for update', [id]);
    if (!cur.rowCount) throw new AppError('press.not_found', 404, 'press.not_found');
    const row = cur.rows[0];
    const unitId = Number(row.unitId);
    const from: RebuttalStatus[] = action === 'publish' ? ['draft', 'withdrawn'] : ['published'];
    if (!from.includes(row.status)) throw new AppError('press.bad_state', 409, 'press.bad_state', { status: row.status });
    await requireRegister(tx, actor.userId, unitId);
    const at = now();
    if (action === 'publish') {
      if (row.authorId != null && Number(row.authorId) === actor.userId) throw new AppError('press.self_approval', 403, 'press.self_approval');
      await tx.query(`update press_rebuttals set status = 'published', published_by = $2, published_at = coalesce(published_at, $3), updated_at = $3 where id = $1`, [id, actor.userId, at]);
      await addIncidentTimeline(tx, num(row.incidentId), { kind: 'statement', title: t('press.timeline_rebuttal', { title: row.title }), refTable: 'press_rebuttals', refId: id, actorId: actor.userId });
    } else {
      await tx.query(`update press_rebuttals set status = 'withdrawn', updated_at = $2 where id = $1`, [id, at]);
    }
    const after = await getRebuttal(tx, id);
    await recordAudit(tx, actor, { action: `press_rebuttal.${action}`, entity: 'press_rebuttal', entityId: id, unitId, before: { status: row.status }, after: { status: after.status } });
    return after;
  });
}

// ---- public reads for the portal -------------------------------------------------------------

export async function publishedReleases(q: Queryable, opts: { limit: number; offset: number }) {
  const r = await q.query(
    `select r.id, r.title, r.summary, r.slug, r.published_at as "publishedAt", u.name as "unitName", count(*) over ()::int as total
       from press_releases r join units u on u.id = r.unit_id where r.status = 'published' order by r.published_at desc, r.id desc limit $1 offset $2`,
    [opts.limit, opts.offset],
  );
  return { total: r.rows[0]?.total ?? 0, items: r.rows.map(({ total: _t, ...x }) => ({ ...x, id: Number(x.id), publishedAt: new Date(x.publishedAt) })) as { id: number; title: string; summary: string | null; slug: string; publishedAt: Date; unitName: string }[] };
}
export async function publishedRelease(q: Queryable, slug: string) {
  const r = await q.query(
    `select r.id, r.title, r.summary, r.body_html as "bodyHtml", r.slug, r.published_at as "publishedAt", r.updated_at as "updatedAt", u.name as "unitName", u.code as "unitCode"
       from press_releases r join units u on u.id = r.unit_id where r.slug = $1 and r.status = 'published'`,
    [slug],
  );
  const x = r.rows[0];
  return x ? { ...x, publishedAt: new Date(x.publishedAt), updatedAt: new Date(x.updatedAt) } as { title: string; summary: string | null; bodyHtml: string; slug: string; publishedAt: Date; updatedAt: Date; unitName: string; unitCode: string } : null;
}
export async function publishedRebuttals(q: Queryable, opts: { limit: number; offset: number }) {
  const r = await q.query(
    `select b.id, b.title, b.false_claim as "falseClaim", b.slug, b.published_at as "publishedAt", u.name as "unitName", count(*) over ()::int as total
       from press_rebuttals b join units u on u.id = b.unit_id where b.status = 'published' order by b.published_at desc, b.id desc limit $1 offset $2`,
    [opts.limit, opts.offset],
  );
  return { total: r.rows[0]?.total ?? 0, items: r.rows.map(({ total: _t, ...x }) => ({ ...x, id: Number(x.id), publishedAt: new Date(x.publishedAt) })) as { id: number; title: string; falseClaim: string; slug: string; publishedAt: Date; unitName: string }[] };
}
export async function publishedRebuttal(q: Queryable, slug: string) {
  const r = await q.query(
    `select b.id, b.title, b.false_claim as "falseClaim", b.body_html as "bodyHtml", b.slug, b.thread_id as "threadId", b.published_at as "publishedAt", b.updated_at as "updatedAt", u.name as "unitName"
       from press_rebuttals b join units u on u.id = b.unit_id where b.slug = $1 and b.status = 'published'`,
    [slug],
  );
  const x = r.rows[0];
  if (!x) return null;
  return {
    title: x.title as string, falseClaim: x.falseClaim as string, bodyHtml: x.bodyHtml as string, slug: x.slug as string, unitName: x.unitName as string,
    publishedAt: new Date(x.publishedAt), updatedAt: new Date(x.updatedAt), coverage: x.threadId ? await threadCoverage(q, Number(x.threadId)) : [],
  };
}
export async function pressSitemapEntries(q: Queryable): Promise<{ path: string; lastmod: Date }[]> {
  const r = await q.query(
    `select '/thong-cao-bao-chi/' || slug as path, updated_at as lastmod from press_releases where status = 'published'
     union all select '/cai-chinh-thong-tin/' || slug, updated_at from press_rebuttals where status = 'published' order by 2 desc limit 5000`,
  );
  return r.rows.map((x) => ({ path: x.path as string, lastmod: new Date(x.lastmod) }));
}
