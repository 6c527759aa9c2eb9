import { type Queryable } from '../../../platform/db';
import { AppError } from '../../../platform/errors';
import { t } from '../../../platform/i18n';
import { formatDateTimeVi, formatDateVi, getVnDateParts, vnDate } from '../../../text';
import { itemConcernsSubtree } from '../concern';

/**
 * The daily press digest, "Điểm tin báo chí ngày dd/mm/yyyy", of a unit's
 * subtree (stories with an item concerning a unit in it: concern.ts): the
 * stories first seen in the 24 hours up to 07:00 (Vietnam time) of that day —
 * negative first, then neutral, then positive; within each, by risk and reach.
 * Built from the data on demand (the page, the DOCX) and by the 07:00 job for
 * e-mail.
 */
export type DigestStory = {
  id: number;
  title: string;
  link: string | null;
  source: string | null;
  itemCount: number;
  sourceCount: number;
  tone: 'negative' | 'neutral' | 'positive';
  categories: string[];
  riskScore: number;
  units: string[];
  firstSeenAt: string;
  triageStatus: string;
};
export type Digest = {
  day: string;
  title: string;
  unitId: number;
  unitName: string;
  from: string;
  to: string;
  totals: { stories: number; items: number; negative: number; neutral: number; positive: number };
  sections: { tone: 'negative' | 'neutral' | 'positive'; stories: DigestStory[] }[];
};

/** 'YYYY-MM-DD' of a Vietnam calendar day → the digest window [day−1 07:00, day 07:00) in Vietnam time. */
export function digestWindow(day: string): { from: Date; to: Date } {
  const [y, m, d] = day.split('-').map(Number);
  return { from: vnDate(y, m, d - 1, 7), to: vnDate(y, m, d, 7) };
}

export function todayVn(at: Date): string {
  const p = getVnDateParts(at);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

export function digestTitle(day: string): string {
  const { to } = digestWindow(day);
  return t('insights.digest.title', { date: formatDateVi(to) });
}

export async function buildDigest(q: Queryable, unitId: number, day: string, perSection = 50): Promise<Digest> {
  const u = await q.query('select name, path::text as path from units where id = $1', [unitId]);
  if (!u.rows[0]) throw new AppError('not_found', 404, 'error.not_found');
  const { from, to } = digestWindow(day);
  const r = await q.query(
    `with mine as (
       select distinct i.story_id from monitor_items i
        where ${itemConcernsSubtree('i.id', '$1')} and i.story_id is not null
          and coalesce(i.published_at, i.fetched_at) >= $2 and coalesce(i.published_at, i.fetched_at) < $3)
     select st.id, st.title, st.item_count, st.source_count, st.tone, st.categories, st.max_risk, st.first_seen_at, st.triage_status,
            fi.link, s.name as source,
            coalesce((select array_agg(distinct un.name) from monitor_items i2 join monitor_item_units iu2 on iu2.item_id = i2.id
                        join units un on un.id = iu2.unit_id where i2.story_id = st.id and un.path <@ $1::ltree), '{}') as units
       from mine m join monitor_stories st on st.id = m.story_id
       left join monitor_items fi on fi.id = coalesce(st.first_item_id, (select min(id) from monitor_items where story_id = st.id))
       left join monitor_sources s on s.id = fi.source_id
      order by case st.tone when 'negative' then 0 when 'neutral' then 1 else 2 end, st.max_risk desc, st.item_count desc, st.id`,
    [u.rows[0].path, from, to],
  );
  const stories: DigestStory[] = r.rows.map((x) => ({
    id: Number(x.id),
    title: x.title,
    link: x.link,
    source: x.source,
    itemCount: Number(x.item_count),
    sourceCount: Number(x.source_count),
    tone: x.tone,
    categories: x.categories,
    riskScore: Number(x.max_risk),
    units: x.units,
    firstSeenAt: new Date(x.first_seen_at).toISOString(),
    triageStatus: x.triage_status,
  }));
  const by = (tone: DigestStory['tone']) => stories.filter((s) => s.tone === tone);
  return {
    day,
    title: digestTitle(day),
    unitId,
    unitName: u.rows[0].name,
    from: from.toISOString(),
    to: to.toISOString(),
    totals: {
      stories: stories.length,
      items: stories.reduce((a, s) => a + s.itemCount, 0),
      negative: by('negative').length,
      neutral: by('neutral').length,
      positive: by('positive').length,
    },
    sections: (['negative', 'neutral', 'positive'] as const).map((tone) => ({ tone, stories: by(tone).slice(0, perSection) })),
  };
}

export const toneLabel = (tone: string) => t(`insights.tone.${tone}` as 'insights.tone.negative');
export const categoryLabel = (c: string) => {
  const s = t(`insights.category.${c}` as 'insights.category.fees');
  return s.startsWith('insights.') ? c : s;
};

/** Plain-text e-mail body of a digest (the HTML page is in the admin UI; the DOCX is digest/docx.ts). */
export function digestText(d: Digest, pageUrl: string): string {
  const lines = [
    d.title,
    d.unitName,
    t('insights.digest.window', { from: formatDateTimeVi(new Date(d.from)), to: formatDateTimeVi(new Date(d.to)) }),
    t('insights.digest.totals', { stories: d.totals.stories, items: d.totals.items, negative: d.totals.negative, neutral: d.totals.neutral, positive: d.totals.positive }),
    '',
  ];
  for (const s of d.sections) {
    if (!s.stories.length) continue;
    lines.push(`${t(`insights.digest.section.${s.tone}` as 'insights.digest.section.negative')} (${s.stories.length})`);
    s.stories.forEach((x, i) => {
      const cats = x.categories.length ? ` [${x.categories.map(categoryLabel).join(', ')}]` : '';
      lines.push(`${i + 1}. ${x.title}${cats}`);
      lines.push(`   ${[x.source, t('insights.digest.copies', { n: x.itemCount }), x.units.join(', ')].filter(Boolean).join(' — ')}`);
      if (x.link) lines.push(`   ${x.link}`);
    });
    lines.push('');
  }
  if (!d.totals.stories) lines.push(t('insights.digest.empty'), '');
  lines.push(t('insights.digest.more', { url: pageUrl }));
  return lines.join('\n');
}
