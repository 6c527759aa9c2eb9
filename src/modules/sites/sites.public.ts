import type { Queryable } from '../../platform/db';
import { mediaUrl } from '../newsroom';

/**
 * Public reads of unit sites: a site by its slug, by one of its own host
 * names, the slug an old slug or a unit code now answers to, its leaders.
 * Each is one indexed query; the portal caches them per node against the
 * portal change stamp (src/portal/site/site-resolve.ts).
 */
export type SiteImage = { url: string; width: number; height: number; small: string; medium: string };
export type SiteMenuItem = { label: string; href: string };
export type SiteContacts = { address?: string; phone?: string; email?: string; website?: string };

export type SiteSettings = {
  slug: string;
  domains: string[];
  primaryColor: string;
  tagline: string;
  logo: SiteImage | null;
  banner: SiteImage | null;
  /** the editor's own menu entries: a site subpath ('/gioi-thieu') or an https URL */
  menu: SiteMenuItem[];
  introHtml: string;
  historyHtml: string;
  functionsHtml: string;
  version: number;
  updatedAt: Date;
};

export type SiteUnit = {
  id: number;
  code: string;
  name: string;
  shortName: string | null;
  type: string;
  path: string;
  parentId: number | null;
  status: 'active' | 'closed' | 'merged';
  contacts: SiteContacts;
  channels: { kind: string; name: string; address: string }[];
  parentName: string | null;
  parentSlug: string | null;
};

export type SiteRecord = { unit: SiteUnit; settings: SiteSettings };

type Variants = Record<'large' | 'medium' | 'small', { key: string; width: number; height: number }>;
function image(v: unknown): SiteImage | null {
  const x = v as Variants | null;
  if (!x?.large || !x.medium || !x.small) return null;
  return { url: mediaUrl(x.large.key), width: x.large.width, height: x.large.height, medium: mediaUrl(x.medium.key), small: mediaUrl(x.small.key) };
}

const siteSelect = `select u.id, u.code, u.name, u.short_name as "shortName", u.type, u.path::text as path, u.parent_id as "parentId",
    u.status, u.contacts, u.channels, p.name as "parentName", ps.slug as "parentSlug", s.slug, s.primary_color as "primaryColor", s.tagline, s.menu, s.intro_html as "introHtml",
    s.history_html as "historyHtml", s.functions_html as "functionsHtml", s.version, s.updated_at as "updatedAt",
    lm.variants as "logoVariants", bm.variants as "bannerVariants",
    coalesce((select array_agg(d.domain order by d.domain) from site_domains d where d.unit_id = u.id), '{}') as domains
  from site_settings s join units u on u.id = s.unit_id
  left join media lm on lm.id = s.logo_media_id
  left join media bm on bm.id = s.banner_media_id
  left join units p on p.id = u.parent_id
  left join site_settings ps on ps.unit_id = p.id`;

function record(r: Record<string, unknown>): SiteRecord {
  return {
    unit: {
      id: Number(r.id),
      code: r.code as string,
      name: r.name as string,
      shortName: (r.shortName as string | null) ?? null,
      type: r.type as string,
      path: r.path as string,
      parentId: r.parentId == null ? null : Number(r.parentId),
      status: r.status as SiteUnit['status'],
      contacts: (r.contacts as SiteContacts) ?? {},
      channels: (r.channels as SiteUnit['channels']) ?? [],
      parentName: (r.parentName as string | null) ?? null,
      parentSlug: (r.parentSlug as string | null) ?? null,
    },
    settings: {
      slug: r.slug as string,
      domains: (r.domains as string[]) ?? [],
      primaryColor: r.primaryColor as string,
      tagline: r.tagline as string,
      logo: image(r.logoVariants),
      banner: image(r.bannerVariants),
      menu: ((r.menu as SiteMenuItem[]) ?? []).filter((m) => m && typeof m.label === 'string' && typeof m.href === 'string'),
      introHtml: r.introHtml as string,
      historyHtml: r.historyHtml as string,
      functionsHtml: r.functionsHtml as string,
      version: r.version as number,
      updatedAt: r.updatedAt as Date,
    },
  };
}

export async function siteBySlug(q: Queryable, slug: string): Promise<SiteRecord | null> {
  const r = await q.query(`${siteSelect} where s.slug = $1`, [slug]);
  return r.rows[0] ? record(r.rows[0]) : null;
}

export async function siteByUnitId(q: Queryable, unitId: number): Promise<SiteRecord | null> {
  const r = await q.query(`${siteSelect} where s.unit_id = $1`, [unitId]);
  return r.rows[0] ? record(r.rows[0]) : null;
}

