import { type Queryable, db, withTransaction } from '../../platform/db';
import { log } from '../../platform/log';
import { type Analysis, type Matcher, type WatchEntry, analyse, buildMatcher, deptProvinceFromName } from './analysis';
import { applyLearned } from './learning/retrain.service';
import {
  STORY_WINDOW_DAYS,
  THREAD_WINDOW_DAYS,
  bandsOf,
  isSameStory,
  keyTerms,
  pickThread,
  shingles,
  similarity,
} from './clustering';

/**
 * The processing pipeline: for each new item, in publication order —
 * analyse (units, people, topics, tone, categories, risk, reasons: ./analysis)
 * → store what it matched → cluster into a story (./clustering) → attach the
 * story to a thread. Each item is processed in its own transaction, and
 * clustering is serialised by a transaction-scoped advisory lock so two workers
 * never both open a story for two copies of one report. An item is processed
 * once (analysed_at); reprocessing (`reanalyseItems`) recomputes the analysis
 * and keeps the story.
 */

// ---------------------------------------------------------------------------
// The watchlist: units (code, names, aliases, type, province) plus user aliases,
// watched people (migration 0026: monitor_watch_people) and keyword topics (monitor_topics)

const CLUSTER_LOCK = 7265013;

/** "Sở Giáo dục và Đào tạo tỉnh Đồng Tháp" → "Đồng Tháp". */
export function provinceOfDepartment(name: string): string | null {
  const s = name
    .replace(/^\s*(sở\s+(giáo\s+dục(\s+(và|&)\s+đào\s+tạo)?|gd\s*(&|và)?\s*đt|gdđt))\s*/iu, '')
    .replace(/^(tỉnh|thành\s+phố|tp\.?)\s+/iu, '')
    .trim();
  return s && s !== name.trim() ? s : null;
}

type WatchUnit = WatchEntry & { path: string; type: string };
let cache: { stamp: string; matcher: Matcher; units: Map<number, WatchUnit> } | null = null;

async function watchStamp(q: Queryable): Promise<string> {
  const r = await q.query(
    `select (select count(*) || ':' || coalesce(max(updated_at)::text, '') from units) || '|' ||
            (select count(*) || ':' || coalesce(max(id), 0) from monitor_aliases) || '|' ||
            (select count(*) || ':' || coalesce(max(updated_at)::text, '') from monitor_watch_people) || '|' ||
            (select count(*) || ':' || coalesce(max(updated_at)::text, '') from monitor_topics) as stamp`,
  );
  return r.rows[0].stamp;
}

/** The matcher over every active unit, rebuilt when units or aliases change (stamp: counts and last change). */
export async function watchlist(q: Queryable = db()): Promise<{ matcher: Matcher; units: Map<number, WatchUnit> }> {
  const stamp = await watchStamp(q);
  if (cache?.stamp === stamp) return cache;
  const r = await q.query(
    `select u.id, u.code, u.name, u.short_name, u.aliases, u.type, u.path::text as path, p.name as parent_name, d.name as dept_name,
       coalesce((select array_agg(a.alias) from monitor_aliases a where a.unit_id = u.id), '{}') as user_aliases
     from units u
     left join units p on p.id = u.parent_id
     left join lateral (select x.name from units x where x.type = 'department' and x.path @> u.path order by nlevel(x.path) desc limit 1) d on true
     where u.status = 'active'`,
  );
  const units = new Map<number, WatchUnit>();
  const entries: WatchEntry[] = [];
  for (const row of r.rows) {
    const aliases = [...new Set([row.short_name, ...(row.aliases ?? []), ...(row.user_aliases ?? [])].filter((a): a is string => Boolean(a?.trim())))];
    const e: WatchUnit = {
      kind: 'unit',
      id: row.id,
      code: row.code,
      name: row.name,
      aliases,
      unitType: row.type,
      provinceName: row.dept_name ? (deptProvinceFromName(row.dept_name) ?? provinceOfDepartment(row.dept_name)) : null,
      parentName: row.parent_name,
      path: row.path,
      type: row.type,
    };
    units.set(row.id, e);
    entries.push(e);
  }
  const nUnits = entries.length;
  // people: matched with context (a title next to the name, or their unit named in the item)
  const people = await q.query(
    `select p.id, p.unit_id, p.name, p.aliases from monitor_watch_people p join units u on u.id = p.unit_id where p.is_active and u.status = 'active'`,
  );
  for (const row of people.rows) {
    entries.push({ kind: 'person', id: Number(row.id), code: `person:${row.id}`, name: row.name, aliases: row.aliases ?? [], unitId: Number(row.unit_id) });
  }
  // topics: each keyword is an alias of the topic (any of them matches)
  const topics = await q.query(`select id, code, name, keywords from monitor_topics where is_active`);
  for (const row of topics.rows) {
    const [first, ...rest] = (row.keywords as string[]).filter((k) => k.trim());
    if (!first) continue;
    entries.push({ kind: 'topic', id: Number(row.id), code: row.code, name: first, aliases: rest, label: row.name });
  }
  const matcher = buildMatcher(entries);
  cache = { stamp, matcher, units };
  log.debug('monitoring watchlist built', { units: nUnits, people: people.rows.length, topics: topics.rows.length });
  return cache;
}

