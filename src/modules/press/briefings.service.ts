import { now } from '../../platform/clock';
import { type Queryable, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { enqueue } from '../../platform/jobs';
import { type Actor, recordAudit } from '../audit';
import { sendMailJob } from '../identity';
import { iso } from './common';

/**
 * Briefing invitations and attendance (issue 7): outlets — and, optionally, a
 * named journalist of each — are invited to a briefing or press conference of
 * the unit (outlets of the unit or of a unit above it); journalists with an
 * e-mail get an invitation (mail.send queued in the same transaction). Once the
 * briefing has started, who came is recorded per invitee. Inviting keeps
 * `press_briefings.outlet_ids` in step with the invitation list.
 */
export type Invitee = {
  id: number; outletId: number; outletName: string; journalistId: number | null; journalistName: string | null; email: string | null;
  invitedAt: string; attended: boolean | null; note: string | null;
};

export async function listInvitees(q: Queryable, briefingId: number): Promise<{ items: Invitee[]; invited: number; attended: number; absent: number }> {
  const r = await q.query(
    `select i.id, i.outlet_id as "outletId", o.name as "outletName", i.journalist_id as "journalistId", j.name as "journalistName", j.email,
            i.invited_at as "invitedAt", i.attended, i.note
       from press_briefing_invitees i join press_outlets o on o.id = i.outlet_id left join press_journalists j on j.id = i.journalist_id
      where i.briefing_id = $1 order by o.name, j.name nulls first, i.id`,
    [briefingId],
  );
  const items: Invitee[] = r.rows.map((x) => ({
    ...x, id: Number(x.id), outletId: Number(x.outletId), journalistId: x.journalistId == null ? null : Number(x.journalistId), invitedAt: iso(x.invitedAt) as string,
  }));
  return { items, invited: items.length, attended: items.filter((x) => x.attended === true).length, absent: items.filter((x) => x.attended === false).length };
}

async function lockBriefing(tx: Queryable, id: number) {
  const r = await tx.query<{ unitId: number; status: string; title: string; kind: string; startsAt: Date; place: string | null; unitName: string }>(
    `select b.unit_id as "unitId", b.status, b.title, b.kind, b.starts_at as "startsAt", b.place, u.name as "unitName"
       from press_briefings b join units u on u.id = b.unit_id where b.id = $1 for update of b`,
    [id],
  );
  if (!r.rowCount) throw new AppError('press.not_found', 404, 'press.not_found');
  return { ...r.rows[0], unitId: Number(r.rows[0].unitId) };
}

async function syncOutletIds(tx: Queryable, briefingId: number, at: Date) {
  await tx.query(
    `update press_briefings set outlet_ids = coalesce((select array_agg(distinct outlet_id order by outlet_id) from press_briefing_invitees where briefing_id = $1), '{}'), updated_at = $2 where id = $1`,
    [briefingId, at],
  );
}

export async function inviteToBriefing(
  actor: Actor,
  briefingId: number,
  input: { invites: { outletId: number; journalistId?: number | null }[]; sendMail?: boolean },
): Promise<{ added: number; mailed: number; invitees: Awaited<ReturnType<typeof listInvitees>> }> {
  return withTransaction(async (tx) => {
    const b = await lockBriefing(tx, briefingId);
    if (b.status === 'cancelled') throw new AppError('press.briefing_cancelled', 409, 'press.briefing_cancelled');
    const at = now();
    let added = 0;
    let mailed = 0;
    for (const inv of input.invites) {
      const ok = await tx.query<{ email: string | null; name: string | null; outletName: string }>(
        `select o.name as "outletName", j.email, j.name from press_outlets o join units ou on ou.id = o.unit_id join units bu on bu.id = $3
           left join press_journalists j on j.id = $2::bigint and j.outlet_id = o.id
          where o.id = $1 and bu.path <@ ou.path and ($2::bigint is null or j.id is not null)`,
        [inv.outletId, inv.journalistId ?? null, b.unitId],
      );
      if (!ok.rowCount) throw new AppError('press.bad_invitee', 400, 'press.bad_invitee');
      const ins = await tx.query(
        `insert into press_briefing_invitees (briefing_id, outlet_id, journalist_id, invited_at) values ($1,$2,$3,$4) on conflict do nothing returning id`,
        [briefingId, inv.outletId, inv.journalistId ?? null, at],
      );
      if (!ins.rowCount) continue;
      added++;
      const j = ok.rows[0];
      if (input.sendMail !== false && j.email && j.email.includes('@')) {
        const kind = t(b.kind === 'conference' ? 'press.invite_kind_conference' : 'press.invite_kind_briefing');
        await enqueue(sendMailJob, {
          to: j.email,
          subject: t('press.invite_subject', { kind, unit: b.unitName, title: b.title }),
          text: t('press.invite_body', {
            name: j.name ?? '', kind: kind.toLowerCase(), unit: b.unitName, title: b.title, place: b.place ?? '—',
            when: new Date(b.startsAt).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }),
          }),
        }, { tx });
        mailed++;
      }
    }
    await syncOutletIds(tx, briefingId, at);
    await recordAudit(tx, actor, { action: 'press_briefing.invite', entity: 'press_briefing', entityId: briefingId, unitId: b.unitId, after: { invites: input.invites, added, mailed } });
    return { added, mailed, invitees: await listInvitees(tx, briefingId) };
  });
}

export async function uninviteFromBriefing(actor: Actor, briefingId: number, inviteeId: number) {
  return withTransaction(async (tx) => {
    const b = await lockBriefing(tx, briefingId);
    const r = await tx.query('delete from press_briefing_invitees where id = $1 and briefing_id = $2 returning outlet_id as "outletId", journalist_id as "journalistId"', [inviteeId, briefingId]);
    if (!r.rowCount) throw new AppError('press.not_found', 404, 'press.not_found');
    await syncOutletIds(tx, briefingId, now());
    await recordAudit(tx, actor, { action: 'press_briefing.uninvite', entity: 'press_briefing', entityId: briefingId, unitId: b.unitId, before: r.rows[0] });
    return listInvitees(tx, briefingId);
  });
}

/** Who came: only once the briefing has started, never for a cancelled one. */
export async function recordAttendance(actor: Actor, briefingId: number, entries: { inviteeId: number; attended: boolean | null; note?: string | null }[]) {
  return withTransaction(async (tx) => {
    const b = await lockBriefing(tx, briefingId);
    if (b.status === 'cancelled') throw new AppError('press.briefing_cancelled', 409, 'press.briefing_cancelled');
    if (new Date(b.startsAt).getTime() > now().getTime()) throw new AppError('press.briefing_not_started', 409, 'press.briefing_not_started');
    for (const e of entries) {
      const r = await tx.query('update press_briefing_invitees set attended = $3, note = $4 where id = $1 and briefing_id = $2', [e.inviteeId, briefingId, e.attended, (e.note ?? '').trim() || null]);
      if (!r.rowCount) throw new AppError('press.not_found', 404, 'press.not_found');
    }
    const after = await listInvitees(tx, briefingId);
    await recordAudit(tx, actor, { action: 'press_briefing.attendance', entity: 'press_briefing', entityId: briefingId, unitId: b.unitId, after: { attended: after.attended, absent: after.absent, entries } });
    return after;
  });
}
