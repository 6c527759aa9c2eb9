import { now } from '../../platform/clock';
import { type Queryable, type Tx, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { type MessageKey, t } from '../../platform/i18n';
import { schoolYearOf } from '../../text';
import { type Actor, recordAudit } from '../audit';
import { type StoredDocumentFile, documentFileTypes } from '../documents';
import { sanitizeArticleHtml } from '../newsroom';
import { addWorkingDays, iso, listHolidays } from '../plans';

/**
 * Public disclosure (công khai) of a school under Thông tư 09/2024/TT-BGDĐT:
 * entries under eight headings, per school year, each with sanitised rich
 * text and attachments. Two obligations are tracked:
 *
 * - the yearly disclosure: every heading of a school year must be published
 *   by 30 June (`yearlyDueOn`: 30/06 of the year the school year ends);
 * - the update rule: when information changes, the change must be published
 *   within 10 working days (`changedOn` + 10 working days, weekends and the
 *   holiday calendar of the plans module skipped).
 *
 * The compliance view grades each obligation against the platform clock:
 * on time (published by its day), late (published after it), missing (not
 * yet published, still before its day) or overdue (not published, day gone).
 * Published annual reports (báo cáo thường niên) are kept at least 5 years:
 * they cannot be withdrawn or deleted before that.
 */
export const disclosureHeadings = ['general', 'finance', 'staff', 'facilities', 'quality', 'education_plan', 'results', 'annual_report'] as const;
export type DisclosureHeading = (typeof disclosureHeadings)[number];
export const headingLabel = (h: DisclosureHeading) => t(`disclosure.heading.${h}` as MessageKey);
/** Vietnamese address words of each heading on the public site: /cong-khai/thu-chi-tai-chinh */
export const headingSlugs: Record<DisclosureHeading, string> = {
  general: 'thong-tin-chung',
  finance: 'thu-chi-tai-chinh',
  staff: 'doi-ngu',
  facilities: 'co-so-vat-chat',
  quality: 'kiem-dinh-chat-luong',
  education_plan: 'ke-hoach-giao-duc',
  results: 'ket-qua-nam-hoc',
  annual_report: 'bao-cao-thuong-nien',
};
export const headingOfSlug = (slug: string): DisclosureHeading | null =>
  (Object.entries(headingSlugs).find(([, s]) => s === slug)?.[0] as DisclosureHeading | undefined) ?? null;

export const UPDATE_WORKING_DAYS = 10;
export const ANNUAL_REPORT_YEARS = 5;
export type ComplianceStatus = 'on_time' | 'late' | 'missing' | 'overdue';
export const complianceStatuses: ComplianceStatus[] = ['on_time', 'late', 'missing', 'overdue'];

/** The school year as stored, '2025-2026' (September to August, Vietnam time). */
export function currentSchoolYear(at: Date = now()): string {
  const y = schoolYearOf(at);
  return `${y.start}-${y.end}`;
}
export const isSchoolYear = (s: string) => /^\d{4}-\d{4}$/.test(s) && Number(s.slice(5)) === Number(s.slice(0, 4)) + 1;
/** The yearly disclosure of a school year is due 30 June of the year it ends. */
export const yearlyDueOn = (schoolYear: string) => `${schoolYear.slice(5)}-06-30`;

/** Public holidays of the years a deadline may fall in (the plans module's calendar). */
export async function holidaysAround(q: Queryable, date: string): Promise<Set<string>> {
  const y = Number(date.slice(0, 4));
  const days = [...(await listHolidays(q, y)), ...(await listHolidays(q, y + 1))];
  return new Set(days.map((d) => d.day));
}

/** An update recorded for a change on `changedOn` is due 10 working days later. */
export async function updateDueOn(q: Queryable, changedOn: string): Promise<string> {
  return addWorkingDays(changedOn, UPDATE_WORKING_DAYS, await holidaysAround(q, changedOn));
}

/** The grade of one obligation on `today` (yyyy-mm-dd, Vietnam). */
export function gradeObligation(dueOn: string, publishedOn: string | null, today: string): ComplianceStatus {
  if (publishedOn) return publishedOn <= dueOn ? 'on_time' : 'late';
  return today > dueOn ? 'overdue' : 'missing';
}
const badness: Record<ComplianceStatus, number> = { on_time: 0, missing: 1, late: 2, overdue: 3 };
export const worstOf = (xs: ComplianceStatus[]): ComplianceStatus => xs.reduce<ComplianceStatus>((a, b) => (badness[b] > badness[a] ? b : a), 'on_time');

export type EntryInput = {
  heading: DisclosureHeading;
  schoolYear: string;
  title: string;
  bodyHtml?: string;
  /** the day the information changed: makes the entry an update, due 10 working days later */
  changedOn?: string | null;
  isPublished?: boolean;
};

export type EntryFile = { id: number; fileName: string; mime: string; size: number; url: string };
export const disclosureFileUrl = (f: { id: number; fileName: string }) => `/cong-khai/tep/${f.id}/${encodeURIComponent(f.fileName)}`;

const columns = `e.id, e.unit_id as "unitId", u.name as "unitName", e.heading, e.school_year as "schoolYear", e.title, e.body_html as "bodyHtml",
  e.changed_on::text as "changedOn", e.due_on::text as "dueOn", e.published_at as "publishedAt", e.version,
  e.created_at as "createdAt", e.updated_at as "updatedAt"`;
type Row = {
  id: number; unitId: number; unitName: string; heading: DisclosureHeading; schoolYear: string; title: string; bodyHtml: string; changedOn: string | null;
  dueOn: string; publishedAt: Date | null; version: number; createdAt: Date; updatedAt: Date;
};

async function filesOf(q: Queryable, ids: number[]): Promise<Map<number, EntryFile[]>> {
  const out = new Map<number, EntryFile[]>();
  if (!ids.length) return out;
  const r = await q.query(`select entry_id as "entryId", id, file_name as "fileName", mime, size from disclosure_files where entry_id = any($1::bigint[]) order by position, id`, [ids]);
  for (const f of r.rows) {
    const list = out.get(Number(f.entryId)) ?? [];
    list.push({ id: Number(f.id), fileName: f.fileName, mime: f.mime, size: f.size, url: disclosureFileUrl({ id: Number(f.id), fileName: f.fileName }) });
    out.set(Number(f.entryId), list);
  }
  return out;
}

function shape(r: Row, files: EntryFile[], today = iso(now())) {
  const publishedOn = r.publishedAt ? iso(new Date(r.publishedAt)) : null;
  return {
    ...r,
    id: Number(r.id),
    unitId: Number(r.unitId),
    headingLabel: headingLabel(r.heading),
    kind: (r.changedOn ? 'update' : 'yearly') as 'update' | 'yearly',
    publishedAt: r.publishedAt ? new Date(r.publishedAt).toISOString() : null,
    status: gradeObligation(r.dueOn, publishedOn, today),
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
    files,
  };
}
export type DisclosureEntry = ReturnType<typeof shape>;

export async function getEntry(q: Queryable, id: number): Promise<DisclosureEntry> {
  const r = await q.query<Row>(`select ${columns} from disclosure_entries e join units u on u.id = e.unit_id where e.id = $1 and e.deleted_at is null`, [id]);
  if (!r.rowCount) throw new AppError('disclosure.not_found', 404, 'disclosure.not_found');
  return shape(r.rows[0], (await filesOf(q, [id])).get(id) ?? []);
}

export async function entryUnit(q: Queryable, id: number): Promise<number> {
  const r = await q.query<{ unitId: number }>('select unit_id as "unitId" from disclosure_entries where id = $1 and deleted_at is null', [id]);
  if (!r.rowCount) throw new AppError('disclosure.not_found', 404, 'disclosure.not_found');
  return Number(r.rows[0].unitId);
}

/** Entries of a school (drafts included), newest school year first, in heading order. */
export async function listEntries(q: Queryable, unitId: number, schoolYear?: string) {
  const r = await q.query<Row>(
    `select ${columns} from disclosure_entries e join units u on u.id = e.unit_id
      where e.unit_id = $1 and e.deleted_at is null and ($2::text is null or e.school_year = $2)
      order by e.school_year desc, array_position($3::text[], e.heading), e.changed_on nulls first, e.id`,
    [unitId, schoolYear ?? null, disclosureHeadings],
  );
  const files = await filesOf(q, r.rows.map((x) => Number(x.id)));
  const today = iso(now());
  return r.rows.map((x) => shape(x, files.get(Number(x.id)) ?? [], today));
}

function checkInput(input: EntryInput) {
  if (!isSchoolYear(input.schoolYear)) throw new AppError('disclosure.bad_school_year', 400, 'disclosure.bad_school_year');
  if (!input.title.trim()) throw new AppError('disclosure.title_required', 400, 'disclosure.title_required');
  if (input.changedOn && input.changedOn > iso(now())) throw new AppError('disclosure.changed_in_future', 400, 'disclosure.changed_in_future');
}

async function dueOf(q: Queryable, input: EntryInput): Promise<string> {
  return input.changedOn ? updateDueOn(q, input.changedOn) : yearlyDueOn(input.schoolYear);
}

async function requireSchool(q: Queryable, unitId: number) {
  const r = await q.query<{ type: string }>('select type from units where id = $1', [unitId]);
  if (!r.rowCount) throw new AppError('unit.not_found', 404, 'unit.not_found');
  if (r.rows[0].type !== 'school') throw new AppError('disclosure.not_school', 400, 'disclosure.not_school');
}

export async function createEntry(actor: Actor, input: EntryInput & { unitId: number }): Promise<DisclosureEntry> {
  checkInput(input);
  return withTransaction(async (tx) => {
    await requireSchool(tx, input.unitId);
    const at = now();
    const dueOn = await dueOf(tx, input);
    const r = await tx.query<{ id: number }>(
      `insert into disclosure_entries (unit_id, heading, school_year, title, body_html, changed_on, due_on, published_at, created_by, updated_by, created_at, updated_at)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$9,$10,$10) returning id`,
      [input.unitId, input.heading, input.schoolYear, input.title.trim(), sanitizeArticleHtml(input.bodyHtml ?? ''), input.changedOn ?? null, dueOn,
        input.isPublished ? at : null, actor.userId, at],
    );
    const id = Number(r.rows[0].id);
    await recordAudit(tx, actor, {
      action: 'disclosure.create', entity: 'disclosure_entry', entityId: id, unitId: input.unitId,
      after: { heading: input.heading, schoolYear: input.schoolYear, title: input.title, changedOn: input.changedOn ?? null, dueOn, isPublished: !!input.isPublished },
    });
    return getEntry(tx, id);
  });
}

type Locked = { id: number; unitId: number; heading: DisclosureHeading; version: number; publishedAt: Date | null; title: string };
async function lockEntry(tx: Tx, id: number): Promise<Locked> {
  const r = await tx.query<Locked>(
    `select id, unit_id as "unitId", heading, version, published_at as "publishedAt", title from disclosure_entries where id = $1 and deleted_at is null for update`,
    [id],
  );
  if (!r.rowCount) throw new AppError('disclosure.not_found', 404, 'disclosure.not_found');
  return { ...r.rows[0], unitId: Number(r.rows[0].unitId) };
}

/** An annual report published less than five years ago must stay public. */
function checkRetention(row: Locked) {
  if (row.heading !== 'annual_report' || !row.publishedAt) return;
  const keepUntil = new Date(row.publishedAt);
  keepUntil.setUTCFullYear(keepUntil.getUTCFullYear() + ANNUAL_REPORT_YEARS);
  if (now() < keepUntil) throw new AppError('disclosure.retention', 409, 'disclosure.retention', { years: ANNUAL_REPORT_YEARS });
}

export async function updateEntry(actor: Actor, id: number, input: Omit<EntryInput, 'isPublished'> & { version: number }): Promise<DisclosureEntry> {
  checkInput(input);
  return withTransaction(async (tx) => {
    const row = await lockEntry(tx, id);
    if (row.version !== input.version) throw new AppError('disclosure.stale', 409, 'disclosure.stale');
    const dueOn = await dueOf(tx, input);
    await tx.query(
      `update disclosure_entries set heading = $2, school_year = $3, title = $4, body_html = $5, changed_on = $6, due_on = $7,
              version = version + 1, updated_by = $8, updated_at = $9 where id = $1`,
      [id, input.heading, input.schoolYear, input.title.trim(), sanitizeArticleHtml(input.bodyHtml ?? ''), input.changedOn ?? null, dueOn, actor.userId, now()],
    );
    await recordAudit(tx, actor, { action: 'disclosure.update', entity: 'disclosure_entry', entityId: id, unitId: row.unitId, before: { title: row.title, version: row.version }, after: { title: input.title, heading: input.heading, dueOn } });
    return getEntry(tx, id);
  });
}

/** Publishes an entry on the school's site (the day it counts for the deadline) or withdraws it. */
export async function setEntryPublished(actor: Actor, id: number, isPublished: boolean): Promise<DisclosureEntry> {
  return withTransaction(async (tx) => {
    const row = await lockEntry(tx, id);
    if (isPublished === !!row.publishedAt) return getEntry(tx, id);
    if (!isPublished) checkRetention(row);
    const at = now();
    await tx.query('update disclosure_entries set published_at = $2, version = version + 1, updated_by = $3, updated_at = $4 where id = $1', [id, isPublished ? at : null, actor.userId, at]);
    await recordAudit(tx, actor, { action: isPublished ? 'disclosure.publish' : 'disclosure.unpublish', entity: 'disclosure_entry', entityId: id, unitId: row.unitId, after: { publishedAt: isPublished ? at.toISOString() : null } });
    return getEntry(tx, id);
  });
}

export async function deleteEntry(actor: Actor, id: number): Promise<void> {
  await withTransaction(async (tx) => {
    const row = await lockEntry(tx, id);
    checkRetention(row);
    await tx.query('update disclosure_entries set deleted_at = $2, updated_by = $3, updated_at = $2 where id = $1', [id, now(), actor.userId]);
    await recordAudit(tx, actor, { action: 'disclosure.delete', entity: 'disclosure_entry', entityId: id, unitId: row.unitId, before: { title: row.title, heading: row.heading } });
  });
}

export async function addEntryFile(actor: Actor, id: number, file: StoredDocumentFile): Promise<DisclosureEntry> {
  return withTransaction(async (tx) => {
    const row = await lockEntry(tx, id);
    const n = await tx.query<{ n: number }>('select count(*)::int as n from disclosure_files where entry_id = $1', [id]);
    if (n.rows[0].n >= 20) throw new AppError('document.too_many_files', 400, 'document.too_many_files');
    const r = await tx.query<{ id: number }>(
      'insert into disclosure_files (entry_id, position, file_key, file_name, mime, size) values ($1,$2,$3,$4,$5,$6) returning id',
      [id, n.rows[0].n, file.key, file.fileName, file.mime, file.size],
    );
    await tx.query('update disclosure_entries set version = version + 1, updated_at = $2, updated_by = $3 where id = $1', [id, now(), actor.userId]);
    await recordAudit(tx, actor, { action: 'disclosure.file_add', entity: 'disclosure_entry', entityId: id, unitId: row.unitId, after: { fileId: Number(r.rows[0].id), fileName: file.fileName } });
    return getEntry(tx, id);
  });
}

export async function removeEntryFile(actor: Actor, id: number, fileId: number): Promise<DisclosureEntry> {
  return withTransaction(async (tx) => {
    const row = await lockEntry(tx, id);
    if (row.heading === 'annual_report') checkRetention(row);
    const r = await tx.query('delete from disclosure_files where id = $1 and entry_id = $2 returning file_name as "fileName"', [fileId, id]);
    if (!r.rowCount) throw new AppError('document.file_not_found', 404, 'document.file_not_found');
    await tx.query('update disclosure_entries set version = version + 1, updated_at = $2, updated_by = $3 where id = $1', [id, now(), actor.userId]);
    await recordAudit(tx, actor, { action: 'disclosure.file_remove', entity: 'disclosure_entry', entityId: id, unitId: row.unitId, before: { fileId, fileName: r.rows[0].fileName } });
    return getEntry(tx, id);
  });
}

/** A stored attachment; `publicOnly` refuses files of unpublished or deleted entries. */
export async function disclosureFile(q: Queryable, fileId: number, opts: { publicOnly: boolean }) {
  const r = await q.query<{ key: string; fileName: string; mime: string; size: number; unitId: number; entryId: number; isPublished: boolean }>(
    `select f.file_key as key, f.entry_id as "entryId", f.file_name as "fileName", f.mime, f.size, e.unit_id as "unitId", e.published_at is not null as "isPublished"
       from disclosure_files f join disclosure_entries e on e.id = f.entry_id where f.id = $1 and e.deleted_at is null`,
    [fileId],
  );
  const f = r.rows[0];
  if (!f || (opts.publicOnly && !f.isPublished)) return null;
  if (!Object.values(documentFileTypes).some((x) => x.mime === f.mime)) return null;
  return { ...f, unitId: Number(f.unitId), entryId: Number(f.entryId) };
}

// ---- compliance ----------------------------------------------------------------------------------

export type Obligation = { kind: 'yearly' | 'update'; dueOn: string; publishedOn: string | null; status: ComplianceStatus; entryId: number | null; title: string | null };
export type ComplianceCell = { heading: DisclosureHeading; status: ComplianceStatus; obligations: Obligation[] };
export type Counts = Record<ComplianceStatus, number>;
const zero = (): Counts => ({ on_time: 0, late: 0, missing: 0, overdue: 0 });

/**
 * Compliance of every active school at or under a unit for one school year:
 * school × heading, each cell graded by its worst obligation (the yearly one,
 * and one per update), counts per school, per group (the unit's direct
 * children the schools sit under) and in total. Graded on `at` (the platform clock).
 */
export async function disclosureCompliance(q: Queryable, unitId: number, schoolYear: string, at: Date = now()) {
  if (!isSchoolYear(schoolYear)) throw new AppError('disclosure.bad_school_year', 400, 'disclosure.bad_school_year');
  const today = iso(at);
  const schools = await q.query<{ id: number; name: string; path: string; groupId: number; groupName: string }>(
    `select s.id, s.name, s.path::text as path, g.id as "groupId", g.name as "groupName"
       from units root
       join units s on s.path <@ root.path and s.type = 'school' and s.status = 'active'
       join units g on g.path = case when s.id = root.id then s.path else subpath(s.path, 0, nlevel(root.path) + 1) end
      where root.id = $1
      order by g.name, s.name`,
    [unitId],
  );
  const ids = schools.rows.map((s) => Number(s.id));
  const entries = await q.query<{ id: number; unitId: number; heading: DisclosureHeading; title: string; changedOn: string | null; dueOn: string; publishedAt: Date | null }>(
    `select id, unit_id as "unitId", heading, title, changed_on::text as "changedOn", due_on::text as "dueOn", published_at as "publishedAt"
       from disclosure_entries where unit_id = any($1::bigint[]) and school_year = $2 and deleted_at is null
      order by published_at nulls last, id`,
    [ids, schoolYear],
  );
  const byKey = new Map<string, typeof entries.rows>();
  for (const e of entries.rows) {
    const k = `${e.unitId}:${e.heading}`;
    byKey.set(k, [...(byKey.get(k) ?? []), e]);
  }
  const yearlyDue = yearlyDueOn(schoolYear);
  const total = zero();
  const groups = new Map<number, { unitId: number; name: string; schools: number; counts: Counts }>();
  const rows = schools.rows.map((s) => {
    const counts = zero();
    const cells: ComplianceCell[] = disclosureHeadings.map((heading) => {
      const es = byKey.get(`${s.id}:${heading}`) ?? [];
      // the yearly obligation is met by the first yearly entry published
      const yearly = es.filter((e) => !e.changedOn);
      const firstPublished = yearly.filter((e) => e.publishedAt).map((e) => ({ e, on: iso(new Date(e.publishedAt as Date)) })).sort((a, b) => a.on.localeCompare(b.on))[0];
      const obligations: Obligation[] = [
        {
          kind: 'yearly',
          dueOn: yearlyDue,
          publishedOn: firstPublished?.on ?? null,
          status: gradeObligation(yearlyDue, firstPublished?.on ?? null, today),
          entryId: firstPublished ? Number(firstPublished.e.id) : yearly[0] ? Number(yearly[0].id) : null,
          title: firstPublished?.e.title ?? yearly[0]?.title ?? null,
        },
        ...es
          .filter((e) => e.changedOn)
          .map((e) => {
            const on = e.publishedAt ? iso(new Date(e.publishedAt)) : null;
            return { kind: 'update' as const, dueOn: e.dueOn, publishedOn: on, status: gradeObligation(e.dueOn, on, today), entryId: Number(e.id), title: e.title };
          }),
      ];
      const status = worstOf(obligations.map((o) => o.status));
      counts[status]++;
      total[status]++;
      return { heading, status, obligations };
    });
    const g = groups.get(Number(s.groupId)) ?? { unitId: Number(s.groupId), name: s.groupName, schools: 0, counts: zero() };
    g.schools++;
    for (const k of complianceStatuses) g.counts[k] += counts[k];
    groups.set(Number(s.groupId), g);
    return { unitId: Number(s.id), name: s.name, groupId: Number(s.groupId), groupName: s.groupName, status: worstOf(cells.map((c) => c.status)), counts, cells };
  });
  const cellsTotal = rows.length * disclosureHeadings.length;
  return {
    schoolYear,
    yearlyDueOn: yearlyDue,
    today,
    headings: disclosureHeadings.map((h) => ({ key: h, label: headingLabel(h) })),
    schools: rows,
    groups: [...groups.values()],
    totals: { ...total, schools: rows.length, cells: cellsTotal, onTimeRate: cellsTotal ? Math.round((total.on_time / cellsTotal) * 1000) / 10 : 0 },
  };
}
export type DisclosureCompliance = Awaited<ReturnType<typeof disclosureCompliance>>;