// ---------------------------------------------------------------------------
// Processing

type PendingItem = { id: number; source_id: number; title: string; body: string; at: Date };

/** Processes every item not yet analysed (oldest publication first). Returns how many. */
export async function processPending(opts: { limit?: number } = {}): Promise<number> {
  let done = 0;
  const limit = opts.limit ?? Number.POSITIVE_INFINITY;
  let wl: Awaited<ReturnType<typeof watchlist>> | null = null;
  while (done < limit) {
    // the watchlist's stamp is checked every 100 items, not per item (a count over units)
    if (done % 100 === 0) wl = await watchlist();
    const current = wl as Awaited<ReturnType<typeof watchlist>>;
    const n = await withTransaction(async (tx) => {
      const r = await tx.query<PendingItem>(
        `select id, source_id, title, body, coalesce(published_at, fetched_at) as at from monitor_items
         where analysed_at is null order by coalesce(published_at, fetched_at), id limit 1 for update skip locked`,
      );
      const item = r.rows[0];
      if (!item) return 0;
      await processItem(tx, item, current);
      return 1;
    });
    if (!n) break;
    done += n;
  }
  return done;
}

async function processItem(tx: Queryable, item: PendingItem, wl: { matcher: Matcher; units: Map<number, WatchUnit> }): Promise<void> {
  const { matcher, units } = wl;
  const text = { title: item.title, body: item.body };
  // the rules, then the model learned from people's corrections (unchanged until one is trained)
  const a: Analysis = await applyLearned(tx, text, analyse(matcher, text));
  await storeAnalysis(tx, item.id, a);
  const sh = shingles(item.title, item.body);
  await tx.query('select pg_advisory_xact_lock($1)', [CLUSTER_LOCK]);
  const storyId = await clusterItem(tx, item, sh);
  await tx.query('update monitor_items set shingles = $2, story_id = $3, analysed_at = now() where id = $1', [item.id, sh, storyId]);
  for (const b of bandsOf(sh)) {
    await tx.query('insert into monitor_item_bands (band, hash, item_id) values ($1, $2, $3) on conflict do nothing', [b.band, b.hash, item.id]);
  }
  await refreshStory(tx, storyId);
  await threadStory(tx, storyId, item, units);
}

