import crypto from 'node:crypto';
import type { Queryable, Tx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { slugify } from '../../text';

export const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

/**
 * The spokesperson register (Decree 09/2017) decides who may approve and answer
 * for a unit: a person holding the `spokesperson` role IN that unit, or a
 * `leader` of the unit or of a unit above it. Inactive people never count.
 */
export async function isInRegister(q: Queryable, userId: number | null, unitId: number): Promise<boolean> {
  if (userId == null) return false;
  const r = await q.query(
    `select 1 from role_assignments ra join users us on us.id = ra.user_id join units a on a.id = ra.unit_id join units u on u.id = $2
      where ra.user_id = $1 and us.is_active
        and ((ra.role = 'spokesperson' and ra.unit_id = u.id) or (ra.role = 'leader' and u.path <@ a.path))
      limit 1`,
    [userId, unitId],
  );
  return (r.rowCount ?? 0) > 0;
}

export async function requireRegister(q: Queryable, userId: number | null, unitId: number): Promise<void> {
  if (!(await isInRegister(q, userId, unitId))) throw new AppError('press.not_spokesperson', 403, 'press.not_spokesperson');
}

/** The register of a unit: its spokespersons and the leaders of it and above, for pickers and reminders. */
export async function registerOf(q: Queryable, unitId: number): Promise<{ id: number; name: string; email: string; role: string }[]> {
  const r = await q.query(
    `select distinct on (us.id) us.id, us.name, us.email, ra.role from role_assignments ra join users us on us.id = ra.user_id
       join units a on a.id = ra.unit_id join units u on u.id = $1
      where us.is_active and ((ra.role = 'spokesperson' and ra.unit_id = u.id) or (ra.role = 'leader' and u.path <@ a.path))
      order by us.id, ra.role desc`,
    [unitId],
  );
  return r.rows.map((x) => ({ ...x, id: Number(x.id) }));
}

/** People who may be given a press question: press writers of the unit or above (own-unit roles only in the unit). */
export async function pressAssignees(q: Queryable, unitId: number): Promise<{ id: number; name: string }[]> {
  const r = await q.query(
    `select distinct us.id, us.name from role_assignments ra join users us on us.id = ra.user_id join units a on a.id = ra.unit_id join units u on u.id = $1
      where u.path <@ a.path and ra.role in ('administrator','leader','focal_point','spokesperson','editor') and us.is_active
        and (a.id = u.id or ra.role <> 'spokesperson')
      order by us.name limit 200`,
    [unitId],
  );
  return r.rows.map((x) => ({ id: Number(x.id), name: x.name }));
}

export async function uniqueSlug(q: Queryable, table: 'press_releases' | 'press_rebuttals', title: string, selfId: number | null, fallback: string): Promise<string> {
  const base = slugify(title, 80) || fallback;
  for (let i = 0; i < 5; i++) {
    const slug = i === 0 ? base : `${base}-${crypto.randomBytes(3).toString('hex')}`;
    const r = await q.query(`select 1 from ${table} where slug = $1 and ($2::bigint is null or id <> $2)`, [slug, selfId]);
    if (!r.rowCount) return slug;
  }
  return `${base}-${crypto.randomBytes(6).toString('hex')}`;
}

/** The lower-case host of an address or a bare host, without "www.". */
export function hostOf(s: string | null | undefined): string | null {
  const v = (s ?? '').trim().toLowerCase();
  if (!v) return null;
  try {
    const h = new URL(/^[a-z]+:\/\//.test(v) ? v : `https://${v}`).hostname;
    return h.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

/** The owning unit of a press row (404 when absent). */
export async function unitOfPressRow(
  q: Queryable,
  table: 'press_outlets' | 'press_questions' | 'press_releases' | 'press_briefings' | 'press_issues' | 'press_corrections' | 'press_rebuttals',
  id: number,
): Promise<number> {
  const r = await q.query<{ unitId: number }>(`select unit_id as "unitId" from ${table} where id = $1`, [id]);
  if (!r.rowCount) throw new AppError('press.not_found', 404, 'press.not_found');
  return Number(r.rows[0].unitId);
}
export async function unitOfJournalist(q: Queryable, id: number): Promise<number> {
  const r = await q.query<{ unitId: number }>('select o.unit_id as "unitId" from press_journalists j join press_outlets o on o.id = j.outlet_id where j.id = $1', [id]);
  if (!r.rowCount) throw new AppError('press.not_found', 404, 'press.not_found');
  return Number(r.rows[0].unitId);
}

type IncidentsModule = {
  addTimelineEntry?: (tx: Tx, id: number, e: { kind: 'press' | 'statement'; title: string; refTable?: string; refId?: number; actorId?: number | null }) => Promise<unknown>;
  getIncidentForUnit?: (q: Queryable, id: number, unitId?: number) => Promise<unknown>;
};
/** The incidents module (issue 7, helper I1), looked up at run time so this module builds and runs without it. */
async function incidentsModule(): Promise<IncidentsModule | null> {
  try {
    const path = '../incidents/index';
    return (await import(/* @vite-ignore */ path)) as IncidentsModule;
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' || /Cannot find module/.test(String(err))) return null;
    throw err;
  }
}

/** Refuses an incident that does not exist or is not related to the unit (at, above or under it), when incidents exist. */
export async function checkIncident(q: Queryable, incidentId: number | null | undefined, unitId: number): Promise<void> {
  if (incidentId == null) return;
  const m = await incidentsModule();
  if (typeof m?.getIncidentForUnit === 'function') await m.getIncidentForUnit(q, incidentId, unitId);
}

/**
 * Adds an entry to an incident's timeline (kind `press` for an answer to the
 * press, `statement` for a published rebuttal, which is a public statement),
 * once per referenced row; returns whether the incidents module took it.
 */
export async function addIncidentTimeline(
  tx: Tx,
  incidentId: number | null | undefined,
  entry: { kind: 'press' | 'statement'; title: string; refTable?: string; refId?: number; actorId?: number | null },
): Promise<boolean> {
  if (!incidentId) return false;
  const m = await incidentsModule();
  if (typeof m?.addTimelineEntry !== 'function') return false;
  await m.addTimelineEntry(tx, incidentId, entry);
  return true;
}
