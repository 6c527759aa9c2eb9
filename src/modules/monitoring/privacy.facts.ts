import type { Queryable } from '../../platform/db';

/**
 * Personal-data erasure reaching copies held by monitoring (feedback data-subject requests):
 * an escalated comment was copied into a manual entry. `mask` (the caller's masking rule) is
 * applied to the entry's title and text, in the caller's transaction. Returns whether a row changed.
 */
export async function maskTextOfMonitorItem(tx: Queryable, id: number, mask: (s: string) => string): Promise<boolean> {
  const r = await tx.query<{ title: string; body: string }>('select title, body from monitor_items where id = $1 for update', [id]);
  const row = r.rows[0];
  if (!row) return false;
  const title = mask(row.title);
  const body = mask(row.body);
  if (title === row.title && body === row.body) return false;
  await tx.query('update monitor_items set title = $2, body = $3 where id = $1', [id, title, body]);
  return true;
}
