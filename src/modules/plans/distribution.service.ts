import { now } from '../../platform/clock';
import { config } from '../../platform/config';
import { type Queryable, type Tx, db, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { enqueue } from '../../platform/jobs';
import { type Actor, recordAudit } from '../audit';
import { sendMailJob } from '../identity';
import { roleHoldersOf } from '../org';

/**
 * Distribution of an issued plan: the units it is sent to receive it in Loa,
 * their focal points and leaders by e-mail; each unit reads and acknowledges it
 * and the issuer sees who has. The e-mails go out through an outbox
 * (`notified_at` is null until the mail jobs are queued, in the same transaction),
 * so an issue that commits is never left without its e-mails, and a retry never
 * queues them twice.
 */
export async function addRecipients(tx: Tx, planId: number, unitIds: number[]): Promise<number[]> {
  if (!unitIds.length) return [];
  const r = await tx.query<{ unitId: number }>(
    `insert into plan_recipients (plan_id, unit_id, sent_at)
     select $1, u.id, $3 from units u where u.id = any($2::bigint[])
     on conflict do nothing returning unit_id as "unitId"`,
    [planId, unitIds, now()],
  );
  return r.rows.map((x) => x.unitId);
}

export async function listRecipients(q: Queryable, planId: number) {
  const r = await q.query(
    `select r.unit_id as "unitId", u.name as "unitName", r.sent_at as "sentAt", r.read_at as "readAt",
            r.acknowledged_at as "acknowledgedAt", a.name as "acknowledgedByName"
       from plan_recipients r join units u on u.id = r.unit_id left join users a on a.id = r.acknowledged_by
      where r.plan_id = $1 order by u.name`,
    [planId],
  );
  return r.rows.map((x) => ({ ...x, sentAt: iso(x.sentAt), readAt: iso(x.readAt), acknowledgedAt: iso(x.acknowledgedAt) }));
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** Is the unit one the plan was sent to? */
export async function isRecipient(q: Queryable, planId: number, unitId: number): Promise<boolean> {
  const r = await q.query('select 1 from plan_recipients where plan_id = $1 and unit_id = $2', [planId, unitId]);
  return !!r.rowCount;
}

/** The recipient units among the given ones (the units a reader acts for). */
export async function recipientUnitsAmong(q: Queryable, planId: number, unitIds: number[]): Promise<number[]> {
  const r = await q.query<{ unitId: number }>(
    'select unit_id as "unitId" from plan_recipients where plan_id = $1 and unit_id = any($2::bigint[])',
    [planId, unitIds],
  );
  return r.rows.map((x) => x.unitId);
}

/** First opening by someone of a recipient unit marks it read (later openings change nothing). */
export async function markRead(planId: number, unitIds: number[]): Promise<void> {
  if (!unitIds.length) return;
  await db().query(
    'update plan_recipients set read_at = $3 where plan_id = $1 and unit_id = any($2::bigint[]) and read_at is null',
    [planId, unitIds, now()],
  );
}

export async function acknowledgePlan(actor: Actor, planId: number, unitId: number): Promise<void> {
  await withTransaction(async (tx) => {
    const r = await tx.query(
      `update plan_recipients set acknowledged_at = coalesce(acknowledged_at, $3), acknowledged_by = coalesce(acknowledged_by, $4),
              read_at = coalesce(read_at, $3)
        where plan_id = $1 and unit_id = $2 returning acknowledged_at`,
      [planId, unitId, now(), actor.userId],
    );
    if (!r.rowCount) throw new AppError('plan.not_recipient', 409, 'plan.not_recipient');
    await recordAudit(tx, actor, { action: 'plan.acknowledge', entity: 'plan', entityId: planId, unitId, after: { unitId } });
  });
}

/** Plans sent to units at or under a path (the reader's subtree), newest first, unacknowledged first. */
export async function listReceived(q: Queryable, unitPath: string) {
  const r = await q.query(
    `select p.id as "planId", p.title, case when p.number is not null then lpad(p.number::text, 2, '0') || '/' || coalesce(p.symbol, 'KH') end as "numberLabel",
            iu.name as "issuerName", p.issued_on::text as "issuedOn", r.unit_id as "unitId", u.name as "unitName",
            r.read_at as "readAt", r.acknowledged_at as "acknowledgedAt"
       from plan_recipients r join units u on u.id = r.unit_id join plans p on p.id = r.plan_id join units iu on iu.id = p.unit_id
      where u.path <@ $1::ltree
      order by (r.acknowledged_at is null) desc, p.issued_on desc nulls last, p.id desc limit 200`,
    [unitPath],
  );
  return r.rows.map((x) => ({ ...x, readAt: iso(x.readAt), acknowledgedAt: iso(x.acknowledgedAt) }));
}

/**
 * Outbox sweep: hands the e-mails of newly issued plans to the mail job. Rows are
 * claimed with SKIP LOCKED so several workers never take the same one.
 */
export async function notifyRecipients(limit = 200): Promise<number> {
  return withTransaction(async (tx) => {
    const rows = await tx.query<{ planId: number; unitId: number; title: string; numberLabel: string | null; issuerName: string; unitName: string }>(
      `select r.plan_id as "planId", r.unit_id as "unitId", p.title,
              case when p.number is not null then lpad(p.number::text, 2, '0') || '/' || coalesce(p.symbol, 'KH') end as "numberLabel",
              iu.name as "issuerName", u.name as "unitName"
         from plan_recipients r join plans p on p.id = r.plan_id join units iu on iu.id = p.unit_id join units u on u.id = r.unit_id
        where r.notified_at is null order by r.sent_at limit $1 for update of r skip locked`,
      [limit],
    );
    for (const row of rows.rows) {
      const people = await roleHoldersOf(tx, row.unitId, ['focal_point', 'leader']);
      const link = `${config().publicUrl}/admin/ke-hoach/${row.planId}`;
      for (const p of people) {
        await enqueue(sendMailJob, {
          to: p.email,
          subject: t('plan.issued_mail_subject', { number: row.numberLabel ?? '', issuer: row.issuerName }),
          text: t('plan.issued_mail_body', { name: p.name, unit: row.unitName, issuer: row.issuerName, number: row.numberLabel ?? '', title: row.title, link }),
        }, { tx });
      }
      await tx.query('update plan_recipients set notified_at = $3 where plan_id = $1 and unit_id = $2', [row.planId, row.unitId, now()]);
    }
    return rows.rowCount ?? 0;
  });
}