/** The site a host name (lower-case, no port) is mapped to: one primary-key lookup. */
export async function siteByDomain(q: Queryable, domain: string): Promise<SiteRecord | null> {
  const r = await q.query(`${siteSelect} where s.unit_id = (select d.unit_id from site_domains d where d.domain = $1)`, [domain]);
  return r.rows[0] ? record(r.rows[0]) : null;
}

/** Where an unknown slug now lives: an old slug of a site, or a unit code (`/don-vi/<code>` keeps working). */
export async function currentSlugFor(q: Queryable, slugOrCode: string): Promise<string | null> {
  const r = await q.query<{ slug: string }>(
    `(select s.slug from site_slug_redirects r join site_settings s on s.unit_id = r.unit_id where r.slug = $1)
     union all
     (select s.slug from units u join site_settings s on s.unit_id = u.id where u.code = $1)
     limit 1`,
    [slugOrCode],
  );
  return r.rows[0]?.slug ?? null;
}

/** Slugs by unit code (links from portal lists and the sitemap go straight to the site, no 301 hop). */
export async function slugsByCode(q: Queryable, codes: string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const r = await q.query<{ code: string; slug: string }>(
    'select u.code, s.slug from units u join site_settings s on s.unit_id = u.id where u.code = any($1::text[])',
    [codes],
  );
  return new Map(r.rows.map((x) => [x.code, x.slug]));
}

/** A unit's site path from a slug map, falling back to its code (which answers 301 to the slug). */
export const unitSitePath = (slugs: Map<string, string>, code: string) => `/don-vi/${encodeURIComponent(slugs.get(code) ?? code)}`;

/** Slugs for a set of unit ids (links to other units' sites). */
export async function slugsOf(q: Queryable, unitIds: number[]): Promise<Map<number, string>> {
  if (!unitIds.length) return new Map();
  const r = await q.query<{ unitId: string; slug: string }>('select unit_id as "unitId", slug from site_settings where unit_id = any($1::bigint[])', [unitIds]);
  return new Map(r.rows.map((x) => [Number(x.unitId), x.slug]));
}

export type SiteLeader = {
  id: number;
  unitId: number;
  name: string;
  position: string;
  photo: SiteImage | null;
  photoMediaId: number | null;
  bioHtml: string;
  dutiesHtml: string;
  sortOrder: number;
  updatedAt: Date;
};

export async function listLeaders(q: Queryable, unitId: number): Promise<SiteLeader[]> {
  const r = await q.query(
    `select l.id, l.unit_id as "unitId", l.name, l.position, l.photo_media_id as "photoMediaId", m.variants, l.bio_html as "bioHtml",
            l.duties_html as "dutiesHtml", l.sort_order as "sortOrder", l.updated_at as "updatedAt"
       from site_leaders l left join media m on m.id = l.photo_media_id
      where l.unit_id = $1 order by l.sort_order, l.id`,
    [unitId],
  );
  return r.rows.map((x) => {
    const { variants, ...rest } = x;
    return { ...rest, id: Number(x.id), unitId: Number(x.unitId), photoMediaId: x.photoMediaId == null ? null : Number(x.photoMediaId), photo: image(variants) } as SiteLeader;
  });
}

/** The units of the organisation chart: the unit and its active subtree down to `depth` levels. */
export async function orgTree(q: Queryable, path: string, depth = 3): Promise<{ id: number; name: string; type: string; parentId: number | null; slug: string }[]> {
  const r = await q.query(
    `select u.id, u.name, u.type, u.parent_id as "parentId", s.slug
       from units u join site_settings s on s.unit_id = u.id
      where u.path <@ $1::ltree and nlevel(u.path) <= nlevel($1::ltree) + $2 and u.status = 'active'
      order by nlevel(u.path), case u.type when 'ministry' then 0 when 'department' then 1 when 'office' then 2 when 'commune' then 3
               when 'affiliated' then 4 else 5 end, u.name
      limit 3000`,
    [path, depth],
  );
  return r.rows.map((x) => ({ ...x, id: Number(x.id), parentId: x.parentId == null ? null : Number(x.parentId) }));
}

/** Ids of the unit and every unit under it (one GiST index scan). */
export async function subtreeUnitIds(q: Queryable, path: string): Promise<Set<number>> {
  const r = await q.query<{ id: number }>('select id from units where path <@ $1::ltree', [path]);
  return new Set(r.rows.map((x) => Number(x.id)));
}
