import { now } from '../../platform/clock';
import { type Queryable, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { type Actor, recordAudit } from '../audit';
import { addDays, mondayOf, vnDay } from './common';

/**
 * The leaders' work schedule (lịch công tác): one row per engagement (day,
 * start and end time, content, who chairs, participants, place), shown a week
 * at a time, Monday to Sunday on the Vietnam calendar.
 */
export type ScheduleInput = {
  day: string;
  startTime: string;
  endTime?: string | null;
  content: string;
  chair?: string | null;
  participants?: string | null;
  place?: string | null;
};
export type ScheduleItem = ScheduleInput & { id: number; unitId: number; endTime: string | null; chair: string | null; participants: string | null; place: string | null };

const columns = `s.id, s.unit_id as "unitId", s.day, to_char(s.start_time, 'HH24:MI') as "startTime", to_char(s.end_time, 'HH24:MI') as "endTime",
  s.content, s.chair, s.participants, s.place`;

/** The week (Monday…Sunday) holding a day; today's week when none is given. */
export function weekOf(day?: string | null): { from: string; to: string; prev: string; next: string; days: string[] } {
  const from = mondayOf(day ?? vnDay(now()));
  return { from, to: addDays(from, 6), prev: addDays(from, -7), next: addDays(from, 7), days: Array.from({ length: 7 }, (_, i) => addDays(from, i)) };
}

export async function listSchedule(q: Queryable, unitId: number, from: string, to: string): Promise<ScheduleItem[]> {
  const r = await q.query(`select ${columns} from work_schedule_items s where s.unit_id = $1 and s.day between $2 and $3 order by s.day, s.start_time, s.id`, [unitId, from, to]);
  return r.rows;
}

export async function getScheduleItem(q: Queryable, id: number): Promise<ScheduleItem> {
  const r = await q.query(`select ${columns} from work_schedule_items s where s.id = $1`, [id]);
  if (!r.rowCount) throw new AppError('sitecontent.not_found', 404, 'sitecontent.not_found');
  return r.rows[0];
}

function check(i: ScheduleInput) {
  if (i.endTime && i.endTime < i.startTime) throw new AppError('sitecontent.bad_times', 400, 'sitecontent.bad_times');
}

export async function createScheduleItem(actor: Actor, unitId: number, input: ScheduleInput): Promise<ScheduleItem> {
  check(input);
  return withTransaction(async (tx) => {
    const r = await tx.query<{ id: number }>(
      `insert into work_schedule_items (unit_id, day, start_time, end_time, content, chair, participants, place, created_by, created_at, updated_at)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$10) returning id`,
      [unitId, input.day, input.startTime, input.endTime ?? null, input.content, input.chair ?? null, input.participants ?? null, input.place ?? null, actor.userId, now()],
    );
    const item = await getScheduleItem(tx, r.rows[0].id);
    await recordAudit(tx, actor, { action: 'schedule_item.create', entity: 'schedule_item', entityId: item.id, unitId, after: item });
    return item;
  });
}

export async function updateScheduleItem(actor: Actor, id: number, input: ScheduleInput): Promise<ScheduleItem> {
  check(input);
  return withTransaction(async (tx) => {
    const before = await getScheduleItem(tx, id);
    await tx.query(
      `update work_schedule_items set day = $2, start_time = $3, end_time = $4, content = $5, chair = $6, participants = $7, place = $8, updated_at = $9 where id = $1`,
      [id, input.day, input.startTime, input.endTime ?? null, input.content, input.chair ?? null, input.participants ?? null, input.place ?? null, now()],
    );
    const after = await getScheduleItem(tx, id);
    await recordAudit(tx, actor, { action: 'schedule_item.update', entity: 'schedule_item', entityId: id, unitId: before.unitId, before, after });
    return after;
  });
}

const icsEscape = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
/** Lines longer than 75 octets are folded (RFC 5545 3.1). */
function fold(line: string): string {
  const out: string[] = [];
  let cur = '';
  for (const ch of line) {
    if (Buffer.byteLength(cur + ch) > 73) {
      out.push(cur);
      cur = ' ';
    }
    cur += ch;
  }
  out.push(cur);
  return out.join('\r\n');
}
const stamp = (day: string, time: string) => `${day.replace(/-/g, '')}T${time.replace(':', '')}00`;

/** The week as an iCalendar file (times in Asia/Ho_Chi_Minh; an item without an end lasts an hour). */
export function scheduleIcs(unitName: string, host: string, items: ScheduleItem[]): string {
  const dtstamp = `${now().toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Loa//Lich cong tac//VI', 'CALSCALE:GREGORIAN', `X-WR-CALNAME:${icsEscape(`Lịch công tác — ${unitName}`)}`, 'X-WR-TIMEZONE:Asia/Ho_Chi_Minh',
    'BEGIN:VTIMEZONE', 'TZID:Asia/Ho_Chi_Minh', 'BEGIN:STANDARD', 'DTSTART:19700101T000000', 'TZOFFSETFROM:+0700', 'TZOFFSETTO:+0700', 'TZNAME:ICT', 'END:STANDARD', 'END:VTIMEZONE'];
  for (const it of items) {
    const end = it.endTime ?? `${String(Math.min(23, Number(it.startTime.slice(0, 2)) + 1)).padStart(2, '0')}${it.startTime.slice(2)}`;
    const desc = [it.chair && `Chủ trì: ${it.chair}`, it.participants && `Thành phần: ${it.participants}`].filter(Boolean).join('\n');
    lines.push('BEGIN:VEVENT', `UID:lich-${it.id}@${host}`, `DTSTAMP:${dtstamp}`, `DTSTART;TZID=Asia/Ho_Chi_Minh:${stamp(it.day, it.startTime)}`, `DTEND;TZID=Asia/Ho_Chi_Minh:${stamp(it.day, end)}`,
      `SUMMARY:${icsEscape(it.content)}`);
    if (it.place) lines.push(`LOCATION:${icsEscape(it.place)}`);
    if (desc) lines.push(`DESCRIPTION:${icsEscape(desc)}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
