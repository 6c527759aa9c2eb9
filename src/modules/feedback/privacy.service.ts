import { createHash, randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { now } from '../../platform/clock';
import { config } from '../../platform/config';
import { type Queryable, db, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { enqueue } from '../../platform/jobs';
import { type Actor, recordAudit, systemActor } from '../audit';
import { sendMailJob } from '../identity';
import { maskTextOfIncident } from '../incidents';
import { maskTextOfMonitorItem } from '../monitoring';
import { feedbackRetrainJob } from './analysis/analysis.jobs';
import { addWorkingDays, listHolidays } from '../plans';
import { checkFormToken, ipHash, vnDay } from '../sitecontent';
import { SUBJECT_REQUEST_WORKING_DAYS, cleanContact, iso, maskPersonalData, stanceLabel } from './common';
import { countFeedbackAttempt } from './items.service';

/**
 * Data-subject requests under the Personal Data Protection Law: a person asks for a
 * copy of, or the deletion of, what they sent. The
 * request is due SUBJECT_REQUEST_WORKING_DAYS working days after receipt, counted
 * on the Vietnam calendar against the holiday calendar (plans module). Deletion
 * erases the contact rows and anonymises the items (hashes cleared, e-mails and
 * phone numbers in the text masked); the comment text itself stays, unlinked.
 *
 * Identity: nothing is exported or erased for an unverified requester. A request
 * registered by staff is verified by staff; one from the portal is verified when the
 * requester opens the one-time link e-mailed to the address given (only its SHA-256
 * is stored, valid VERIFY_DAYS), or when staff record how they verified identity in
 * person or by phone (`identityVerified`, audited). Matching is conjunctive: every
 * identifier of the request that an item also has must agree (never e-mail OR phone),
 * and a request verified only by e-mail matches on the e-mail alone. An export of an
 * e-mail-verified request is sent to that address only.
 */
export const VERIFY_DAYS = 7;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const subjectVerifyPath = '/gop-y/xac-nhan-yeu-cau';

export type SubjectRequest = {
  id: number; unitId: number; unitName: string; kind: 'export' | 'erase'; name: string | null; email: string | null; phone: string | null; note: string | null;
  receivedAt: string; dueDate: string; status: 'open' | 'done' | 'rejected'; overdue: boolean; resultNote: string | null; matchedItems: number | null;
  fulfilledAt: string | null; fulfilledByName: string | null; verifiedAt: string | null; verifiedHow: 'email' | 'staff' | null; verifyNote: string | null;
};
export type SubjectRequestInput = { unitId: number; kind: 'export' | 'erase'; name?: string | null; email?: string | null; phone?: string | null; note?: string | null };

/** The due date of a request received at `at`: N working days later (a request on a day off counts from the next working day). */
export async function subjectRequestDueDate(q: Queryable, at: Date): Promise<string> {
  const day = vnDay(at);
  const year = Number(day.slice(0, 4));
  const holidays = new Set([...(await listHolidays(q, year)), ...(await listHolidays(q, year + 1))].map((h) => h.day));
  return addWorkingDays(day, SUBJECT_REQUEST_WORKING_DAYS, holidays);
}

async function insertRequest(actor: Actor, input: SubjectRequestInput): Promise<SubjectRequest> {
  const contact = cleanContact({ ...input, consent: true });
  if (!contact?.email && !contact?.phone) throw new AppError('feedback.reach_required', 400, 'feedback.reach_required');
  const byStaff = actor.userId != null;
  const id = await withTransaction(async (tx) => {
    const at = now();
    const due = await subjectRequestDueDate(tx, at);
    const token = !byStaff && contact.email ? randomBytes(24).toString('base64url') : null;
    const r = await tx.query<{ id: number }>(
      `insert into feedback_subject_requests (unit_id, kind, name, email, phone, note, received_at, due_date, created_by, verified_at, verified_how, verified_by, verify_token_hash, verify_sent_at)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$9,$12,$13) returning id`,
      [input.unitId, input.kind, contact.name, contact.email, contact.phone, (input.note ?? '').trim().slice(0, 2000) || null, at, due, actor.userId,
        byStaff ? at : null, byStaff ? 'staff' : null, token ? sha256(token) : null, token ? at : null],
    );
    const id = Number(r.rows[0].id);
    await recordAudit(tx, actor, { action: 'feedback.subject_request', entity: 'feedback_subject_request', entityId: id, unitId: input.unitId, after: { kind: input.kind, dueDate: due, verified: byStaff } });
    if (token && contact.email) {
      const unit = (await tx.query<{ name: string }>('select name from units where id = $1', [input.unitId])).rows[0]?.name ?? '';
      await enqueue(sendMailJob, {
        to: contact.email,
        subject: t('feedback.verify_subject', { unit }),
        text: t('feedback.verify_body', { unit, kind: t(input.kind === 'erase' ? 'feedback.verify_kind_erase' : 'feedback.verify_kind_export'), days: VERIFY_DAYS, link: `${config().publicUrl}${subjectVerifyPath}?token=${token}` }),
      }, { tx });
    }
    return id;
  });
  return getSubjectRequest(db(), id);
}

/**
 * The requester opens the e-mailed link: the request becomes verified (by e-mail). The token
 * is single-use and valid VERIFY_DAYS; a closed request cannot be confirmed.
 */
export async function confirmSubjectRequest(token: string, ip: string | null = null): Promise<{ id: number; dueDate: string }> {
  if (!token || token.length > 100) throw new AppError('feedback.verify_bad_link', 400, 'feedback.verify_bad_link');
  return withTransaction(async (tx) => {
    const r = await tx.query<{ id: string; unitId: string; sentAt: Date; dueDate: string }>(
      `select id, unit_id as "unitId", verify_sent_at as "sentAt", due_date::text as "dueDate" from feedback_subject_requests
        where verify_token_hash = $1 and status = 'open' and verified_at is null for update`,
      [sha256(token)],
    );
    const row = r.rows[0];
    const at = now();
    if (!row || at.getTime() - new Date(row.sentAt).getTime() > VERIFY_DAYS * 86_400_000) throw new AppError('feedback.verify_bad_link', 400, 'feedback.verify_bad_link');
    const id = Number(row.id);
    await tx.query(`update feedback_subject_requests set verified_at = $2, verified_how = 'email', verify_token_hash = null where id = $1`, [id, at]);
    await recordAudit(tx, { ...systemActor, ip }, { action: 'feedback.subject_verified', entity: 'feedback_subject_request', entityId: id, unitId: Number(row.unitId), after: { how: 'email' } });
    return { id, dueDate: row.dueDate };
  });
}

/** Staff register a request received by letter, phone or in person. */
export const createSubjectRequest = (actor: Actor, input: SubjectRequestInput) => insertRequest(actor, input);

/** A request from the portal form (same anti-spam rules as the feedback forms). */
export async function submitSubjectRequest(ip: string | null, input: SubjectRequestInput & { website?: string | null; token: string }): Promise<{ id: number; dueDate: string }> {
  const unit = await db().query(`select 1 from units where id = $1 and status = 'active'`, [input.unitId]);
  if (!unit.rowCount) throw new AppError('feedback.bad_unit', 400, 'feedback.bad_unit');
  const h = await ipHash(db(), ip);
  if (input.website && input.website.trim()) throw new AppError('feedback.honeypot', 400, 'feedback.honeypot');
  await checkFormToken(db(), input.unitId, input.token);
  await countFeedbackAttempt(h);
  const r = await insertRequest({ userId: null, ip: null }, input);
  return { id: r.id, dueDate: r.dueDate };
}

const cols = `r.id, r.unit_id as "unitId", u.name as "unitName", r.kind, r.name, r.email, r.phone, r.note, r.received_at as "receivedAt", r.due_date as "dueDate", r.status,
  r.result_note as "resultNote", r.matched_items as "matchedItems", r.fulfilled_at as "fulfilledAt", fu.name as "fulfilledByName",
  r.verified_at as "verifiedAt", r.verified_how as "verifiedHow", r.verify_note as "verifyNote"`;
const from = 'from feedback_subject_requests r join units u on u.id = r.unit_id left join users fu on fu.id = r.fulfilled_by';
function present(x: Record<string, any>, today: string): SubjectRequest {
  return { ...(x as SubjectRequest), id: Number(x.id), unitId: Number(x.unitId), receivedAt: iso(x.receivedAt) as string, fulfilledAt: iso(x.fulfilledAt), verifiedAt: iso(x.verifiedAt), overdue: x.status === 'open' && x.dueDate < today };
}

export async function getSubjectRequest(q: Queryable, id: number): Promise<SubjectRequest> {
  const r = await q.query(`select ${cols} ${from} where r.id = $1`, [id]);
  if (!r.rowCount) throw new AppError('feedback.request_not_found', 404, 'feedback.request_not_found');
  return present(r.rows[0], vnDay(now()));
}

export async function subjectRequestUnit(q: Queryable, id: number): Promise<number> {
  const r = await q.query('select unit_id as "unitId" from feedback_subject_requests where id = $1', [id]);
  if (!r.rowCount) throw new AppError('feedback.request_not_found', 404, 'feedback.request_not_found');
  return Number(r.rows[0].unitId);
}

export async function listSubjectRequests(q: Queryable, opts: { unitPath: string; status?: 'open' | 'done' | 'rejected'; limit?: number; offset?: number }) {
  const today = vnDay(now());
  const r = await q.query(
    `select ${cols}, count(*) over () as n ${from} where u.path <@ $1::ltree and ($2::text is null or r.status = $2)
      order by (r.status = 'open') desc, r.due_date, r.id limit $3 offset $4`,
    [opts.unitPath, opts.status ?? null, opts.limit ?? 50, opts.offset ?? 0],
  );
  const overdue = await q.query<{ n: number }>(`select count(*)::int as n ${from} where u.path <@ $1::ltree and r.status = 'open' and r.due_date < $2`, [opts.unitPath, today]);
  return { total: Number(r.rows[0]?.n ?? 0), overdue: overdue.rows[0].n, items: r.rows.map(({ n: _n, ...x }) => present(x, today)) };
}

/**
 * The items a request concerns, within the request unit's subtree. Conjunctive: each identifier of
 * the request that the item's contact also has must agree, and at least one must match; a request
 * verified only by e-mail matches on the e-mail alone (its phone number is unproven).
 */
async function matchedItems(q: Queryable, req: SubjectRequest) {
  const email = req.email?.trim().toLowerCase() || null;
  const phone = req.verifiedHow === 'email' ? null : req.phone?.replace(/[^0-9]/g, '') || null;
  if (!email && !phone) return [];
  const r = await q.query(
    `select f.id, f.created_at as "createdAt", f.channel, f.stance, f.subject, f.body, f.visibility, f.hidden_reason as "hiddenReason", c.title as "consultationTitle",
            coalesce(p.label, case when p.position is not null then 'Đoạn ' || p.position end) as paragraph, ct.id as "contactId", ct.name, ct.email, ct.phone,
            f.consent_version as "consentVersion", f.consent_at as "consentAt", f.monitor_item_id as "monitorItemId", f.incident_id as "incidentId"
       from feedback_items f join feedback_contacts ct on ct.id = f.contact_id join units fu on fu.id = f.unit_id join units ru on ru.id = $1
       left join consultations c on c.id = f.consultation_id left join consultation_paragraphs p on p.id = f.paragraph_id
      where fu.path <@ ru.path
        and ($2::text is null or ct.email is null or lower(ct.email) = $2)
        and ($3::text is null or ct.phone is null or regexp_replace(ct.phone, '[^0-9]', '', 'g') = $3)
        and ((ct.email is not null and lower(ct.email) = $2) or (ct.phone is not null and regexp_replace(ct.phone, '[^0-9]', '', 'g') = $3))
      order by f.id`,
    [req.unitId, email, phone],
  );
  return r.rows.map(({ monitorItemId, incidentId, ...x }) => ({
    ...x, id: Number(x.id), contactId: Number(x.contactId), createdAt: iso(x.createdAt), consentAt: iso(x.consentAt),
    monitorItemId: monitorItemId == null ? null : Number(monitorItemId), incidentId: incidentId == null ? null : Number(incidentId),
  }));
}

function requireVerified(req: SubjectRequest): void {
  if (!req.verifiedAt) throw new AppError('feedback.identity_unverified', 409, 'feedback.identity_unverified');
}

/** What we hold about the requester, as JSON (for the export). */
export async function subjectDataJson(q: Queryable, id: number) {
  const req = await getSubjectRequest(q, id);
  requireVerified(req);
  const items = await matchedItems(q, req);
  return {
    request: { id: req.id, kind: req.kind, receivedAt: req.receivedAt, dueDate: req.dueDate },
    controller: req.unitName,
    purpose: 'Tiếp nhận, tổng hợp và phản hồi ý kiến góp ý của người dân (Luật Bảo vệ dữ liệu cá nhân).',
    items: items.map(({ contactId: _c, monitorItemId: _m, incidentId: _i, ...x }) => ({ ...x, stance: x.stance ? stanceLabel[x.stance as keyof typeof stanceLabel] : null })),
  };
}

export async function subjectDataXlsx(q: Queryable, id: number): Promise<Buffer> {
  const data = await subjectDataJson(q, id);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Loa';
  const ws = wb.addWorksheet('Dữ liệu của bạn');
  ws.columns = [
    { header: 'Mã', key: 'id', width: 8 }, { header: 'Thời gian', key: 'createdAt', width: 22 }, { header: 'Dự thảo', key: 'consultationTitle', width: 40 },
    { header: 'Điều/đoạn', key: 'paragraph', width: 12 }, { header: 'Lập trường', key: 'stance', width: 16 }, { header: 'Tiêu đề', key: 'subject', width: 30 },
    { header: 'Nội dung', key: 'body', width: 80 }, { header: 'Họ tên', key: 'name', width: 20 }, { header: 'Email', key: 'email', width: 26 }, { header: 'Điện thoại', key: 'phone', width: 16 },
    { header: 'Phiên bản đồng ý', key: 'consentVersion', width: 16 }, { header: 'Thời điểm đồng ý', key: 'consentAt', width: 22 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const it of data.items) ws.addRow(it);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Fulfils a request: an export is marked done (e-mail-verified: the data goes to that address;
 * otherwise staff hand the file over); an erasure deletes contacts, anonymises the items, masks
 * the copies made by escalation (monitoring entry, incident) and forces a retrain of the
 * suggestion model when coded items were erased. An unverified request can only be rejected,
 * unless `identityVerified` records how staff verified the requester (audited).
 */
export async function fulfilSubjectRequest(actor: Actor, id: number, input: { resultNote?: string | null; reject?: boolean; identityVerified?: string | null }): Promise<SubjectRequest> {
  await withTransaction(async (tx) => {
    await tx.query('select 1 from feedback_subject_requests where id = $1 for update', [id]);
    let req = await getSubjectRequest(tx, id);
    if (req.status !== 'open') throw new AppError('feedback.request_closed', 409, 'feedback.request_closed');
    const at = now();
    if (input.reject) {
      const note = (input.resultNote ?? '').trim();
      if (!note) throw new AppError('feedback.reason_required', 400, 'feedback.reason_required');
      await tx.query(`update feedback_subject_requests set status = 'rejected', result_note = $2, fulfilled_at = $3, fulfilled_by = $4 where id = $1`, [id, note, at, actor.userId]);
      await recordAudit(tx, actor, { action: 'feedback.subject_request_reject', entity: 'feedback_subject_request', entityId: id, unitId: req.unitId, after: { note } });
      return;
    }
    if (!req.verifiedAt) {
      const how = (input.identityVerified ?? '').trim().slice(0, 2000);
      if (!how) throw new AppError('feedback.identity_unverified', 409, 'feedback.identity_unverified');
      await tx.query(`update feedback_subject_requests set verified_at = $2, verified_how = 'staff', verified_by = $3, verify_note = $4, verify_token_hash = null where id = $1`, [id, at, actor.userId, how]);
      await recordAudit(tx, actor, { action: 'feedback.subject_verified', entity: 'feedback_subject_request', entityId: id, unitId: req.unitId, after: { how: 'staff', note: how } });
      req = await getSubjectRequest(tx, id);
    }
    const items = await matchedItems(tx, req);
    let copies = 0;
    if (req.kind === 'erase' && items.length) {
      const ids = items.map((x) => x.id);
      const bodies = await tx.query<{ id: number; body: string; subject: string | null }>('select id, body, subject from feedback_items where id = any($1::bigint[])', [ids]);
      for (const b of bodies.rows) {
        await tx.query('update feedback_items set body = $2, subject = $3 where id = $1', [b.id, maskPersonalData(b.body), b.subject ? maskPersonalData(b.subject) : null]);
      }
      await tx.query('update feedback_items set contact_id = null, ip_hash = null, email_hash = null, anonymised_at = $2 where id = any($1::bigint[])', [ids, at]);
      await tx.query('delete from feedback_contacts where id = any($1::bigint[])', [[...new Set(items.map((x) => x.contactId))]]);
      for (const it of items) {
        if (it.monitorItemId != null && (await maskTextOfMonitorItem(tx, it.monitorItemId, maskPersonalData))) copies++;
        if (it.incidentId != null && (await maskTextOfIncident(tx, it.incidentId, maskPersonalData))) copies++;
      }
      const coded = await tx.query('select 1 from feedback_codes where item_id = any($1::bigint[]) limit 1', [ids]);
      if (coded.rowCount) await enqueue(feedbackRetrainJob, { userId: actor.userId ?? null, force: true }, { tx, singletonKey: 'feedback-retrain-erasure' });
    } else if (req.kind === 'export' && req.verifiedHow === 'email' && req.email) {
      const data = await subjectDataJson(tx, id);
      await enqueue(sendMailJob, {
        to: req.email,
        subject: t('feedback.export_subject', { unit: req.unitName }),
        text: t('feedback.export_body', { unit: req.unitName, id, data: JSON.stringify(data, null, 2) }),
      }, { tx });
    }
    await tx.query(`update feedback_subject_requests set status = 'done', result_note = $2, matched_items = $3, fulfilled_at = $4, fulfilled_by = $5 where id = $1`,
      [id, (input.resultNote ?? '').trim() || null, items.length, at, actor.userId]);
    await recordAudit(tx, actor, {
      action: req.kind === 'erase' ? 'feedback.subject_erase' : 'feedback.subject_export', entity: 'feedback_subject_request', entityId: id, unitId: req.unitId,
      after: { matchedItems: items.length, onTime: vnDay(at) <= req.dueDate, ...(req.kind === 'erase' ? { maskedCopies: copies } : { mailedTo: req.verifiedHow === 'email' }) },
    });
  });
  return getSubjectRequest(db(), id);
}
