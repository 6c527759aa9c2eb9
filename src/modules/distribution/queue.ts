import { now } from '../../platform/clock';
import type { Tx } from '../../platform/db';
import { enqueue } from '../../platform/jobs';
import { log } from '../../platform/log';
import { workDeliveriesJob } from './distribution.jobs';

/** The channels posted to through an API; groups have no API and get a share kit instead. */
export const API_KINDS = ['facebook_page', 'zalo_oa', 'newsletter'] as const;

/**
 * Called in the transaction that publishes an article: one outbox row per
 * active API channel of the article's unit, and a job to work them at once.
 * Both commit with the article, or neither does.
 */
export async function queueDeliveries(tx: Tx, articleId: number): Promise<number> {
  const r = await tx.query(
    `insert into deliveries (article_id, target_id, marker, next_attempt_at)
     select a.id, t.id, substr(replace(gen_random_uuid()::text, '-', ''), 1, 10), $3
       from articles a join channel_targets t on t.unit_id = a.unit_id
      where a.id = $1 and t.is_active and t.kind = any($2::text[])
     on conflict (article_id, target_id) do nothing`,
    [articleId, API_KINDS, now()],
  );
  const n = r.rowCount ?? 0;
  if (n > 0) {
    try {
      await enqueue(workDeliveriesJob, { articleId }, { tx });
    } catch (err) {
      // Without a job system (demo seeding, some CLI commands) the every-minute sweep picks them up.
      if (!/not started/.test((err as Error).message)) throw err;
      log.debug('deliveries queued without a job', { articleId });
    }
  }
  return n;
}
