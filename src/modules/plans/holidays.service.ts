import { type Queryable, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { type Actor, recordAudit } from '../audit';

/**
 * The public-holiday calendar deadlines counted in working days respect. Filled
 * once with Vietnam's holidays (Tết included) for 2024–2030; administrators add
 * the days the Government announces each year (swapped working days, extra Tết days).
 */
export async function listHolidays(q: Queryable, year: number) {
  const r = await q.query<{ day: string; name: string }>(
    `select day::text as day, name from holidays where day >= make_date($1, 1, 1) and day < make_date($1 + 1, 1, 1) order by day`,
    [year],
  );
  return r.rows;
}

export async function setHoliday(actor: Actor, day: string, name: string): Promise<void> {
  await withTransaction(async (tx) => {
    const before = await tx.query('select name from holidays where day = $1', [day]);
    await tx.query('insert into holidays (day, name) values ($1, $2) on conflict (day) do update set name = excluded.name', [day, name]);
    await recordAudit(tx, actor, { action: 'holiday.set', entity: 'holiday', entityId: day, before: before.rows[0] ?? null, after: { name } });
  });
}

export async function removeHoliday(actor: Actor, day: string): Promise<void> {
  await withTransaction(async (tx) => {
    const r = await tx.query('delete from holidays where day = $1 returning name', [day]);
    if (!r.rowCount) throw new AppError('holiday.not_found', 404, 'holiday.not_found');
    await recordAudit(tx, actor, { action: 'holiday.remove', entity: 'holiday', entityId: day, before: r.rows[0] });
  });
}
