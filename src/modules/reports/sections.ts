import type { Queryable } from '../../platform/db';
import { formatNumberVi } from '../../text';
import { listEventsForReport } from '../events';
import { incidentFactsForReport } from '../incidents';
import { mentionFactsForReport } from '../monitoring';
import { articleFactsForReport } from '../newsroom';
import { planFactsForReport } from '../plans';
import { pressFactsForReport } from '../press';
import { type ReportKind, fullWeeks, previousMonthStart, vnDayStart, windowOf } from './periods';

/**
 * The sections of a report and how each is drafted from the data. A section has
 * generated `lines` (sentences carrying the numbers) and `tables` (the same
 * numbers in rows, for XLSX and the screen), the raw `facts`, and `text` that a
 * person writes; regenerating replaces everything but the text.
 */
export type ReportTable = { key: string; title: string; columns: string[]; rows: (string | number)[][] };
export type ReportSection = { key: SectionKey; title: string; lines: string[]; tables: ReportTable[]; facts: Record<string, unknown>; text: string };
export const sectionKeys = ['mentions', 'top_stories', 'incidents', 'plan_progress', 'articles', 'events', 'press', 'subunits', 'assessment'] as const;
export type SectionKey = (typeof sectionKeys)[number];

export const sectionsOfKind: Record<ReportKind, SectionKey[]> = {
  monthly_opinion: ['mentions', 'top_stories', 'incidents', 'subunits', 'assessment'],
  semester: ['plan_progress', 'articles', 'events', 'press', 'subunits', 'assessment'],
  year_end: ['plan_progress', 'articles', 'events', 'press', 'subunits', 'assessment'],
};

export const sectionTitles: Record<SectionKey, string> = {
  mentions: 'TÌNH HÌNH THÔNG TIN, DƯ LUẬN',
  top_stories: 'CÁC VẤN ĐỀ ĐƯỢC QUAN TÂM NHIỀU',
  incidents: 'SỰ CỐ TRUYỀN THÔNG VÀ KẾT QUẢ XỬ LÝ',
  plan_progress: 'KẾT QUẢ THỰC HIỆN NHIỆM VỤ THEO KẾ HOẠCH',
  articles: 'TIN, BÀI VÀ CHỈ TIÊU TIN, BÀI HẰNG TUẦN',
  events: 'HỘI NGHỊ, TẬP HUẤN, HỘI THI',
  press: 'CÔNG TÁC PHÁT NGÔN VÀ CUNG CẤP THÔNG TIN CHO BÁO CHÍ',
  subunits: 'BÁO CÁO CỦA CÁC ĐƠN VỊ TRỰC THUỘC',
  assessment: 'ĐÁNH GIÁ CHUNG, PHƯƠNG HƯỚNG VÀ ĐỀ XUẤT',
};

export type GenerationContext = {
  q: Queryable;
  reportId: number;
  unit: { id: number; name: string; path: string };
  kind: ReportKind;
  periodKey: string;
  period: { start: string; end: string; label: string };
  /** Today (Vietnam), for the weeks already finished. */
  today: string;
  /** Figures shared by several sections, fetched once per generation. */
  memo: Map<string, Promise<unknown>>;
};

function mentionsOf(ctx: GenerationContext) {
  let p = ctx.memo.get('mentions') as ReturnType<typeof mentionFactsForReport> | undefined;
  if (!p) {
    const previousFrom = ctx.kind === 'monthly_opinion' ? vnDayStart(previousMonthStart(ctx.period.start)) : undefined;
    p = mentionFactsForReport(ctx.q, { unitPath: ctx.unit.path, unitId: ctx.unit.id, ...windowOf(ctx.period), previousFrom, topLimit: 10 });
    ctx.memo.set('mentions', p);
  }
  return p;
}

const n = (x: number) => formatNumberVi(x);
export const percent = (part: number, whole: number) => (whole ? `${formatNumberVi(Math.round((part / whole) * 1000) / 10, 1)}%` : '—');
const dmy = (isoInstant: string) => {
  const d = new Date(new Date(isoInstant).getTime() + 7 * 3600_000);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
};
const toneName: Record<string, string> = { positive: 'tích cực', neutral: 'trung tính', negative: 'tiêu cực' };
const statusName: Record<string, string> = { done: 'Hoàn thành', in_progress: 'Đang thực hiện', at_risk: 'Có nguy cơ chậm', not_started: 'Chưa triển khai' };
const incidentStatusName: Record<string, string> = { triage: 'Đang phân loại', active: 'Đang xử lý', contained: 'Đã kiểm soát', resolved: 'Đã xử lý xong', review: 'Đang rút kinh nghiệm', closed: 'Đã đóng' };
const eventKindName: Record<string, string> = { conference: 'hội nghị', training: 'tập huấn', contest: 'hội thi', other: 'sự kiện khác' };

