import { now } from '../../platform/clock';
import { config } from '../../platform/config';
import { type Queryable, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { type Actor, recordAudit } from '../audit';

/**
 * The share kit, for places with no API (Facebook groups, Zalo groups): the
 * text to paste and the article's link, per group of the article's unit; the
 * editor shares by hand and records where (the post's link) as proof.
 */
const isoOrNull = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export async function shareKit(q: Queryable, articleId: number) {
  const r = await q.query(
    `select a.id, a.unit_id as "unitId", a.title, a.summary, a.slug, a.status from articles a where a.id = $1`,
    [articleId],
  );
  const a = r.rows[0];
  if (!a) throw new AppError('article.not_found', 404, 'article.not_found');
  const link = `${config().publicUrl}/tin-tuc/${a.slug}`;
  const text = [a.title, a.summary?.trim(), link].filter(Boolean).join('\n\n');
  const proofs = await q.query(
    `select p.id, p.target_id as "targetId", p.url, p.note, p.shared_at as "sharedAt", u.name as "recordedByName", p.created_at as "createdAt"
       from share_proofs p left join users u on u.id = p.recorded_by where p.article_id = $1 order by p.shared_at, p.id`,
    [articleId],
  );
  const targets = await q.query(
    `select t.id, t.kind, t.name, t.url, t.is_active as "isActive" from channel_targets t
      where t.unit_id = $1 and t.kind in ('facebook_group', 'zalo_group')
        and (t.is_active or exists (select 1 from share_proofs p where p.target_id = t.id and p.article_id = $2))
      order by t.kind, t.name, t.id`,
    [a.unitId, articleId],
  );
  return {
    isPublished: a.status === 'published',
    text,
    link,
    targets: targets.rows.map((x) => ({
      id: x.id as number,
      kind: x.kind as 'facebook_group' | 'zalo_group',
      name: x.name as string,
      url: x.url as string | null,
      isActive: x.isActive as boolean,
      shareUrl: x.kind === 'facebook_group' ? `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(link)}` : null,
      proofs: proofs.rows
        .filter((p) => p.targetId === x.id)
        .map((p) => ({ id: p.id as number, url: p.url as string, note: p.note as string | null, sharedAt: isoOrNull(p.sharedAt) as string, recordedByName: p.recordedByName as string | null })),
    })),
  };
}
export type ShareKit = Awaited<ReturnType<typeof shareKit>>;

export async function recordShareProof(
  actor: Actor,
  articleId: number,
  input: { targetId: number; url: string; sharedAt?: string | null; note?: string | null },
): Promise<{ id: number }> {
  return withTransaction(async (tx) => {
    const a = await tx.query<{ unitId: number; status: string }>('select unit_id as "unitId", status from articles where id = $1 for share', [articleId]);
    if (!a.rowCount) throw new AppError('article.not_found', 404, 'article.not_found');
    if (a.rows[0].status !== 'published') throw new AppError('share.not_published', 409, 'share.not_published');
    const target = await tx.query(
      `select 1 from channel_targets where id = $1 and unit_id = $2 and is_active and kind in ('facebook_group', 'zalo_group')`,
      [input.targetId, a.rows[0].unitId],
    );
    if (!target.rowCount) throw new AppError('share.bad_target', 422, 'share.bad_target');
    const sharedAt = input.sharedAt ? new Date(input.sharedAt) : now();
    if (sharedAt.getTime() > now().getTime() + 5 * 60_000) throw new AppError('share.future', 400, 'share.future');
    const r = await tx.query<{ id: number }>(
      `insert into share_proofs (article_id, target_id, url, note, shared_at, recorded_by) values ($1,$2,$3,$4,$5,$6) returning id`,
      [articleId, input.targetId, input.url.trim(), input.note?.trim() || null, sharedAt, actor.userId],
    );
    await recordAudit(tx, actor, {
      action: 'article.share_proof',
      entity: 'article',
      entityId: articleId,
      unitId: a.rows[0].unitId,
      after: { targetId: input.targetId, url: input.url },
    });
    return { id: r.rows[0].id };
  });
}
