import { now } from '../../platform/clock';
import { config } from '../../platform/config';
import { type Tx, withTransaction } from '../../platform/db';
import { t } from '../../platform/i18n';
import { enqueue } from '../../platform/jobs';
import { formatDateTimeVi } from '../../text';
import { sendMailJob } from '../identity';
import { addNotice } from '../monitoring';
import { queueZaloMessage, sweepZaloOutbox } from '../notices';
import { attachStoryItems, severityName } from './incidents.service';
import { roleHoldersOf } from '../org';

/**
 * The incidents sweep (job `incidents.sweep`, every minute; safe on any number
 * of workers: rows are claimed with FOR UPDATE SKIP LOCKED and every effect is
 * written in the transaction that marks its row done):
 *  1. story attachment — new items of an open incident's story or thread become
 *     'mention' entries (a unique key makes repeats no-ops);
 *  2. overdue clocks — when the first statement or the fast report is overdue,
 *     the next unit up that has not been told yet is told, once per clock;
 *  3. the outbox — escalation rows and fast-report recipients not yet notified:
 *     an in-app notice (monitoring's notices) and an e-mail (mail.send queued in
 *     the same transaction) to the unit's leaders, focal points and spokespersons,
 *     and a Zalo OA message queued in the notices module's Zalo outbox (same
 *     transaction, a unique key per message), sent by step 4;
 *  4. the Zalo outbox (`sweepZaloOutbox` of the notices module: people with a
 *     Zalo id, through the told unit's OA or the nearest above; retried).
 */
export async function sweepIncidents(limit = 200): Promise<{ attached: number; overdue: number; notified: number; zalo: { sent: number; skipped: number; failed: number } }> {
  const attached = await attachAll(limit);
  const overdue = (await escalateOverdue(limit)) + (await remindUpdates(limit));
  const notified = await deliverOutbox(limit);
  const zalo = await sweepZaloOutbox();
  return { attached, overdue, notified, zalo };
}

/**
 * The update rhythm: while an incident is active or contained, a statement,
 * message, report or press answer is due every `update_every_hours` (from the
 * last one, or from opening). Each missed update is told once — to the unit's
 * leaders, focal points and spokespersons and to its parent unit's — with an
 * `escalation` entry on the timeline; the conditional update of
 * `update_reminded_due_at` makes it once however many workers sweep.
 */
async function remindUpdates(limit: number): Promise<number> {
  return withTransaction(async (tx) => {
    const at = now();
    const r = await tx.query<{ id: number; unitId: number; parentId: number | null; title: string; severity: number; unitName: string; due: Date }>(
      `select x.* from (
         select i.id, i.unit_id as "unitId", u.parent_id as "parentId", i.title, i.severity, u.name as "unitName", i.update_reminded_due_at as reminded,
                coalesce((select max(t.at) from incident_timeline t where t.incident_id = i.id and t.kind in ('statement','message','report','press')), i.opened_at)
                  + make_interval(hours => i.update_every_hours) as due
           from incidents i join units u on u.id = i.unit_id
          where i.status in ('active','contained') and i.update_every_hours is not null) x
        where x.due < $1 and (x.reminded is null or x.reminded < x.due)
        order by x.id limit $2`,
      [at, limit],
    );
    let n = 0;
    for (const x of r.rows) {
      const won = await tx.query(
        'update incidents set update_reminded_due_at = $2 where id = $1 and (update_reminded_due_at is null or update_reminded_due_at < $2) returning id',
        [x.id, x.due],
      );
      if (!won.rowCount) continue;
      await tx.query(`insert into incident_timeline (incident_id, kind, title, body, at) values ($1, 'escalation', $2, $3, $4)`, [
        x.id, t('incident.update_overdue_entry'), formatDateTimeVi(new Date(x.due)), at,
      ]);
      const msg = {
        title: t('incident.notice_update_overdue', { unit: x.unitName, title: x.title }),
        body: t('incident.notice_body', { unit: x.unitName, title: x.title, severity: severityName(Number(x.severity)), due: formatDateTimeVi(new Date(x.due)) }),
        link: `/su-co/${x.id}`,
      };
      const key = `incident-update:${x.id}:${new Date(x.due).toISOString()}`;
      await tell(tx, Number(x.unitId), msg, at, `${key}:${x.unitId}`);
      if (x.parentId != null) await tell(tx, Number(x.parentId), msg, at, `${key}:${x.parentId}`);
      n++;
    }
    return n;
  });
}

async function attachAll(limit: number): Promise<number> {
  return withTransaction(async (tx) => {
    const r = await tx.query<{ id: number }>(
      `select id from incidents where story_id is not null and status not in ('closed','cancelled') order by id limit $1 for update skip locked`,
      [limit],
    );
    let n = 0;
    for (const x of r.rows) n += await attachStoryItems(tx, Number(x.id));
    return n;
  });
}

async function nextUnitUp(tx: Tx, incidentId: number, unitId: number): Promise<number | null> {
  const r = await tx.query<{ id: number }>(
    `select a.id from units a join units u on a.path @> u.path and a.id <> u.id where u.id = $1
        and not exists (select 1 from incident_escalations e where e.incident_id = $2 and e.unit_id = a.id)
      order by nlevel(a.path) desc limit 1`,
    [unitId, incidentId],
  );
  return r.rows[0] ? Number(r.rows[0].id) : null;
}