async function storeAnalysis(tx: Queryable, itemId: number, a: Analysis): Promise<void> {
  await tx.query(`delete from monitor_item_units where item_id = $1 and origin <> 'user'`, [itemId]);
  // a person's correction that removed a unit is kept as a correction; do not re-add it
  const removed = new Set(
    (
      await tx.query(`select old_value from monitor_corrections where item_id = $1 and field = 'unit' and new_value is null`, [itemId])
    ).rows.map((r) => Number(r.old_value)),
  );
  for (const u of a.units) {
    if (removed.has(u.id)) continue;
    await tx.query(`insert into monitor_item_units (item_id, unit_id, via, origin) values ($1, $2, $3, 'rules') on conflict do nothing`, [itemId, u.id, u.via.slice(0, 300)]);
  }
  await tx.query('delete from monitor_item_matches where item_id = $1', [itemId]);
  for (const p of a.people) {
    await tx.query(`insert into monitor_item_matches (item_id, kind, ref_id, via) values ($1, 'person', $2, $3) on conflict do nothing`, [itemId, p.id, p.via]);
  }
  for (const t of a.topics) {
    await tx.query(`insert into monitor_item_matches (item_id, kind, ref_id, code, via) values ($1, 'topic', $2, $3, $4) on conflict do nothing`, [itemId, t.id, t.code, t.via]);
  }
  // a person's tone and category corrections win over a re-analysis: replay them in order
  let tone = a.tone;
  const categories = new Set(a.categories);
  const fixes = await tx.query<{ field: string; old_value: string | null; new_value: string | null }>(
    `select field, old_value, new_value from monitor_corrections where item_id = $1 and field in ('tone', 'category') order by at, id`,
    [itemId],
  );
  for (const f of fixes.rows) {
    if (f.field === 'tone' && f.new_value) tone = f.new_value as Analysis['tone'];
    else if (f.field === 'category' && f.new_value === null && f.old_value) categories.delete(f.old_value);
    else if (f.field === 'category' && f.new_value) categories.add(f.new_value);
  }
  const risk = Math.max(0, Math.min(1, Number.isFinite(a.riskScore) ? a.riskScore : 0));
  await tx.query('update monitor_items set tone = $2, categories = $3, risk_score = $4, reasons = $5 where id = $1', [itemId, tone, [...categories], risk, a.reasons]);
}

/** The story of an item: the best-matching recent item's story (LSH candidates, exact check), or a new one. */
async function clusterItem(tx: Queryable, item: PendingItem, sh: number[]): Promise<number> {
  const existing = await tx.query('select story_id from monitor_items where id = $1', [item.id]);
  if (existing.rows[0]?.story_id) return existing.rows[0].story_id;
  const bands = bandsOf(sh);
  if (bands.length) {
    const cands = await tx.query(
      `select i.id, i.story_id, i.shingles from monitor_items i
       where i.id in (select distinct b.item_id from monitor_item_bands b
                      join unnest($1::smallint[], $2::int[]) as q(band, hash) on q.band = b.band and q.hash = b.hash)
         and i.id <> $3 and i.story_id is not null
         and abs(extract(epoch from coalesce(i.published_at, i.fetched_at) - $4::timestamptz)) <= $5`,
      [bands.map((b) => b.band), bands.map((b) => b.hash), item.id, item.at, STORY_WINDOW_DAYS * 86400],
    );
    let best: { story: number; score: number } | null = null;
    for (const c of cands.rows) {
      if (!isSameStory(sh, c.shingles)) continue;
      const s = similarity(sh, c.shingles);
      const score = Math.max(s.jaccard, s.containment * 0.9, s.wordJaccard * 0.6);
      if (!best || score > best.score) best = { story: c.story_id, score };
    }
    if (best) return best.story;
  }
  const r = await tx.query(
    `insert into monitor_stories (title, first_item_id, first_seen_at, last_seen_at) values ($1, $2, $3, $3) returning id`,
    [item.title || '(không tiêu đề)', item.id, item.at],
  );
  return r.rows[0].id;
}

/** Recomputes a story's aggregate columns from its items. */
export async function refreshStory(tx: Queryable, storyId: number): Promise<void> {
  await tx.query(
    `update monitor_stories st set
       item_count = a.n, source_count = a.sources, first_seen_at = a.first_at, last_seen_at = a.last_at, max_risk = a.risk,
       unit_ids = coalesce((select array_agg(distinct iu.unit_id) from monitor_item_units iu join monitor_items i on i.id = iu.item_id where i.story_id = st.id), '{}'),
       categories = coalesce((select array_agg(distinct c) from monitor_items i, unnest(i.categories) c where i.story_id = st.id), '{}'),
       tone = case when a.neg * 2 >= a.n and a.neg > 0 then 'negative' when a.pos > a.neg and a.pos * 2 >= a.n then 'positive' else 'neutral' end,
       updated_at = now()
     from (select count(*) as n, count(distinct source_id) as sources, min(coalesce(published_at, fetched_at)) as first_at,
                  max(coalesce(published_at, fetched_at)) as last_at, max(risk_score) as risk,
                  count(*) filter (where tone = 'negative') as neg, count(*) filter (where tone = 'positive') as pos
           from monitor_items where story_id = $1) a
     where st.id = $1`,
    [storyId],
  );
}