type Builder = (ctx: GenerationContext) => Promise<Omit<ReportSection, 'key' | 'title' | 'text'>>;

const builders: Record<SectionKey, Builder> = {
  async mentions(ctx) {
    const f = await mentionsOf(ctx);
    const lines = [
      `Trong ${ctx.period.label}, hệ thống theo dõi ghi nhận ${n(f.total)} tin, bài trên báo chí và mạng xã hội liên quan đến ${ctx.unit.name} và các đơn vị trực thuộc` +
        (f.previousTotal != null ? ` (tháng trước: ${n(f.previousTotal)}).` : '.'),
      `Về sắc thái: tích cực ${n(f.positive)} (${percent(f.positive, f.total)}), trung tính ${n(f.neutral)} (${percent(f.neutral, f.total)}), tiêu cực ${n(f.negative)} (${percent(f.negative, f.total)}).`,
      `Các tin, bài thuộc ${n(f.stories)} vấn đề (câu chuyện), từ ${n(f.sources)} nguồn tin.`,
    ];
    const rows = f.byUnit.filter((r) => r.total > 0);
    for (const r of rows.slice(0, 15)) lines.push(`- ${r.unitName}: ${n(r.total)} tin, bài (tích cực ${n(r.positive)}, trung tính ${n(r.neutral)}, tiêu cực ${n(r.negative)});`);
    if (rows.length > 15) lines.push(`- Các đơn vị khác (${n(rows.length - 15)} đơn vị): xem bảng số liệu kèm theo.`);
    return {
      lines,
      facts: { total: f.total, positive: f.positive, neutral: f.neutral, negative: f.negative, stories: f.stories, sources: f.sources, previousTotal: f.previousTotal },
      tables: [{ key: 'mentions_by_unit', title: 'Tin, bài theo đơn vị', columns: ['Đơn vị', 'Tổng số', 'Tích cực', 'Trung tính', 'Tiêu cực'], rows: rows.map((r) => [r.unitName, r.total, r.positive, r.neutral, r.negative]) }],
    };
  },

  async top_stories(ctx) {
    const f = await mentionsOf(ctx);
    const lines = f.topStories.length
      ? f.topStories.map((s, i) => `${i + 1}. ${s.title}: ${n(s.items)} tin, bài từ ${n(s.sources)} nguồn, sắc thái ${toneName[s.tone] ?? s.tone}, xuất hiện từ ngày ${dmy(s.firstSeenAt)}.`)
      : ['Trong kỳ không có vấn đề nào được báo chí, mạng xã hội phản ánh nhiều.'];
    return {
      lines,
      facts: { stories: f.topStories.length },
      tables: [{ key: 'top_stories', title: 'Các vấn đề được quan tâm nhiều', columns: ['STT', 'Vấn đề', 'Số tin, bài', 'Số nguồn', 'Sắc thái', 'Xuất hiện từ'], rows: f.topStories.map((s, i) => [i + 1, s.title, s.items, s.sources, toneName[s.tone] ?? s.tone, dmy(s.firstSeenAt)]) }],
    };
  },

  async incidents(ctx) {
    const f = await incidentFactsForReport(ctx.q, { unitPath: ctx.unit.path, ...windowOf(ctx.period) });
    const lines = f.total
      ? [
          `Trong kỳ phát sinh ${n(f.total)} sự cố truyền thông (mức 1: ${n(f.bySeverity[1])}, mức 2: ${n(f.bySeverity[2])}, mức 3: ${n(f.bySeverity[3])}, mức 4: ${n(f.bySeverity[4])}); đã xử lý xong ${n(f.handled)}, đang xử lý ${n(f.open)}.`,
          `Thông tin ban đầu: đúng thời hạn ${n(f.statementOnTime)}, chậm ${n(f.statementLate)}, chưa có ${n(f.noStatement)}.`,
          ...f.items.map((x) => `- ${x.title} (${x.unitName}, mức ${x.severity}, phát hiện ngày ${dmy(x.openedAt)}): ${incidentStatusName[x.status] ?? x.status}.`),
        ]
      : ['Trong kỳ không phát sinh sự cố truyền thông.'];
    return {
      lines,
      facts: { total: f.total, handled: f.handled, open: f.open, cancelled: f.cancelled, bySeverity: f.bySeverity, statementOnTime: f.statementOnTime, statementLate: f.statementLate, noStatement: f.noStatement },
      tables: [{
        key: 'incidents', title: 'Sự cố truyền thông', columns: ['Sự cố', 'Đơn vị', 'Mức độ', 'Tình trạng', 'Ngày mở', 'Thông tin ban đầu', 'Đúng hạn'],
        rows: f.items.map((x) => [x.title, x.unitName, x.severity, incidentStatusName[x.status] ?? x.status, dmy(x.openedAt), x.firstStatementAt ? dmy(x.firstStatementAt) : '—', x.isStatementOnTime == null ? '—' : x.isStatementOnTime ? 'Có' : 'Không']),
      }],
    };
  },

  async plan_progress(ctx) {
    const f = await planFactsForReport(ctx.q, { unitId: ctx.unit.id, start: ctx.period.start, end: ctx.period.end });
    if (!f.plan) return { lines: ['Đơn vị chưa có kế hoạch truyền thông được ban hành cho kỳ báo cáo.'], facts: { ...f.totals, planId: null }, tables: [] };
    const quarterWords = f.quarters.map((x) => ['I', 'II', 'III', 'IV'][x - 1]).join(', ');
    const ref = f.plan.numberLabel ? `Kế hoạch số ${f.plan.numberLabel}` : 'Kế hoạch';
    const lines = [
      `Thực hiện ${ref} về ${f.plan.title}, trong kỳ (quý ${quarterWords}) có ${n(f.totals.tasks)} nhiệm vụ: hoàn thành ${n(f.totals.done)}, đang thực hiện ${n(f.totals.in_progress)}, có nguy cơ chậm ${n(f.totals.at_risk)}, chưa triển khai ${n(f.totals.not_started)}.`,
      ...f.tasks.map((t, i) => {
        const ev = t.evidence.length ? ` Minh chứng: ${t.evidence.map((e) => (e.url ? `${e.label} (${e.url})` : e.label)).join('; ')}.` : '';
        const ru = t.rollup ? ` Tổng hợp từ đơn vị cấp dưới (quý ${['I', 'II', 'III', 'IV'][t.rollup.quarter - 1]}): hoàn thành ${n(t.rollup.done)}/${n(t.rollup.total)}.` : '';
        return `${i + 1}. ${t.topic}: ${statusName[t.status ?? 'not_started']}.${t.note ? ` ${t.note.replace(/[.\s]+$/u, '')}.` : ''}${ru}${ev}`;
      }),
    ];
    return {
      lines,
      facts: { ...f.totals, planId: f.plan.id },
      tables: [{
        key: 'plan_tasks', title: 'Tiến độ nhiệm vụ', columns: ['STT', 'Nhiệm vụ', 'Tình trạng', 'Ghi chú', 'Minh chứng'],
        rows: f.tasks.map((t, i) => [i + 1, t.topic, statusName[t.status ?? 'not_started'], [t.note, t.rollup ? `Cấp dưới hoàn thành ${n(t.rollup.done)}/${n(t.rollup.total)}` : null].filter(Boolean).join('; '), t.evidence.map((e) => `${e.label}${e.url ? ` (${e.url})` : ''}`).join('; ')]),
      }],
    };
  },

  async articles(ctx) {
    const weeks = fullWeeks(ctx.period.start, ctx.period.end, ctx.today);
    const f = await articleFactsForReport(ctx.q, { unitPath: ctx.unit.path, unitId: ctx.unit.id, ...windowOf(ctx.period), ...weeks });
    const t = f.totals;
    const lines = [
      `Trong ${ctx.period.label}, ${ctx.unit.name} và các đơn vị trực thuộc gửi ${n(t.submitted)} tin, bài; đăng ${n(t.published)} tin, bài.`,
      t.schools && f.weeks
        ? `Chỉ tiêu tin, bài hằng tuần: ${n(t.schools)} trường × ${n(f.weeks)} tuần; số lượt trường đạt chỉ tiêu ${n(t.metSchoolWeeks)}/${n(t.schoolWeeks)} (${percent(t.metSchoolWeeks, t.schoolWeeks)}).`
        : 'Chưa có tuần trọn vẹn nào trong kỳ để tính chỉ tiêu tin, bài hằng tuần.',
    ];
    const rows = f.byUnit.filter((r) => r.submitted || r.published || r.schools);
    for (const r of rows.slice(0, 20)) {
      lines.push(`- ${r.unitName}: gửi ${n(r.submitted)}, đăng ${n(r.published)} tin, bài${r.schoolWeeks ? `; đạt chỉ tiêu ${n(r.metSchoolWeeks)}/${n(r.schoolWeeks)} lượt trường-tuần (${percent(r.metSchoolWeeks, r.schoolWeeks)})` : ''};`);
    }
    if (rows.length > 20) lines.push(`- Các đơn vị khác (${n(rows.length - 20)} đơn vị): xem bảng số liệu kèm theo.`);
    return {
      lines,
      facts: { weeks: f.weeks, ...t },
      tables: [{
        key: 'articles_by_unit', title: 'Tin, bài và chỉ tiêu theo đơn vị', columns: ['Đơn vị', 'Tin, bài gửi', 'Tin, bài đăng', 'Số trường', 'Lượt trường-tuần', 'Lượt đạt', 'Tỉ lệ đạt'],
        rows: rows.map((r) => [r.unitName, r.submitted, r.published, r.schools, r.schoolWeeks, r.metSchoolWeeks, percent(r.metSchoolWeeks, r.schoolWeeks)]),
      }],
    };
  },

  async events(ctx) {
    const rows = await listEventsForReport(ctx.q, { unitPath: ctx.unit.path, ...windowOf(ctx.period) });
    const byKind: Record<string, number> = {};
    for (const e of rows) byKind[e.kind] = (byKind[e.kind] ?? 0) + 1;
    const invited = rows.reduce((s, e) => s + e.invited, 0);
    const attended = rows.reduce((s, e) => s + e.attended, 0);
    const kinds = Object.entries(byKind).map(([k, c]) => `${eventKindName[k] ?? k} ${n(c)}`).join(', ');
    const lines = rows.length
      ? [
          `Trong kỳ tổ chức ${n(rows.length)} hội nghị, tập huấn, hội thi và sự kiện (${kinds}); ${n(invited)} lượt mời, ${n(attended)} lượt tham dự.`,
          ...rows.slice(0, 30).map((e) => `- ${dmy(e.startsAt)}: ${e.title} (${eventKindName[e.kind] ?? e.kind}, ${e.unitName}; ${n(e.attended)}/${n(e.invited)} lượt tham dự).`),
        ]
      : ['Trong kỳ không tổ chức hội nghị, tập huấn, hội thi nào.'];
    return {
      lines,
      facts: { total: rows.length, byKind, invited, attended },
      tables: [{ key: 'events', title: 'Hội nghị, tập huấn, hội thi', columns: ['Ngày', 'Loại', 'Tên', 'Đơn vị tổ chức', 'Lượt mời', 'Lượt tham dự'], rows: rows.map((e) => [dmy(e.startsAt), eventKindName[e.kind] ?? e.kind, e.title, e.unitName, e.invited, e.attended]) }],
    };
  },

  async press(ctx) {
    const f = await pressFactsForReport(ctx.q, { unitPath: ctx.unit.path, ...windowOf(ctx.period) });
    const lines = [
      `Tiếp nhận ${n(f.questionsReceived)} câu hỏi của báo chí; đã trả lời ${n(f.questionsAnswered)} (đúng hạn ${n(f.questionsAnsweredOnTime)}), từ chối ${n(f.questionsDeclined)}.`,
      `Phát hành ${n(f.releasesPublished)} thông cáo báo chí và ${n(f.rebuttalsPublished)} bài cải chính, bác bỏ thông tin sai.`,
      `Tổ chức ${n(f.briefingsHeld)} buổi cung cấp thông tin và ${n(f.conferencesHeld)} cuộc họp báo.`,
    ];
    return {
      lines,
      facts: { ...f },
      tables: [{
        key: 'press', title: 'Công tác báo chí', columns: ['Chỉ số', 'Số lượng'],
        rows: [
          ['Câu hỏi báo chí tiếp nhận', f.questionsReceived], ['Câu hỏi đã trả lời', f.questionsAnswered], ['Trả lời đúng hạn', f.questionsAnsweredOnTime], ['Câu hỏi từ chối', f.questionsDeclined],
          ['Thông cáo báo chí', f.releasesPublished], ['Cải chính, bác bỏ', f.rebuttalsPublished], ['Buổi cung cấp thông tin', f.briefingsHeld], ['Họp báo', f.conferencesHeld],
        ],
      }],
    };
  },

  async subunits(ctx) {
    const subs = await subunitSubmissions(ctx.q, { unitId: ctx.unit.id, kind: ctx.kind, periodKey: ctx.periodKey });
    if (!subs.length) return { lines: ['Đơn vị không có đơn vị trực thuộc.'], facts: { expected: 0, submitted: 0, onTime: 0, late: 0 }, tables: [] };
    const got = subs.filter((s) => s.reportId != null);
    const late = got.filter((s) => s.isLate).length;
    const missing = subs.filter((s) => s.reportId == null);
    const lines = [
      `Có ${n(got.length)}/${n(subs.length)} đơn vị trực thuộc đã gửi báo cáo (đúng hạn ${n(got.length - late)}, trễ hạn ${n(late)}).` +
        (missing.length ? ` Chưa gửi: ${missing.slice(0, 20).map((s) => s.unitName).join(', ')}${missing.length > 20 ? ` và ${n(missing.length - 20)} đơn vị khác` : ''}.` : ''),
      ...got.slice(0, 30).map((s) => `- ${s.unitName}: gửi ngày ${dmy(s.submittedAt as string)}${s.isLate ? ' (trễ hạn)' : ''}; ${s.summary}.`),
    ];
    return {
      lines,
      facts: { expected: subs.length, submitted: got.length, onTime: got.length - late, late },
      tables: [{
        key: 'subunits', title: 'Báo cáo của đơn vị trực thuộc', columns: ['Đơn vị', 'Ngày gửi', 'Đúng hạn', 'Tóm tắt'],
        rows: subs.map((s) => [s.unitName, s.submittedAt ? dmy(s.submittedAt) : 'Chưa gửi', s.reportId == null ? '—' : s.isLate ? 'Trễ hạn' : 'Đúng hạn', s.summary]),
      }],
    };
  },

  async assessment() {
    return { lines: [], facts: {}, tables: [] };
  },
};

