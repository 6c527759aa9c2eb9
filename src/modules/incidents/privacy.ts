import type { Queryable } from '../../platform/db';

/**
 * Personal-data erasure reaching copies held by incidents (feedback data-subject requests):
 * an incident opened from a comment copied its text into the title, summary, search text and
 * the opening timeline entry. `mask` (the caller's masking rule) is applied to all of them,
 * in the caller's transaction. Returns whether anything changed.
 */
export async function maskTextOfIncident(tx: Queryable, id: number, mask: (s: string) => string): Promise<boolean> {
  const r = await tx.query<{ title: string; summary: string; searchText: string }>('select title, summary, search_text as "searchText" from incidents where id = $1 for update', [id]);
  const row = r.rows[0];
  if (!row) return false;
  let changed = false;
  const next = { title: mask(row.title), summary: mask(row.summary), searchText: mask(row.searchText) };
  if (next.title !== row.title || next.summary !== row.summary || next.searchText !== row.searchText) {
    await tx.query('update incidents set title = $2, summary = $3, search_text = $4 where id = $1', [id, next.title, next.summary, next.searchText]);
    changed = true;
  }
  const tl = await tx.query<{ id: string; title: string; body: string | null }>('select id, title, body from incident_timeline where incident_id = $1', [id]);
  for (const e of tl.rows) {
    const title = mask(e.title);
    const body = e.body == null ? null : mask(e.body);
    if (title !== e.title || body !== e.body) {
      await tx.query('update incident_timeline set title = $2, body = $3 where id = $1', [e.id, title, body]);
      changed = true;
    }
  }
  return changed;
}
