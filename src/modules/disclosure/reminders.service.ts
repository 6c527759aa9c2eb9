import { now } from '../../platform/clock';
import { config } from '../../platform/config';
import { withTransaction } from '../../platform/db';
import { t } from '../../platform/i18n';
import { enqueue } from '../../platform/jobs';
import { formatDateVi, addDaysVn } from '../../text';
import { sendMailJob } from '../identity';
import { fromIso, iso } from '../plans';
import { type DisclosureHeading, currentSchoolYear, disclosureHeadings, headingLabel, yearlyDueOn } from './disclosure.service';
import { roleHoldersOf } from '../org';

/** Calendar days before a deadline when the school's focal points and leaders get a reminder. */
export const YEARLY_REMINDER_DAYS = 14;
export const UPDATE_REMINDER_DAYS = 3;

/**
 * Outbox sweep (see docs/ARCHITECTURE.md): the reminders owed are read with
 * `FOR UPDATE SKIP LOCKED`, their e-mails queued through `enqueue(…, { tx })`
 * and marked sent in the same transaction, so nothing is lost or sent twice.
 *
 * - an update not yet published, `UPDATE_REMINDER_DAYS` before its 10 working
 *   days run out (`disclosure_entries.reminded_at`);
 * - the yearly disclosure: from `YEARLY_REMINDER_DAYS` before 30 June, once per
 *   school, heading and school year still unpublished (`disclosure_reminders`).
 */
export async function remindDisclosure(limit = 200): Promise<number> {
  return withTransaction(async (tx) => {
    const at = now();
    const today = iso(at);
    const link = `${config().publicUrl}/admin/cong-khai`;
    const peopleOf = (unitId: number) => roleHoldersOf(tx, unitId, ['focal_point', 'leader']);
    const mail = async (unitId: number, unitName: string, heading: DisclosureHeading, schoolYear: string, due: string) => {
      for (const p of await peopleOf(unitId)) {
        const vars = { name: p.name, unit: unitName, heading: headingLabel(heading), year: schoolYear.replace('-', '–'), due: formatDateVi(fromIso(due)), link };
        await enqueue(sendMailJob, { to: p.email, subject: t('disclosure.remind_subject', vars), text: t('disclosure.remind_body', vars) }, { tx });
      }
    };
    let sent = 0;

    const updates = await tx.query<{ id: number; unitId: number; unitName: string; heading: DisclosureHeading; schoolYear: string; dueOn: string }>(
      `select e.id, e.unit_id as "unitId", u.name as "unitName", e.heading, e.school_year as "schoolYear", e.due_on::text as "dueOn"
         from disclosure_entries e join units u on u.id = e.unit_id
        where e.published_at is null and e.reminded_at is null and e.deleted_at is null and e.changed_on is not null
          and e.due_on >= $1::date and e.due_on - $2::int <= $1::date
        order by e.due_on limit $3 for update of e skip locked`,
      [today, UPDATE_REMINDER_DAYS, limit],
    );
    for (const e of updates.rows) {
      await mail(Number(e.unitId), e.unitName, e.heading, e.schoolYear, e.dueOn);
      await tx.query('update disclosure_entries set reminded_at = $2 where id = $1', [e.id, at]);
      sent++;
    }

    const year = currentSchoolYear(at);
    const due = yearlyDueOn(year);
    if (today <= due && iso(addDaysVn(fromIso(due), -YEARLY_REMINDER_DAYS)) <= today) {
      const missing = await tx.query<{ unitId: number; unitName: string; heading: DisclosureHeading }>(
        `select s.id as "unitId", s.name as "unitName", h.heading
           from units s cross join unnest($1::text[]) as h(heading)
          where s.type = 'school' and s.status = 'active'
            and not exists (select 1 from disclosure_entries e where e.unit_id = s.id and e.heading = h.heading and e.school_year = $2
                              and e.changed_on is null and e.published_at is not null and e.deleted_at is null)
            and not exists (select 1 from disclosure_reminders r where r.unit_id = s.id and r.heading = h.heading and r.school_year = $2)
          order by s.id limit $3`,
        [disclosureHeadings, year, limit],
      );
      for (const m of missing.rows) {
        // the primary key makes a second worker's insert a no-op: only the winner sends
        const won = await tx.query(
          'insert into disclosure_reminders (unit_id, school_year, heading, reminded_at) values ($1, $2, $3, $4) on conflict do nothing',
          [m.unitId, year, m.heading, at],
        );
        if (!won.rowCount) continue;
        await mail(Number(m.unitId), m.unitName, m.heading, year, due);
        sent++;
      }
    }
    return sent;
  });
}