/**
 * Attaches a story to a thread (when it has none yet) and the item to the
 * story's thread. A story with no matched unit gets a thread of its own.
 */
async function threadStory(tx: Queryable, storyId: number, item: PendingItem, units: Map<number, WatchUnit>): Promise<void> {
  const st = (await tx.query('select thread_id, unit_ids, categories, title from monitor_stories where id = $1', [storyId])).rows[0];
  const storyUnits: number[] = (st.unit_ids ?? []).map(Number); // bigint[] arrives as strings
  const named = storyUnits.flatMap((u) => {
    const w = units.get(u);
    return w ? [w.name, ...(w.aliases ?? [])] : [];
  });
  const terms = keyTerms(item.title, named);
  let threadId: number | null = st.thread_id;
  if (!threadId) {
    const unitIds = storyUnits;
    const broad = unitIds.filter((u) => ['ministry', 'department'].includes(units.get(u)?.type ?? ''));
    if (unitIds.length) {
      const cands = await tx.query(
        `select id, unit_ids, categories, key_terms, last_seen_at from monitor_threads
         where unit_ids && $1::bigint[] and last_seen_at >= $2::timestamptz - make_interval(days => $3) and first_seen_at <= $2::timestamptz + make_interval(days => $3)
         order by last_seen_at desc limit 50`,
        [unitIds, item.at, THREAD_WINDOW_DAYS],
      );
      threadId = pickThread(
        { unitIds, broadUnitIds: broad, categories: st.categories ?? [], keyTerms: terms, at: new Date(item.at) },
        cands.rows.map((c) => ({ id: c.id, unitIds: (c.unit_ids as string[]).map(Number), categories: c.categories, keyTerms: c.key_terms, lastSeenAt: new Date(c.last_seen_at) })),
      );
    }
    if (!threadId) {
      const r = await tx.query(`insert into monitor_threads (title, first_seen_at, last_seen_at) values ($1, $2, $2) returning id`, [st.title, item.at]);
      threadId = r.rows[0].id as number;
    }
    await tx.query('update monitor_stories set thread_id = $2 where id = $1', [storyId, threadId]);
  }
  await tx.query('update monitor_items set thread_id = $2 where story_id = $1', [storyId, threadId]);
  await tx.query(
    `update monitor_threads t set
       unit_ids = coalesce((select array_agg(distinct u) from monitor_stories s, unnest(s.unit_ids) u where s.thread_id = t.id), '{}'),
       categories = coalesce((select array_agg(distinct c) from monitor_stories s, unnest(s.categories) c where s.thread_id = t.id), '{}'),
       key_terms = (select array(select distinct x from unnest(t.key_terms || $2::text[]) x limit 300)),
       story_count = (select count(*) from monitor_stories s where s.thread_id = t.id),
       item_count = (select count(*) from monitor_items i where i.thread_id = t.id),
       first_seen_at = least(t.first_seen_at, $3::timestamptz), last_seen_at = greatest(t.last_seen_at, $3::timestamptz)
     where t.id = $1`,
    [threadId, terms, item.at],
  );
}

/**
 * Re-runs the analysis (not the clustering) of items — after the watchlist
 * changed, or for M2's learning to re-score. Corrections by people are kept.
 */
export async function reanalyseItems(itemIds: number[]): Promise<void> {
  for (const id of itemIds) {
    await withTransaction(async (tx) => {
      const r = await tx.query('select id, title, body, story_id from monitor_items where id = $1 for update', [id]);
      const row = r.rows[0];
      if (!row) return;
      const { matcher } = await watchlist(tx);
      const text = { title: row.title as string, body: row.body as string };
      await storeAnalysis(tx, id, await applyLearned(tx, text, analyse(matcher, text)));
      if (row.story_id) await refreshStory(tx, row.story_id);
    });
  }
}
