import { now } from '../../platform/clock';
import { type Queryable, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { type Actor, recordAudit } from '../audit';
import type { NoticeKind, NoticeStatus } from './notices.service';

/**
 * The recipient's side (the in-app inbox, reading, acknowledging, the e-mailed
 * link) and the sender's receipts report, rolled up the unit tree.
 */
const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

export type ReceivedItem = {
  noticeId: number; kind: NoticeKind; title: string; status: NoticeStatus; unitName: string; sentAt: string | null;
  isAckRequired: boolean; readAt: string | null; acknowledgedAt: string | null; remindedStep: number; forUnitName: string;
};

/** A person's received notices, newest first, with the unread count (unread: not read, or not acknowledged when asked). */
export async function listReceived(q: Queryable, userId: number, opts: { isUnreadOnly?: boolean; limit?: number } = {}) {
  const r = await q.query(
    `select n.id as "noticeId", n.kind, n.title, n.status, iu.name as "unitName", n.sent_at as "sentAt", n.is_ack_required as "isAckRequired",
            d.read_at as "readAt", d.acknowledged_at as "acknowledgedAt", d.reminded_step as "remindedStep", fu.name as "forUnitName"
       from notice_deliveries d join notices n on n.id = d.notice_id join units iu on iu.id = n.unit_id join units fu on fu.id = d.unit_id
      where d.user_id = $1 and ($2::boolean is false or d.read_at is null or (n.is_ack_required and d.acknowledged_at is null))
      order by d.created_at desc, d.id desc limit $3`,
    [userId, opts.isUnreadOnly ?? false, opts.limit ?? 100],
  );
  const c = await q.query<{ unread: number }>(
    `select count(*)::int as unread from notice_deliveries d join notices n on n.id = d.notice_id
      where d.user_id = $1 and n.status = 'sent' and (d.read_at is null or (n.is_ack_required and d.acknowledged_at is null))`,
    [userId],
  );
  return {
    unread: c.rows[0].unread,
    items: r.rows.map((x) => ({ ...x, noticeId: Number(x.noticeId), sentAt: iso(x.sentAt), readAt: iso(x.readAt), acknowledgedAt: iso(x.acknowledgedAt) })) as ReceivedItem[],
  };
}

/** One received notice as its recipient sees it; 404 for anybody it was not sent to. */
export async function getReceived(q: Queryable, userId: number, noticeId: number) {
  const r = await q.query(
    `select n.id, n.kind, n.title, n.body_html as "bodyHtml", n.attachments, n.status, n.is_public as "isPublic", n.is_ack_required as "isAckRequired",
            iu.name as "unitName", n.sent_at as "sentAt", n.withdrawn_at as "withdrawnAt", n.withdraw_note as "withdrawNote", n.revision,
            (select x.id from notices x where x.supersedes_id = n.id and x.status = 'sent' limit 1) as "supersededById",
            d.read_at as "readAt", d.acknowledged_at as "acknowledgedAt", d.reminded_step as "remindedStep", fu.name as "forUnitName"
       from notice_deliveries d join notices n on n.id = d.notice_id join units iu on iu.id = n.unit_id join units fu on fu.id = d.unit_id
      where d.user_id = $1 and d.notice_id = $2`,
    [userId, noticeId],
  );
  const x = r.rows[0];
  if (!x) throw new AppError('notice.not_found', 404, 'notice.not_found');
  return {
    id: Number(x.id),
    kind: x.kind as NoticeKind,
    title: x.title as string,
    bodyHtml: x.bodyHtml as string,
    attachments: (x.attachments ?? []) as { name: string; url: string }[],
    status: x.status as NoticeStatus,
    isPublic: x.isPublic as boolean,
    isAckRequired: x.isAckRequired as boolean,
    unitName: x.unitName as string,
    forUnitName: x.forUnitName as string,
    revision: x.revision as number,
    sentAt: iso(x.sentAt),
    withdrawnAt: iso(x.withdrawnAt),
    withdrawNote: (x.withdrawNote ?? null) as string | null,
    supersededById: x.supersededById == null ? null : Number(x.supersededById),
    readAt: iso(x.readAt),
    acknowledgedAt: iso(x.acknowledgedAt),
    remindedStep: x.remindedStep as number,
  };
}
export type ReceivedNotice = Awaited<ReturnType<typeof getReceived>>;

/** Records that the person read the notice — once: a second opening changes nothing. Returns whether it was the first. */
export async function markRead(actor: Actor & { userId: number }, noticeId: number, via: 'app' | 'email' = 'app'): Promise<boolean> {
  return withTransaction(async (tx) => {
    const r = await tx.query<{ unitId: number }>(
      `update notice_deliveries set read_at = $3, read_via = $4 where notice_id = $1 and user_id = $2 and read_at is null returning unit_id as "unitId"`,
      [noticeId, actor.userId, now(), via],
    );
    if (!r.rowCount) {
      const exists = await tx.query('select 1 from notice_deliveries where notice_id = $1 and user_id = $2', [noticeId, actor.userId]);
      if (!exists.rowCount) throw new AppError('notice.not_found', 404, 'notice.not_found');
      return false;
    }
    await recordAudit(tx, actor, { action: 'notice.read', entity: 'notice', entityId: noticeId, unitId: Number(r.rows[0].unitId), after: { via } });
    return true;
  });
}

/** The e-mailed link: its token names one delivery; opening it records the read for that person. */
export async function readByToken(token: string): Promise<{ noticeId: number } | null> {
  if (!/^[0-9a-f]{64}$/.test(token)) return null;
  const r = await withTransaction(async (tx) => {
    const d = await tx.query<{ noticeId: number; userId: number; unitId: number; readAt: Date | null }>(
      `select notice_id as "noticeId", user_id as "userId", unit_id as "unitId", read_at as "readAt" from notice_deliveries where read_token = $1 for update`,
      [token],
    );
    const row = d.rows[0];
    if (!row) return null;
    if (!row.readAt) {
      await tx.query(`update notice_deliveries set read_at = $2, read_via = 'email' where read_token = $1 and read_at is null`, [token, now()]);
      await recordAudit(tx, { userId: Number(row.userId) }, { action: 'notice.read', entity: 'notice', entityId: Number(row.noticeId), unitId: Number(row.unitId), after: { via: 'email' } });
    }
    return { noticeId: Number(row.noticeId) };
  });
  return r;
}

/** Acknowledges a notice that asks for it (instructions); also counts as read. Once. */
export async function acknowledge(actor: Actor & { userId: number }, noticeId: number): Promise<boolean> {
  return withTransaction(async (tx) => {
    const d = await tx.query<{ isAckRequired: boolean; acknowledgedAt: Date | null; unitId: number; status: NoticeStatus }>(
      `select n.is_ack_required as "isAckRequired", d.acknowledged_at as "acknowledgedAt", d.unit_id as "unitId", n.status
         from notice_deliveries d join notices n on n.id = d.notice_id where d.notice_id = $1 and d.user_id = $2 for update of d`,
      [noticeId, actor.userId],
    );
    const row = d.rows[0];
    if (!row) throw new AppError('notice.not_found', 404, 'notice.not_found');
    if (!row.isAckRequired) throw new AppError('notice.ack_not_required', 409, 'notice.ack_not_required');
    if (row.status !== 'sent') throw new AppError('notice.bad_state', 409, 'notice.bad_state', { status: row.status });
    if (row.acknowledgedAt) return false;
    const at = now();
    await tx.query(
      `update notice_deliveries set acknowledged_at = $3, read_at = coalesce(read_at, $3), read_via = coalesce(read_via, 'app') where notice_id = $1 and user_id = $2`,
      [noticeId, actor.userId, at],
    );
    await recordAudit(tx, actor, { action: 'notice.acknowledge', entity: 'notice', entityId: noticeId, unitId: Number(row.unitId) });
    return true;
  });
}

type Counts = { recipients: number; read: number; acked: number };
export type ReceiptUnit = {
  unitId: number; name: string; type: string; parentId: number | null; depth: number; isRecipient: boolean;
  own: Counts; total: Counts & { units: number; unitsAllRead: number };
};
export type ReceiptPerson = {
  userId: number; name: string; email: string; unitId: number; unitName: string; roles: string[];
  readAt: string | null; readVia: string | null; acknowledgedAt: string | null; remindedStep: number; emailedAt: string | null; zaloStatus: string | null;
};

/**
 * Who has read and who has not: per person, per receiving unit, and rolled up the
 * tree — every unit between the issuing unit and a receiving unit gets the totals
 * of its subtree (a commune shows its schools' figures even when the commune office
 * itself was not an addressee).
 */
export async function getReceipts(q: Queryable, noticeId: number) {
  const n = await q.query<{ unitId: number; path: string }>(
    'select n.unit_id as "unitId", u.path::text as path from notices n join units u on u.id = n.unit_id where n.id = $1',
    [noticeId],
  );
  if (!n.rowCount) throw new AppError('notice.not_found', 404, 'notice.not_found');
  const issuerDepth = n.rows[0].path.split('.').length;
  const own = await q.query<{ unitId: number; path: string; recipients: number; read: number; acked: number }>(
    `select nu.unit_id as "unitId", nu.unit_path::text as path, count(d.id)::int as recipients,
            count(d.read_at)::int as read, count(d.acknowledged_at)::int as acked
       from notice_units nu left join notice_deliveries d on d.notice_id = nu.notice_id and d.unit_id = nu.unit_id
      where nu.notice_id = $1 group by nu.unit_id, nu.unit_path`,
    [noticeId],
  );
  const units = new Map<number, ReceiptUnit>();
  const zero = (): Counts => ({ recipients: 0, read: 0, acked: 0 });
  const ensure = (id: number, depth: number) => {
    let u = units.get(id);
    if (!u) {
      u = { unitId: id, name: '', type: '', parentId: null, depth, isRecipient: false, own: zero(), total: { ...zero(), units: 0, unitsAllRead: 0 } };
      units.set(id, u);
    }
    return u;
  };
  for (const row of own.rows) {
    const labels = row.path.split('.').map(Number);
    const self = ensure(Number(row.unitId), labels.length - issuerDepth);
    self.isRecipient = true;
    self.own = { recipients: row.recipients, read: row.read, acked: row.acked };
    const isAllRead = row.recipients > 0 && row.read === row.recipients;
    for (let i = issuerDepth; i < labels.length; i++) {
      const a = ensure(labels[i], i + 1 - issuerDepth);
      a.total.recipients += row.recipients;
      a.total.read += row.read;
      a.total.acked += row.acked;
      a.total.units += 1;
      if (isAllRead) a.total.unitsAllRead += 1;
    }
  }
  if (units.size) {
    const names = await q.query<{ id: number; name: string; type: string; parentId: number | null }>(
      'select id, name, type, parent_id as "parentId" from units where id = any($1::bigint[])',
      [[...units.keys()]],
    );
    for (const x of names.rows) {
      const u = units.get(Number(x.id));
      if (u) Object.assign(u, { name: x.name, type: x.type, parentId: x.parentId == null ? null : Number(x.parentId) });
    }
  }
  const people = await q.query(
    `select d.user_id as "userId", us.name, us.email, d.unit_id as "unitId", u.name as "unitName", d.roles, d.read_at as "readAt", d.read_via as "readVia",
            d.acknowledged_at as "acknowledgedAt", d.reminded_step as "remindedStep", d.emailed_at as "emailedAt", d.zalo_status as "zaloStatus"
       from notice_deliveries d join users us on us.id = d.user_id join units u on u.id = d.unit_id
      where d.notice_id = $1 order by (d.read_at is not null), u.name, us.name limit 5000`,
    [noticeId],
  );
  const totals = [...units.values()].filter((u) => u.depth === 1).reduce(
    (acc, u) => ({ recipients: acc.recipients + u.total.recipients, read: acc.read + u.total.read, acked: acc.acked + u.total.acked, units: acc.units + u.total.units, unitsAllRead: acc.unitsAllRead + u.total.unitsAllRead }),
    { recipients: 0, read: 0, acked: 0, units: 0, unitsAllRead: 0 },
  );
  return {
    totals,
    units: [...units.values()].sort((a, b) => a.depth - b.depth || a.name.localeCompare(b.name, 'vi')),
    people: people.rows.map((x) => ({
      ...x,
      userId: Number(x.userId),
      unitId: Number(x.unitId),
      readAt: iso(x.readAt),
      acknowledgedAt: iso(x.acknowledgedAt),
      emailedAt: iso(x.emailedAt),
    })) as ReceiptPerson[],
  };
}
export type Receipts = Awaited<ReturnType<typeof getReceipts>>;

/** The caller's own Zalo user id (as their unit's OA knows them), or null. */
export async function getZaloId(q: Queryable, userId: number): Promise<string | null> {
  const r = await q.query<{ id: string }>('select zalo_user_id as id from notice_zalo_ids where user_id = $1', [userId]);
  return r.rows[0]?.id ?? null;
}

/** Set or clear (null) the caller's Zalo user id for OA messages; audited. */
export async function setZaloId(actor: Actor & { userId: number }, zaloUserId: string | null): Promise<string | null> {
  return withTransaction(async (tx) => {
    const before = await getZaloId(tx, actor.userId);
    if (zaloUserId === null) await tx.query('delete from notice_zalo_ids where user_id = $1', [actor.userId]);
    else
      await tx.query(
        `insert into notice_zalo_ids (user_id, zalo_user_id, updated_at) values ($1, $2, $3)
         on conflict (user_id) do update set zalo_user_id = excluded.zalo_user_id, updated_at = excluded.updated_at`,
        [actor.userId, zaloUserId, now()],
      );
    await recordAudit(tx, actor, { action: 'notice.zalo_id', entity: 'user', entityId: actor.userId, before: { zaloUserId: before }, after: { zaloUserId } });
    return zaloUserId;
  });
}
