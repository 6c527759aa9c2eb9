import { now } from '../../platform/clock';
import { config } from '../../platform/config';
import { type Queryable, db, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { enqueue } from '../../platform/jobs';
import { type Actor, recordAudit } from '../audit';
import { sendMailJob } from '../identity';
import { checkFormToken, ipHash, linkCount } from '../sitecontent';
import { addIncidentTimeline, checkIncident, iso, pressAssignees, registerOf, requireRegister } from './common';

/**
 * Press questions (câu hỏi của báo chí). Received on the portal's public form,
 * or recorded by an operator from an e-mail or a phone call, then:
 *
 *   received ─assign─▶ assigned ─draft─▶ drafted ─approve─▶ approved ─answer─▶ answered
 *       └────────────────── decline (reason) ──────────────────────┘ ▶ declined
 *
 * Drafting again is possible from assigned, drafted or approved (back to drafted).
 * Approving, answering and declining are for the unit's spokesperson register
 * (its spokespersons, or a leader of it or above) and never approve one's own draft.
 * Deadlines: one reminder when the deadline is within 24 h, one when it has passed.
 */
export const questionStatuses = ['received', 'assigned', 'drafted', 'approved', 'answered', 'declined'] as const;
export type QuestionStatus = (typeof questionStatuses)[number];
export const questionChannels = ['form', 'email', 'phone'] as const;
export type QuestionChannel = (typeof questionChannels)[number];

export const PRESS_FORM_PER_HOUR = 5;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/;
const PHONE = /^\+?[0-9 .()-]{8,20}$/;

export type QuestionInput = {
  unitId: number;
  channel: QuestionChannel;
  outletId?: number | null;
  journalistId?: number | null;
  outletName?: string | null;
  journalistName: string;
  email?: string | null;
  phone?: string | null;
  subject: string;
  question: string;
  deadlineAt?: string | null;
  issueIds?: number[];
  incidentId?: number | null;
};

const columns = `q.id, q.unit_id as "unitId", u.name as "unitName", q.channel, q.outlet_id as "outletId", coalesce(o.name, q.outlet_name) as "outletName",
  q.journalist_id as "journalistId", q.journalist_name as "journalistName", q.email, q.phone, q.subject, q.question, q.deadline_at as "deadlineAt",
  q.status, q.assigned_to as "assignedTo", au.name as "assignedToName", q.draft_answer as "draftAnswer", q.drafted_by as "draftedBy",
  q.approved_by as "approvedBy", ap.name as "approvedByName", q.approved_at as "approvedAt", q.answer, q.answered_by as "answeredBy",
  q.answered_at as "answeredAt", q.decline_reason as "declineReason", q.incident_id as "incidentId", q.created_at as "createdAt", q.updated_at as "updatedAt"`;
const from = `from press_questions q join units u on u.id = q.unit_id left join press_outlets o on o.id = q.outlet_id
  left join users au on au.id = q.assigned_to left join users ap on ap.id = q.approved_by`;

function present(r: Record<string, any>, at: Date) {
  const open = !['answered', 'declined'].includes(r.status);
  const deadline = r.deadlineAt ? new Date(r.deadlineAt) : null;
  return {
    ...r,
    id: Number(r.id),
    unitId: Number(r.unitId),
    outletId: r.outletId == null ? null : Number(r.outletId),
    journalistId: r.journalistId == null ? null : Number(r.journalistId),
    assignedTo: r.assignedTo == null ? null : Number(r.assignedTo),
    draftedBy: r.draftedBy == null ? null : Number(r.draftedBy),
    approvedBy: r.approvedBy == null ? null : Number(r.approvedBy),
    answeredBy: r.answeredBy == null ? null : Number(r.answeredBy),
    incidentId: r.incidentId == null ? null : Number(r.incidentId),
    status: r.status as QuestionStatus,
    channel: r.channel as QuestionChannel,
    deadlineAt: iso(r.deadlineAt),
    approvedAt: iso(r.approvedAt),
    answeredAt: iso(r.answeredAt),
    createdAt: iso(r.createdAt) as string,
    updatedAt: iso(r.updatedAt) as string,
    isOverdue: open && deadline != null && deadline.getTime() < at.getTime(),
  };
}

export async function getQuestion(q: Queryable, id: number) {
  const r = await q.query(`select ${columns} ${from} where q.id = $1`, [id]);
  if (!r.rowCount) throw new AppError('press.not_found', 404, 'press.not_found');
  const issues = await q.query<{ id: number; topic: string }>(
    'select i.id, i.topic from press_question_issues qi join press_issues i on i.id = qi.issue_id where qi.question_id = $1 order by i.topic',
    [id],
  );
  return { ...present(r.rows[0], now()), issues: issues.rows.map((x) => ({ id: Number(x.id), topic: x.topic })) };
}
export type PressQuestion = Awaited<ReturnType<typeof getQuestion>>;

export async function listQuestions(
  q: Queryable,
  opts: { unitPath: string; ownUnitIds?: number[] | null; status?: QuestionStatus; isOpen?: boolean; limit: number; offset: number },
) {
  const params: unknown[] = [opts.unitPath, opts.limit, opts.offset];
  const where = ['u.path <@ $1::ltree'];
  if (opts.ownUnitIds) where.push(`q.unit_id = any($${params.push(opts.ownUnitIds)}::bigint[])`);
  if (opts.status) where.push(`q.status = $${params.push(opts.status)}`);
  if (opts.isOpen) where.push(`q.status not in ('answered','declined')`);
  const r = await q.query(
    `select ${columns}, count(*) over ()::int as total ${from} where ${where.join(' and ')}
      order by (q.status in ('answered','declined')), q.deadline_at nulls last, q.created_at desc limit $2 offset $3`,
    params,
  );
  const at = now();
  return { total: r.rows[0]?.total ?? 0, items: r.rows.map(({ total: _t, ...x }) => present(x, at)) };
}

function clean(input: QuestionInput) {
  const journalistName = (input.journalistName ?? '').trim();
  const email = (input.email ?? '').trim() || null;
  const phone = (input.phone ?? '').trim() || null;
  const subject = (input.subject ?? '').trim();
  const question = (input.question ?? '').replace(/\r\n/g, '\n').trim();
  if (!journalistName) throw new AppError('press.name_required', 400, 'press.name_required');
  if (input.channel === 'form' && !email && !phone) throw new AppError('press.reach_required', 400, 'press.reach_required');
  if (email && !EMAIL.test(email)) throw new AppError('press.bad_email', 400, 'press.bad_email');
  if (phone && !PHONE.test(phone)) throw new AppError('press.bad_phone', 400, 'press.bad_phone');
  if (!subject) throw new AppError('press.subject_required', 400, 'press.subject_required');
  if (question.length < 10) throw new AppError('press.question_short', 400, 'press.question_short');
  if (journalistName.length > 120 || subject.length > 200 || question.length > 8000 || (input.outletName ?? '').length > 200) {
    throw new AppError('press.too_long', 400, 'press.too_long');
  }
  let deadlineAt: Date | null = null;
  if (input.deadlineAt) {
    deadlineAt = new Date(/^\d{4}-\d{2}-\d{2}$/.test(input.deadlineAt) ? `${input.deadlineAt}T17:00:00+07:00` : input.deadlineAt);
    if (Number.isNaN(deadlineAt.getTime())) throw new AppError('press.bad_deadline', 400, 'press.bad_deadline');
  }
  return { journalistName, email, phone, subject, question, deadlineAt, outletName: (input.outletName ?? '').trim() || null };
}

export async function insertQuestion(tx: Queryable, actor: Actor, input: QuestionInput, ipHashValue: string | null) {
  const f = clean(input);
  await checkIncident(tx, input.incidentId, input.unitId);
  if (input.outletId != null) {
    const ok = await tx.query('select 1 from press_outlets where id = $1 and unit_id = $2', [input.outletId, input.unitId]);
    if (!ok.rowCount) throw new AppError('press.bad_outlet', 400, 'press.bad_outlet');
  }
  const at = now();
  const r = await tx.query<{ id: number }>(
    `insert into press_questions (unit_id, channel, outlet_id, journalist_id, outlet_name, journalist_name, email, phone, subject, question, deadline_at,
                                  incident_id, ip_hash, created_by, created_at, updated_at)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$15) returning id`,
    [input.unitId, input.channel, input.outletId ?? null, input.journalistId ?? null, f.outletName, f.journalistName, f.email, f.phone, f.subject, f.question,
      f.deadlineAt, input.incidentId ?? null, ipHashValue, actor.userId, at],
  );
  const id = Number(r.rows[0].id);
  if (input.issueIds?.length) {
    await tx.query(
      `insert into press_question_issues (question_id, issue_id) select $1, i.id from press_issues i where i.id = any($2::bigint[]) on conflict do nothing`,
      [id, input.issueIds],
    );
  }
  await recordAudit(tx, actor, { action: 'press_question.receive', entity: 'press_question', entityId: id, unitId: input.unitId, after: { channel: input.channel, subject: f.subject } });
  return id;
}

/** An operator records a question received by e-mail or phone (or types in a form one). */
export async function recordQuestion(actor: Actor, input: QuestionInput): Promise<PressQuestion> {
  return withTransaction(async (tx) => getQuestion(tx, await insertQuestion(tx, actor, input, null)));
}

/** Units that take questions on the public form: active units with at least one spokesperson. */
export async function unitsTakingQuestions(q: Queryable): Promise<{ id: number; name: string }[]> {
  const r = await q.query(
    `select distinct u.id, u.name, u.path from units u join role_assignments ra on ra.unit_id = u.id and ra.role = 'spokesperson'
      join users us on us.id = ra.user_id and us.is_active where u.status = 'active' order by u.path limit 300`,
  );
  return r.rows.map((x) => ({ id: Number(x.id), name: x.name }));
}

/**
 * The portal's public form. Same rules as a site's contact form: honeypot empty,
 * the signed timing token (3 s – 2 h, bound to the unit), at most
 * PRESS_FORM_PER_HOUR attempts per IP per hour (counted in PostgreSQL, refusals
 * too), at most 2 links; then the fields.
 */
export async function submitPressQuestion(ip: string | null, input: Omit<QuestionInput, 'channel'> & { website?: string | null; token: string }): Promise<{ id: number }> {
  const hash = await ipHash(db(), ip);
  if (input.website && input.website.trim()) throw new AppError('contact.honeypot', 400, 'contact.honeypot');
  const unit = await db().query(`select 1 from units where id = $1 and status = 'active'`, [input.unitId]);
  if (!unit.rowCount) throw new AppError('press.bad_unit', 400, 'press.bad_unit');
  await checkFormToken(db(), input.unitId, input.token);
  const at = now();
  const hits = await db().query<{ n: number }>(
    `with ins as (insert into site_form_hits (ip_hash, kind, at) values ($1, 'press', $2))
     select count(*)::int as n from site_form_hits where ip_hash = $1 and kind = 'press' and at > $2::timestamptz - interval '1 hour'`,
    [hash, at],
  );
  if (hits.rows[0].n + 1 > PRESS_FORM_PER_HOUR) throw new AppError('contact.rate_limited', 429, 'contact.rate_limited');
  if (linkCount(`${input.subject} ${input.question}`) > 2) throw new AppError('contact.too_many_links', 400, 'contact.too_many_links', { max: 2 });
  return withTransaction(async (tx) => ({ id: await insertQuestion(tx, { userId: null, ip: null }, { ...input, channel: 'form', outletId: null, journalistId: null, incidentId: null, issueIds: [] }, hash) }));
}

export type QuestionMove =
  | { action: 'assign'; assignedTo: number }
  | { action: 'draft'; draftAnswer: string }
  | { action: 'approve' }
  | { action: 'answer'; answer?: string }
  | { action: 'decline'; reason: string }
  | { action: 'link'; issueIds?: number[]; incidentId?: number | null };

const allowedFrom: Record<QuestionMove['action'], QuestionStatus[]> = {
  assign: ['received', 'assigned', 'drafted'],
  draft: ['assigned', 'drafted', 'approved'],
  approve: ['drafted'],
  answer: ['approved'],
  decline: ['received', 'assigned', 'drafted', 'approved'],
  link: ['received', 'assigned', 'drafted', 'approved', 'answered', 'declined'],
};

/** A workflow step; the rules that do not depend on roles are checked here, and the register rule too. */
export async function moveQuestion(actor: Actor, id: number, move: QuestionMove): Promise<PressQuestion> {
  return withTransaction(async (tx) => {
    const r = await tx.query('select id, unit_id as "unitId", status, drafted_by as "draftedBy", draft_answer as "draftAnswer", incident_id as "incidentId", subject from press_questions where id = $1 for update', [id]);
    if (!r.rowCount) throw new AppError('press.not_found', 404, 'press.not_found');
    const row = r.rows[0] as { unitId: number; status: QuestionStatus; draftedBy: number | null; draftAnswer: string | null; incidentId: number | null; subject: string };
    const unitId = Number(row.unitId);
    if (!allowedFrom[move.action].includes(row.status)) throw new AppError('press.bad_state', 409, 'press.bad_state', { status: row.status });
    const at = now();
    let incidentLinked: number | null = null;
    switch (move.action) {
      case 'assign':
        if (!(await pressAssignees(tx, unitId)).some((p) => p.id === move.assignedTo)) throw new AppError('press.bad_assignee', 400, 'press.bad_assignee');
        await tx.query(`update press_questions set assigned_to = $2, status = case when status = 'received' then 'assigned' else status end, updated_at = $3 where id = $1`, [id, move.assignedTo, at]);
        break;
      case 'draft': {
        const text = move.draftAnswer.trim();
        if (text.length < 2) throw new AppError('press.answer_required', 400, 'press.answer_required');
        await tx.query(`update press_questions set draft_answer = $2, drafted_by = $3, status = 'drafted', approved_by = null, approved_at = null, updated_at = $4 where id = $1`, [id, text, actor.userId, at]);
        break;
      }
      case 'approve':
        await requireRegister(tx, actor.userId, unitId);
        if (row.draftedBy != null && Number(row.draftedBy) === actor.userId) throw new AppError('press.self_approval', 403, 'press.self_approval');
        await tx.query(`update press_questions set status = 'approved', approved_by = $2, approved_at = $3, updated_at = $3 where id = $1`, [id, actor.userId, at]);
        break;
      case 'answer': {
        await requireRegister(tx, actor.userId, unitId);
        const answer = (move.answer ?? '').trim() || row.draftAnswer;
        if (!answer) throw new AppError('press.answer_required', 400, 'press.answer_required');
        await tx.query(`update press_questions set status = 'answered', answer = $2, answered_by = $3, answered_at = $4, updated_at = $4 where id = $1`, [id, answer, actor.userId, at]);
        incidentLinked = row.incidentId == null ? null : Number(row.incidentId);
        break;
      }
      case 'decline': {
        await requireRegister(tx, actor.userId, unitId);
        const reason = move.reason.trim();
        if (!reason) throw new AppError('press.reason_required', 400, 'press.reason_required');
        await tx.query(`update press_questions set status = 'declined', decline_reason = $2, answered_by = $3, answered_at = $4, updated_at = $4 where id = $1`, [id, reason, actor.userId, at]);
        break;
      }
      case 'link':
        if (move.issueIds) {
          await tx.query('delete from press_question_issues where question_id = $1', [id]);
          await tx.query(
            `insert into press_question_issues (question_id, issue_id) select $1, i.id from press_issues i where i.id = any($2::bigint[]) on conflict do nothing`,
            [id, move.issueIds],
          );
        }
        if (move.incidentId !== undefined) {
          await checkIncident(tx, move.incidentId, unitId);
          await tx.query('update press_questions set incident_id = $2, updated_at = $3 where id = $1', [id, move.incidentId, at]);
          if (move.incidentId != null && row.status === 'answered') incidentLinked = move.incidentId;
        }
        break;
    }
    if (incidentLinked != null) {
      await addIncidentTimeline(tx, incidentLinked, { kind: 'press', title: t('press.timeline_answer', { subject: row.subject }), refTable: 'press_questions', refId: id, actorId: actor.userId });
    }
    const after = await getQuestion(tx, id);
    await recordAudit(tx, actor, {
      action: `press_question.${move.action}`, entity: 'press_question', entityId: id, unitId,
      before: { status: row.status }, after: { status: after.status, ...(move.action === 'assign' ? { assignedTo: move.assignedTo } : {}), ...(move.action === 'decline' ? { reason: move.reason } : {}) },
    });
    return after;
  });
}

/**
 * Reminder sweep (idempotent: each question gets at most one "due soon" and one
 * "overdue" mail, marked in the same transaction as the mail's outbox row).
 * The assignee is told, or the unit's register when nobody is assigned.
 */
export async function remindQuestionDeadlines(limit = 200): Promise<{ soon: number; late: number }> {
  return withTransaction(async (tx) => {
    const at = now();
    const rows = await tx.query(
      `select q.id, q.unit_id as "unitId", u.name as "unitName", q.subject, q.deadline_at as "deadlineAt", q.assigned_to as "assignedTo",
              (q.deadline_at < $1) as "isLate", q.reminded_soon_at as "soonAt", q.reminded_late_at as "lateAt"
         from press_questions q join units u on u.id = q.unit_id
        where q.status not in ('answered','declined') and q.deadline_at is not null
          and ((q.deadline_at < $1 and q.reminded_late_at is null) or (q.deadline_at >= $1 and q.deadline_at < $1::timestamptz + interval '24 hours' and q.reminded_soon_at is null))
        order by q.deadline_at limit $2 for update of q skip locked`,
      [at, limit],
    );
    let soon = 0;
    let late = 0;
    for (const q of rows.rows) {
      let to: { email: string; name: string }[] = [];
      if (q.assignedTo) to = (await tx.query('select email, name from users where id = $1 and is_active', [q.assignedTo])).rows;
      if (!to.length) to = await registerOf(tx, Number(q.unitId));
      const link = `${config().publicUrl}/admin/bao-chi/cau-hoi/${q.id}`;
      const key = q.isLate ? 'press.remind_late' : 'press.remind_soon';
      for (const p of to) {
        await enqueue(
          sendMailJob,
          { to: p.email, subject: t(`${key}_subject`, { subject: String(q.subject).slice(0, 120) }), text: t(`${key}_body`, { name: p.name, unit: q.unitName, subject: q.subject, due: new Date(q.deadlineAt).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }), link }) },
          { tx },
        );
      }
      if (q.isLate) {
        await tx.query('update press_questions set reminded_late_at = $2, reminded_soon_at = coalesce(reminded_soon_at, $2) where id = $1', [q.id, at]);
        late++;
      } else {
        await tx.query('update press_questions set reminded_soon_at = $2 where id = $1', [q.id, at]);
        soon++;
      }
    }
    return { soon, late };
  });
}