export async function buildSection(key: SectionKey, ctx: GenerationContext, keepText: string): Promise<ReportSection> {
  const s = await builders[key](ctx);
  return { key, title: sectionTitles[key], text: keepText, ...s };
}

/** A one-line summary of a submitted report, from its facts (what a parent's report quotes). */
export function summaryOf(kind: ReportKind, sections: ReportSection[]): string {
  const f = (key: SectionKey) => (sections.find((s) => s.key === key)?.facts ?? {}) as Record<string, number>;
  if (kind === 'monthly_opinion') {
    const m = f('mentions');
    const i = f('incidents');
    return `${n(m.total ?? 0)} tin, bài (tiêu cực ${n(m.negative ?? 0)}); ${n(i.total ?? 0)} sự cố, đã xử lý ${n(i.handled ?? 0)}`;
  }
  const p = f('plan_progress');
  const a = f('articles');
  return `nhiệm vụ hoàn thành ${n(p.done ?? 0)}/${n(p.tasks ?? 0)}; ${n(a.published ?? 0)} tin, bài đăng`;
}

/** Direct sub-units (active) and the report of this kind and period each submitted to the unit, if any. */
export async function subunitSubmissions(q: Queryable, w: { unitId: number; kind: ReportKind; periodKey: string }) {
  const r = await q.query(
    `select u.id as "unitId", u.name as "unitName", r.id as "reportId", r.submitted_at as "submittedAt", r.due_at as "dueAt", r.sections
       from units u left join reports r on r.unit_id = u.id and r.kind = $2 and r.period_key = $3 and r.status = 'submitted' and r.submitted_to_unit_id = $1
      where u.parent_id = $1 and u.status = 'active'
      order by u.name, u.id`,
    [w.unitId, w.kind, w.periodKey],
  );
  return r.rows.map((x) => ({
    unitId: Number(x.unitId),
    unitName: x.unitName as string,
    reportId: x.reportId == null ? null : Number(x.reportId),
    submittedAt: x.submittedAt ? new Date(x.submittedAt).toISOString() : null,
    isLate: !!(x.submittedAt && x.dueAt && new Date(x.submittedAt) > new Date(x.dueAt)),
    summary: x.reportId == null ? '' : summaryOf(w.kind, x.sections as ReportSection[]),
  }));
}
