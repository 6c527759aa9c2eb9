import { now } from '../../platform/clock';
import { type Queryable } from '../../platform/db';
import { type PickableUnit, activeUnitWithAncestors, activeUnitsByIds, searchActiveUnits, topActiveUnits } from '../org';
import { type ConsultationStatus, type Stance, consultationStatus } from './common';

/** Public reads for the portal: consultations past their opening, their paragraphs, visible comments and the response. */
export const consultationPath = (slug: string) => `/gop-y/${slug}`;

export type PublicConsultationCard = { id: number; slug: string; title: string; summary: string; unitName: string; status: ConsultationStatus; opensAt: Date; closesAt: Date; comments: number };

export async function publicConsultations(q: Queryable, opts: { status?: 'open' | 'closed' | 'answered'; unitId?: number; limit: number; offset: number }) {
  const at = now();
  const r = await q.query(
    `select c.id, c.slug, c.title, c.summary, u.name as "unitName", c.opens_at as "opensAt", c.closes_at as "closesAt", c.response_published_at as "responsePublishedAt",
            (select count(*) from feedback_items f where f.consultation_id = c.id and f.visibility = 'public')::int as comments, count(*) over () as n
       from consultations c join units u on u.id = c.unit_id
      where c.opens_at <= $1 and ($5::bigint is null or c.unit_id = $5)
        and ($4::text is null or ($4 = 'open' and c.closes_at > $1 and c.response_published_at is null) or ($4 = 'closed' and c.closes_at <= $1 and c.response_published_at is null)
             or ($4 = 'answered' and c.response_published_at is not null))
      order by (c.closes_at > $1 and c.response_published_at is null) desc, c.closes_at desc, c.id desc limit $2 offset $3`,
    [at, opts.limit, opts.offset, opts.status ?? null, opts.unitId ?? null],
  );
  return {
    total: Number(r.rows[0]?.n ?? 0),
    items: r.rows.map((x): PublicConsultationCard => ({ id: Number(x.id), slug: x.slug, title: x.title, summary: x.summary, unitName: x.unitName, status: consultationStatus(x, at), opensAt: x.opensAt, closesAt: x.closesAt, comments: x.comments })),
  };
}

export type StanceCounts = Record<Stance, number>;
export type PublicConsultation = {
  id: number; unitId: number; slug: string; title: string; summary: string; unitName: string; status: ConsultationStatus; opensAt: Date; closesAt: Date; responseDueAt: Date;
  responseText: string | null; responsePublishedAt: Date | null; updatedAt: Date;
  paragraphs: { id: number; position: number; label: string | null; body: string; comments: number; stances: StanceCounts }[];
  whole: { comments: number; stances: StanceCounts };
  totalPublic: number;
};

const zero = (): StanceCounts => ({ agree: 0, disagree: 0, partly: 0 });

/** A consultation by slug, if it has opened (drafts are not public). */
export async function publicConsultation(q: Queryable, slug: string): Promise<PublicConsultation | null> {
  const at = now();
  const r = await q.query(
    `select c.id, c.unit_id as "unitId", c.slug, c.title, c.summary, u.name as "unitName", c.opens_at as "opensAt", c.closes_at as "closesAt", c.response_due_at as "responseDueAt",
            c.response_text as "responseText", c.response_published_at as "responsePublishedAt", c.updated_at as "updatedAt"
       from consultations c join units u on u.id = c.unit_id where c.slug = $1 and c.opens_at <= $2`,
    [slug, at],
  );
  if (!r.rowCount) return null;
  const c = r.rows[0];
  const paras = await q.query('select id, position, label, body from consultation_paragraphs where consultation_id = $1 order by position', [c.id]);
  const counts = await q.query<{ paragraphId: number | null; stance: Stance | null; n: number }>(
    `select paragraph_id as "paragraphId", stance, count(*)::int as n from feedback_items where consultation_id = $1 and visibility = 'public' group by 1, 2`,
    [c.id],
  );
  const byPara = new Map<number | null, { comments: number; stances: StanceCounts }>();
  let totalPublic = 0;
  for (const x of counts.rows) {
    const k = x.paragraphId == null ? null : Number(x.paragraphId);
    const e = byPara.get(k) ?? byPara.set(k, { comments: 0, stances: zero() }).get(k)!;
    e.comments += x.n;
    totalPublic += x.n;
    if (x.stance) e.stances[x.stance] += x.n;
  }
  return {
    ...c, id: Number(c.id), unitId: Number(c.unitId), status: consultationStatus(c, at),
    paragraphs: paras.rows.map((p) => ({ id: Number(p.id), position: p.position, label: p.label, body: p.body, ...(byPara.get(Number(p.id)) ?? { comments: 0, stances: zero() }) })),
    whole: byPara.get(null) ?? { comments: 0, stances: zero() },
    totalPublic,
  };
}

