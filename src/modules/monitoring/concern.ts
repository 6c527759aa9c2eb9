import type { Queryable } from '../../platform/db';

/**
 * Which units an item CONCERNS — the one definition behind immediate alerts
 * (alerts/sweep.service.ts), the triage inbox and a story's page
 * (triage.service.ts), the item lists and pages (items.service.ts), the daily
 * digest, the dashboard figures, spikes (spikes/spikes.service.ts) and the
 * dashboards' / reports' mention figures (dashboard.facts.ts, report.facts.ts):
 *
 * - the units it names (`monitor_item_units`: the rules, the model, or a
 *   person's correction), and
 * - the OWNER units (`unit_id`) of the watched people and keyword topics it
 *   matched (`monitor_item_matches` → `monitor_watch_people` / `monitor_topics`,
 *   migration 0026) — so an article about a school's principal that names no
 *   unit concerns that school, and a topic kept by the Sở concerns the Sở.
 *
 * A match counts whether or not the person / topic is still watched: what was
 * matched (and alerted) stays readable by the owner. Scope never widens past
 * a subtree: a person or topic owned OUTSIDE the caller's subtree does not
 * bring the item into it. (A source's own unit also authorises reading an
 * item; the visibility checks add it themselves — it is not a concern unit and
 * never alerts.)
 *
 * These are SQL fragments. `itemConcerns` is an UNCORRELATED derived table of
 * (item_id, unit_id) pairs (a UNION ALL the planner flattens, so it can enter
 * each branch through its index from either side, and turn an EXISTS on it
 * into a hashed semi-join); keep callers correlating only on `cu.item_id`.
 * `item` / `story` are SQL expressions of an id (e.g. `i.id`, `st.id`);
 * `paths` / `ids` / `path` are placeholders (`$1`) or SQL expressions. Aliases
 * used inside start with `cu` to stay clear of the caller's.
 */

/** SQL: the (item_id, unit_id) pairs "the item concerns the unit" (a unit may repeat). Use as `join ${itemConcerns} cu on cu.item_id = i.id`. */
export const itemConcerns = `(select cu_iu.item_id, cu_iu.unit_id from monitor_item_units cu_iu
   union all select cu_m.item_id, cu_p.unit_id from monitor_item_matches cu_m join monitor_watch_people cu_p on cu_p.id = cu_m.ref_id where cu_m.kind = 'person'
   union all select cu_m.item_id, cu_t.unit_id from monitor_item_matches cu_m join monitor_topics cu_t on cu_t.id = cu_m.ref_id where cu_m.kind = 'topic')`;

const inScope = (paths: string, ids: string) => `(cu_u.path <@ any(${paths}::ltree[]) or cu_u.id = any(${ids}::bigint[]))`;
const inSubtree = (path: string) => `cu_u.path <@ ${path}::ltree`;
const itemWhere = (item: string, cond: string) => `exists (select 1 from ${itemConcerns} cu join units cu_u on cu_u.id = cu.unit_id where cu.item_id = ${item} and ${cond})`;
const storyWhere = (story: string, cond: string) =>
  `exists (select 1 from monitor_items cu_i join ${itemConcerns} cu on cu.item_id = cu_i.id join units cu_u on cu_u.id = cu.unit_id where cu_i.story_id = ${story} and ${cond})`;

/** SQL boolean: the item concerns a unit inside one of the subtrees (`ltree[]`) or one of the units (`bigint[]`, own-unit-only roles). */
export const itemConcernsScope = (item: string, paths: string, ids: string) => itemWhere(item, inScope(paths, ids));
/** SQL boolean: the item concerns a unit inside the subtree at `path` (`ltree`). */
export const itemConcernsSubtree = (item: string, path: string) => itemWhere(item, inSubtree(path));
/** SQL boolean: one of the story's items concerns a unit inside the subtrees / units (as `itemConcernsScope`). */
export const storyConcernsScope = (story: string, paths: string, ids: string) => storyWhere(story, inScope(paths, ids));
/** SQL boolean: one of the story's items concerns a unit inside the subtree at `path`. */
export const storyConcernsSubtree = (story: string, path: string) => storyWhere(story, inSubtree(path));

/**
 * Whether a story concerns the unit, a unit above it or one under it (by its items' concern
 * units, or their sources' units) — what lets an incident of that unit be opened from it.
 */
export async function storyRelatesToUnit(q: Queryable, storyId: number, unitId: number): Promise<boolean> {
  const r = await q.query(
    `select 1 from monitor_items i
       cross join lateral (select cu.unit_id from ${itemConcerns} cu where cu.item_id = i.id
                           union all select ms.unit_id from monitor_sources ms where ms.id = i.source_id) x
       join units x_u on x_u.id = x.unit_id join units u on u.id = $2
      where i.story_id = $1 and (x_u.path <@ u.path or u.path <@ x_u.path) limit 1`,
    [storyId, unitId],
  );
  return (r.rowCount ?? 0) > 0;
}
