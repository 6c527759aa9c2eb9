import { now } from '../../platform/clock';
import { type Queryable, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { foldVietnamese } from '../../text';
import { type Actor, recordAudit } from '../audit';

/**
 * The FAQ (hỏi – đáp: question, plain-text answer, group, order, shown or
 * hidden) and the links list (title, an external https address, group, order).
 */
export type FaqInput = { question: string; answer: string; groupName?: string | null; position?: number; isPublished?: boolean };
export type Faq = { id: number; unitId: number; question: string; answer: string; groupName: string | null; position: number; isPublished: boolean };
export type LinkInput = { title: string; url: string; groupName?: string | null; position?: number };
export type SiteLink = { id: number; unitId: number; title: string; url: string; groupName: string | null; position: number };

const faqColumns = `f.id, f.unit_id as "unitId", f.question, f.answer, f.group_name as "groupName", f.position, f.is_published as "isPublished"`;
const linkColumns = `l.id, l.unit_id as "unitId", l.title, l.url, l.group_name as "groupName", l.position`;

export async function listFaqs(q: Queryable, unitId: number, opts: { isPublishedOnly?: boolean; text?: string } = {}): Promise<Faq[]> {
  const words = foldVietnamese(opts.text ?? '').split(/\s+/).filter(Boolean).slice(0, 8);
  const r = await q.query(
    `select ${faqColumns} from faqs f where f.unit_id = $1 and (not $2 or f.is_published)
        and (select bool_and(f.search_text like '%' || w || '%') from unnest($3::text[]) w) is not false
      order by f.group_name nulls first, f.position, f.id limit 1000`,
    [unitId, opts.isPublishedOnly ?? false, words],
  );
  return r.rows;
}

async function getFaq(q: Queryable, id: number): Promise<Faq> {
  const r = await q.query(`select ${faqColumns} from faqs f where f.id = $1`, [id]);
  if (!r.rowCount) throw new AppError('sitecontent.not_found', 404, 'sitecontent.not_found');
  return r.rows[0];
}

const faqSearch = (i: FaqInput) => foldVietnamese(`${i.question} ${i.answer} ${i.groupName ?? ''}`).slice(0, 20_000);
const group = (g: string | null | undefined) => g?.trim() || null;

export async function createFaq(actor: Actor, unitId: number, input: FaqInput): Promise<Faq> {
  return withTransaction(async (tx) => {
    const r = await tx.query<{ id: number }>(
      `insert into faqs (unit_id, question, answer, group_name, position, is_published, search_text, created_at, updated_at)
       values ($1,$2,$3,$4,coalesce($5, (select coalesce(max(position), 0) + 1 from faqs where unit_id = $1)),$6,$7,$8,$8) returning id`,
      [unitId, input.question, input.answer, group(input.groupName), input.position ?? null, input.isPublished ?? true, faqSearch(input), now()],
    );
    const f = await getFaq(tx, r.rows[0].id);
    await recordAudit(tx, actor, { action: 'faq.create', entity: 'faq', entityId: f.id, unitId, after: f });
    return f;
  });
}

export async function updateFaq(actor: Actor, id: number, input: FaqInput): Promise<Faq> {
  return withTransaction(async (tx) => {
    const before = await getFaq(tx, id);
    await tx.query(
      `update faqs set question = $2, answer = $3, group_name = $4, position = coalesce($5, position), is_published = coalesce($6, is_published), search_text = $7, updated_at = $8 where id = $1`,
      [id, input.question, input.answer, group(input.groupName), input.position ?? null, input.isPublished ?? null, faqSearch(input), now()],
    );
    const after = await getFaq(tx, id);
    await recordAudit(tx, actor, { action: 'faq.update', entity: 'faq', entityId: id, unitId: before.unitId, before, after });
    return after;
  });
}

/** Only external https addresses: no javascript:, data: or http: links on a unit's site. */
export function checkLinkUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw new AppError('sitecontent.bad_url', 400, 'sitecontent.bad_url');
  }
  if (u.protocol !== 'https:' || !u.hostname.includes('.') || u.username || u.password) throw new AppError('sitecontent.bad_url', 400, 'sitecontent.bad_url');
  return u.toString();
}

export async function listLinks(q: Queryable, unitId: number): Promise<SiteLink[]> {
  const r = await q.query(`select ${linkColumns} from site_links l where l.unit_id = $1 order by l.group_name nulls first, l.position, l.id limit 1000`, [unitId]);
  return r.rows;
}

async function getLink(q: Queryable, id: number): Promise<SiteLink> {
  const r = await q.query(`select ${linkColumns} from site_links l where l.id = $1`, [id]);
  if (!r.rowCount) throw new AppError('sitecontent.not_found', 404, 'sitecontent.not_found');
  return r.rows[0];
}

export async function createLink(actor: Actor, unitId: number, input: LinkInput): Promise<SiteLink> {
  const url = checkLinkUrl(input.url);
  return withTransaction(async (tx) => {
    const r = await tx.query<{ id: number }>(
      `insert into site_links (unit_id, title, url, group_name, position, created_at, updated_at)
       values ($1,$2,$3,$4,coalesce($5, (select coalesce(max(position), 0) + 1 from site_links where unit_id = $1)),$6,$6) returning id`,
      [unitId, input.title, url, group(input.groupName), input.position ?? null, now()],
    );
    const l = await getLink(tx, r.rows[0].id);
    await recordAudit(tx, actor, { action: 'site_link.create', entity: 'site_link', entityId: l.id, unitId, after: l });
    return l;
  });
}

export async function updateLink(actor: Actor, id: number, input: LinkInput): Promise<SiteLink> {
  const url = checkLinkUrl(input.url);
  return withTransaction(async (tx) => {
    const before = await getLink(tx, id);
    await tx.query('update site_links set title = $2, url = $3, group_name = $4, position = coalesce($5, position), updated_at = $6 where id = $1', [id, input.title, url, group(input.groupName), input.position ?? null, now()]);
    const after = await getLink(tx, id);
    await recordAudit(tx, actor, { action: 'site_link.update', entity: 'site_link', entityId: id, unitId: before.unitId, before, after });
    return after;
  });
}
