import { type Queryable } from '../../platform/db';

/**
 * For emulation scoring: consultations of units at or under unitPath whose response was
 * due in [from, to); how many, and how many had their response published by the due time.
 * One row per unit with at least one due. Evidence links open the consultation in the admin.
 */
export async function consultationResponseFacts(q: Queryable, opts: { unitPath: string; from: Date; to: Date }): Promise<{ unitId: number; due: number; answeredOnTime: number; evidence: { label: string; url: string }[] }[]> {
  const r = await q.query(
    `select c.unit_id as "unitId", c.id, c.title, (c.response_published_at is not null and c.response_published_at <= c.response_due_at) as "onTime",
            c.response_published_at is not null as answered
       from consultations c join units u on u.id = c.unit_id
      where u.path <@ $1::ltree and c.response_due_at >= $2 and c.response_due_at < $3
      order by c.unit_id, c.response_due_at, c.id`,
    [opts.unitPath, opts.from, opts.to],
  );
  const byUnit = new Map<number, { unitId: number; due: number; answeredOnTime: number; evidence: { label: string; url: string }[] }>();
  for (const x of r.rows) {
    const unitId = Number(x.unitId);
    const row = byUnit.get(unitId) ?? byUnit.set(unitId, { unitId, due: 0, answeredOnTime: 0, evidence: [] }).get(unitId)!;
    row.due++;
    if (x.onTime) row.answeredOnTime++;
    row.evidence.push({ label: `${x.title} — ${x.onTime ? 'trả lời đúng hạn' : x.answered ? 'trả lời trễ hạn' : 'chưa trả lời'}`, url: `/admin/gop-y/${Number(x.id)}` });
  }
  return [...byUnit.values()];
}
