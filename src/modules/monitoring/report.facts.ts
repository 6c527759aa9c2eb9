import type { Queryable } from '../../platform/db';
import { itemConcerns } from './concern';

/**
 * Read-only figures for the reports module (src/modules/reports): what the press
 * and social media said about a unit and its subtree in a time window. An item
 * counts once however many units of the subtree it concerns (./concern.ts: the units
 * it names and the owner units of the watched people / topics it matched), and once
 * per sub-unit in `byUnit`; its time is when it was published (or fetched, when the
 * source gave no date).
 */
export type MentionWindow = { unitPath: string; unitId: number; from: Date; to: Date; previousFrom?: Date; topLimit?: number };
export type ToneCounts = { total: number; positive: number; neutral: number; negative: number };
export type MentionFacts = ToneCounts & {
  stories: number;
  sources: number;
  previousTotal: number | null;
  byUnit: (ToneCounts & { unitId: number; unitName: string })[];
  topStories: { storyId: number; title: string; tone: string; items: number; sources: number; firstSeenAt: string }[];
};

const inWindow = `coalesce(i.published_at, i.fetched_at) >= $2 and coalesce(i.published_at, i.fetched_at) < $3`;

export async function mentionFactsForReport(q: Queryable, w: MentionWindow): Promise<MentionFacts> {
  // distinct over a join rather than an EXISTS (itemConcernsSubtree): for a province the subtree is
  // nearly every unit, and the semi-join hashed every concerned item of all time first (≈2.5× slower in the reports bench)
  const items = `select distinct i.id, i.tone, i.story_id, i.source_id, coalesce(i.published_at, i.fetched_at) as at
                   from monitor_items i join ${itemConcerns} mu on mu.item_id = i.id join units u on u.id = mu.unit_id
                  where u.path <@ $1::ltree and ${inWindow}`;
  const totals = await q.query(
    `with it as (${items})
     select count(*)::int as total, count(*) filter (where tone = 'positive')::int as positive,
            count(*) filter (where tone = 'neutral')::int as neutral, count(*) filter (where tone = 'negative')::int as negative,
            count(distinct story_id)::int as stories, count(distinct source_id)::int as sources from it`,
    [w.unitPath, w.from, w.to],
  );
  // Per direct sub-unit (its whole subtree), and the unit itself for items about it alone.
  const byUnit = await q.query(
    `with pairs as (
       select distinct i.id, i.tone,
              case when u.id = $4 then u.id else (select c.id from units c where c.path = subpath(u.path, 0, nlevel($1::ltree) + 1)) end as unit_id
         from monitor_items i join ${itemConcerns} mu on mu.item_id = i.id join units u on u.id = mu.unit_id
        where u.path <@ $1::ltree and ${inWindow})
     select p.unit_id as "unitId", un.name as "unitName", count(*)::int as total,
            count(*) filter (where tone = 'positive')::int as positive, count(*) filter (where tone = 'neutral')::int as neutral,
            count(*) filter (where tone = 'negative')::int as negative
       from pairs p join units un on un.id = p.unit_id
      group by p.unit_id, un.name order by total desc, un.name`,
    [w.unitPath, w.from, w.to, w.unitId],
  );
  const top = await q.query(
    `with it as (${items})
     select s.id as "storyId", s.title, s.tone, count(*)::int as items, count(distinct it.source_id)::int as sources, min(it.at) as "firstSeenAt"
       from it join monitor_stories s on s.id = it.story_id
      group by s.id, s.title, s.tone order by items desc, "firstSeenAt", s.id limit $4`,
    [w.unitPath, w.from, w.to, w.topLimit ?? 10],
  );
  let previousTotal: number | null = null;
  if (w.previousFrom) {
    const p = await q.query(`with it as (${items}) select count(*)::int as n from it`, [w.unitPath, w.previousFrom, w.from]);
    previousTotal = p.rows[0].n;
  }
  return {
    ...totals.rows[0],
    previousTotal,
    byUnit: byUnit.rows,
    topStories: top.rows.map((r) => ({ ...r, firstSeenAt: new Date(r.firstSeenAt).toISOString() })),
  };
}