async function escalateOverdue(limit: number): Promise<number> {
  return withTransaction(async (tx) => {
    const at = now();
    const r = await tx.query<{ id: number; unitId: number; isStatement: boolean; isReport: boolean }>(
      `select i.id, i.unit_id as "unitId",
              (i.statement_escalated_at is null and i.first_statement_at is null and i.first_statement_due_at < $1) as "isStatement",
              (i.report_escalated_at is null and i.fast_report_due_at < $1
                 and not exists (select 1 from incident_reports r where r.incident_id = i.id and r.status = 'sent')) as "isReport"
         from incidents i
        where i.status in ('triage','active','contained','resolved','review')
          and ((i.statement_escalated_at is null and i.first_statement_at is null and i.first_statement_due_at < $1)
            or (i.report_escalated_at is null and i.fast_report_due_at < $1
                and not exists (select 1 from incident_reports r where r.incident_id = i.id and r.status = 'sent')))
        order by i.id limit $2 for update of i skip locked`,
      [at, limit],
    );
    let n = 0;
    for (const x of r.rows) {
      for (const clock of ['statement', 'report'] as const) {
        if (clock === 'statement' ? !x.isStatement : !x.isReport) continue;
        const reason = clock === 'statement' ? 'statement_overdue' : 'report_overdue';
        const unit = await nextUnitUp(tx, Number(x.id), Number(x.unitId));
        if (unit != null) {
          await tx.query('insert into incident_escalations (incident_id, unit_id, reason, created_at) values ($1,$2,$3,$4) on conflict do nothing', [x.id, unit, reason, at]);
          const name = (await tx.query('select name from units where id = $1', [unit])).rows[0].name as string;
          await tx.query(
            `insert into incident_timeline (incident_id, kind, title, body, at) values ($1, 'escalation', $2, $3, $4)`,
            [x.id, clock === 'statement' ? 'Quá hạn phát ngôn đầu tiên, báo cáo vượt cấp' : 'Quá hạn báo cáo nhanh, báo cáo vượt cấp', name, at],
          );
          n++;
        }
        await tx.query(`update incidents set ${clock === 'statement' ? 'statement_escalated_at' : 'report_escalated_at'} = $2 where id = $1`, [x.id, at]);
      }
    }
    return n;
  });
}

const peopleOf = (tx: Tx, unitId: number) => roleHoldersOf(tx, unitId, ['leader', 'focal_point', 'spokesperson']);

/** In-app notice + e-mail + a queued Zalo OA message (keyed `<key>:user:<id>`, so once) to the unit's people. */
async function tell(tx: Tx, unitId: number, msg: { title: string; body: string; link: string }, at: Date, key: string): Promise<void> {
  for (const p of await peopleOf(tx, unitId)) {
    const link = `${config().publicUrl}/admin${msg.link}`;
    await addNotice(tx, { userId: p.id, title: msg.title, body: msg.body, link: msg.link, at });
    await enqueue(sendMailJob, { to: p.email, subject: msg.title, text: t('incident.mail_body', { name: p.name, body: msg.body, link }) }, { tx });
    await queueZaloMessage(tx, { sourceKey: `${key}:user:${p.id}`, userId: p.id, unitId, text: t('incident.zalo_text', { title: msg.title, body: msg.body, link }), at });
  }
}

async function deliverOutbox(limit: number): Promise<number> {
  return withTransaction(async (tx) => {
    const at = now();
    let n = 0;
    const esc = await tx.query(
      `select e.id, e.unit_id as "unitId", e.reason, i.id as "incidentId", i.title, i.severity, i.first_statement_due_at as "statementDue", i.fast_report_due_at as "reportDue", u.name as "unitName"
         from incident_escalations e join incidents i on i.id = e.incident_id join units u on u.id = i.unit_id
        where e.notified_at is null order by e.created_at, e.id limit $1 for update of e skip locked`,
      [limit],
    );
    for (const e of esc.rows) {
      const key = { opened: 'incident.notice_opened', severity: 'incident.notice_opened', statement_overdue: 'incident.notice_statement_overdue', report_overdue: 'incident.notice_report_overdue' }[e.reason as string] as 'incident.notice_opened';
      const due = e.reason === 'report_overdue' ? e.reportDue : e.statementDue;
      await tell(tx, Number(e.unitId), {
        title: t(key, { unit: e.unitName, title: e.title }),
        body: t('incident.notice_body', { unit: e.unitName, title: e.title, severity: severityName(Number(e.severity)), due: due ? formatDateTimeVi(new Date(due)) : '—' }),
        link: `/su-co/${e.incidentId}`,
      }, at, `incident-escalation:${e.id}`);
      await tx.query('update incident_escalations set notified_at = $2 where id = $1', [e.id, at]);
      n++;
    }
    const rec = await tx.query(
      `select rr.report_id as "reportId", rr.unit_id as "unitId", r.seq, i.id as "incidentId", i.title, u.name as "unitName"
         from incident_report_recipients rr join incident_reports r on r.id = rr.report_id join incidents i on i.id = r.incident_id join units u on u.id = i.unit_id
        where rr.notified_at is null order by r.sent_at, rr.report_id limit $1 for update of rr skip locked`,
      [limit],
    );
    for (const x of rec.rows) {
      await tell(tx, Number(x.unitId), {
        title: t('incident.notice_report', { unit: x.unitName, title: x.title, seq: x.seq }),
        body: t('incident.notice_report_body', { unit: x.unitName, title: x.title, seq: x.seq }),
        link: `/su-co/${x.incidentId}`,
      }, at, `incident-report:${x.reportId}:${x.unitId}`);
      await tx.query('update incident_report_recipients set notified_at = $3 where report_id = $1 and unit_id = $2', [x.reportId, x.unitId, at]);
      n++;
    }
    return n;
  });
}
