import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Queryable } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { foldVietnamese } from '../../text';
import type { UnitType } from '../org';
import { importPlanFile, type PlanDraft } from './import';
import type { ObligationInput, PlanInput, PlanSection } from './plans.service';

/**
 * Import from the admin UI: an uploaded DOCX/PDF/text becomes a structured
 * draft shown for review, nothing saved. The parser is the same one
 * `loa plan import` runs; this maps its draft onto the plan editor's input and
 * resolves the free-text unit names (who, lead and coordinating units,
 * recipients) to Loa's units where it can, for the user to confirm.
 */
const ACCEPTED = new Set(['.docx', '.pdf', '.txt', '.md', '.text', '.png', '.jpg', '.jpeg', '.tif', '.tiff']);

export async function parseUploadedPlan(data: Buffer, fileName: string): Promise<PlanDraft> {
  const ext = path.extname(fileName).toLowerCase();
  if (!ACCEPTED.has(ext)) throw new AppError('plan.import_bad_type', 400, 'plan.import_bad_type');
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'loa-plan-import-'));
  try {
    const file = path.join(dir, `upload${ext}`);
    await fs.promises.writeFile(file, data);
    return await importPlanFile(file, { isKeepingBodies: true });
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('plan.import_unreadable', 400, 'plan.import_unreadable', { reason: e instanceof Error ? e.message : String(e) });
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

/** Which unit types a free-text "who" names ("Các trường THCS" → school; "Phòng GDĐT, UBND xã" → office, commune). */
export function unitTypesNamed(who: string | null): UnitType[] {
  if (!who) return [];
  const f = foldVietnamese(who);
  const types = new Set<UnitType>();
  if (/\b(truong|co so giao duc|mam non|tieu hoc|thcs|thpt|trung tam gdnn|trung tam giao duc)\b/.test(f)) types.add('school');
  if (/\bphong (gd|giao duc|van hoa)/.test(f)) types.add('office');
  if (/\b(xa|phuong|dac khu)\b/.test(f)) types.add('commune');
  if (/\bdon vi truc thuoc\b/.test(f)) types.add('affiliated');
  return [...types];
}

const DOC_KIND: Record<string, string> = { KH: 'plan', CT: 'directive', 'QĐ': 'decision', NQ: 'resolution', CV: 'letter', TB: 'notice', 'NĐ': 'decree', TT: 'circular' };

/** The parser's draft as the plan editor's input (the user reviews it before saving). */
export function draftToInput(draft: PlanDraft): Omit<PlanInput, 'unitId'> {
  const year = draft.date ? Number(draft.date.slice(0, 4)) : new Date().getFullYear();
  const symbol = draft.number?.split('/').slice(1).join('/') || null;
  const toSection = (s: PlanDraft['sections'][number] & { body?: string | null }): PlanSection => ({
    number: s.number,
    title: s.title,
    body: s.body ?? null,
    children: (s.children ?? []).map(toSection),
  });
  return {
    title: draft.title,
    period: draft.period ?? { year },
    place: draft.place,
    symbol,
    basis: draft.basis.map((b) => ({ ...b, kind: b.kind || DOC_KIND[b.ref.split('/').at(-1)?.split('-')[0] ?? ''] || 'other' })),
    sections: draft.sections.map(toSection),
    channels: draft.channels.map((c) => ({ kind: c.kind, label: c.label, address: c.address })),
    budget: [],
    signer: draft.signer
      ? { ...draft.signer, authority: (['KT.', 'TL.', 'TM.', 'Q.', 'TUQ.'] as const).find((a) => a === draft.signer?.authority) ?? null }
      : null,
    recipients: draft.recipients,
    tasks: draft.tasks.map((t) => ({ group: t.group, topic: t.topic, products: t.products, lead: t.lead, partners: t.partners, quarters: t.quarters })),
    obligations: draft.obligations.map(
      (o): ObligationInput => ({
        who: o.who,
        unitTypes: unitTypesNamed(o.who),
        what: o.what,
        recurrence: o.recurrence,
        dayOfMonth: o.dayOfMonth,
        isBeforeDay: o.dayOfMonth != null && /\btruoc ngay\b/.test(foldVietnamese(o.what)),
        dueDate: o.dueDate,
        quantity: o.quantity,
      }),
    ),
  };
}

export type UnitCandidate = { id: number; name: string; shortName: string | null; aliases: string[] };
export type UnitMatch = { text: string; unitId: number | null; unitName: string | null };

/**
 * Resolves free-text unit mentions against candidate units: a mention matches
 * a unit whose folded name, short name or alias equals it or is contained in
 * it as whole words ("Trường THCS Lê Lợi chủ trì" → Trường THCS Lê Lợi), the
 * longest such name winning. Generic mentions ("Các trường") stay unmatched.
 */
export function resolveUnitMentions(texts: readonly string[], units: readonly UnitCandidate[]): UnitMatch[] {
  const names = units.flatMap((u) =>
    [u.name, u.shortName, ...u.aliases].filter((n): n is string => !!n).map((n) => ({ key: foldVietnamese(n), unit: u })),
  ).filter((n) => n.key.split(' ').length >= 2);
  names.sort((a, b) => b.key.length - a.key.length);
  const seen = new Set<string>();
  const out: UnitMatch[] = [];
  for (const text of texts) {
    const t = text.trim();
    if (!t || seen.has(t)) continue;
    seen.add(t);
    const f = ` ${foldVietnamese(t)} `;
    const hit = names.find((n) => f.includes(` ${n.key} `));
    out.push({ text: t, unitId: hit?.unit.id ?? null, unitName: hit?.unit.name ?? null });
  }
  return out;
}

/** Candidates for a plan of a unit: its subtree (its sub-units are named in its plan), its ancestors and their direct children. */
export async function unitCandidatesFor(q: Queryable, unitPath: string, limit = 20_000): Promise<UnitCandidate[]> {
  const r = await q.query<UnitCandidate>(
    `select u.id, u.name, u.short_name as "shortName", u.aliases from units u
      where u.status = 'active' and (u.path <@ $1::ltree or u.path @> $1::ltree or subpath(u.path, 0, nlevel(u.path) - 1) @> $1::ltree and nlevel(u.path) <= nlevel($1::ltree))
      limit $2`,
    [unitPath, limit],
  );
  return r.rows;
}

/** Every unit mention in a draft, in the order a reviewer reads them. */
export function unitMentionsOf(draft: PlanDraft): string[] {
  return [
    ...draft.obligations.map((o) => o.who ?? ''),
    ...draft.tasks.flatMap((t) => [...t.lead, ...t.partners]),
    ...draft.recipients,
  ].filter(Boolean);
}
