import { now } from '../../platform/clock';
import { type Queryable, db, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { slugify } from '../../text';
import { type Actor, recordAudit } from '../audit';
import { type ConsultationStatus, consultationStatus, consultationStatusSql, iso, splitParagraphs } from './common';

/**
 * Consultations (lấy ý kiến dự thảo): a unit publishes a draft split into paragraphs
 * for an open..close window; after it closes the unit publishes a response
 * ("Anh/chị đã góp ý — chúng tôi đã làm") by response_due_at. Status is derived.
 */
export type Paragraph = { id: number; position: number; label: string | null; body: string; commentCount?: number };
export type Consultation = {
  id: number; unitId: number; unitPath: string; unitName: string; title: string; summary: string; slug: string; status: ConsultationStatus;
  opensAt: string; closesAt: string; responseDueAt: string; responseText: string | null; responsePublishedAt: string | null;
  version: number; createdAt: string; updatedAt: string; counts: { total: number; public: number; hidden: number };
};
export type ConsultationWithParagraphs = Consultation & { paragraphs: Paragraph[] };

export type ConsultationInput = {
  unitId: number; title: string; summary?: string | null; text: string;
  opensAt: string | Date; closesAt: string | Date; responseDueAt?: string | Date | null;
};

const DAY = 86_400_000;
/** Default time to publish the response: 20 days after closing. */
export const DEFAULT_RESPONSE_DAYS = 20;

function dates(i: { opensAt: string | Date; closesAt: string | Date; responseDueAt?: string | Date | null }) {
  const opensAt = new Date(i.opensAt);
  const closesAt = new Date(i.closesAt);
  if (Number.isNaN(opensAt.getTime()) || Number.isNaN(closesAt.getTime())) throw new AppError('feedback.bad_dates', 400, 'feedback.bad_dates');
  if (closesAt <= opensAt) throw new AppError('feedback.bad_dates', 400, 'feedback.bad_dates');
  const responseDueAt = i.responseDueAt ? new Date(i.responseDueAt) : new Date(closesAt.getTime() + DEFAULT_RESPONSE_DAYS * DAY);
  if (Number.isNaN(responseDueAt.getTime()) || responseDueAt < closesAt) throw new AppError('feedback.bad_response_due', 400, 'feedback.bad_response_due');
  return { opensAt, closesAt, responseDueAt };
}

/** Addresses under /gop-y that are pages, not consultations. */
const RESERVED_SLUGS = new Set(['y-kien', 'yeu-cau-du-lieu', 'bao-cao']);
async function uniqueSlug(q: Queryable, title: string, selfId: number | null): Promise<string> {
  let base = slugify(title, 70) || 'du-thao';
  if (RESERVED_SLUGS.has(base)) base = `du-thao-${base}`;
  for (let n = 1; n < 50; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    const r = await q.query('select 1 from consultations where slug = $1 and ($2::bigint is null or id <> $2)', [slug, selfId]);
    if (!r.rowCount) return slug;
  }
  return `${base}-${Date.now().toString(36)}`;
}

async function writeParagraphs(tx: Queryable, id: number, text: string) {
  const parts = splitParagraphs(text);
  if (!parts.length) throw new AppError('feedback.text_required', 400, 'feedback.text_required');
  if (parts.length > 500) throw new AppError('feedback.too_many_paragraphs', 400, 'feedback.too_many_paragraphs', { max: 500 });
  await tx.query('delete from consultation_paragraphs where consultation_id = $1', [id]);
  await tx.query(
    `insert into consultation_paragraphs (consultation_id, position, label, body)
     select $1, p.ord, p.label, p.body from unnest($2::text[], $3::text[]) with ordinality as p(label, body, ord)`,
    [id, parts.map((p) => p.label), parts.map((p) => p.body)],
  );
  return parts.length;
}

export async function createConsultation(actor: Actor, input: ConsultationInput): Promise<ConsultationWithParagraphs> {
  const title = input.title.trim();
  if (!title) throw new AppError('feedback.title_required', 400, 'feedback.title_required');
  const d = dates(input);
  const id = await withTransaction(async (tx) => {
    const at = now();
    const slug = await uniqueSlug(tx, title, null);
    const r = await tx.query<{ id: number }>(
      `insert into consultations (unit_id, title, summary, slug, opens_at, closes_at, response_due_at, created_by, created_at, updated_at)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$9) returning id`,
      [input.unitId, title, (input.summary ?? '').trim(), slug, d.opensAt, d.closesAt, d.responseDueAt, actor.userId, at],
    );
    const id = Number(r.rows[0].id);
    const n = await writeParagraphs(tx, id, input.text);
    await recordAudit(tx, actor, { action: 'consultation.create', entity: 'consultation', entityId: id, unitId: input.unitId, after: { title, slug, opensAt: d.opensAt, closesAt: d.closesAt, paragraphs: n } });
    return id;
  });
  return getConsultation(db(), id);
}

/** Edits a consultation; the text (paragraphs) can change only while nobody has commented. */
export async function updateConsultation(actor: Actor, id: number, input: Partial<Omit<ConsultationInput, 'unitId'>> & { version: number }): Promise<ConsultationWithParagraphs> {
  await withTransaction(async (tx) => {
    // lock first, then read: the version and "nobody has commented" checks see the latest committed state
    // (comments take the row FOR SHARE, so none can slip in between the check and the rewrite)
    await tx.query('select 1 from consultations where id = $1 for update', [id]);
    const before = await getConsultation(tx, id);
    if (before.version !== input.version) throw new AppError('conflict', 409, 'error.conflict');
    if (before.status === 'answered') throw new AppError('feedback.already_answered', 409, 'feedback.already_answered');
    const d = dates({ opensAt: input.opensAt ?? before.opensAt, closesAt: input.closesAt ?? before.closesAt, responseDueAt: input.responseDueAt ?? before.responseDueAt });
    const title = input.title?.trim() ?? before.title;
    if (!title) throw new AppError('feedback.title_required', 400, 'feedback.title_required');
    if (input.text !== undefined) {
      if (before.counts.total > 0) throw new AppError('feedback.text_locked', 409, 'feedback.text_locked');
      await writeParagraphs(tx, id, input.text);
    }
    await tx.query(
      `update consultations set title = $2, summary = $3, opens_at = $4, closes_at = $5, response_due_at = $6, version = version + 1, updated_at = $7 where id = $1`,
      [id, title, input.summary !== undefined ? (input.summary ?? '').trim() : before.summary, d.opensAt, d.closesAt, d.responseDueAt, now()],
    );
    await recordAudit(tx, actor, {
      action: 'consultation.update', entity: 'consultation', entityId: id, unitId: before.unitId,
      before: { title: before.title, opensAt: before.opensAt, closesAt: before.closesAt, responseDueAt: before.responseDueAt },
      after: { title, opensAt: d.opensAt, closesAt: d.closesAt, responseDueAt: d.responseDueAt, textChanged: input.text !== undefined },
    });
  });
  return getConsultation(db(), id);
}

/** Publishes (or corrects) the response "you said, we did" once the consultation has closed. */
export async function publishResponse(actor: Actor, id: number, text: string): Promise<ConsultationWithParagraphs> {
  const body = text.replace(/\r\n?/g, '\n').trim();
  if (body.length < 20) throw new AppError('feedback.response_short', 400, 'feedback.response_short');
  await withTransaction(async (tx) => {
    await tx.query('select 1 from consultations where id = $1 for update', [id]);
    const before = await getConsultation(tx, id);
    if (before.status === 'draft' || before.status === 'open') throw new AppError('feedback.not_closed', 409, 'feedback.not_closed');
    const at = now();
    await tx.query(
      `update consultations set response_text = $2, response_published_at = coalesce(response_published_at, $3), response_published_by = coalesce(response_published_by, $4),
              version = version + 1, updated_at = $3 where id = $1`,
      [id, body, at, actor.userId],
    );
    await recordAudit(tx, actor, {
      action: before.responsePublishedAt ? 'consultation.response_edit' : 'consultation.response_publish', entity: 'consultation', entityId: id, unitId: before.unitId,
      before: { responseText: before.responseText }, after: { responseText: body, onTime: at <= new Date(before.responseDueAt) },
    });
  });
  return getConsultation(db(), id);
}

export async function consultationUnitPath(q: Queryable, id: number): Promise<{ unitId: number; unitPath: string }> {
  const r = await q.query('select c.unit_id as "unitId", u.path::text as "unitPath" from consultations c join units u on u.id = c.unit_id where c.id = $1', [id]);
  if (!r.rowCount) throw new AppError('feedback.not_found', 404, 'feedback.not_found');
  return { unitId: Number(r.rows[0].unitId), unitPath: r.rows[0].unitPath };
}

const columns = `c.id, c.unit_id as "unitId", u.path::text as "unitPath", u.name as "unitName", c.title, c.summary, c.slug, c.opens_at as "opensAt", c.closes_at as "closesAt",
  c.response_due_at as "responseDueAt", c.response_text as "responseText", c.response_published_at as "responsePublishedAt", c.version, c.created_at as "createdAt", c.updated_at as "updatedAt"`;

function present(r: Record<string, any>, at: Date): Consultation {
  return {
    id: Number(r.id), unitId: Number(r.unitId), unitPath: r.unitPath, unitName: r.unitName, title: r.title, summary: r.summary, slug: r.slug,
    status: consultationStatus(r as any, at),
    opensAt: iso(r.opensAt) as string, closesAt: iso(r.closesAt) as string, responseDueAt: iso(r.responseDueAt) as string,
    responseText: r.responseText, responsePublishedAt: iso(r.responsePublishedAt), version: r.version,
    createdAt: iso(r.createdAt) as string, updatedAt: iso(r.updatedAt) as string,
    counts: { total: Number(r.total ?? 0), public: Number(r.public ?? 0), hidden: Number(r.hidden ?? 0) },
  };
}
const countsJoin = `left join lateral (select count(*) as total, count(*) filter (where fi.visibility = 'public') as public, count(*) filter (where fi.visibility = 'hidden') as hidden
  from feedback_items fi where fi.consultation_id = c.id) k on true`;

export async function getConsultation(q: Queryable, id: number): Promise<ConsultationWithParagraphs> {
  const r = await q.query(`select ${columns}, k.total, k.public, k.hidden from consultations c join units u on u.id = c.unit_id ${countsJoin} where c.id = $1`, [id]);
  if (!r.rowCount) throw new AppError('feedback.not_found', 404, 'feedback.not_found');
  const p = await q.query(
    `select p.id, p.position, p.label, p.body, (select count(*) from feedback_items fi where fi.paragraph_id = p.id)::int as "commentCount"
       from consultation_paragraphs p where p.consultation_id = $1 order by p.position`,
    [id],
  );
  return { ...present(r.rows[0], now()), paragraphs: p.rows.map((x) => ({ ...x, id: Number(x.id) })) };
}

export async function listConsultations(q: Queryable, opts: { unitPath: string; ownUnitIds?: number[] | null; status?: ConsultationStatus; limit?: number; offset?: number }) {
  const at = now();
  const params: unknown[] = [opts.unitPath, opts.limit ?? 50, opts.offset ?? 0];
  const where = ['u.path <@ $1::ltree'];
  if (opts.ownUnitIds) where.push(`c.unit_id = any($${params.push(opts.ownUnitIds)}::bigint[])`);
  if (opts.status) where.push(`${consultationStatusSql('c', `$${params.push(at)}::timestamptz`)} = $${params.push(opts.status)}`);
  const r = await q.query(
    `select ${columns}, k.total, k.public, k.hidden, count(*) over () as n from consultations c join units u on u.id = c.unit_id ${countsJoin}
      where ${where.join(' and ')} order by c.opens_at desc, c.id desc limit $2 offset $3`,
    params,
  );
  return { total: Number(r.rows[0]?.n ?? 0), items: r.rows.map((x) => present(x, at)) };
}

/** Consultations whose response is due and not yet published (for dashboards and reminders). */
export async function overdueResponses(q: Queryable, unitPath: string) {
  const r = await q.query(
    `select c.id, c.title, c.response_due_at as "responseDueAt" from consultations c join units u on u.id = c.unit_id
      where u.path <@ $1::ltree and c.response_published_at is null and c.response_due_at < $2 order by c.response_due_at`,
    [unitPath, now()],
  );
  return r.rows.map((x) => ({ id: Number(x.id), title: x.title as string, responseDueAt: iso(x.responseDueAt) as string }));
}
