import type { Queryable } from '../../platform/db';

/**
 * Read-only figures about trainings and events for reports and emulation
 * scoring (helpers "reports" and "emulation"; see .tmp/events-contract.md).
 * The period is half-open: `from <= starts_at < to`. Cancelled events never count.
 */
export const eventAdminUrl = (id: number) => `/admin/su-kien/${id}`;

export type EventReportRow = {
  id: number; kind: string; title: string; startsAt: string; unitId: number; unitName: string;
  invited: number; attended: number; planTaskId: number | null;
};

/** Events organised by units at or under `unitPath` starting in the period, with invitation and attendance counts. */
export async function listEventsForReport(q: Queryable, opts: { unitPath: string; from: Date; to: Date }): Promise<EventReportRow[]> {
  const r = await q.query(
    `select e.id, e.kind, e.title, e.starts_at as "startsAt", e.unit_id as "unitId", u.name as "unitName", e.plan_task_id as "planTaskId",
            (select count(*)::int from event_invitees i where i.event_id = e.id) as invited,
            (select count(*)::int from event_invitees i where i.event_id = e.id and i.attended) as attended
       from events e join units u on u.id = e.unit_id
      where u.path <@ $1::ltree and e.status <> 'cancelled' and e.starts_at >= $2 and e.starts_at < $3
      order by e.starts_at, e.id`,
    [opts.unitPath, opts.from, opts.to],
  );
  return r.rows.map((x) => ({
    id: Number(x.id), kind: x.kind, title: x.title, startsAt: new Date(x.startsAt).toISOString(), unitId: Number(x.unitId), unitName: x.unitName,
    invited: x.invited, attended: x.attended, planTaskId: x.planTaskId == null ? null : Number(x.planTaskId),
  }));
}

export type EmulationFact = { unitId: number; value: number; evidence: { label: string; url: string }[] };

/**
 * For emulation: per unit at or under `unitPath`, the number of distinct events in the
 * period that the unit ORGANISED (not cancelled) or ATTENDED
 * (an invitation of the unit, or of one of its people, ticked as attended). Units with
 * none are left out. Each event is one evidence link to its admin page.
 */
export async function eventEmulationFacts(q: Queryable, opts: { unitPath: string; from: Date; to: Date }): Promise<EmulationFact[]> {
  const r = await q.query<{ unitId: number; eventId: number; title: string; role: string; startsAt: Date }>(
    `with facts as (
       select e.unit_id, e.id as event_id, 'organised' as role from events e where e.status <> 'cancelled'
       union
       select i.unit_id, i.event_id, 'attended' from event_invitees i join events e on e.id = i.event_id
        where i.attended and e.status <> 'cancelled')
     select distinct on (f.unit_id, f.event_id) f.unit_id as "unitId", f.event_id as "eventId", e.title, f.role, e.starts_at as "startsAt"
       from facts f join events e on e.id = f.event_id join units u on u.id = f.unit_id
      where u.path <@ $1::ltree and e.starts_at >= $2 and e.starts_at < $3
      order by f.unit_id, f.event_id, f.role desc`,
    [opts.unitPath, opts.from, opts.to],
  );
  const by = new Map<number, EmulationFact>();
  for (const x of r.rows) {
    const unitId = Number(x.unitId);
    const f = by.get(unitId) ?? { unitId, value: 0, evidence: [] };
    f.value++;
    const day = new Date(x.startsAt).toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' });
    f.evidence.push({ label: `${x.role === 'organised' ? 'Tổ chức' : 'Tham dự'}: ${x.title} (${day})`, url: eventAdminUrl(Number(x.eventId)) });
    by.set(unitId, f);
  }
  return [...by.values()];
}
