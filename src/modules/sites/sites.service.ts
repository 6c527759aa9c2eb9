import type { z } from '@hono/zod-openapi';
import { config } from '../../platform/config';
import { type Queryable, type Tx, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { type Actor, recordAudit } from '../audit';
import { mediaUrl, uploadImage } from '../newsroom';
import { AA_NORMAL_TEXT, contrastWithWhite, isHexColour } from './colour';
import { plainText, sanitizeSiteHtml } from './site-html';
import type { LeaderInputSchema, UpdateSiteSchema } from './sites.schemas';
import { listLeaders, type SiteLeader, type SiteMenuItem } from './sites.public';

/**
 * Site settings of a unit: slug, own domains, colours, logo and banner, menu,
 * introduction, history, functions and duties, leaders. Every rich-text field
 * goes through the site sanitiser, every plain field is cleaned, and every
 * change writes the audit log in its own transaction.
 */
type Scope = { subtreePaths: string[]; unitIds: number[] };

export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export function validateSlug(slug: string): string {
  const s = slug.trim();
  if (s.length < 3 || s.length > 100 || !SLUG.test(s)) throw new AppError('site.slug_invalid', 400, 'site.slug_invalid');
  return s;
}

const HOSTNAME = /^(?=.{4,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;
export function validateDomain(raw: string): string {
  const d = raw.trim().toLowerCase().replace(/\.$/, '');
  if (!HOSTNAME.test(d) || /^\d+(\.\d+){3}$/.test(d) || !/[a-z]/.test(d.split('.').pop() ?? '')) {
    throw new AppError('site.domain_invalid', 400, 'site.domain_invalid', { domain: raw.slice(0, 100) });
  }
  let portal = '';
  try {
    portal = new URL(config().publicUrl).hostname.toLowerCase();
  } catch {
    portal = '';
  }
  if (d === portal || d === 'localhost') throw new AppError('site.domain_portal', 400, 'site.domain_portal');
  return d;
}

export function validateColour(raw: string): string {
  const c = raw.trim();
  if (!isHexColour(c)) throw new AppError('site.color_invalid', 400, 'site.color_invalid');
  const ratio = contrastWithWhite(c);
  if (ratio < AA_NORMAL_TEXT) {
    throw new AppError('site.color_contrast', 422, 'site.color_contrast', { color: c.toUpperCase(), ratio: ratio.toFixed(2).replace('.', ',') });
  }
  return c.toLowerCase();
}

/** A menu entry links inside the site (`/gioi-thieu`) or to a full https:// address — nothing else. */
export function validateMenu(items: SiteMenuItem[]): SiteMenuItem[] {
  return items.map((m) => {
    const label = plainText(m.label, 60);
    const href = m.href.trim();
    const isInternal = /^\/[a-z0-9-]*(\/[a-z0-9-]+)*$/.test(href) && href.length <= 200;
    let isExternal = false;
    if (/^https:\/\//i.test(href)) {
      try {
        const u = new URL(href);
        isExternal = u.protocol === 'https:' && !u.username && !u.password && HOSTNAME.test(u.hostname);
      } catch {
        isExternal = false;
      }
    }
    if (!label || (!isInternal && !isExternal)) throw new AppError('site.menu_invalid', 400, 'site.menu_invalid', { label: label || '—' });
    return { label, href: isExternal ? new URL(href).toString() : href };
  });
}

const adminSelect = `select s.unit_id as "unitId", u.name as "unitName", u.type as "unitType", s.slug, s.primary_color as "primaryColor",
    s.tagline, s.menu, s.intro_html as "introHtml", s.history_html as "historyHtml", s.functions_html as "functionsHtml",
    s.version, s.updated_at as "updatedAt", s.logo_media_id as "logoMediaId", s.banner_media_id as "bannerMediaId",
    lm.variants as "logoVariants", bm.variants as "bannerVariants",
    coalesce((select array_agg(d.domain order by d.domain) from site_domains d where d.unit_id = s.unit_id), '{}') as domains
  from site_settings s join units u on u.id = s.unit_id
  left join media lm on lm.id = s.logo_media_id left join media bm on bm.id = s.banner_media_id`;

type Variants = Record<'large' | 'medium' | 'small', { key: string }>;
const img = (id: unknown, v: unknown) => {
  const x = v as Variants | null;
  return id && x?.large ? { mediaId: Number(id), url: mediaUrl(x.large.key), small: mediaUrl(x.small.key) } : null;
};

export type SiteAdmin = {
  unitId: number;
  unitName: string;
  unitType: string;
  slug: string;
  domains: string[];
  primaryColor: string;
  tagline: string;
  logo: { mediaId: number; url: string; small: string } | null;
  banner: { mediaId: number; url: string; small: string } | null;
  menu: SiteMenuItem[];
  introHtml: string;
  historyHtml: string;
  functionsHtml: string;
  version: number;
  updatedAt: string;
  publicPath: string;
};

export async function getSiteAdmin(q: Queryable, unitId: number): Promise<SiteAdmin> {
  const r = await q.query(`${adminSelect} where s.unit_id = $1`, [unitId]);
  const x = r.rows[0];
  if (!x) throw new AppError('site.not_found', 404, 'site.not_found');
  return {
    unitId: Number(x.unitId),
    unitName: x.unitName,
    unitType: x.unitType,
    slug: x.slug,
    domains: x.domains,
    primaryColor: x.primaryColor,
    tagline: x.tagline,
    logo: img(x.logoMediaId, x.logoVariants),
    banner: img(x.bannerMediaId, x.bannerVariants),
    menu: x.menu ?? [],
    introHtml: x.introHtml,
    historyHtml: x.historyHtml,
    functionsHtml: x.functionsHtml,
    version: x.version,
    updatedAt: (x.updatedAt as Date).toISOString(),
    publicPath: `/don-vi/${x.slug}`,
  };
}

export async function listSites(q: Queryable, scope: Scope, text = '', limit = 200) {
  const r = await q.query(
    `select s.unit_id as "unitId", u.name as "unitName", u.type as "unitType", s.slug,
            coalesce((select array_agg(d.domain order by d.domain) from site_domains d where d.unit_id = s.unit_id), '{}') as domains
       from site_settings s join units u on u.id = s.unit_id
      where (u.path <@ $1::ltree[] or u.id = any($2::bigint[])) and u.status = 'active'
        and ($3 = '' or u.search_text like '%' || $3 || '%' or s.slug like '%' || $3 || '%')
      order by nlevel(u.path), u.name limit $4`,
    [scope.subtreePaths, scope.unitIds, text, limit],
  );
  return r.rows.map((x) => ({ ...x, unitId: Number(x.unitId) })) as { unitId: number; unitName: string; unitType: string; slug: string; domains: string[] }[];
}

async function checkMedia(tx: Tx, unitId: number, mediaId: number | null | undefined): Promise<void> {
  if (mediaId == null) return;
  const r = await tx.query('select unit_id as "unitId" from media where id = $1', [mediaId]);
  if (!r.rowCount || Number(r.rows[0].unitId) !== unitId) throw new AppError('site.media_foreign', 422, 'site.media_foreign');
}

export async function updateSite(actor: Actor, unitId: number, input: z.infer<typeof UpdateSiteSchema>): Promise<SiteAdmin> {
  // validate before opening a transaction
  const slug = input.slug === undefined ? undefined : validateSlug(input.slug);
  const colour = input.primaryColor === undefined ? undefined : validateColour(input.primaryColor);
  const menu = input.menu === undefined ? undefined : validateMenu(input.menu);
  const tagline = input.tagline === undefined ? undefined : plainText(input.tagline, 200);
  const intro = input.introHtml === undefined ? undefined : sanitizeSiteHtml(input.introHtml);
  const history = input.historyHtml === undefined ? undefined : sanitizeSiteHtml(input.historyHtml);
  const functions = input.functionsHtml === undefined ? undefined : sanitizeSiteHtml(input.functionsHtml);
  return withTransaction(async (tx) => {
    const before = await getSiteAdmin(tx, unitId);
    await tx.query('select 1 from site_settings where unit_id = $1 for update', [unitId]);
    if (before.version !== input.version) throw new AppError('site.stale', 409, 'site.stale');
    await checkMedia(tx, unitId, input.logoMediaId);
    await checkMedia(tx, unitId, input.bannerMediaId);
    if (slug !== undefined && slug !== before.slug) {
      const taken = await tx.query(
        `select 1 from site_settings where slug = $1 and unit_id <> $2
         union all select 1 from site_slug_redirects where slug = $1 and unit_id <> $2`,
        [slug, unitId],
      );
      if (taken.rowCount) throw new AppError('site.slug_taken', 409, 'site.slug_taken', { slug });
      await tx.query('delete from site_slug_redirects where slug = $1', [slug]);
      await tx.query('insert into site_slug_redirects (slug, unit_id) values ($1, $2) on conflict (slug) do nothing', [before.slug, unitId]);
    }
    await tx.query(
      `update site_settings set
         slug = coalesce($2, slug), primary_color = coalesce($3, primary_color), tagline = coalesce($4, tagline),
         logo_media_id = case when $5 then $6 else logo_media_id end,
         banner_media_id = case when $7 then $8 else banner_media_id end,
         menu = coalesce($9::jsonb, menu), intro_html = coalesce($10, intro_html), history_html = coalesce($11, history_html),
         functions_html = coalesce($12, functions_html), version = version + 1, updated_at = now(), updated_by = $13
       where unit_id = $1`,
      [
        unitId,
        slug ?? null,
        colour ?? null,
        tagline ?? null,
        input.logoMediaId !== undefined,
        input.logoMediaId ?? null,
        input.bannerMediaId !== undefined,
        input.bannerMediaId ?? null,
        menu === undefined ? null : JSON.stringify(menu),
        intro ?? null,
        history ?? null,
        functions ?? null,
        actor.userId,
      ],
    );
    const after = await getSiteAdmin(tx, unitId);
    await recordAudit(tx, actor, { action: 'site.update', entity: 'site', entityId: unitId, unitId, before, after });
    return after;
  });
}

export async function setDomains(actor: Actor, unitId: number, domains: string[]): Promise<SiteAdmin> {
  const wanted = [...new Set(domains.map(validateDomain))];
  return withTransaction(async (tx) => {
    const before = await getSiteAdmin(tx, unitId);
    const taken = await tx.query<{ domain: string }>('select domain from site_domains where domain = any($1::text[]) and unit_id <> $2', [wanted, unitId]);
    if (taken.rowCount) throw new AppError('site.domain_taken', 409, 'site.domain_taken', { domain: taken.rows[0].domain });
    await tx.query('delete from site_domains where unit_id = $1 and not (domain = any($2::text[]))', [unitId, wanted]);
    try {
      await tx.query('insert into site_domains (domain, unit_id) select d, $2 from unnest($1::text[]) d on conflict (domain) do nothing', [wanted, unitId]);
      const check = await tx.query<{ domain: string }>('select domain from site_domains where domain = any($1::text[]) and unit_id <> $2', [wanted, unitId]);
      if (check.rowCount) throw new AppError('site.domain_taken', 409, 'site.domain_taken', { domain: check.rows[0].domain });
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw new AppError('site.domain_taken', 409, 'site.domain_taken', { domain: wanted[0] });
      throw err;
    }
    await tx.query('update site_settings set version = version + 1, updated_at = now(), updated_by = $2 where unit_id = $1', [unitId, actor.userId]);
    const after = await getSiteAdmin(tx, unitId);
    await recordAudit(tx, actor, { action: 'site.domains', entity: 'site', entityId: unitId, unitId, before: { domains: before.domains }, after: { domains: after.domains } });
    return after;
  });
}

// ---- leaders -----------------------------------------------------------------------------------

export type LeaderAdmin = Omit<SiteLeader, 'photo' | 'photoMediaId' | 'updatedAt'> & {
  photo: { mediaId: number; url: string; small: string } | null;
  updatedAt: string;
};
const leaderAdmin = (l: SiteLeader): LeaderAdmin => ({
  id: l.id,
  unitId: l.unitId,
  name: l.name,
  position: l.position,
  photo: l.photo && l.photoMediaId ? { mediaId: l.photoMediaId, url: l.photo.url, small: l.photo.small } : null,
  bioHtml: l.bioHtml,
  dutiesHtml: l.dutiesHtml,
  sortOrder: l.sortOrder,
  updatedAt: l.updatedAt.toISOString(),
});

export async function listLeadersAdmin(q: Queryable, unitId: number): Promise<LeaderAdmin[]> {
  return (await listLeaders(q, unitId)).map(leaderAdmin);
}

async function leaderById(q: Queryable, id: number): Promise<LeaderAdmin> {
  const r = await q.query<{ unitId: number }>('select unit_id as "unitId" from site_leaders where id = $1', [id]);
  if (!r.rowCount) throw new AppError('site.leader_not_found', 404, 'site.leader_not_found');
  const found = (await listLeadersAdmin(q, Number(r.rows[0].unitId))).find((l) => l.id === id);
  if (!found) throw new AppError('site.leader_not_found', 404, 'site.leader_not_found');
  return found;
}

export async function leaderUnit(q: Queryable, id: number): Promise<number> {
  const r = await q.query<{ unitId: number }>('select unit_id as "unitId" from site_leaders where id = $1', [id]);
  if (!r.rowCount) throw new AppError('site.leader_not_found', 404, 'site.leader_not_found');
  return Number(r.rows[0].unitId);
}

type LeaderInput = z.infer<typeof LeaderInputSchema>;
const cleanLeader = (i: LeaderInput) => ({
  name: plainText(i.name, 200),
  position: plainText(i.position ?? '', 200),
  bioHtml: sanitizeSiteHtml(i.bioHtml ?? ''),
  dutiesHtml: sanitizeSiteHtml(i.dutiesHtml ?? ''),
  sortOrder: i.sortOrder ?? 0,
  photoMediaId: i.photoMediaId ?? null,
});

export async function createLeader(actor: Actor, unitId: number, input: LeaderInput): Promise<LeaderAdmin> {
  const l = cleanLeader(input);
  if (!l.name) throw new AppError('validation', 400, 'error.validation');
  return withTransaction(async (tx) => {
    await checkMedia(tx, unitId, l.photoMediaId);
    const r = await tx.query<{ id: number }>(
      `insert into site_leaders (unit_id, name, position, photo_media_id, bio_html, duties_html, sort_order)
       values ($1,$2,$3,$4,$5,$6,$7) returning id`,
      [unitId, l.name, l.position, l.photoMediaId, l.bioHtml, l.dutiesHtml, l.sortOrder],
    );
    const after = await leaderById(tx, Number(r.rows[0].id));
    await recordAudit(tx, actor, { action: 'site.leader_create', entity: 'site_leader', entityId: after.id, unitId, after });
    return after;
  });
}

export async function updateLeader(actor: Actor, id: number, input: LeaderInput): Promise<LeaderAdmin> {
  const l = cleanLeader(input);
  if (!l.name) throw new AppError('validation', 400, 'error.validation');
  return withTransaction(async (tx) => {
    const before = await leaderById(tx, id);
    await checkMedia(tx, before.unitId, l.photoMediaId);
    await tx.query(
      `update site_leaders set name = $2, position = $3, photo_media_id = $4, bio_html = $5, duties_html = $6, sort_order = $7, updated_at = now()
        where id = $1`,
      [id, l.name, l.position, l.photoMediaId, l.bioHtml, l.dutiesHtml, l.sortOrder],
    );
    const after = await leaderById(tx, id);
    await recordAudit(tx, actor, { action: 'site.leader_update', entity: 'site_leader', entityId: id, unitId: before.unitId, before, after });
    return after;
  });
}

export async function deleteLeader(actor: Actor, id: number): Promise<void> {
  await withTransaction(async (tx) => {
    const before = await leaderById(tx, id);
    await tx.query('delete from site_leaders where id = $1', [id]);
    await recordAudit(tx, actor, { action: 'site.leader_delete', entity: 'site_leader', entityId: id, unitId: before.unitId, before });
  });
}

/** A logo, banner or portrait: decoded and re-encoded by sharp (type is sniffed from the bytes, never the name). */
export async function uploadSiteImage(actor: Actor, unitId: number, file: { data: Buffer; fileName: string; mime: string }) {
  const m = await uploadImage(actor, { unitId, data: file.data, fileName: file.fileName, mime: file.mime });
  return { mediaId: m.id, url: m.urls.large, small: m.urls.small };
}
