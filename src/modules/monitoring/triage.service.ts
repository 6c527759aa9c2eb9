import { now } from '../../platform/clock';
import { type Queryable, type Tx, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { type Actor, recordAudit } from '../audit';
import { itemConcerns, itemConcernsSubtree, storyConcernsScope, storyConcernsSubtree } from './concern';

/**
 * The triage inbox: stories (a report and its copies) with the units they
 * concern, filtered; their workflow
 *
 *   new ──▶ reviewed ──▶ needs_action ──▶ closed      (any earlier state may jump ahead;
 *                 ▲                          │          a closed story can be reopened)
 *                 └────────── reopen ────────┘
 *
 * assignment to a person; and corrections of units, tone and categories. A
 * correction applies to every copy in the story, writes one row per item and
 * change into `monitor_corrections` (the learning input, with what the rules
 * had said in `detail`) and the audit log, in one transaction.
 */
export const triageStatuses = ['new', 'reviewed', 'needs_action', 'closed'] as const;
export type TriageStatus = (typeof triageStatuses)[number];
export const toneValues = ['negative', 'neutral', 'positive'] as const;
type Tone = (typeof toneValues)[number];

const allowed: Record<TriageStatus, TriageStatus[]> = {
  new: ['reviewed', 'needs_action', 'closed'],
  reviewed: ['needs_action', 'closed'],
  needs_action: ['reviewed', 'closed'],
  closed: ['reviewed'],
};

export type InboxFilter = {
  scope: { subtreePaths: string[]; unitIds: number[] };
  unitId?: number;
  status?: TriageStatus;
  tone?: Tone;
  category?: string;
  minRisk?: number;
  assignedTo?: number;
  isUnassigned?: boolean;
  since?: Date;
  q?: string;
  /** stories with an item matching this watched person / keyword topic (migration 0026) */
  personId?: number;
  topicId?: number;
  limit?: number;
  offset?: number;
};

/**
 * SQL: the story concerns a unit inside the scope — one of its items concerns one (concern.ts: the units
 * it names, or the owners of the watched people / topics it matched) — or comes from a source of one.
 */
const inScope = (p: string, ids: string) => `(${storyConcernsScope('st.id', p, ids)}
   or exists (select 1 from monitor_items i join monitor_sources so on so.id = i.source_id join units u on u.id = so.unit_id
      where i.story_id = st.id and (u.path <@ any(${p}::ltree[]) or u.id = any(${ids}::bigint[]))))`;

export async function listInbox(q: Queryable, f: InboxFilter) {
  const args: unknown[] = [];
  const arg = (v: unknown) => `$${args.push(v)}`;
  const where = [inScope(arg(f.scope.subtreePaths), arg(f.scope.unitIds))];
  if (f.unitId) where.push(storyConcernsSubtree('st.id', `(select path from units where id = ${arg(f.unitId)})`));
  if (f.status) where.push(`st.triage_status = ${arg(f.status)}`);
  if (f.tone) where.push(`st.tone = ${arg(f.tone)}`);
  if (f.category) where.push(`${arg(f.category)} = any(st.categories)`);
  if (f.minRisk != null) where.push(`st.max_risk >= ${arg(f.minRisk)}`);
  if (f.assignedTo) where.push(`st.assigned_to = ${arg(f.assignedTo)}`);
  if (f.isUnassigned) where.push('st.assigned_to is null');
  if (f.since) where.push(`st.last_seen_at >= ${arg(f.since)}`);
  if (f.personId) where.push(`exists (select 1 from monitor_items i join monitor_item_matches mm on mm.item_id = i.id where i.story_id = st.id and mm.kind = 'person' and mm.ref_id = ${arg(f.personId)})`);
  if (f.topicId) where.push(`exists (select 1 from monitor_items i join monitor_item_matches mm on mm.item_id = i.id where i.story_id = st.id and mm.kind = 'topic' and mm.ref_id = ${arg(f.topicId)})`);
  if (f.q) where.push(`st.title ilike ${arg(`%${f.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`)}`);
  const sql = `from monitor_stories st left join users au on au.id = st.assigned_to where ${where.join(' and ')}`;
  const total = Number((await q.query(`select count(*)::int as n ${sql}`, args)).rows[0].n);
  const r = await q.query(
    `select st.id, st.title, st.triage_status as status, st.assigned_to as "assignedTo", au.name as "assignedToName", st.tone, st.categories,
            st.max_risk as "riskScore", st.item_count as "itemCount", st.source_count as "sourceCount", st.first_seen_at as "firstSeenAt",
            st.last_seen_at as "lastSeenAt", st.thread_id as "threadId",
            (select s.name from monitor_items i join monitor_sources s on s.id = i.source_id where i.story_id = st.id order by i.id limit 1) as source,
            coalesce((select array_agg(distinct u.name) from monitor_items i join monitor_item_units iu on iu.item_id = i.id join units u on u.id = iu.unit_id where i.story_id = st.id), '{}') as units,
            coalesce((select array_agg(distinct p.name) from monitor_items i join monitor_item_matches mm on mm.item_id = i.id and mm.kind = 'person' join monitor_watch_people p on p.id = mm.ref_id where i.story_id = st.id), '{}') as people,
            coalesce((select array_agg(distinct t.name) from monitor_items i join monitor_item_matches mm on mm.item_id = i.id and mm.kind = 'topic' join monitor_topics t on t.id = mm.ref_id where i.story_id = st.id), '{}') as topics
       ${sql} order by (st.triage_status = 'closed'), st.max_risk desc, st.last_seen_at desc, st.id desc limit ${arg(f.limit ?? 50)} offset ${arg(f.offset ?? 0)}`,
    args,
  );
  return { total, items: r.rows.map(presentRow) };
}

const presentRow = (x: Record<string, any>) => ({
  ...x,
  id: Number(x.id),
  assignedTo: x.assignedTo == null ? null : Number(x.assignedTo),
  threadId: x.threadId == null ? null : Number(x.threadId),
  riskScore: Number(x.riskScore),
  itemCount: Number(x.itemCount),
  sourceCount: Number(x.sourceCount),
  firstSeenAt: new Date(x.firstSeenAt).toISOString(),
  lastSeenAt: new Date(x.lastSeenAt).toISOString(),
});

export async function getStory(q: Queryable, id: number) {
  const r = await q.query(
    `select st.id, st.title, st.triage_status as status, st.assigned_to as "assignedTo", au.name as "assignedToName", st.tone, st.categories,
            st.max_risk as "riskScore", st.item_count as "itemCount", st.source_count as "sourceCount", st.first_seen_at as "firstSeenAt",
            st.last_seen_at as "lastSeenAt", st.thread_id as "threadId", th.title as "threadTitle", st.triage_note as note, st.triage_version as version,
            st.triaged_at as "triagedAt", tu.name as "triagedByName"
       from monitor_stories st left join users au on au.id = st.assigned_to left join users tu on tu.id = st.triaged_by
       left join monitor_threads th on th.id = st.thread_id where st.id = $1`,
    [id],
  );
  if (!r.rows[0]) throw new AppError('insights.story_not_found', 404, 'insights.story_not_found');
  const items = await q.query(
    `select i.id, i.title, left(i.body, 600) as excerpt, i.link, s.name as source, coalesce(i.published_at, i.fetched_at) as "publishedAt",
            i.tone, i.categories, i.risk_score as "riskScore", i.reasons,
            coalesce((select json_agg(json_build_object('id', u.id, 'code', u.code, 'name', u.name, 'via', iu.via, 'origin', iu.origin) order by u.name)
                        from monitor_item_units iu join units u on u.id = iu.unit_id where iu.item_id = i.id), '[]') as units
       from monitor_items i join monitor_sources s on s.id = i.source_id where i.story_id = $1 order by coalesce(i.published_at, i.fetched_at), i.id limit 200`,
    [id],
  );
  const units = new Map<number, { id: number; code: string; name: string }>();
  for (const it of items.rows) for (const u of it.units) units.set(Number(u.id), { id: Number(u.id), code: u.code, name: u.name });
  const corrections = await q.query(
    `select c.id, c.field, c.old_value as "oldValue", c.new_value as "newValue", c.at, us.name as "userName",
            case when c.field = 'unit' then (select name from units where id::text = coalesce(c.old_value, c.new_value)) end as "unitName"
       from monitor_corrections c join monitor_items i on i.id = c.item_id left join users us on us.id = c.user_id
      where i.story_id = $1 and i.id = (select min(id) from monitor_items where story_id = $1) order by c.at desc, c.id desc limit 100`,
    [id],
  );
  return {
    ...presentRow(r.rows[0]),
    threadTitle: r.rows[0].threadTitle as string | null,
    note: r.rows[0].note as string | null,
    version: Number(r.rows[0].version),
    triagedAt: r.rows[0].triagedAt ? new Date(r.rows[0].triagedAt).toISOString() : null,
    triagedByName: r.rows[0].triagedByName as string | null,
    units: [...units.values()],
    items: items.rows.map((x) => ({ ...x, id: Number(x.id), riskScore: Number(x.riskScore), publishedAt: new Date(x.publishedAt).toISOString(), units: x.units.map((u: any) => ({ ...u, id: Number(u.id) })) })),
    corrections: corrections.rows.map((c) => ({ ...c, id: Number(c.id), at: new Date(c.at).toISOString() })),
  };
}
export type Story = Awaited<ReturnType<typeof getStory>>;

/**
 * Unit paths a story concerns — its items' concern units (named, or owning a
 * watched person / topic they matched: concern.ts), their sources' units, and
 * units people corrected it away from (so whoever removed a false match can
 * still see and close the story): what authorises acting on it.
 */
export async function storyUnitPaths(q: Queryable, id: number): Promise<string[]> {
  const exists = await q.query('select 1 from monitor_stories where id = $1', [id]);
  if (!exists.rowCount) throw new AppError('insights.story_not_found', 404, 'insights.story_not_found');
  const r = await q.query(
    `select distinct u.path::text as path from monitor_items i join ${itemConcerns} cu on cu.item_id = i.id join units u on u.id = cu.unit_id where i.story_id = $1
     union select distinct u.path::text from monitor_items i join monitor_sources s on s.id = i.source_id join units u on u.id = s.unit_id where i.story_id = $1
     union select distinct u.path::text from monitor_items i join monitor_corrections c on c.item_id = i.id and c.field = 'unit'
             join units u on u.id::text = coalesce(c.old_value, c.new_value) where i.story_id = $1`,
    [id],
  );
  return r.rows.map((x) => x.path);
}

async function lockStory(tx: Tx, id: number) {
  const r = await tx.query('select id, triage_status as status, assigned_to as "assignedTo", tone, categories from monitor_stories where id = $1 for update', [id]);
  if (!r.rows[0]) throw new AppError('insights.story_not_found', 404, 'insights.story_not_found');
  return r.rows[0] as { id: number; status: TriageStatus; assignedTo: number | null; tone: Tone; categories: string[] };
}

export async function setStatus(actor: Actor, id: number, status: TriageStatus, note?: string | null) {
  return withTransaction(async (tx) => {
    const row = await lockStory(tx, id);
    if (row.status !== status && !allowed[row.status].includes(status)) throw new AppError('insights.bad_status', 409, 'insights.bad_status', { status: row.status });
    await tx.query(
      `update monitor_stories set triage_status = $2, triage_note = coalesce($3, triage_note), triaged_at = $4, triaged_by = $5, triage_version = triage_version + 1 where id = $1`,
      [id, status, note?.trim() || null, now(), actor.userId],
    );
    await recordAudit(tx, actor, { action: 'monitor.triage_status', entity: 'monitor_story', entityId: id, before: { status: row.status }, after: { status, ...(note ? { note } : {}) } });
    return getStory(tx, id);
  });
}

export async function assignStory(actor: Actor, id: number, userId: number | null) {
  return withTransaction(async (tx) => {
    const row = await lockStory(tx, id);
    if (userId != null) {
      const u = await tx.query('select 1 from users where id = $1 and is_active', [userId]);
      if (!u.rowCount) throw new AppError('insights.bad_assignee', 400, 'insights.bad_assignee');
    }
    await tx.query('update monitor_stories set assigned_to = $2, triage_version = triage_version + 1 where id = $1', [id, userId]);
    await recordAudit(tx, actor, { action: 'monitor.triage_assign', entity: 'monitor_story', entityId: id, before: { assignedTo: row.assignedTo }, after: { assignedTo: userId } });
    return getStory(tx, id);
  });
}

export type Correction = { units?: number[]; tone?: Tone; categories?: string[] };

/**
 * Corrects a story's labels: `units` is the full set the story concerns (units
 * missing from it are removed from every copy, new ones added by hand), `tone`
 * and `categories` replace the story's. Returns the story.
 */
export async function correctStory(actor: Actor, id: number, fix: Correction) {
  return withTransaction(async (tx) => {
    await lockStory(tx, id);
    const items = (await tx.query('select id, tone, categories from monitor_items where story_id = $1 order by id for update', [id])).rows as { id: number; tone: Tone; categories: string[] }[];
    if (!items.length) throw new AppError('insights.story_not_found', 404, 'insights.story_not_found');
    const at = now();
    const corr = (itemId: number, field: string, oldV: string | null, newV: string | null, detail: Record<string, unknown>) =>
      tx.query('insert into monitor_corrections (item_id, field, old_value, new_value, user_id, at, detail) values ($1,$2,$3,$4,$5,$6,$7)', [itemId, field, oldV, newV, actor.userId, at, JSON.stringify(detail)]);
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    if (fix.units) {
      const want = new Set(fix.units.map(Number));
      if (want.size) {
        const ok = await tx.query('select count(*)::int as n from units where id = any($1::bigint[])', [[...want]]);
        if (ok.rows[0].n !== want.size) throw new AppError('insights.bad_unit', 400, 'insights.bad_unit');
      }
      const had = new Set<number>();
      for (const it of items) {
        const cur = (await tx.query('select unit_id, via, origin from monitor_item_units where item_id = $1', [it.id])).rows;
        for (const c of cur) {
          had.add(Number(c.unit_id));
          if (want.has(Number(c.unit_id))) continue;
          await tx.query('delete from monitor_item_units where item_id = $1 and unit_id = $2', [it.id, c.unit_id]);
          await corr(it.id, 'unit', String(c.unit_id), null, { via: c.via, origin: c.origin });
        }
        const curIds = new Set(cur.map((c) => Number(c.unit_id)));
        for (const u of want) {
          if (curIds.has(u)) continue;
          await tx.query(`insert into monitor_item_units (item_id, unit_id, via, origin) values ($1, $2, '', 'user') on conflict do nothing`, [it.id, u]);
          await corr(it.id, 'unit', null, String(u), {});
        }
      }
      before.units = [...had].sort((a, b) => a - b);
      after.units = [...want].sort((a, b) => a - b);
    }
    if (fix.tone) {
      for (const it of items) {
        if (it.tone === fix.tone) continue;
        await tx.query('update monitor_items set tone = $2 where id = $1', [it.id, fix.tone]);
        await corr(it.id, 'tone', it.tone, fix.tone, { ruleTone: it.tone });
      }
      before.tone = items[0].tone;
      after.tone = fix.tone;
    }
    if (fix.categories) {
      const want = [...new Set(fix.categories)];
      for (const it of items) {
        const cur = it.categories ?? [];
        const removed = cur.filter((c) => !want.includes(c));
        const added = want.filter((c) => !cur.includes(c));
        if (!removed.length && !added.length) continue;
        await tx.query('update monitor_items set categories = $2 where id = $1', [it.id, want]);
        for (const c of removed) await corr(it.id, 'category', c, null, { ruleCategories: cur });
        for (const c of added) await corr(it.id, 'category', null, c, { ruleCategories: cur });
      }
      before.categories = items[0].categories;
      after.categories = want;
    }
    // refresh the story's aggregates (units, categories, tone) from its items
    await tx.query(
      `update monitor_stories st set
         unit_ids = coalesce((select array_agg(distinct iu.unit_id) from monitor_item_units iu join monitor_items i on i.id = iu.item_id where i.story_id = st.id), '{}'),
         categories = coalesce((select array_agg(distinct c) from monitor_items i, unnest(i.categories) c where i.story_id = st.id), '{}'),
         tone = coalesce($2, st.tone), triage_version = triage_version + 1, updated_at = $3
       where st.id = $1`,
      [id, fix.tone ?? null, at],
    );
    await recordAudit(tx, actor, { action: 'monitor.triage_correct', entity: 'monitor_story', entityId: id, before, after });
    return getStory(tx, id);
  });
}

/** Dashboard figures of a unit's subtree over the last `days` days (Vietnam days). */
export async function dashboardFigures(q: Queryable, unitPath: string, days: number, at = now()) {
  const since = new Date(at.getTime() - days * 86400_000);
  const base = `from monitor_items i where i.analysed_at is not null and coalesce(i.published_at, i.fetched_at) >= $2
      and ${itemConcernsSubtree('i.id', '$1')}`;
  const byDay = await q.query(
    `select (coalesce(i.published_at, i.fetched_at) at time zone 'Asia/Ho_Chi_Minh')::date::text as day,
            count(*) filter (where tone = 'negative')::int as negative, count(*) filter (where tone = 'neutral')::int as neutral,
            count(*) filter (where tone = 'positive')::int as positive
       ${base} group by 1 order by 1`,
    [unitPath, since],
  );
  const byOutlet = await q.query(
    `select s.name as outlet, count(*)::int as count, count(*) filter (where i.tone = 'negative')::int as negative
       ${base.replace('from monitor_items i', 'from monitor_items i join monitor_sources s on s.id = i.source_id')} group by s.name order by count desc limit 15`,
    [unitPath, since],
  );
  const byUnit = await q.query(
    `select u.id as "unitId", u.name, count(distinct i.id)::int as count, count(distinct i.id) filter (where i.tone = 'negative')::int as negative
       from monitor_items i join ${itemConcerns} cu on cu.item_id = i.id join units u on u.id = cu.unit_id
      where i.analysed_at is not null and coalesce(i.published_at, i.fetched_at) >= $2 and u.path <@ $1::ltree
      group by u.id, u.name order by count desc limit 15`,
    [unitPath, since],
  );
  const byCategory = await q.query(`select c as category, count(*)::int as count ${base.replace('from monitor_items i', 'from monitor_items i, unnest(i.categories) c')} group by c order by count desc`, [unitPath, since]);
  const top = await q.query(
    `select st.id, st.title, st.item_count as "itemCount", st.source_count as "sourceCount", st.tone, st.max_risk as "riskScore", st.triage_status as status
       from monitor_stories st where st.last_seen_at >= $2
        and ${storyConcernsSubtree('st.id', '$1')}
      order by st.item_count desc, st.max_risk desc, st.id desc limit 10`,
    [unitPath, since],
  );
  const statuses = await q.query(
    `select st.triage_status as status, count(*)::int as count from monitor_stories st where st.last_seen_at >= $2
        and ${storyConcernsSubtree('st.id', '$1')}
      group by 1`,
    [unitPath, since],
  );
  const totals = byDay.rows.reduce((a, d) => ({ negative: a.negative + d.negative, neutral: a.neutral + d.neutral, positive: a.positive + d.positive }), { negative: 0, neutral: 0, positive: 0 });
  return {
    days,
    totals: { mentions: totals.negative + totals.neutral + totals.positive, ...totals },
    byDay: byDay.rows,
    byOutlet: byOutlet.rows,
    byUnit: byUnit.rows.map((x) => ({ ...x, unitId: Number(x.unitId) })),
    byCategory: byCategory.rows,
    byStatus: Object.fromEntries(triageStatuses.map((s) => [s, statuses.rows.find((x) => x.status === s)?.count ?? 0])) as Record<TriageStatus, number>,
    topStories: top.rows.map((x) => ({ ...x, id: Number(x.id), riskScore: Number(x.riskScore) })),
  };
}
