import type { Queryable } from '../../platform/db';
import { foldForMatch } from '../../text';

/**
 * Read-only unit lookups for the public feedback forms (feedback module, portal "Đơn vị nhận"):
 * a province has about 1,100 active units, so the forms never list them all. They offer
 * a short list (the unit whose site the visitor came from and its ancestors, or the top
 * levels) and a name search, accent-insensitive like the rest of the product. Only
 * active units can receive feedback.
 */
export type PickableUnit = { id: number; name: string; parentName: string | null };

const columns = `u.id::int as id, u.name, p.name as "parentName"`;

/** Active units among `ids`, in the order of the tree (top levels first). */
export async function activeUnitsByIds(q: Queryable, ids: number[]): Promise<PickableUnit[]> {
  const clean = [...new Set(ids.filter((x) => Number.isSafeInteger(x) && x > 0))].slice(0, 50);
  if (!clean.length) return [];
  const r = await q.query<PickableUnit>(
    `select ${columns} from units u left join units p on p.id = u.parent_id
      where u.id = any($1::bigint[]) and u.status = 'active' order by nlevel(u.path), u.name`,
    [clean],
  );
  return r.rows;
}

/** The unit and its active ancestors, top-down (the unit itself last); empty if the unit is unknown. */
export async function activeUnitWithAncestors(q: Queryable, unitId: number): Promise<PickableUnit[]> {
  if (!Number.isSafeInteger(unitId) || unitId <= 0) return [];
  const r = await q.query<PickableUnit>(
    `select ${columns} from units me join units u on u.path @> me.path left join units p on p.id = u.parent_id
      where me.id = $1 and u.status = 'active' order by nlevel(u.path)`,
    [unitId],
  );
  return r.rows;
}

/** Active units of the top `depth` levels of the tree (the ministry, the Sở…), at most `limit`. */
export async function topActiveUnits(q: Queryable, depth = 2, limit = 30): Promise<PickableUnit[]> {
  const r = await q.query<PickableUnit>(
    `select ${columns} from units u left join units p on p.id = u.parent_id
      where u.status = 'active' and nlevel(u.path) <= $1 order by nlevel(u.path), u.name limit $2`,
    [depth, limit],
  );
  return r.rows;
}

/**
 * Active units whose name, short name, aliases or code have a word starting with each word of `text`,
 * folded (no diacritics, đ → d, punctuation dropped: "truong kim dong" finds
 * "Trường Tiểu học Kim Đồng"), most similar first, at most `limit`; `more` tells
 * whether there were more matches. An empty query (after folding) finds nothing.
 */
export async function searchActiveUnits(q: Queryable, text: string, limit = 20): Promise<{ items: PickableUnit[]; more: boolean }> {
  const folded = foldForMatch(String(text ?? '').slice(0, 100));
  if (!folded) return { items: [], more: false };
  const words = [...new Set(folded.split(' '))].slice(0, 8);
  const r = await q.query<PickableUnit>(
    `select ${columns} from units u left join units p on p.id = u.parent_id
      where u.status = 'active' and ${words.map((_, i) => `u.search_text like $${2 * i + 3} and u.search_text ~ $${2 * i + 4}`).join(' and ')}
      order by similarity(u.search_text, $1) desc, nlevel(u.path), u.name limit $2`,
    // per word (letters and digits only after folding, so no LIKE or regex metacharacters): a LIKE the trigram
    // index serves, and a regex keeping matches that start a word ("hoa" finds "Hòa Bình", not "khoa")
    [folded, limit + 1, ...words.flatMap((w) => [`%${w}%`, `(^|[^[:alnum:]])${w}`])],
  );
  return { items: r.rows.slice(0, limit), more: r.rows.length > limit };
}
