import { now } from '../../platform/clock';
import { type Queryable, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { type Actor, recordAudit } from '../audit';
import { iso } from '../plans';

/**
 * Consent to publish a pupil's image or personal information (Luật Bảo vệ dữ
 * liệu cá nhân 91/2025/QH15): the parent's or guardian's always, and from age 7
 * the child's own as well. An article or photo marked as identifying pupils can
 * be published only when every such photo and the article itself have at least
 * one valid consent attached; the editor sees exactly what is missing.
 */
export type Consent = {
  id: number;
  unitId: number;
  subjectName: string;
  birthDate: string;
  guardianName: string;
  guardianConsentedOn: string;
  childConsentedOn: string | null;
  scope: string;
  isRevoked: boolean;
  needsChildConsent: boolean;
  isValid: boolean;
};

/** Age in whole years on a day (both 'YYYY-MM-DD'). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export function needsChildConsent(c: { birthDate: string; guardianConsentedOn: string }): boolean {
  return ageOn(c.birthDate, c.guardianConsentedOn) >= 7;
}

export function isConsentValid(c: { birthDate: string; guardianConsentedOn: string; childConsentedOn: string | null; isRevoked: boolean }): boolean {
  return !c.isRevoked && (!needsChildConsent(c) || !!c.childConsentedOn);
}

const columns = `c.id, c.unit_id as "unitId", c.subject_name as "subjectName", c.birth_date::text as "birthDate",
  c.guardian_name as "guardianName", c.guardian_consented_on::text as "guardianConsentedOn",
  c.child_consented_on::text as "childConsentedOn", c.scope, (c.revoked_at is not null) as "isRevoked"`;

const present = (c: Omit<Consent, 'needsChildConsent' | 'isValid'>): Consent => ({ ...c, needsChildConsent: needsChildConsent(c), isValid: isConsentValid(c) });

export async function getConsents(q: Queryable, ids: number[]): Promise<Consent[]> {
  if (!ids.length) return [];
  const r = await q.query(`select ${columns} from consents c where c.id = any($1::bigint[]) order by c.subject_name`, [ids]);
  return r.rows.map(present);
}

export async function listConsents(q: Queryable, unitId: number, text?: string): Promise<Consent[]> {
  const r = await q.query(
    `select ${columns} from consents c where c.unit_id = $1 and ($2::text is null or c.subject_name ilike '%' || $2 || '%')
      order by c.revoked_at is not null, c.subject_name limit 500`,
    [unitId, text?.trim() || null],
  );
  return r.rows.map(present);
}

export type ConsentInput = {
  unitId: number;
  subjectName: string;
  birthDate: string;
  guardianName: string;
  guardianConsentedOn: string;
  childConsentedOn?: string | null;
  scope?: string;
};

export async function recordConsent(actor: Actor, input: ConsentInput): Promise<Consent> {
  if (needsChildConsent(input) && !input.childConsentedOn) throw new AppError('consent.child_required', 400, 'consent.child_required');
  return withTransaction(async (tx) => {
    const r = await tx.query<{ id: number }>(
      `insert into consents (unit_id, subject_name, birth_date, guardian_name, guardian_consented_on, child_consented_on, scope, recorded_by)
       values ($1,$2,$3,$4,$5,$6,$7,$8) returning id`,
      [input.unitId, input.subjectName, input.birthDate, input.guardianName, input.guardianConsentedOn, input.childConsentedOn ?? null, input.scope ?? '', actor.userId],
    );
    const [c] = await getConsents(tx, [r.rows[0].id]);
    await recordAudit(tx, actor, { action: 'consent.record', entity: 'consent', entityId: c.id, unitId: input.unitId, after: c });
    return c;
  });
}

export async function revokeConsent(actor: Actor, id: number): Promise<Consent> {
  return withTransaction(async (tx) => {
    const r = await tx.query<{ unitId: number }>('update consents set revoked_at = coalesce(revoked_at, $2) where id = $1 returning unit_id as "unitId"', [id, now()]);
    if (!r.rowCount) throw new AppError('consent.not_found', 404, 'consent.not_found');
    await recordAudit(tx, actor, { action: 'consent.revoke', entity: 'consent', entityId: id, unitId: r.rows[0].unitId });
    return (await getConsents(tx, [id]))[0];
  });
}

export async function consentUnit(q: Queryable, id: number): Promise<number> {
  const r = await q.query<{ unitId: number }>('select unit_id as "unitId" from consents where id = $1', [id]);
  if (!r.rowCount) throw new AppError('consent.not_found', 404, 'consent.not_found');
  return r.rows[0].unitId;
}

export type ConsentGap = { kind: 'article' | 'media' | 'child_consent' | 'revoked'; mediaId?: number; consentId?: number; message: string };

/** What stops an article from being published under the consent rule (empty: nothing). */
export async function consentGaps(q: Queryable, articleId: number): Promise<ConsentGap[]> {
  const a = await q.query<{ isIdentifyingPupils: boolean }>('select is_identifying_pupils as "isIdentifyingPupils" from articles where id = $1', [articleId]);
  const media = await q.query<{ id: number; fileName: string; caption: string | null; isIdentifyingPupils: boolean; consentIds: number[] }>(
    `select m.id, m.file_name as "fileName", m.caption, m.is_identifying_pupils as "isIdentifyingPupils",
            coalesce((select array_agg(mc.consent_id) from media_consents mc where mc.media_id = m.id), '{}') as "consentIds"
       from article_media am join media m on m.id = am.media_id where am.article_id = $1 order by am.position`,
    [articleId],
  );
  const articleConsents = (await q.query<{ id: number }>('select consent_id as id from article_consents where article_id = $1', [articleId])).rows.map((r) => r.id);
  const gaps: ConsentGap[] = [];
  const used = new Set<number>(articleConsents);
  if (a.rows[0]?.isIdentifyingPupils && !articleConsents.length) gaps.push({ kind: 'article', message: t('consent.gap_article') });
  for (const m of media.rows.filter((x) => x.isIdentifyingPupils)) {
    m.consentIds.forEach((id) => used.add(id));
    if (!m.consentIds.length) gaps.push({ kind: 'media', mediaId: m.id, message: t('consent.gap_media', { name: m.caption || m.fileName }) });
  }
  for (const c of await getConsents(q, [...used])) {
    if (c.isRevoked) gaps.push({ kind: 'revoked', consentId: c.id, message: t('consent.gap_revoked', { name: c.subjectName }) });
    else if (!c.isValid) gaps.push({ kind: 'child_consent', consentId: c.id, message: t('consent.gap_child', { name: c.subjectName }) });
  }
  return gaps;
}

export const today = () => iso(now());
