import type { Queryable } from '../../platform/db';

export const inspectionAdminUrl = (id: number) => `/admin/kiem-tra/${id}`;

/**
 * For emulation: per INSPECTED unit at or under `unitPath`, its inspection score
 * (0–100) over the finished inspections (status follow_up or closed) whose date falls in
 * the period (Vietnam calendar days, `from <= inspected_on < to`); several inspections
 * are averaged (rounded to 0.01). Each inspection is one evidence link. Units never
 * inspected in the period are left out.
 */
export async function inspectionEmulationFacts(
  q: Queryable,
  opts: { unitPath: string; from: Date; to: Date },
): Promise<{ unitId: number; value: number; evidence: { label: string; url: string }[] }[]> {
  const r = await q.query<{ unitId: number; id: number; title: string; score: string; inspectedOn: string }>(
    `select i.inspected_unit_id as "unitId", i.id, i.title, i.score, i.inspected_on::text as "inspectedOn"
       from inspections i join units u on u.id = i.inspected_unit_id
      where u.path <@ $1::ltree and i.status in ('follow_up','closed') and i.score is not null
        and i.inspected_on >= ($2::timestamptz at time zone 'Asia/Ho_Chi_Minh')::date
        and i.inspected_on < ($3::timestamptz at time zone 'Asia/Ho_Chi_Minh')::date
      order by i.inspected_unit_id, i.inspected_on, i.id`,
    [opts.unitPath, opts.from, opts.to],
  );
  const by = new Map<number, { unitId: number; scores: number[]; evidence: { label: string; url: string }[] }>();
  for (const x of r.rows) {
    const unitId = Number(x.unitId);
    const f = by.get(unitId) ?? { unitId, scores: [], evidence: [] };
    const score = Number(x.score);
    f.scores.push(score);
    const [y, m, d] = x.inspectedOn.split('-');
    f.evidence.push({ label: `${x.title} (${d}/${m}/${y}): ${score} điểm`, url: inspectionAdminUrl(Number(x.id)) });
    by.set(unitId, f);
  }
  return [...by.values()].map((f) => ({
    unitId: f.unitId,
    value: Math.round((f.scores.reduce((a, b) => a + b, 0) / f.scores.length) * 100) / 100,
    evidence: f.evidence,
  }));
}
