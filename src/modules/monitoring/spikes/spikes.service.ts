import { now } from '../../../platform/clock';
import { type Queryable, withTransaction } from '../../../platform/db';
import { loadRules, queueAlert } from '../alerts/sweep.service';
import { itemConcerns } from '../concern';
import { todayVn } from '../digest/digest.service';
import { type SpikeOptions, addDays, defaultSpikeOptions, judgeDay } from './detect';

/**
 * The hourly spike check over stored items: for today (Vietnam day), every
 * unit × category with at least `minCount` items today is judged against the
 * same weekday of the previous 4 weeks (detect.ts). A spike is stored once per
 * unit × category × day with its stories, and not again the next day while it
 * lasts; each active rule whose scope holds the unit (and whose categories
 * include it, or any) and that takes spikes gets an alert through the outbox.
 * Volumes count items (copies included: reach), by publication time; an item
 * counts for every unit it CONCERNS (../concern.ts: named, or owning a watched
 * person / topic it matched), once per unit however many ways it concerns it.
 */
const dayExpr = `(coalesce(i.published_at, i.fetched_at) at time zone 'Asia/Ho_Chi_Minh')::date`;

export async function checkSpikes(at = now(), o: SpikeOptions = defaultSpikeOptions): Promise<number[]> {
  const day = todayVn(at);
  return withTransaction(async (tx) => {
    // no alerts until the system itself has enough history
    const first = await tx.query(`select min(${dayExpr})::text as d from monitor_items i`);
    if (!first.rows[0].d || first.rows[0].d > addDays(day, -o.minHistoryDays)) return [];
    const cands = await tx.query<{ unitId: number; category: string }>(
      `select cu.unit_id as "unitId", c as category from monitor_items i join ${itemConcerns} cu on cu.item_id = i.id, unnest(i.categories) c
        where ${dayExpr} = $1::date group by cu.unit_id, c having count(distinct i.id) >= $2`,
      [day, o.minCount],
    );
    const created: number[] = [];
    for (const cand of cands.rows) {
      const hist = await tx.query<{ d: string; n: number }>(
        `select ${dayExpr}::text as d, count(*)::int as n from monitor_items i
          where $2 = any(i.categories) and ${dayExpr} between $3::date and $4::date
            and exists (select 1 from ${itemConcerns} cu where cu.item_id = i.id and cu.unit_id = $1) group by 1`,
        [cand.unitId, cand.category, addDays(day, -7 * o.weeks), day],
      );
      const counts = new Map(hist.rows.map((r) => [r.d, r.n]));
      const v = judgeDay(counts, day, o);
      if (!v.isSpike) continue;
      // a spike that started yesterday is the same spike
      const seen = await tx.query('select 1 from monitor_spikes where unit_id = $1 and category = $2 and day in ($3::date, $4::date)', [cand.unitId, cand.category, day, addDays(day, -1)]);
      if (seen.rowCount) continue;
      const stories = await tx.query<{ id: number }>(
        `select i.story_id as id from monitor_items i
          where $2 = any(i.categories) and ${dayExpr} = $3::date and i.story_id is not null
            and exists (select 1 from ${itemConcerns} cu where cu.item_id = i.id and cu.unit_id = $1)
          group by i.story_id order by count(*) desc, i.story_id limit 20`,
        [cand.unitId, cand.category, day],
      );
      const r = await tx.query<{ id: number }>(
        `insert into monitor_spikes (unit_id, category, day, count, median, threshold, baseline, story_ids, created_at)
         values ($1,$2,$3,$4,$5,$6,$7,$8,$9) on conflict do nothing returning id`,
        [cand.unitId, cand.category, day, v.count, v.median, v.threshold, v.baseline, stories.rows.map((s) => s.id), at],
      );
      if (!r.rows[0]) continue;
      const spikeId = Number(r.rows[0].id);
      created.push(spikeId);
      const rules = await tx.query<{ id: number }>(
        `select r.id from monitor_alert_rules r join units ru on ru.id = r.unit_id, units un
          where un.id = $1 and r.is_active and r.includes_spikes and r.mode = 'immediate' and un.path <@ ru.path
            and (cardinality(r.unit_ids) = 0 or un.id = any(r.unit_ids)) and (cardinality(r.categories) = 0 or $2 = any(r.categories))`,
        [cand.unitId, cand.category],
      );
      const loaded = await loadRules(tx, rules.rows.map((x) => Number(x.id)));
      for (const rule of loaded.values()) await queueAlert(tx, rule, { kind: 'spike', spikeId }, at);
    }
    return created;
  });
}

export async function listSpikes(q: Queryable, unitPath: string, limit = 50) {
  const r = await q.query(
    `select sp.id, sp.unit_id as "unitId", u.name as "unitName", sp.category, sp.day::text as day, sp.count, sp.median, sp.threshold, sp.baseline,
            sp.story_ids as "storyIds", sp.created_at as "createdAt"
       from monitor_spikes sp join units u on u.id = sp.unit_id where u.path <@ $1::ltree order by sp.day desc, sp.id desc limit $2`,
    [unitPath, limit],
  );
  return r.rows.map((x) => ({
    ...x,
    id: Number(x.id),
    unitId: Number(x.unitId),
    median: Number(x.median),
    threshold: Number(x.threshold),
    storyIds: (x.storyIds as string[]).map(Number),
    createdAt: new Date(x.createdAt).toISOString(),
  }));
}
