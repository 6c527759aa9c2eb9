import crypto from 'node:crypto';
import { now } from '../../platform/clock';
import { type Queryable, type Tx, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { foldVietnamese, schoolYearOf, slugify } from '../../text';
import { type Actor, recordAudit } from '../audit';
import { type MediaItem, getConsents, getMedia, sanitizeArticleHtml, textOfHtml } from '../newsroom';

/**
 * Exemplars (gương người tốt, việc tốt; mô hình hay): a person, a team or a
 * model, nominated by a writer of a unit, approved or rejected (with a note)
 * by the board of that unit or of a unit above it — never by the person who
 * nominated it — then published as a story on the portal, and archived when
 * it should no longer show. A pupil exemplar (or one whose story or photo
 * identifies pupils) needs at least one valid consent attached before it is
 * published (the same consents as articles, consents.service.ts).
 *
 *   nominated ──approve──▶ approved ──publish──▶ published ──archive──▶ archived
 *       └──reject (note)──▶ rejected ──archive──▶ archived      approved ──archive──▶ archived
 *
 * Only a nominated exemplar can be edited. Every change is in the audit log.
 */
export const exemplarKinds = ['person', 'team', 'model'] as const;
export type ExemplarKind = (typeof exemplarKinds)[number];
export const exemplarStatuses = ['nominated', 'approved', 'rejected', 'published', 'archived'] as const;
export type ExemplarStatus = (typeof exemplarStatuses)[number];

export type ExemplarInput = {
  kind: ExemplarKind;
  name: string;
  title?: string | null;
  summary?: string | null;
  storyHtml?: string;
  achievements?: string[];
  field?: string | null;
  photoMediaId?: number | null;
  /** '2025-2026'; the current school year when left out */
  schoolYear?: string;
  isPupil?: boolean;
  isIdentifyingPupils?: boolean;
  consentIds?: number[];
};

export type ExemplarGap = { kind: 'consent' | 'child_consent' | 'revoked'; consentId?: number; message: string };

/** The school year an exemplar is counted in, as stored: '2025-2026' (Sept–Aug, Vietnam time). */
export function currentSchoolYear(at: Date = now()): string {
  const y = schoolYearOf(at);
  return `${y.start}-${y.end}`;
}

export const exemplarPath = (slug: string) => `/guong-dien-hinh/${slug}`;

const isoOrNull = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

const columns = `e.id, e.unit_id as "unitId", u.name as "unitName", e.kind, e.name, e.title, e.summary, e.story_html as "storyHtml",
  e.achievements, e.field, e.photo_media_id as "photoMediaId", e.status, e.nominated_by as "nominatedBy", nu.name as "nominatedByName",
  e.nominated_at as "nominatedAt", e.decided_by as "decidedBy", du.name as "decidedByName", e.decided_at as "decidedAt",
  e.decision_note as "decisionNote", e.published_at as "publishedAt", e.slug, e.school_year as "schoolYear", e.is_pupil as "isPupil",
  e.is_identifying_pupils as "isIdentifyingPupils", e.version, e.created_at as "createdAt", e.updated_at as "updatedAt"`;
const from = `from exemplars e join units u on u.id = e.unit_id left join users nu on nu.id = e.nominated_by left join users du on du.id = e.decided_by`;

export async function getExemplar(q: Queryable, id: number) {
  const r = await q.query(`select ${columns} ${from} where e.id = $1`, [id]);
  const e = r.rows[0];
  if (!e) throw new AppError('exemplar.not_found', 404, 'exemplar.not_found');
  const consentIds = (await q.query<{ id: number }>('select consent_id as id from exemplar_consents where exemplar_id = $1 order by consent_id', [id])).rows.map((x) => x.id);
  const [photo] = e.photoMediaId ? await getMedia(q, [e.photoMediaId]) : [];
  return {
    ...e,
    kind: e.kind as ExemplarKind,
    status: e.status as ExemplarStatus,
    nominatedAt: isoOrNull(e.nominatedAt) as string,
    decidedAt: isoOrNull(e.decidedAt),
    publishedAt: isoOrNull(e.publishedAt),
    createdAt: isoOrNull(e.createdAt) as string,
    updatedAt: isoOrNull(e.updatedAt) as string,
    photo: (photo ?? null) as MediaItem | null,
    consentIds,
    consentGaps: await exemplarConsentGaps(q, id),
    publicUrl: e.status === 'published' ? exemplarPath(e.slug) : null,
  };
}
export type Exemplar = Awaited<ReturnType<typeof getExemplar>>;

/**
 * What stops an exemplar from being published under the consent rule: a pupil
 * exemplar, or one whose story or photo identifies pupils, needs at least one
 * attached consent that is valid (not revoked; the child's own from age 7).
 */
export async function exemplarConsentGaps(q: Queryable, id: number): Promise<ExemplarGap[]> {
  const r = await q.query<{ needs: boolean }>(
    `select (e.is_pupil or e.is_identifying_pupils or coalesce(m.is_identifying_pupils, false)) as needs
       from exemplars e left join media m on m.id = e.photo_media_id where e.id = $1`,
    [id],
  );
  if (!r.rows[0]?.needs) return [];
  const ids = (await q.query<{ id: number }>('select consent_id as id from exemplar_consents where exemplar_id = $1', [id])).rows.map((x) => x.id);
  const consents = await getConsents(q, ids);
  const gaps: ExemplarGap[] = [];
  for (const c of consents) {
    if (c.isRevoked) gaps.push({ kind: 'revoked', consentId: c.id, message: t('consent.gap_revoked', { name: c.subjectName }) });
    else if (!c.isValid) gaps.push({ kind: 'child_consent', consentId: c.id, message: t('consent.gap_child', { name: c.subjectName }) });
  }
  if (!consents.some((c) => c.isValid)) gaps.unshift({ kind: 'consent', message: t('exemplar.gap_consent') });
  return gaps;
}

async function uniqueSlug(q: Queryable, name: string, selfId: number | null): Promise<string> {
  const base = slugify(name, 80) || 'guong-dien-hinh';
  for (let i = 0; i < 5; i++) {
    const slug = i === 0 ? base : `${base}-${crypto.randomBytes(3).toString('hex')}`;
    const r = await q.query('select 1 from exemplars where slug = $1 and ($2::bigint is null or id <> $2)', [slug, selfId]);
    if (!r.rowCount) return slug;
  }
  return `${base}-${crypto.randomBytes(6).toString('hex')}`;
}

function searchText(input: ExemplarInput, story: string): string {
  return foldVietnamese(
    [input.name, input.title, input.summary, input.field, ...(input.achievements ?? []), textOfHtml(story)].filter(Boolean).join(' '),
  ).slice(0, 20_000);
}

/** Refuses what the database would refuse less clearly; a photo must belong to the unit or a unit above it. */
async function checkInput(tx: Tx, unitId: number, input: ExemplarInput) {
  if (input.isPupil && input.kind !== 'person') throw new AppError('exemplar.pupil_needs_person', 400, 'exemplar.pupil_needs_person');
  if (input.photoMediaId != null) {
    const r = await tx.query(
      `select 1 from media m where m.id = $1 and m.unit_id in (select a.id from units a join units u on u.path <@ a.path where u.id = $2)`,
      [input.photoMediaId, unitId],
    );
    if (!r.rowCount) throw new AppError('exemplar.bad_photo', 400, 'exemplar.bad_photo');
  }
}

async function writeConsents(tx: Tx, id: number, unitId: number, consentIds: number[] | undefined) {
  if (!consentIds) return;
  await tx.query('delete from exemplar_consents where exemplar_id = $1', [id]);
  // only consents recorded by the exemplar's unit or a unit above it
  await tx.query(
    `insert into exemplar_consents (exemplar_id, consent_id)
     select $1, c.id from consents c where c.id = any($2::bigint[])
        and c.unit_id in (select a.id from units a join units u on u.path <@ a.path where u.id = $3)`,
    [id, consentIds, unitId],
  );
}

const cleanList = (xs: string[] | undefined) => (xs ?? []).map((x) => x.trim()).filter(Boolean);

/** A writer of the unit nominates an exemplar; it waits for the board's approval. */
export async function nominateExemplar(actor: Actor, input: ExemplarInput & { unitId: number }): Promise<Exemplar> {
  return withTransaction(async (tx) => {
    await checkInput(tx, input.unitId, input);
    const story = sanitizeArticleHtml(input.storyHtml ?? '');
    const at = now();
    const r = await tx.query<{ id: number }>(
      `insert into exemplars (unit_id, kind, name, title, summary, story_html, achievements, field, photo_media_id, nominated_by, nominated_at,
                              slug, school_year, is_pupil, is_identifying_pupils, search_text, created_at, updated_at)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$11,$11) returning id`,
      [input.unitId, input.kind, input.name, input.title ?? null, input.summary ?? null, story, cleanList(input.achievements), input.field ?? null,
        input.photoMediaId ?? null, actor.userId, at, await uniqueSlug(tx, input.name, null), input.schoolYear ?? currentSchoolYear(at),
        input.isPupil ?? false, input.isIdentifyingPupils ?? false, searchText(input, story)],
    );
    const id = r.rows[0].id;
    await writeConsents(tx, id, input.unitId, input.consentIds);
    const e = await getExemplar(tx, id);
    await recordAudit(tx, actor, { action: 'exemplar.nominate', entity: 'exemplar', entityId: id, unitId: input.unitId, after: { name: e.name, kind: e.kind, schoolYear: e.schoolYear } });
    return e;
  });
}

type Row = { id: number; unitId: number; nominatedBy: number | null; status: ExemplarStatus; version: number; name: string };
async function lockRow(tx: Tx, id: number): Promise<Row> {
  const r = await tx.query<Row>(
    'select id, unit_id as "unitId", nominated_by as "nominatedBy", status, version, name from exemplars where id = $1 for update',
    [id],
  );
  if (!r.rowCount) throw new AppError('exemplar.not_found', 404, 'exemplar.not_found');
  return r.rows[0];
}

/** Edits a nominated exemplar (the nominator or the board; checked by the route). Carries the version it was loaded at. */
export async function updateExemplar(actor: Actor, id: number, input: ExemplarInput & { version: number }): Promise<Exemplar> {
  return withTransaction(async (tx) => {
    const row = await lockRow(tx, id);
    if (row.status !== 'nominated') throw new AppError('exemplar.not_editable', 409, 'exemplar.not_editable');
    if (row.version !== input.version) throw new AppError('exemplar.stale', 409, 'exemplar.stale');
    await checkInput(tx, row.unitId, input);
    const story = sanitizeArticleHtml(input.storyHtml ?? '');
    const slug = row.name === input.name ? null : await uniqueSlug(tx, input.name, id);
    await tx.query(
      `update exemplars set kind = $2, name = $3, title = $4, summary = $5, story_html = $6, achievements = $7, field = $8, photo_media_id = $9,
              school_year = coalesce($10, school_year), is_pupil = $11, is_identifying_pupils = $12, search_text = $13, slug = coalesce($14, slug),
              version = version + 1, updated_at = $15
        where id = $1`,
      [id, input.kind, input.name, input.title ?? null, input.summary ?? null, story, cleanList(input.achievements), input.field ?? null,
        input.photoMediaId ?? null, input.schoolYear ?? null, input.isPupil ?? false, input.isIdentifyingPupils ?? false, searchText(input, story), slug, now()],
    );
    await writeConsents(tx, id, row.unitId, input.consentIds);
    const e = await getExemplar(tx, id);
    await recordAudit(tx, actor, { action: 'exemplar.update', entity: 'exemplar', entityId: id, unitId: row.unitId, before: { name: row.name, version: row.version }, after: { name: e.name, version: e.version } });
    return e;
  });
}

export type ExemplarAction = { action: 'approve'; note?: string } | { action: 'reject'; note: string } | { action: 'publish' } | { action: 'archive'; note?: string };

const allowedFrom: Record<ExemplarAction['action'], ExemplarStatus[]> = {
  approve: ['nominated'],
  reject: ['nominated', 'approved'],
  publish: ['approved'],
  archive: ['approved', 'rejected', 'published'],
};

/** Workflow moves; the rules that do not depend on roles (state, own nomination, note, consents) are checked here. */
export async function moveExemplar(actor: Actor, id: number, move: ExemplarAction): Promise<Exemplar> {
  return withTransaction(async (tx) => {
    const row = await lockRow(tx, id);
    if (!allowedFrom[move.action].includes(row.status)) throw new AppError('exemplar.bad_state', 409, 'exemplar.bad_state', { status: row.status });
    const isNominator = row.nominatedBy != null && row.nominatedBy === actor.userId;
    const at = now();
    const note = 'note' in move ? move.note?.trim() || null : null;
    switch (move.action) {
      case 'approve':
      case 'reject':
        if (isNominator) throw new AppError('exemplar.self_approval', 403, 'exemplar.self_approval');
        if (move.action === 'reject' && !note) throw new AppError('exemplar.note_required', 400, 'exemplar.note_required');
        await tx.query(
          `update exemplars set status = $2, decided_by = $3, decided_at = $4, decision_note = $5, updated_at = $4 where id = $1`,
          [id, move.action === 'approve' ? 'approved' : 'rejected', actor.userId, at, note],
        );
        break;
      case 'publish': {
        const gaps = await exemplarConsentGaps(tx, id);
        if (gaps.length) throw new AppError('exemplar.consent_missing', 409, 'exemplar.consent_missing', { missing: gaps.map((g) => g.message).join('; ') }, gaps);
        await tx.query(`update exemplars set status = 'published', published_at = $2, published_by = $3, updated_at = $2 where id = $1`, [id, at, actor.userId]);
        break;
      }
      case 'archive':
        await tx.query(`update exemplars set status = 'archived', decision_note = coalesce($3, decision_note), updated_at = $2 where id = $1`, [id, at, note]);
        break;
    }
    const e = await getExemplar(tx, id);
    await recordAudit(tx, actor, { action: `exemplar.${move.action}`, entity: 'exemplar', entityId: id, unitId: row.unitId, before: { status: row.status }, after: { status: e.status, ...(note ? { note } : {}) } });
    return e;
  });
}

export async function exemplarUnit(q: Queryable, id: number): Promise<{ unitId: number; nominatedBy: number | null; status: ExemplarStatus }> {
  const r = await q.query('select unit_id as "unitId", nominated_by as "nominatedBy", status from exemplars where id = $1', [id]);
  if (!r.rowCount) throw new AppError('exemplar.not_found', 404, 'exemplar.not_found');
  return r.rows[0];
}

/** Exemplars of the units at or under a path (filtered), newest change first. */
export async function listExemplars(
  q: Queryable,
  opts: { unitPath: string; ownUnitIds?: number[] | null; status?: ExemplarStatus; kind?: ExemplarKind; schoolYear?: string; text?: string; limit: number; offset: number },
) {
  const params: unknown[] = [opts.unitPath, opts.limit, opts.offset];
  const where = ['u.path <@ $1::ltree'];
  if (opts.ownUnitIds) where.push(`e.unit_id = any($${params.push(opts.ownUnitIds)}::bigint[])`);
  if (opts.status) where.push(`e.status = $${params.push(opts.status)}`);
  if (opts.kind) where.push(`e.kind = $${params.push(opts.kind)}`);
  if (opts.schoolYear) where.push(`e.school_year = $${params.push(opts.schoolYear)}`);
  for (const w of foldVietnamese(opts.text ?? '').split(' ').filter(Boolean).slice(0, 6)) where.push(`e.search_text like $${params.push(`%${w}%`)}`);
  const r = await q.query(
    `select e.id, e.unit_id as "unitId", u.name as "unitName", e.kind, e.name, e.title, e.status, e.school_year as "schoolYear",
            e.nominated_by as "nominatedBy", nu.name as "nominatedByName", e.nominated_at as "nominatedAt", e.published_at as "publishedAt",
            e.updated_at as "updatedAt", e.slug, m.variants->'small'->>'key' as "thumbKey", count(*) over () as total
       from exemplars e join units u on u.id = e.unit_id left join users nu on nu.id = e.nominated_by left join media m on m.id = e.photo_media_id
      where ${where.join(' and ')}
      order by e.updated_at desc, e.id desc limit $2 offset $3`,
    params,
  );
  return {
    total: Number(r.rows[0]?.total ?? 0),
    items: r.rows.map(({ total: _t, thumbKey, ...x }) => ({
      ...x,
      nominatedAt: isoOrNull(x.nominatedAt) as string,
      publishedAt: isoOrNull(x.publishedAt),
      updatedAt: isoOrNull(x.updatedAt) as string,
      thumbUrl: thumbKey ? `/media/${thumbKey}` : null,
    })),
  };
}

export type ScoringRow = { unitId: number; unitName: string; count: number; items: { id: number; name: string; kind: ExemplarKind; url: string }[] };

/**
 * For emulation scoring (thi đua): the exemplars PUBLISHED in a school year by
 * each unit at or under `unitId`, counted per unit, each with its public link.
 * Units without any are left out. A plain read; nothing is cached or written.
 */
export async function listPublishedExemplarsForScoring(q: Queryable, unitId: number, schoolYear: string): Promise<ScoringRow[]> {
  const r = await q.query<{ unitId: number; unitName: string; count: number; items: { id: number; name: string; kind: ExemplarKind; slug: string }[] }>(
    `select e.unit_id as "unitId", u.name as "unitName", count(*)::int as count,
            json_agg(json_build_object('id', e.id, 'name', e.name, 'kind', e.kind, 'slug', e.slug) order by e.published_at, e.id) as items
       from exemplars e join units u on u.id = e.unit_id
      where e.status = 'published' and e.school_year = $2
        and u.path <@ (select path from units where id = $1)
      group by e.unit_id, u.name
      order by u.name`,
    [unitId, schoolYear],
  );
  return r.rows.map((x) => ({
    unitId: Number(x.unitId),
    unitName: x.unitName,
    count: x.count,
    items: x.items.map((i) => ({ id: Number(i.id), name: i.name, kind: i.kind, url: exemplarPath(i.slug) })),
  }));
}
