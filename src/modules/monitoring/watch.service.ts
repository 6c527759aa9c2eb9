import { type Queryable, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { slugify } from '../../text';
import { type Actor, recordAudit } from '../audit';
import { publicPeopleOfUnit } from '../org';
import { foldForMatch } from './analysis';

/**
 * The watchlist beyond units (issue 6): named people and keyword topics
 * (migration 0026). The pipeline's `watchlist()` reads both and rebuilds the
 * matcher when they change (its stamp covers count and last update), so a new
 * entry applies to the next item processed. Removing deactivates: what was
 * matched before stays explained in the items.
 *
 * - A person belongs to a unit (the Sở, a school) and is matched by name and
 *   aliases only with context: a title or form of address next to the name, or
 *   the person's unit named in the same item (analysis/index.ts).
 * - A topic is a list of keyword phrases; any of them matches, on folded text
 *   with word boundaries.
 */
export type WatchPerson = {
  id: number;
  unitId: number;
  unitName: string;
  name: string;
  title: string | null;
  aliases: string[];
  userId: number | null;
  createdAt: string;
};
export type WatchTopic = { id: number; unitId: number; unitName: string; code: string; name: string; keywords: string[]; createdAt: string };

const personCols = `p.id, p.unit_id, u.name as unit_name, p.name, p.title, p.aliases, p.user_id, p.created_at`;
const toPerson = (x: Record<string, unknown>): WatchPerson => ({
  id: Number(x.id),
  unitId: Number(x.unit_id),
  unitName: x.unit_name as string,
  name: x.name as string,
  title: (x.title as string | null) ?? null,
  aliases: (x.aliases as string[]) ?? [],
  userId: x.user_id == null ? null : Number(x.user_id),
  createdAt: new Date(x.created_at as string).toISOString(),
});
const topicCols = `t.id, t.unit_id, u.name as unit_name, t.code, t.name, t.keywords, t.created_at`;
const toTopic = (x: Record<string, unknown>): WatchTopic => ({
  id: Number(x.id),
  unitId: Number(x.unit_id),
  unitName: x.unit_name as string,
  code: x.code as string,
  name: x.name as string,
  keywords: (x.keywords as string[]) ?? [],
  createdAt: new Date(x.created_at as string).toISOString(),
});

const clean = (xs: readonly string[] | undefined) => [...new Set((xs ?? []).map((x) => x.replace(/\s+/g, ' ').trim()).filter(Boolean))];

/** A person's name must be two syllables or more (a bare given name would match everywhere). */
function checkName(name: string): string {
  const n = name.replace(/\s+/g, ' ').trim();
  if (foldForMatch(n).split(' ').filter(Boolean).length < 2) throw new AppError('validation', 400, 'monitor.watch_name_too_short');
  return n;
}

export async function listWatchPeople(q: Queryable, unitPath: string): Promise<WatchPerson[]> {
  const r = await q.query(
    `select ${personCols} from monitor_watch_people p join units u on u.id = p.unit_id
      where p.is_active and u.path <@ $1::ltree order by u.name, p.name`,
    [unitPath],
  );
  return r.rows.map(toPerson);
}

export async function addWatchPerson(
  actor: Actor,
  input: { unitId: number; name: string; title?: string | null; aliases?: string[]; userId?: number | null },
): Promise<WatchPerson> {
  const name = checkName(input.name);
  const aliases = clean(input.aliases).filter((a) => foldForMatch(a).split(' ').length >= 2 && foldForMatch(a) !== foldForMatch(name));
  return withTransaction(async (tx) => {
    const r = await tx.query(
      `insert into monitor_watch_people (unit_id, name, title, aliases, user_id, created_by) values ($1, $2, $3, $4, $5, $6)
       on conflict (unit_id, name) do update set title = coalesce(excluded.title, monitor_watch_people.title), aliases = excluded.aliases,
         user_id = coalesce(excluded.user_id, monitor_watch_people.user_id), is_active = true, updated_at = now()
       returning id`,
      [input.unitId, name, input.title?.trim() || null, aliases, input.userId ?? null, actor.userId],
    );
    const id = Number(r.rows[0].id);
    await recordAudit(tx, actor, { action: 'monitor.watch_person_add', entity: 'monitor_watch_person', entityId: id, unitId: input.unitId, after: { name, title: input.title ?? null, aliases } });
    return toPerson((await tx.query(`select ${personCols} from monitor_watch_people p join units u on u.id = p.unit_id where p.id = $1`, [id])).rows[0]);
  });
}

/** The unit's leaders and spokespeople (users with those roles there) become watched people. Returns those added. */
export async function importUnitPeople(actor: Actor, unitId: number): Promise<WatchPerson[]> {
  const found = await withTransaction((tx) => publicPeopleOfUnit(tx, unitId));
  const out: WatchPerson[] = [];
  for (const p of found) {
    if (foldForMatch(p.name).split(' ').length < 2) continue;
    out.push(await addWatchPerson(actor, { unitId, name: p.name, title: p.title, userId: p.userId }));
  }
  return out;
}

export async function watchPersonUnit(q: Queryable, id: number): Promise<number> {
  const r = await q.query('select unit_id from monitor_watch_people where id = $1 and is_active', [id]);
  if (!r.rows[0]) throw new AppError('monitor.watch_person_not_found', 404, 'monitor.watch_person_not_found');
  return Number(r.rows[0].unit_id);
}

export async function removeWatchPerson(actor: Actor, id: number): Promise<void> {
  await withTransaction(async (tx) => {
    const r = await tx.query('update monitor_watch_people set is_active = false, updated_at = now() where id = $1 and is_active returning unit_id, name', [id]);
    if (!r.rows[0]) throw new AppError('monitor.watch_person_not_found', 404, 'monitor.watch_person_not_found');
    await recordAudit(tx, actor, { action: 'monitor.watch_person_remove', entity: 'monitor_watch_person', entityId: id, unitId: Number(r.rows[0].unit_id), before: { name: r.rows[0].name } });
  });
}

export async function listTopics(q: Queryable, unitPath: string): Promise<WatchTopic[]> {
  const r = await q.query(
    `select ${topicCols} from monitor_topics t join units u on u.id = t.unit_id
      where t.is_active and (u.path <@ $1::ltree or u.path @> $1::ltree) order by t.name`,
    [unitPath],
  );
  return r.rows.map(toTopic);
}

export async function createTopic(actor: Actor, input: { unitId: number; name: string; code?: string; keywords: string[] }): Promise<WatchTopic> {
  const keywords = clean(input.keywords).filter((k) => foldForMatch(k) !== '');
  if (!keywords.length) throw new AppError('validation', 400, 'monitor.watch_keywords_required');
  const name = input.name.replace(/\s+/g, ' ').trim();
  const code = (input.code?.trim() || slugify(name).replace(/-/g, '_')).slice(0, 40) || 'chu_de';
  return withTransaction(async (tx) => {
    const taken = await tx.query('select is_active from monitor_topics where code = $1', [code]);
    if (taken.rows[0]?.is_active) throw new AppError('conflict', 409, 'monitor.watch_topic_code_taken', { code });
    const r = await tx.query(
      `insert into monitor_topics (unit_id, code, name, keywords, created_by) values ($1, $2, $3, $4, $5)
       on conflict (code) do update set unit_id = excluded.unit_id, name = excluded.name, keywords = excluded.keywords, is_active = true, updated_at = now()
       returning id`,
      [input.unitId, code, name, keywords, actor.userId],
    );
    const id = Number(r.rows[0].id);
    await recordAudit(tx, actor, { action: 'monitor.topic_add', entity: 'monitor_topic', entityId: id, unitId: input.unitId, after: { code, name, keywords } });
    return toTopic((await tx.query(`select ${topicCols} from monitor_topics t join units u on u.id = t.unit_id where t.id = $1`, [id])).rows[0]);
  });
}

export async function topicUnit(q: Queryable, id: number): Promise<number> {
  const r = await q.query('select unit_id from monitor_topics where id = $1 and is_active', [id]);
  if (!r.rows[0]) throw new AppError('monitor.watch_topic_not_found', 404, 'monitor.watch_topic_not_found');
  return Number(r.rows[0].unit_id);
}

export async function removeTopic(actor: Actor, id: number): Promise<void> {
  await withTransaction(async (tx) => {
    const r = await tx.query('update monitor_topics set is_active = false, updated_at = now() where id = $1 and is_active returning unit_id, code, name', [id]);
    if (!r.rows[0]) throw new AppError('monitor.watch_topic_not_found', 404, 'monitor.watch_topic_not_found');
    await recordAudit(tx, actor, { action: 'monitor.topic_remove', entity: 'monitor_topic', entityId: id, unitId: Number(r.rows[0].unit_id), before: { code: r.rows[0].code, name: r.rows[0].name } });
  });
}

/** People and topics an item matched, with how (for the item and story views). */
export async function matchesOfItems(q: Queryable, itemIds: number[]): Promise<Map<number, { kind: 'person' | 'topic'; id: number; name: string; via: string }[]>> {
  const out = new Map<number, { kind: 'person' | 'topic'; id: number; name: string; via: string }[]>();
  if (!itemIds.length) return out;
  const r = await q.query(
    `select m.item_id, m.kind, m.ref_id, m.via, coalesce(p.name, t.name) as name
       from monitor_item_matches m
       left join monitor_watch_people p on m.kind = 'person' and p.id = m.ref_id
       left join monitor_topics t on m.kind = 'topic' and t.id = m.ref_id
      where m.item_id = any($1::bigint[]) order by m.kind, name`,
    [itemIds],
  );
  for (const x of r.rows) {
    const list = out.get(Number(x.item_id)) ?? [];
    list.push({ kind: x.kind, id: Number(x.ref_id), name: x.name ?? '', via: x.via });
    out.set(Number(x.item_id), list);
  }
  return out;
}
