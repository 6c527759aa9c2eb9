import { z } from '@hono/zod-openapi';
import { sourceKinds } from './sources.service';

/** API shapes of monitoring sources, entries, items, stories and threads (OpenAPI is generated from them). */
export const tones = ['negative', 'neutral', 'positive'] as const;

export const SourceSchema = z
  .object({
    id: z.number(),
    unitId: z.number().nullable(),
    unitName: z.string().nullable(),
    kind: z.enum(sourceKinds),
    name: z.string(),
    url: z.string().nullable(),
    isActive: z.boolean(),
    intervalSeconds: z.number().nullable(),
    adaptiveSeconds: z.number(),
    nextPollAt: z.string(),
    lastPolledAt: z.string().nullable(),
    lastSuccessAt: z.string().nullable(),
    lastError: z.string().nullable(),
    lastErrorCode: z.string().nullable(),
    lastErrorAt: z.string().nullable(),
    consecutiveFailures: z.number(),
    itemsTotal: z.number(),
    itemsPerDay: z.number(),
    webhookSecretHint: z.string().nullable(),
    health: z.enum(['ok', 'warning', 'failing', 'paused', 'new']),
    version: z.number(),
    createdAt: z.string(),
  })
  .openapi('MonitorSource');

export const SourceCreateSchema = z.object({
  unitId: z.number().int().positive(),
  kind: z.enum(['feed', 'sitemap', 'webhook']),
  name: z.string().trim().max(200).optional(),
  url: z.string().trim().max(2000).nullable().optional(),
  intervalSeconds: z.number().int().min(60).max(86400).nullable().optional(),
  isActive: z.boolean().optional(),
});
export const SourcePatchSchema = z.object({
  version: z.number().int(),
  name: z.string().trim().min(1).max(200).optional(),
  url: z.string().trim().max(2000).nullable().optional(),
  intervalSeconds: z.number().int().min(60).max(86400).nullable().optional(),
  isActive: z.boolean().optional(),
});
export const SourceWithSecretSchema = z.object({ source: SourceSchema, webhookSecret: z.string().nullable() });

export const PollResultSchema = z.object({
  sourceId: z.number(),
  status: z.enum(['ok', 'not_modified', 'error']),
  newItems: z.number(),
  seen: z.number(),
  error: z.string().optional(),
  errorCode: z.string().optional(),
});

export const EntrySchema = z.object({
  unitId: z.number().int().positive(),
  kind: z.enum(['url', 'text', 'hotline']),
  url: z.string().trim().max(2000).nullable().optional(),
  title: z.string().trim().max(1000).nullable().optional(),
  text: z.string().max(100_000).nullable().optional(),
  author: z.string().trim().max(200).nullable().optional(),
  seenAt: z.string().datetime({ offset: true }).nullable().optional(),
});

const ItemUnitSchema = z.object({ id: z.number(), code: z.string(), name: z.string(), via: z.string(), origin: z.string() });
export const ItemSchema = z
  .object({
    id: z.number(),
    sourceId: z.number(),
    source: z.string(),
    kind: z.string(),
    link: z.string().nullable(),
    title: z.string(),
    excerpt: z.string(),
    publishedAt: z.string().nullable(),
    fetchedAt: z.string(),
    units: z.array(ItemUnitSchema),
    tone: z.enum(tones),
    categories: z.array(z.string()),
    riskScore: z.number(),
    reasons: z.array(z.string()),
    storyId: z.number().nullable(),
    threadId: z.number().nullable(),
    storySize: z.number(),
  })
  .openapi('MonitorItem');
export const ItemDetailSchema = ItemSchema.extend({ body: z.string() });

export const ItemQuerySchema = z.object({
  unitId: z.coerce.number().int().positive(),
  sourceId: z.coerce.number().int().positive().optional(),
  storyId: z.coerce.number().int().positive().optional(),
  threadId: z.coerce.number().int().positive().optional(),
  tone: z.enum(tones).optional(),
  category: z.string().max(60).optional(),
  minRisk: z.coerce.number().min(0).max(1).optional(),
  since: z.string().datetime({ offset: true }).optional(),
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const StorySchema = z
  .object({
    id: z.number(),
    threadId: z.number().nullable(),
    title: z.string(),
    itemCount: z.number(),
    sourceCount: z.number(),
    units: z.array(z.object({ id: z.number(), code: z.string(), name: z.string() })),
    categories: z.array(z.string()),
    tone: z.enum(tones),
    maxRisk: z.number(),
    firstSeenAt: z.string(),
    lastSeenAt: z.string(),
    items: z.array(ItemSchema),
  })
  .openapi('MonitorStory');

export const ThreadSchema = z
  .object({
    id: z.number(),
    title: z.string(),
    storyCount: z.number(),
    itemCount: z.number(),
    units: z.array(z.object({ id: z.number(), code: z.string(), name: z.string() })),
    categories: z.array(z.string()),
    firstSeenAt: z.string(),
    lastSeenAt: z.string(),
    stories: z.array(StorySchema.omit({ items: true })),
  })
  .openapi('MonitorThread');

export const AliasSchema = z.object({ id: z.number(), unitId: z.number(), unitName: z.string(), alias: z.string(), createdAt: z.string() });
export const AliasCreateSchema = z.object({ unitId: z.number().int().positive(), alias: z.string().trim().min(2).max(200) });
