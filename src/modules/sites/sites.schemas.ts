import { z } from '@hono/zod-openapi';

/** Shapes of the unit-site API (settings, domains, leaders, images). */
export const SiteImageSchema = z.object({ mediaId: z.number().int(), url: z.string(), small: z.string() }).openapi('SiteImage');
export const SiteMenuItemSchema = z.object({ label: z.string().trim().min(1).max(60), href: z.string().trim().min(1).max(500) });

export const SiteAdminSchema = z
  .object({
    unitId: z.number().int(),
    unitName: z.string(),
    unitType: z.string(),
    slug: z.string(),
    domains: z.array(z.string()),
    primaryColor: z.string(),
    tagline: z.string(),
    logo: SiteImageSchema.nullable(),
    banner: SiteImageSchema.nullable(),
    menu: z.array(SiteMenuItemSchema),
    introHtml: z.string(),
    historyHtml: z.string(),
    functionsHtml: z.string(),
    version: z.number().int(),
    updatedAt: z.string(),
    publicPath: z.string(),
    canEdit: z.boolean(),
    canMapDomains: z.boolean(),
  })
  .openapi('SiteSettings');

export const UpdateSiteSchema = z
  .object({
    version: z.number().int(),
    slug: z.string().trim().max(120).optional(),
    primaryColor: z.string().trim().max(20).optional(),
    tagline: z.string().max(300).optional(),
    logoMediaId: z.number().int().positive().nullable().optional(),
    bannerMediaId: z.number().int().positive().nullable().optional(),
    menu: z.array(SiteMenuItemSchema).max(20).optional(),
    introHtml: z.string().max(200_000).optional(),
    historyHtml: z.string().max(200_000).optional(),
    functionsHtml: z.string().max(200_000).optional(),
  })
  .openapi('UpdateSiteSettings');

export const DomainsSchema = z.object({ domains: z.array(z.string().trim().min(1).max(253)).max(5) }).openapi('SiteDomains');

export const LeaderSchema = z
  .object({
    id: z.number().int(),
    unitId: z.number().int(),
    name: z.string(),
    position: z.string(),
    photo: SiteImageSchema.nullable(),
    bioHtml: z.string(),
    dutiesHtml: z.string(),
    sortOrder: z.number().int(),
    updatedAt: z.string(),
  })
  .openapi('SiteLeader');

export const LeaderInputSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    position: z.string().max(200).default(''),
    photoMediaId: z.number().int().positive().nullable().optional(),
    bioHtml: z.string().max(100_000).default(''),
    dutiesHtml: z.string().max(100_000).default(''),
    sortOrder: z.number().int().min(0).max(10_000).default(0),
  })
  .openapi('SiteLeaderInput');

export const SiteListItemSchema = z.object({ unitId: z.number().int(), unitName: z.string(), unitType: z.string(), slug: z.string(), domains: z.array(z.string()) });
