import { now } from '../../platform/clock';
import { type Queryable, type Tx, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { type MessageKey, t } from '../../platform/i18n';
import { foldVietnamese, slugify } from '../../text';
import { type Actor, recordAudit } from '../audit';
import { iso } from '../plans';
import type { StoredDocumentFile } from './files';

/**
 * The documents library (văn bản) of a unit: number and symbol, type, issuing
 * body, signer, dates (issue, effective, expiry), field, summary (trích yếu)
 * and files. Uploaded documents are edited here; issued plans arrive by
 * themselves (source 'plan', a trigger on `plans` — migrations/0010) and are
 * read-only. Search folds diacritics on both sides (src/text foldVietnamese)
 * and matches every word with LIKE on the trigram-indexed `search_text`.
 * Deleting hides a document (deleted_at); the row and its audit trail stay.
 */
export const documentTypes = [
  'quyet_dinh',
  'ke_hoach',
  'cong_van',
  'thong_bao',
  'huong_dan',
  'bao_cao',
  'chi_thi',
  'nghi_quyet',
  'thong_tu',
  'nghi_dinh',
  'luat',
  'to_trinh',
  'bien_ban',
  'khac',
] as const;
export type DocumentType = (typeof documentTypes)[number];
export const documentTypeLabel = (k: string) => t(`documents.type.${k}` as MessageKey);

export type DocumentInput = {
  number?: string | null;
  symbol?: string | null;
  docType: DocumentType;
  issuer: string;
  signer?: string | null;
  signerTitle?: string | null;
  issuedOn?: string | null;
  effectiveOn?: string | null;
  expiresOn?: string | null;
  field?: string | null;
  summary: string;
  isPublic?: boolean;
};

export type Validity = 'in_force' | 'not_yet' | 'expired';
export type DocumentFile = { id: number; fileName: string; mime: string; size: number; url: string };

export const numberLabelOf = (number: string | null, symbol: string | null) =>
  number && symbol ? `${number}/${symbol}` : (number ?? symbol ?? null);
/** The public address part of a document: its id, then words of its number or summary. */
export const documentRef = (d: { id: number; number: string | null; symbol: string | null; summary: string }) =>
  `${d.id}-${slugify(numberLabelOf(d.number, d.symbol) ?? d.summary, 60) || 'van-ban'}`;
export const documentFileUrl = (f: { id: number; fileName: string }) => `/van-ban/tep/${f.id}/${encodeURIComponent(f.fileName)}`;
/** The rendered plan (its signed copy when one is attached) for a document that came from a plan. */
export const planDocumentUrl = (id: number) => `/van-ban/${id}/ban-ke-hoach`;

export function validityOf(d: { effectiveOn: string | null; expiresOn: string | null; supersededOn: string | null }, today = iso(now())): Validity {
  if (d.supersededOn && d.supersededOn <= today) return 'expired';
  if (d.expiresOn && d.expiresOn < today) return 'expired';
  if (d.effectiveOn && d.effectiveOn > today) return 'not_yet';
  return 'in_force';
}

const columns = `d.id, d.unit_id as "unitId", u.name as "unitName", u.code as "unitCode", d.source, d.plan_id as "planId", d.number, d.symbol,
  d.doc_type as "docType", d.issuer, d.signer, d.signer_title as "signerTitle", d.issued_on::text as "issuedOn",
  d.effective_on::text as "effectiveOn", d.expires_on::text as "expiresOn", d.superseded_on::text as "supersededOn", d.field, d.summary,
  d.is_public as "isPublic", d.version, d.created_at as "createdAt", d.updated_at as "updatedAt"`;

type Row = {
  id: number; unitId: number; unitName: string; unitCode: string; source: 'upload' | 'plan'; planId: number | null; number: string | null; symbol: string | null;
  docType: DocumentType; issuer: string; signer: string | null; signerTitle: string | null; issuedOn: string | null; effectiveOn: string | null;
  expiresOn: string | null; supersededOn: string | null; field: string | null; summary: string; isPublic: boolean; version: number; createdAt: Date; updatedAt: Date;
};

function shape(r: Row, files: DocumentFile[]) {
  return {
    ...r,
    id: Number(r.id),
    unitId: Number(r.unitId),
    planId: r.planId == null ? null : Number(r.planId),
    numberLabel: numberLabelOf(r.number, r.symbol),
    docTypeLabel: documentTypeLabel(r.docType),
    validity: validityOf(r),
    ref: documentRef(r),
    files,
    planFileUrl: r.source === 'plan' ? planDocumentUrl(Number(r.id)) : null,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}
export type LibraryDocument = ReturnType<typeof shape>;

async function filesOf(q: Queryable, ids: number[]): Promise<Map<number, DocumentFile[]>> {
  const out = new Map<number, DocumentFile[]>();
  if (!ids.length) return out;
  const r = await q.query<{ documentId: number; id: number; fileName: string; mime: string; size: number }>(
    `select document_id as "documentId", id, file_name as "fileName", mime, size from document_files where document_id = any($1::bigint[]) order by position, id`,
    [ids],
  );
  for (const f of r.rows) {
    const list = out.get(Number(f.documentId)) ?? [];
    list.push({ id: Number(f.id), fileName: f.fileName, mime: f.mime, size: f.size, url: documentFileUrl({ id: Number(f.id), fileName: f.fileName }) });
    out.set(Number(f.documentId), list);
  }
  return out;
}

export async function getDocument(q: Queryable, id: number): Promise<LibraryDocument> {
  const r = await q.query<Row>(`select ${columns} from documents d join units u on u.id = d.unit_id where d.id = $1 and d.deleted_at is null`, [id]);
  if (!r.rowCount) throw new AppError('document.not_found', 404, 'document.not_found');
  return shape(r.rows[0], (await filesOf(q, [id])).get(id) ?? []);
}

export async function documentUnit(q: Queryable, id: number): Promise<{ unitId: number; source: 'upload' | 'plan' }> {
  const r = await q.query('select unit_id as "unitId", source from documents where id = $1 and deleted_at is null', [id]);
  if (!r.rowCount) throw new AppError('document.not_found', 404, 'document.not_found');
  return { unitId: Number(r.rows[0].unitId), source: r.rows[0].source };
}

function searchTextOf(input: DocumentInput, fileNames: string[] = []): string {
  const label = numberLabelOf(input.number ?? null, input.symbol ?? null);
  return foldVietnamese(
    [label, input.number, input.symbol, documentTypeLabel(input.docType), input.issuer, input.signer, input.signerTitle, input.field, input.summary, ...fileNames]
      .filter(Boolean)
      .join(' '),
  ).slice(0, 20_000);
}

const clean = (s: string | null | undefined) => (s == null ? null : s.trim() || null);
function normalise(input: DocumentInput): DocumentInput {
  const out = {
    ...input,
    number: clean(input.number),
    symbol: clean(input.symbol),
    issuer: input.issuer.trim(),
    signer: clean(input.signer),
    signerTitle: clean(input.signerTitle),
    field: clean(input.field),
    summary: input.summary.trim(),
    issuedOn: input.issuedOn || null,
    effectiveOn: input.effectiveOn || null,
    expiresOn: input.expiresOn || null,
  };
  if (!out.issuer) throw new AppError('document.issuer_required', 400, 'document.issuer_required');
  if (!out.summary) throw new AppError('document.summary_required', 400, 'document.summary_required');
  const starts = out.effectiveOn ?? out.issuedOn;
  if (out.expiresOn && starts && out.expiresOn < starts) throw new AppError('document.bad_dates', 400, 'document.bad_dates');
  return out;
}

export async function createDocument(actor: Actor, input: DocumentInput & { unitId: number }): Promise<LibraryDocument> {
  const x = normalise(input);
  return withTransaction(async (tx) => {
    const at = now();
    const r = await tx.query<{ id: number }>(
      `insert into documents (unit_id, number, symbol, doc_type, issuer, signer, signer_title, issued_on, effective_on, expires_on, field, summary,
                              is_public, search_text, created_by, updated_by, created_at, updated_at)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$15,$16,$16) returning id`,
      [input.unitId, x.number, x.symbol, x.docType, x.issuer, x.signer, x.signerTitle, x.issuedOn, x.effectiveOn ?? x.issuedOn, x.expiresOn, x.field,
        x.summary, x.isPublic ?? true, searchTextOf(x), actor.userId, at],
    );
    const id = Number(r.rows[0].id);
    await recordAudit(tx, actor, { action: 'document.create', entity: 'document', entityId: id, unitId: input.unitId, after: auditView(x) });
    return getDocument(tx, id);
  });
}

const auditView = (x: DocumentInput) => ({ number: numberLabelOf(x.number ?? null, x.symbol ?? null), docType: x.docType, issuer: x.issuer, summary: x.summary, isPublic: x.isPublic ?? true });

type Locked = { id: number; unitId: number; source: string; version: number } & DocumentInput;
async function lockDocument(tx: Tx, id: number): Promise<Locked> {
  const r = await tx.query<Locked>(
    `select id, unit_id as "unitId", source, version, number, symbol, doc_type as "docType", issuer, summary, is_public as "isPublic"
       from documents where id = $1 and deleted_at is null for update`,
    [id],
  );
  if (!r.rowCount) throw new AppError('document.not_found', 404, 'document.not_found');
  return { ...r.rows[0], unitId: Number(r.rows[0].unitId) };
}

async function refreshSearchText(tx: Tx, id: number) {
  const d = await tx.query(
    `select number, symbol, doc_type as "docType", issuer, signer, signer_title as "signerTitle", field, summary,
            coalesce((select array_agg(file_name) from document_files where document_id = $1), '{}') as files
       from documents where id = $1`,
    [id],
  );
  const x = d.rows[0];
  await tx.query('update documents set search_text = $2 where id = $1', [id, searchTextOf(x, x.files)]);
}

/** Edits an uploaded document (plans are edited as plans). Carries the version it was loaded at. */
export async function updateDocument(actor: Actor, id: number, input: DocumentInput & { version: number }): Promise<LibraryDocument> {
  const x = normalise(input);
  return withTransaction(async (tx) => {
    const row = await lockDocument(tx, id);
    if (row.source === 'plan') throw new AppError('document.from_plan', 409, 'document.from_plan');
    if (row.version !== input.version) throw new AppError('document.stale', 409, 'document.stale');
    await tx.query(
      `update documents set number = $2, symbol = $3, doc_type = $4, issuer = $5, signer = $6, signer_title = $7, issued_on = $8, effective_on = $9,
              expires_on = $10, field = $11, summary = $12, is_public = $13, version = version + 1, updated_by = $14, updated_at = $15
        where id = $1`,
      [id, x.number, x.symbol, x.docType, x.issuer, x.signer, x.signerTitle, x.issuedOn, x.effectiveOn ?? x.issuedOn, x.expiresOn, x.field, x.summary,
        x.isPublic ?? true, actor.userId, now()],
    );
    await refreshSearchText(tx, id);
    await recordAudit(tx, actor, { action: 'document.update', entity: 'document', entityId: id, unitId: row.unitId, before: auditView(row), after: auditView(x) });
    return getDocument(tx, id);
  });
}

/** Takes a document out of the library (it stays in the database and the audit log). */
export async function deleteDocument(actor: Actor, id: number): Promise<void> {
  await withTransaction(async (tx) => {
    const row = await lockDocument(tx, id);
    await tx.query('update documents set deleted_at = $2, updated_by = $3, updated_at = $2 where id = $1', [id, now(), actor.userId]);
    await recordAudit(tx, actor, { action: 'document.delete', entity: 'document', entityId: id, unitId: row.unitId, before: auditView(row) });
  });
}

export async function addDocumentFile(actor: Actor, id: number, file: StoredDocumentFile): Promise<LibraryDocument> {
  return withTransaction(async (tx) => {
    const row = await lockDocument(tx, id);
    if (row.source === 'plan') throw new AppError('document.from_plan', 409, 'document.from_plan');
    const n = await tx.query<{ n: number }>('select count(*)::int as n from document_files where document_id = $1', [id]);
    if (n.rows[0].n >= 20) throw new AppError('document.too_many_files', 400, 'document.too_many_files');
    const r = await tx.query<{ id: number }>(
      `insert into document_files (document_id, position, file_key, file_name, mime, size) values ($1, $2, $3, $4, $5, $6) returning id`,
      [id, n.rows[0].n, file.key, file.fileName, file.mime, file.size],
    );
    await tx.query('update documents set version = version + 1, updated_at = $2, updated_by = $3 where id = $1', [id, now(), actor.userId]);
    await refreshSearchText(tx, id);
    await recordAudit(tx, actor, { action: 'document.file_add', entity: 'document', entityId: id, unitId: row.unitId, after: { fileId: Number(r.rows[0].id), fileName: file.fileName, mime: file.mime, size: file.size } });
    return getDocument(tx, id);
  });
}

export async function removeDocumentFile(actor: Actor, id: number, fileId: number): Promise<LibraryDocument> {
  return withTransaction(async (tx) => {
    const row = await lockDocument(tx, id);
    const r = await tx.query('delete from document_files where id = $1 and document_id = $2 returning file_name as "fileName"', [fileId, id]);
    if (!r.rowCount) throw new AppError('document.file_not_found', 404, 'document.file_not_found');
    await tx.query('update documents set version = version + 1, updated_at = $2, updated_by = $3 where id = $1', [id, now(), actor.userId]);
    await refreshSearchText(tx, id);
    await recordAudit(tx, actor, { action: 'document.file_remove', entity: 'document', entityId: id, unitId: row.unitId, before: { fileId, fileName: r.rows[0].fileName } });
    return getDocument(tx, id);
  });
}

/** A stored file with what serving it needs; `publicOnly` refuses files of hidden or deleted documents. */
export async function documentFile(q: Queryable, fileId: number, opts: { publicOnly: boolean }) {
  const r = await q.query<{ key: string; fileName: string; mime: string; size: number; unitId: number; documentId: number; isPublic: boolean }>(
    `select f.file_key as key, f.document_id as "documentId", f.file_name as "fileName", f.mime, f.size, d.unit_id as "unitId", d.is_public as "isPublic"
       from document_files f join documents d on d.id = f.document_id where f.id = $1 and d.deleted_at is null`,
    [fileId],
  );
  const f = r.rows[0];
  if (!f || (opts.publicOnly && !f.isPublic)) return null;
  return { ...f, unitId: Number(f.unitId), documentId: Number(f.documentId) };
}

export type DocumentQuery = {
  /** the units whose documents are listed: one unit, or a subtree by path */
  unitId?: number;
  unitPath?: string;
  isPublicOnly?: boolean;
  text?: string;
  docType?: DocumentType;
  field?: string;
  issuer?: string;
  number?: string;
  year?: number;
  validity?: Validity;
  limit: number;
  offset: number;
};

/**
 * Search: every word of `text` (folded) must be in the folded search text;
 * `number`, `issuer` and `field` match their own folded columns. Ranked by
 * an exact number match, then trigram similarity, then the newest issue date.
 */
export async function searchDocuments(q: Queryable, opts: DocumentQuery) {
  const params: unknown[] = [];
  const p = (v: unknown) => `$${params.push(v)}`;
  const where = ['d.deleted_at is null'];
  if (opts.unitId != null) where.push(`d.unit_id = ${p(opts.unitId)}`);
  if (opts.unitPath) where.push(`u.path <@ ${p(opts.unitPath)}::ltree`);
  if (opts.isPublicOnly) where.push('d.is_public');
  if (opts.docType) where.push(`d.doc_type = ${p(opts.docType)}`);
  if (opts.year) where.push(`d.issued_on >= make_date(${p(opts.year)}::int, 1, 1) and d.issued_on < make_date($${params.length}::int + 1, 1, 1)`);
  const today = iso(now());
  if (opts.validity === 'expired') where.push(`(d.superseded_on <= ${p(today)}::date or d.expires_on < $${params.length}::date)`);
  if (opts.validity === 'not_yet') where.push(`d.effective_on > ${p(today)}::date and d.superseded_on is null`);
  if (opts.validity === 'in_force') {
    where.push(`(d.superseded_on is null or d.superseded_on > ${p(today)}::date) and (d.expires_on is null or d.expires_on >= $${params.length}::date) and (d.effective_on is null or d.effective_on <= $${params.length}::date)`);
  }
  const words = foldVietnamese(opts.text ?? '').split(' ').filter(Boolean).slice(0, 8);
  for (const w of words) where.push(`d.search_text like ${p(`%${likeEscape(w)}%`)}`);
  const number = foldVietnamese(opts.number ?? '').replace(/\s+/g, '');
  if (number) where.push(`loa_fold(coalesce(d.number, '') || '/' || coalesce(d.symbol, '')) like ${p(`%${likeEscape(number)}%`)}`);
  const issuer = foldVietnamese(opts.issuer ?? '');
  if (issuer) where.push(`loa_fold(d.issuer) like ${p(`%${likeEscape(issuer)}%`)}`);
  const field = foldVietnamese(opts.field ?? '');
  if (field) where.push(`loa_fold(coalesce(d.field, '')) like ${p(`%${likeEscape(field)}%`)}`);
  const folded = words.join(' ');
  const rank = folded
    ? `(case when loa_fold(coalesce(d.number, '') || '/' || coalesce(d.symbol, '')) like ${p(`${likeEscape(folded.replace(/\s+/g, ''))}%`)} then 1 else 0 end) desc,
       similarity(d.search_text, ${p(folded)}) desc,`
    : '';
  const limit = p(Math.min(Math.max(opts.limit, 1), 200));
  const offset = p(Math.max(opts.offset, 0));
  const r = await q.query<Row & { total: string }>(
    `select ${columns}, count(*) over () as total from documents d join units u on u.id = d.unit_id
      where ${where.join(' and ')}
      order by ${rank} d.issued_on desc nulls last, d.id desc limit ${limit} offset ${offset}`,
    params,
  );
  const files = await filesOf(q, r.rows.map((x) => Number(x.id)));
  return {
    total: Number(r.rows[0]?.total ?? 0),
    items: r.rows.map(({ total: _t, ...x }) => shape(x as Row, files.get(Number(x.id)) ?? [])),
  };
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The fields and issuers in use, for the filters (a unit, or a subtree). */
export async function documentFacets(q: Queryable, opts: { unitId?: number; unitPath?: string; isPublicOnly?: boolean }) {
  const r = await q.query<{ kind: string; value: string; n: number }>(
    `select kind, value, count(*)::int as n from (
       select 'field' as kind, d.field as value from documents d join units u on u.id = d.unit_id
        where d.deleted_at is null and d.field is not null and ($1::bigint is null or d.unit_id = $1) and ($2::ltree is null or u.path <@ $2) and (not $3 or d.is_public)
       union all
       select 'issuer', d.issuer from documents d join units u on u.id = d.unit_id
        where d.deleted_at is null and ($1::bigint is null or d.unit_id = $1) and ($2::ltree is null or u.path <@ $2) and (not $3 or d.is_public)
     ) x group by kind, value order by n desc, value limit 200`,
    [opts.unitId ?? null, opts.unitPath ?? null, opts.isPublicOnly ?? false],
  );
  return {
    fields: r.rows.filter((x) => x.kind === 'field').map((x) => x.value),
    issuers: r.rows.filter((x) => x.kind === 'issuer').map((x) => x.value),
  };
}