export type PublicComment = { id: number; paragraphId: number | null; paragraphLabel: string; stance: Stance | null; body: string; createdAt: Date; name: string | null };

/** Visible comments, newest first, optionally of one paragraph (0 = the whole draft). Only a first name is shown, never contact details. */
export async function publicComments(q: Queryable, consultationId: number, opts: { paragraphId?: number | null | 0; limit: number; offset: number }) {
  const params: unknown[] = [consultationId, opts.limit, opts.offset];
  let filter = '';
  if (opts.paragraphId === 0) filter = 'and f.paragraph_id is null';
  else if (opts.paragraphId != null) filter = `and f.paragraph_id = $${params.push(opts.paragraphId)}`;
  const r = await q.query(
    `select f.id, f.paragraph_id as "paragraphId", coalesce(p.label, case when p.position is not null then 'Đoạn ' || p.position end, 'Toàn văn') as "paragraphLabel",
            f.stance, f.body, f.created_at as "createdAt", nullif(split_part(trim(ct.name), ' ', array_length(string_to_array(trim(ct.name), ' '), 1)), '') as name, count(*) over () as n
       from feedback_items f left join consultation_paragraphs p on p.id = f.paragraph_id left join feedback_contacts ct on ct.id = f.contact_id
      where f.consultation_id = $1 and f.visibility = 'public' ${filter}
      order by f.created_at desc, f.id desc limit $2 offset $3`,
    params,
  );
  return { total: Number(r.rows[0]?.n ?? 0), items: r.rows.map(({ n: _n, ...x }) => ({ ...x, id: Number(x.id), paragraphId: x.paragraphId == null ? null : Number(x.paragraphId) }) as PublicComment) };
}

/** How many search results the portal's unit picker shows at most. */
export const UNIT_SEARCH_LIMIT = 20;

export type UnitChoices = {
  /** the short list: the unit of the site the visitor came from and its ancestors, else the top levels of the tree */
  shortList: PickableUnit[];
  /** the name search's results (none without a query), `more` when there were more than UNIT_SEARCH_LIMIT */
  found: PickableUnit[];
  more: boolean;
  query: string;
  /** the unit to preselect, if any (the chosen one, else the site's unit, else a single search result) */
  selected: number | null;
};

/**
 * The units the public feedback forms (general feedback, data requests) offer: never the whole
 * tree (a province has ~1,100 units), but a short list plus an accent-insensitive name search,
 * active units only. `chosen` (a unit already picked, when the form comes back with an error)
 * is kept in the list if it is active.
 */
export async function unitChoices(q: Queryable, opts: { query?: string | null; contextUnitId?: number | null; chosenUnitId?: number | null }): Promise<UnitChoices> {
  const query = (opts.query ?? '').trim().slice(0, 100);
  const [context, search, chosen] = await Promise.all([
    opts.contextUnitId ? activeUnitWithAncestors(q, opts.contextUnitId) : Promise.resolve([]),
    query ? searchActiveUnits(q, query, UNIT_SEARCH_LIMIT) : Promise.resolve({ items: [], more: false }),
    opts.chosenUnitId ? activeUnitsByIds(q, [opts.chosenUnitId]) : Promise.resolve([]),
  ]);
  const base = context.length ? context : await topActiveUnits(q, 2, 30);
  const inSearch = new Set(search.items.map((u) => u.id));
  const shortList = [...base, ...chosen.filter((c) => !base.some((b) => b.id === c.id))].filter((u) => !inSearch.has(u.id));
  const contextUnit = context.find((u) => u.id === opts.contextUnitId) ?? null;
  const selected = chosen[0]?.id ?? contextUnit?.id ?? (search.items.length === 1 ? search.items[0].id : null);
  return { shortList, found: search.items, more: search.more, query, selected };
}
