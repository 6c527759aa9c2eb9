import { now } from '../../platform/clock';
import { type Queryable, db, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { enqueue } from '../../platform/jobs';
import { log } from '../../platform/log';
import { t } from '../../platform/i18n';
import { type Actor, recordAudit, systemActor } from '../audit';
import { addNotice } from '../monitoring';
import { deadlineForReport, fulfilDeadline, matchReportDeadline, openDutyDeadlines, unfulfilDeadlines } from '../plans';
import { type PeriodInput, type ReportKind, reportPeriod } from './periods';
import { type ReportSection, type SectionKey, buildSection, sectionTitles, sectionsOfKind } from './sections';
import { generateReportJob } from './reports.jobs';
import { roleHoldersOf } from '../org';

/**
 * Reports drafted from the data (docs/REPORTS.md).
 *
 *   generating ──(job)──▶ draft ──approve (leader)──▶ approved ──submit──▶ submitted (to the parent unit)
 *        ▲                  │ ▲                          │                         │
 *        └──regenerate──────┘ ├──────────reopen──────────┘                         │
 *                             └──────────────recall (leader, with a reason)────────────┘
 *
 * Only a draft is edited (section texts, title) or regenerated (numbers drawn
 * again, texts kept). Submitting fulfils the linked obligation deadline and
 * records lateness against its due time; recalling a submitted report (thu hồi)
 * takes that fulfilment back and tells the parent unit. Every change is in the audit log.
 */
export const reportStatuses = ['generating', 'draft', 'approved', 'submitted'] as const;
export type ReportStatus = (typeof reportStatuses)[number];

const recurrencesOf: Record<ReportKind, string[]> = { monthly_opinion: ['monthly'], semester: ['semester', 'once'], year_end: ['yearly', 'once'] };

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
const vnToday = () => new Date(now().getTime() + 7 * 3600_000).toISOString().slice(0, 10);

const columns = `r.id, r.unit_id as "unitId", u.name as "unitName", u.parent_id as "parentUnitId", r.kind, r.period_key as "periodKey",
  r.period_start::text as "periodStart", r.period_end::text as "periodEnd", r.period_label as "periodLabel", r.title, r.status, r.sections,
  r.progress_done as "progressDone", r.progress_total as "progressTotal", r.generation, r.generated_at as "generatedAt", r.generation_error as "generationError",
  r.deadline_id as "deadlineId", r.due_at as "dueAt", r.approved_by as "approvedBy", au.name as "approvedByName", r.approved_at as "approvedAt", r.signer,
  r.submitted_by as "submittedBy", su.name as "submittedByName", r.submitted_at as "submittedAt", r.submitted_to_unit_id as "submittedToUnitId", tu.name as "submittedToUnitName",
  r.created_by as "createdBy", r.version, r.created_at as "createdAt", r.updated_at as "updatedAt",
  r.recalled_at as "recalledAt", ru.name as "recalledByName", r.recall_reason as "recallReason", r.recall_count as "recallCount"`;
const from = `from reports r join units u on u.id = r.unit_id left join users au on au.id = r.approved_by left join users su on su.id = r.submitted_by
  left join units tu on tu.id = r.submitted_to_unit_id left join users ru on ru.id = r.recalled_by`;

/** Late when sent after the due time; lateDays: whole days late, at least 1 (an hour late is a day late). */
function lateness(submittedAt: Date | string | null, dueAt: Date | string | null) {
  if (!dueAt) return { isLate: submittedAt ? false : null, lateDays: 0 };
  const ref = submittedAt ? new Date(submittedAt) : now();
  const late = ref.getTime() > new Date(dueAt).getTime();
  if (!submittedAt && !late) return { isLate: null, lateDays: 0 };
  return { isLate: late, lateDays: late ? Math.max(1, Math.floor((ref.getTime() - new Date(dueAt).getTime()) / 86400_000)) : 0 };
}

export type Report = {
  id: number; unitId: number; unitName: string; parentUnitId: number | null; kind: ReportKind; periodKey: string; periodStart: string; periodEnd: string;
  periodLabel: string; title: string; status: ReportStatus; sections: ReportSection[]; progressDone: number; progressTotal: number; generation: number;
  generatedAt: string | null; generationError: string | null; deadlineId: number | null; dueAt: string | null; approvedBy: number | null;
  approvedByName: string | null; approvedAt: string | null; signer: { title: string; name: string } | null; submittedBy: number | null;
  submittedByName: string | null; submittedAt: string | null; submittedToUnitId: number | null; submittedToUnitName: string | null;
  createdBy: number | null; version: number; createdAt: string; updatedAt: string; isLate: boolean | null; lateDays: number;
  /** the latest recall (thu hồi), if any: when, by whom, why, and how many times it was recalled */
  recalledAt: string | null; recalledByName: string | null; recallReason: string | null; recallCount: number;
};

export async function getReport(q: Queryable, id: number): Promise<Report> {
  const r = await q.query(`select ${columns} ${from} where r.id = $1`, [id]);
  const x = r.rows[0];
  if (!x) throw new AppError('report.not_found', 404, 'report.not_found');
  return {
    ...x,
    id: Number(x.id),
    unitId: Number(x.unitId),
    parentUnitId: x.parentUnitId == null ? null : Number(x.parentUnitId),
    deadlineId: x.deadlineId == null ? null : Number(x.deadlineId),
    submittedToUnitId: x.submittedToUnitId == null ? null : Number(x.submittedToUnitId),
    kind: x.kind as ReportKind,
    status: x.status as ReportStatus,
    sections: x.sections as ReportSection[],
    signer: x.signer as { title: string; name: string } | null,
    generatedAt: iso(x.generatedAt),
    dueAt: iso(x.dueAt),
    approvedAt: iso(x.approvedAt),
    submittedAt: iso(x.submittedAt),
    recalledAt: iso(x.recalledAt),
    recallCount: Number(x.recallCount),
    createdAt: iso(x.createdAt) as string,
    updatedAt: iso(x.updatedAt) as string,
    approvedBy: x.approvedBy == null ? null : Number(x.approvedBy),
    submittedBy: x.submittedBy == null ? null : Number(x.submittedBy),
    createdBy: x.createdBy == null ? null : Number(x.createdBy),
    ...lateness(x.submittedAt, x.dueAt),
  };
}

export async function reportUnit(q: Queryable, id: number): Promise<{ unitId: number; status: ReportStatus }> {
  const r = await q.query<{ unitId: string; status: ReportStatus }>('select unit_id as "unitId", status from reports where id = $1', [id]);
  if (!r.rowCount) throw new AppError('report.not_found', 404, 'report.not_found');
  return { unitId: Number(r.rows[0].unitId), status: r.rows[0].status };
}

const listColumns = `r.id, r.unit_id as "unitId", u.name as "unitName", r.kind, r.period_key as "periodKey", r.period_label as "periodLabel", r.title, r.status,
  r.progress_done as "progressDone", r.progress_total as "progressTotal", r.due_at as "dueAt", r.approved_at as "approvedAt", r.submitted_at as "submittedAt",
  su.name as "submittedByName", r.updated_at as "updatedAt"`;
function listItem(x: Record<string, unknown>) {
  return {
    ...x,
    id: Number(x.id),
    unitId: Number(x.unitId),
    kind: x.kind as ReportKind,
    status: x.status as ReportStatus,
    dueAt: iso(x.dueAt as Date | null),
    approvedAt: iso(x.approvedAt as Date | null),
    submittedAt: iso(x.submittedAt as Date | null),
    updatedAt: iso(x.updatedAt as Date) as string,
    ...lateness(x.submittedAt as Date | null, x.dueAt as Date | null),
  } as {
    id: number; unitId: number; unitName: string; kind: ReportKind; periodKey: string; periodLabel: string; title: string; status: ReportStatus;
    progressDone: number; progressTotal: number; dueAt: string | null; approvedAt: string | null; submittedAt: string | null; submittedByName: string | null;
    updatedAt: string; isLate: boolean | null; lateDays: number;
  };
}

/** Reports of a unit's subtree (own-unit roles: of the unit only), newest period first. */
export async function listReports(q: Queryable, opts: { unitPath: string; ownUnitIds?: number[] | null; kind?: ReportKind; status?: ReportStatus; limit?: number }) {
  const r = await q.query(
    `select ${listColumns} from reports r join units u on u.id = r.unit_id left join users su on su.id = r.submitted_by
      where u.path <@ $1::ltree and ($2::bigint[] is null or r.unit_id = any($2)) and ($3::text is null or r.kind = $3) and ($4::text is null or r.status = $4)
      order by r.period_start desc, u.name, r.id desc limit $5`,
    [opts.unitPath, opts.ownUnitIds ?? null, opts.kind ?? null, opts.status ?? null, opts.limit ?? 200],
  );
  return { items: r.rows.map(listItem) };
}

/**
 * The parent's inbox: reports submitted to the unit, newest first; with a kind and
 * period, also the direct sub-units that have not submitted one yet.
 */
export async function reportInbox(q: Queryable, opts: { unitId: number; kind?: ReportKind; periodKey?: string; limit?: number }) {
  const r = await q.query(
    `select ${listColumns} from reports r join units u on u.id = r.unit_id left join users su on su.id = r.submitted_by
      where r.submitted_to_unit_id = $1 and r.status = 'submitted' and ($2::text is null or r.kind = $2) and ($3::text is null or r.period_key = $3)
      order by r.submitted_at desc, r.id desc limit $4`,
    [opts.unitId, opts.kind ?? null, opts.periodKey ?? null, opts.limit ?? 200],
  );
  let missing: { unitId: number; unitName: string }[] = [];
  if (opts.kind && opts.periodKey) {
    const m = await q.query(
      `select u.id as "unitId", u.name as "unitName" from units u
        where u.parent_id = $1 and u.status = 'active'
          and not exists (select 1 from reports r where r.unit_id = u.id and r.kind = $2 and r.period_key = $3 and r.status = 'submitted')
        order by u.name limit 500`,
      [opts.unitId, opts.kind, opts.periodKey],
    );
    missing = m.rows.map((x) => ({ unitId: Number(x.unitId), unitName: x.unitName }));
  }
  return { items: r.rows.map(listItem), missing };
}

export type CreateReportInput = { unitId: number; kind: ReportKind; period: PeriodInput; deadlineId?: number | null; title?: string | null };

/** Creates the report (status generating) and queues its generation in the same transaction. */
export async function createReport(actor: Actor, input: CreateReportInput): Promise<Report> {
  const period = reportPeriod(input.kind, input.period);
  const keys = sectionsOfKind[input.kind];
  const id = await withTransaction(async (tx) => {
    let deadline = null;
    if (input.deadlineId) {
      deadline = await deadlineForReport(tx, input.deadlineId);
      if (!deadline || deadline.unitId !== input.unitId) throw new AppError('report.deadline_foreign', 422, 'report.deadline_foreign');
    } else {
      deadline = await matchReportDeadline(tx, { unitId: input.unitId, recurrences: recurrencesOf[input.kind], periodEnd: period.end });
    }
    const dup = await tx.query('select id from reports where unit_id = $1 and kind = $2 and period_key = $3', [input.unitId, input.kind, period.key]);
    if (dup.rowCount) throw new AppError('report.exists', 409, 'report.exists', { id: Number(dup.rows[0].id) });
    const sections: ReportSection[] = keys.map((key) => ({ key, title: sectionTitles[key], lines: [], tables: [], facts: {}, text: '' }));
    const r = await tx.query<{ id: string }>(
      `insert into reports (unit_id, kind, period_key, period_start, period_end, period_label, title, sections, progress_total, deadline_id, due_at, created_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id`,
      [input.unitId, input.kind, period.key, period.start, period.end, period.label, input.title?.trim() || period.title, JSON.stringify(sections), keys.length,
        deadline?.id ?? null, deadline?.dueAt ?? null, actor.userId],
    );
    const reportId = Number(r.rows[0].id);
    await recordAudit(tx, actor, { action: 'report.create', entity: 'report', entityId: reportId, unitId: input.unitId, after: { kind: input.kind, periodKey: period.key, deadlineId: deadline?.id ?? null } });
    await enqueue(generateReportJob, { reportId, generation: 1 }, { tx });
    return reportId;
  });
  return getReport(db(), id);
}

/**
 * Draws the numbers of every section (the job reports.generate). Idempotent: it
 * does nothing unless the report is still generating at this generation; progress
 * is written per section (outside any transaction, so the screen sees it), the
 * result in one transaction with the audit entry. Texts already written are kept.
 */
export async function generateReport(reportId: number, generation: number): Promise<boolean> {
  const q = db();
  const r = await q.query(
    `select r.unit_id as "unitId", u.name as "unitName", u.path::text as path, r.kind, r.period_key as "periodKey", r.period_start::text as start,
            r.period_end::text as "end", r.period_label as label, r.status, r.generation, r.sections
       from reports r join units u on u.id = r.unit_id where r.id = $1`,
    [reportId],
  );
  const x = r.rows[0];
  if (!x || x.status !== 'generating' || x.generation !== generation) return false;
  const kind = x.kind as ReportKind;
  const keep = new Map<string, string>((x.sections as ReportSection[]).map((s) => [s.key, s.text ?? '']));
  const ctx = {
    q, reportId, kind, periodKey: x.periodKey as string,
    unit: { id: Number(x.unitId), name: x.unitName as string, path: x.path as string },
    period: { start: x.start as string, end: x.end as string, label: x.label as string },
    today: vnToday(),
    memo: new Map<string, Promise<unknown>>(),
  };
  const keys = sectionsOfKind[kind];
  const sections: ReportSection[] = [];
  try {
    for (const [i, key] of keys.entries()) {
      sections.push(await buildSection(key as SectionKey, ctx, keep.get(key) ?? ''));
      await q.query('update reports set progress_done = $3 where id = $1 and generation = $2 and status = $4', [reportId, generation, i + 1, 'generating']);
    }
  } catch (err) {
    log.error('report generation failed', { reportId, err: (err as Error).message });
    await q.query('update reports set generation_error = $3 where id = $1 and generation = $2', [reportId, generation, (err as Error).message.slice(0, 500)]);
    throw err;
  }
  return withTransaction(async (tx) => {
    const u = await tx.query(
      `update reports set sections = $3, status = 'draft', generated_at = $4, generation_error = null, progress_done = progress_total, updated_at = $4
        where id = $1 and generation = $2 and status = 'generating'`,
      [reportId, generation, JSON.stringify(sections), now()],
    );
    if (!u.rowCount) return false;
    await recordAudit(tx, systemActor, { action: 'report.generate', entity: 'report', entityId: reportId, unitId: ctx.unit.id, after: { generation, sections: keys } });
    return true;
  });
}

async function lockReport(tx: Queryable, id: number) {
  const r = await tx.query('select id, unit_id as "unitId", status, version, generation, deadline_id as "deadlineId", due_at as "dueAt" from reports where id = $1 for update', [id]);
  if (!r.rowCount) throw new AppError('report.not_found', 404, 'report.not_found');
  const x = r.rows[0];
  return { ...x, id: Number(x.id), unitId: Number(x.unitId), deadlineId: x.deadlineId == null ? null : Number(x.deadlineId) } as {
    id: number; unitId: number; status: ReportStatus; version: number; generation: number; deadlineId: number | null; dueAt: Date | null;
  };
}
const badState = (status: string) => new AppError('report.bad_state', 409, 'report.bad_state', { status: statusWord[status as ReportStatus] ?? status });
export const statusWord: Record<ReportStatus, string> = { generating: 'đang tổng hợp số liệu', draft: 'dự thảo', approved: 'đã ký duyệt', submitted: 'đã gửi' };

export type ReportEdit = { version: number; title?: string; sections?: { key: string; text: string }[] };

/** Edits a draft: its title and the texts of its sections (numbers stay as generated). */
export async function updateReport(actor: Actor, id: number, input: ReportEdit): Promise<Report> {
  await withTransaction(async (tx) => {
    const cur = await lockReport(tx, id);
    if (cur.status !== 'draft') throw new AppError('report.not_editable', 409, 'report.not_editable');
    if (cur.version !== input.version) throw new AppError('report.stale', 409, 'report.stale');
    const before = (await tx.query('select title, sections from reports where id = $1', [id])).rows[0];
    const sections = (before.sections as ReportSection[]).map((s) => {
      const e = input.sections?.find((x) => x.key === s.key);
      return e ? { ...s, text: e.text } : s;
    });
    const title = input.title?.trim() || before.title;
    await tx.query('update reports set title = $2, sections = $3, version = version + 1, updated_at = $4 where id = $1', [id, title, JSON.stringify(sections), now()]);
    await recordAudit(tx, actor, {
      action: 'report.update', entity: 'report', entityId: id, unitId: cur.unitId,
      before: { title: before.title, texts: Object.fromEntries((before.sections as ReportSection[]).map((s) => [s.key, s.text])) },
      after: { title, texts: Object.fromEntries(sections.map((s) => [s.key, s.text])) },
    });
  });
  return getReport(db(), id);
}

/** Draws the numbers again (a draft, or one whose generation failed); the texts are kept. */
export async function regenerateReport(actor: Actor, id: number): Promise<Report> {
  await withTransaction(async (tx) => {
    const cur = await lockReport(tx, id);
    if (cur.status !== 'draft' && cur.status !== 'generating') throw badState(cur.status);
    const generation = cur.generation + 1;
    await tx.query(`update reports set status = 'generating', generation = $2, progress_done = 0, generation_error = null, version = version + 1, updated_at = $3 where id = $1`, [id, generation, now()]);
    await recordAudit(tx, actor, { action: 'report.regenerate', entity: 'report', entityId: id, unitId: cur.unitId, after: { generation } });
    await enqueue(generateReportJob, { reportId: id, generation }, { tx });
  });
  return getReport(db(), id);
}

const signerTitles: Record<string, string> = { department: 'GIÁM ĐỐC', office: 'TRƯỞNG PHÒNG', commune: 'CHỦ TỊCH', school: 'HIỆU TRƯỞNG', ministry: 'BỘ TRƯỞNG', affiliated: 'THỦ TRƯỞNG ĐƠN VỊ' };

/** A leader signs the draft off (the route checks the role); the signature block takes their name and title. */
export async function approveReport(actor: Actor, id: number): Promise<Report> {
  await withTransaction(async (tx) => {
    const cur = await lockReport(tx, id);
    if (cur.status !== 'draft') throw badState(cur.status);
    const who = await tx.query('select us.name, us.title, un.type as "unitType" from users us, units un where us.id = $1 and un.id = $2', [actor.userId, cur.unitId]);
    const w = who.rows[0] ?? { name: null, title: null, unitType: null };
    const signer = { title: (w.title as string | null)?.toLocaleUpperCase('vi') || signerTitles[w.unitType as string] || 'THỦ TRƯỞNG ĐƠN VỊ', name: w.name as string };
    const at = now();
    await tx.query(`update reports set status = 'approved', approved_by = $2, approved_at = $3, signer = $4, version = version + 1, updated_at = $3 where id = $1`, [id, actor.userId, at, JSON.stringify(signer)]);
    await recordAudit(tx, actor, { action: 'report.approve', entity: 'report', entityId: id, unitId: cur.unitId, after: { signer } });
  });
  return getReport(db(), id);
}

/** Takes an approved (not yet submitted) report back to draft for changes; the signature is cleared. */
export async function reopenReport(actor: Actor, id: number): Promise<Report> {
  await withTransaction(async (tx) => {
    const cur = await lockReport(tx, id);
    if (cur.status !== 'approved') throw badState(cur.status);
    await tx.query(`update reports set status = 'draft', approved_by = null, approved_at = null, signer = null, version = version + 1, updated_at = $2 where id = $1`, [id, now()]);
    await recordAudit(tx, actor, { action: 'report.reopen', entity: 'report', entityId: id, unitId: cur.unitId });
  });
  return getReport(db(), id);
}

/**
 * Sends an approved report to the parent unit. Lateness is measured against the
 * linked deadline's due time; the deadline is fulfilled in the same transaction (plans'
 * fulfilDeadline, which keeps the first fulfilment time and writes its own audit entry).
 */
export async function submitReport(actor: Actor, id: number): Promise<Report> {
  await withTransaction(async (tx) => {
    const cur = await lockReport(tx, id);
    if (cur.status !== 'approved') throw badState(cur.status);
    const parent = await tx.query<{ parentId: string | null }>('select parent_id as "parentId" from units where id = $1', [cur.unitId]);
    const parentId = parent.rows[0]?.parentId;
    if (parentId == null) throw new AppError('report.no_parent', 422, 'report.no_parent');
    const at = now();
    await tx.query(`update reports set status = 'submitted', submitted_by = $2, submitted_at = $3, submitted_to_unit_id = $4, version = version + 1, updated_at = $3 where id = $1`, [id, actor.userId, at, parentId]);
    const late = lateness(at, cur.dueAt);
    await recordAudit(tx, actor, { action: 'report.submit', entity: 'report', entityId: id, unitId: cur.unitId, after: { submittedTo: Number(parentId), deadlineId: cur.deadlineId, isLate: late.isLate, lateDays: late.lateDays } });
    // in the same transaction: a submitted report never leaves its deadline unfulfilled
    // which deadlines this submission fulfils (locked until commit): a recall takes back exactly these
    const fulfilled = cur.deadlineId ? await openDutyDeadlines(tx, cur.deadlineId) : [];
    await tx.query('update reports set fulfilled_deadline_ids = $2 where id = $1', [id, fulfilled]);
    if (cur.deadlineId) await fulfilDeadline(actor, cur.deadlineId, tx);
  });
  return getReport(db(), id);
}

export const RECALL_REASON_MAX = 1000;

/**
 * Recalls (thu hồi) a submitted report — a leader of the unit (the route checks
 * plans.approve), with a reason. In one transaction: the report is a draft again
 * (signature and submission cleared, version bumped, the reason kept on the row),
 * it leaves the parent's inbox, the deadlines its submission fulfilled are open again
 * (plans' unfulfilDeadlines), the parent unit's leaders and focal points get an in-app
 * notice, and the audit log has `report.recall` with the reason. Submitting again
 * fulfils the deadline anew, lateness measured at the new submission.
 */
export async function recallReport(actor: Actor, id: number, reason: string): Promise<Report> {
  const why = reason.trim();
  if (!why || why.length > RECALL_REASON_MAX) throw new AppError('report.recall_reason', 422, 'report.recall_reason');
  await withTransaction(async (tx) => {
    const cur = await lockReport(tx, id);
    if (cur.status !== 'submitted') throw new AppError('report.recall_not_submitted', 409, 'report.recall_not_submitted', { status: statusWord[cur.status] ?? cur.status });
    const row = (await tx.query(
      `select r.title, r.period_label as "periodLabel", r.submitted_to_unit_id as "toUnitId", r.submitted_at as "submittedAt", r.fulfilled_deadline_ids as "fulfilled", u.name as "unitName"
         from reports r join units u on u.id = r.unit_id where r.id = $1`,
      [id],
    )).rows[0];
    const at = now();
    await tx.query(
      `update reports set status = 'draft', approved_by = null, approved_at = null, signer = null, submitted_by = null, submitted_at = null,
              submitted_to_unit_id = null, fulfilled_deadline_ids = null, recalled_at = $2, recalled_by = $3, recall_reason = $4,
              recall_count = recall_count + 1, version = version + 1, updated_at = $2
        where id = $1`,
      [id, at, actor.userId, why],
    );
    const fulfilled = ((row.fulfilled as (string | number)[] | null) ?? []).map(Number);
    const reopened = cur.deadlineId ? await unfulfilDeadlines(actor, tx, { deadlineId: cur.deadlineId, ids: fulfilled, reason: why }) : [];
    const toUnitId = row.toUnitId == null ? null : Number(row.toUnitId);
    await recordAudit(tx, actor, {
      action: 'report.recall', entity: 'report', entityId: id, unitId: cur.unitId,
      before: { status: 'submitted', submittedTo: toUnitId, submittedAt: iso(row.submittedAt) },
      after: { status: 'draft', reason: why, deadlinesReopened: reopened },
    });
    if (toUnitId != null) {
      const people = await roleHoldersOf(tx, toUnitId, ['leader', 'focal_point']);
      const title = t('report.recall_notice_title', { unit: row.unitName as string });
      const body = t('report.recall_notice_body', { title: row.title as string, period: row.periodLabel as string, reason: why });
      for (const p of people) await addNotice(tx, { userId: p.id, title, body, link: `/admin/bao-cao/${id}`, at });
    }
  });
  return getReport(db(), id);
}
