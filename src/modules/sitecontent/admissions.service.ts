import { now } from '../../platform/clock';
import { type Queryable, type Tx, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { type Actor, recordAudit } from '../audit';
import { sanitizeArticleHtml } from '../newsroom';
import { currentSchoolYear, iso, uniqueSlug, vnDay } from './common';

/**
 * Admissions notices (thông báo tuyển sinh): title, school year, grade, body
 * (sanitised rich text), the key dates and attached files. A draft is published
 * and can be taken down again. Whether applications are open is decided by the
 * Vietnam calendar day of the server clock: upcoming before `apply_from`, open
 * from `apply_from` to `apply_to` inclusive, closed after.
 */
export type Attachment = { key: string; name: string; size: number; mime: string };
export type AdmissionInput = {
  title: string;
  schoolYear?: string;
  grade?: string | null;
  summary?: string | null;
  bodyHtml?: string;
  applyFrom?: string | null;
  applyTo?: string | null;
  examOn?: string | null;
  resultOn?: string | null;
  attachments?: Attachment[];
};
export type AdmissionPhase = 'upcoming' | 'open' | 'closed' | 'undated';

export function admissionPhase(n: { applyFrom: string | null; applyTo: string | null }, today: string = vnDay()): AdmissionPhase {
  if (!n.applyFrom && !n.applyTo) return 'undated';
  if (n.applyFrom && today < n.applyFrom) return 'upcoming';
  if (n.applyTo && today > n.applyTo) return 'closed';
  return 'open';
}

const columns = `a.id, a.unit_id as "unitId", a.title, a.slug, a.school_year as "schoolYear", a.grade, a.summary, a.body_html as "bodyHtml",
  a.apply_from as "applyFrom", a.apply_to as "applyTo", a.exam_on as "examOn", a.result_on as "resultOn", a.attachments,
  a.status, a.published_at as "publishedAt", a.version, a.created_at as "createdAt", a.updated_at as "updatedAt"`;

function present(r: Record<string, any>) {
  return {
    ...(r as {
      id: number; unitId: number; title: string; slug: string; schoolYear: string; grade: string | null; summary: string | null; bodyHtml: string;
      applyFrom: string | null; applyTo: string | null; examOn: string | null; resultOn: string | null; attachments: Attachment[];
      status: 'draft' | 'published'; version: number;
    }),
    publishedAt: iso(r.publishedAt),
    createdAt: iso(r.createdAt) as string,
    updatedAt: iso(r.updatedAt) as string,
    phase: admissionPhase(r as { applyFrom: string | null; applyTo: string | null }),
  };
}
export type Admission = ReturnType<typeof present>;

export async function getAdmission(q: Queryable, id: number): Promise<Admission> {
  const r = await q.query(`select ${columns} from admission_notices a where a.id = $1`, [id]);
  if (!r.rowCount) throw new AppError('sitecontent.not_found', 404, 'sitecontent.not_found');
  return present(r.rows[0]);
}

export async function listAdmissions(q: Queryable, unitId: number, opts: { isPublishedOnly?: boolean } = {}): Promise<Admission[]> {
  const r = await q.query(
    `select ${columns} from admission_notices a where a.unit_id = $1 and (not $2 or a.status = 'published')
      order by a.school_year desc, coalesce(a.apply_to, a.created_at::date) desc, a.id desc limit 500`,
    [unitId, opts.isPublishedOnly ?? false],
  );
  return r.rows.map(present);
}

export async function publishedAdmissionBySlug(q: Queryable, unitId: number, slug: string): Promise<Admission | null> {
  const r = await q.query(`select ${columns} from admission_notices a where a.unit_id = $1 and a.slug = $2 and a.status = 'published'`, [unitId, slug]);
  return r.rows[0] ? present(r.rows[0]) : null;
}

function checkDates(i: AdmissionInput) {
  if (i.applyFrom && i.applyTo && i.applyFrom > i.applyTo) throw new AppError('sitecontent.bad_dates', 400, 'sitecontent.bad_dates');
}

async function checkAttachments(tx: Tx, unitId: number, list: Attachment[] | undefined) {
  // An attachment is a file uploaded through /site-content/files for this unit.
  const keys = (list ?? []).map((a) => a.key);
  if (!keys.length) return;
  const r = await tx.query<{ n: number }>('select count(distinct key)::int as n from site_files where unit_id = $1 and key = any($2::text[])', [unitId, keys]);
  if (r.rows[0].n !== new Set(keys).size) throw new AppError('sitecontent.bad_file', 400, 'sitecontent.bad_file');
}

export async function createAdmission(actor: Actor, unitId: number, input: AdmissionInput): Promise<Admission> {
  checkDates(input);
  return withTransaction(async (tx) => {
    await checkAttachments(tx, unitId, input.attachments);
    const at = now();
    const r = await tx.query<{ id: number }>(
      `insert into admission_notices (unit_id, title, slug, school_year, grade, summary, body_html, apply_from, apply_to, exam_on, result_on, attachments, created_by, created_at, updated_at)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$14) returning id`,
      [unitId, input.title, await uniqueSlug(tx, 'admission_notices', unitId, input.title, null, 'tuyen-sinh'), input.schoolYear ?? currentSchoolYear(at),
        input.grade ?? null, input.summary ?? null, sanitizeArticleHtml(input.bodyHtml ?? ''), input.applyFrom ?? null, input.applyTo ?? null,
        input.examOn ?? null, input.resultOn ?? null, JSON.stringify(input.attachments ?? []), actor.userId, at],
    );
    const a = await getAdmission(tx, r.rows[0].id);
    await recordAudit(tx, actor, { action: 'admission.create', entity: 'admission_notice', entityId: a.id, unitId, after: { title: a.title, schoolYear: a.schoolYear } });
    return a;
  });
}

export async function updateAdmission(actor: Actor, id: number, input: AdmissionInput & { version: number }): Promise<Admission> {
  checkDates(input);
  return withTransaction(async (tx) => {
    const before = await getAdmission(tx, id);
    const locked = await tx.query<{ version: number }>('select version from admission_notices where id = $1 for update', [id]);
    if (locked.rows[0].version !== input.version) throw new AppError('sitecontent.stale', 409, 'sitecontent.stale');
    await checkAttachments(tx, before.unitId, input.attachments);
    const slug = before.title === input.title ? before.slug : await uniqueSlug(tx, 'admission_notices', before.unitId, input.title, id, 'tuyen-sinh');
    await tx.query(
      `update admission_notices set title = $2, slug = $3, school_year = coalesce($4, school_year), grade = $5, summary = $6, body_html = $7,
              apply_from = $8, apply_to = $9, exam_on = $10, result_on = $11, attachments = $12, version = version + 1, updated_at = $13 where id = $1`,
      [id, input.title, before.status === 'published' ? before.slug : slug, input.schoolYear ?? null, input.grade ?? null, input.summary ?? null,
        sanitizeArticleHtml(input.bodyHtml ?? ''), input.applyFrom ?? null, input.applyTo ?? null, input.examOn ?? null, input.resultOn ?? null,
        JSON.stringify(input.attachments ?? before.attachments), now()],
    );
    const after = await getAdmission(tx, id);
    await recordAudit(tx, actor, { action: 'admission.update', entity: 'admission_notice', entityId: id, unitId: before.unitId, before: { title: before.title, applyFrom: before.applyFrom, applyTo: before.applyTo }, after: { title: after.title, applyFrom: after.applyFrom, applyTo: after.applyTo } });
    return after;
  });
}

/** Publishes or takes down a notice, an album or a video. */
export async function setPublished(actor: Actor, table: 'admission_notices' | 'albums' | 'videos', id: number, isPublished: boolean, check?: (tx: Tx, id: number) => Promise<void>): Promise<void> {
  await withTransaction(async (tx) => {
    const r = await tx.query<{ unitId: number; status: string; title: string }>(`select unit_id as "unitId", status, title from ${table} where id = $1 for update`, [id]);
    const row = r.rows[0];
    if (!row) throw new AppError('sitecontent.not_found', 404, 'sitecontent.not_found');
    if (isPublished && check) await check(tx, id);
    await tx.query(
      `update ${table} set status = $2, published_at = case when $2 = 'published' then coalesce(published_at, $3) else null end, updated_at = $3 where id = $1`,
      [id, isPublished ? 'published' : 'draft', now()],
    );
    const entity = { admission_notices: 'admission_notice', albums: 'album', videos: 'video' }[table];
    await recordAudit(tx, actor, { action: `${entity}.${isPublished ? 'publish' : 'unpublish'}`, entity, entityId: id, unitId: row.unitId, before: { status: row.status }, after: { status: isPublished ? 'published' : 'draft', title: row.title } });
  });
}

/** Deletes a row of the site content (audited with what it was). */
export async function deleteRow(actor: Actor, table: 'admission_notices' | 'albums' | 'videos' | 'work_schedule_items' | 'faqs' | 'site_links', id: number): Promise<void> {
  await withTransaction(async (tx) => {
    const r = await tx.query(`delete from ${table} where id = $1 returning *`, [id]);
    const row = r.rows[0];
    if (!row) throw new AppError('sitecontent.not_found', 404, 'sitecontent.not_found');
    const entity = { admission_notices: 'admission_notice', albums: 'album', videos: 'video', work_schedule_items: 'schedule_item', faqs: 'faq', site_links: 'site_link' }[table];
    const { body_html: _b, search_text: _s, ...before } = row;
    await recordAudit(tx, actor, { action: `${entity}.delete`, entity, entityId: id, unitId: row.unit_id, before });
  });
}
