import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { actorOf, authorize, requireSession } from '../../http/auth';
import type { AppEnv } from '../../http/context';
import { validationHook } from '../../http/errors';
import { IdParam, access, errors, json, jsonBody } from '../../http/openapi';
import { db } from '../../platform/db';
import { articleUnit } from '../newsroom';
import { canOnUnit, unitPathOf } from '../org';
import * as deliveries from './deliveries.service';
import * as removals from './removals.service';
import * as share from './share.service';
import * as targets from './targets.service';

/**
 * Distribution API: a unit's channel targets (Facebook Page, Zalo OA,
 * newsletter, groups for the share kit), the deliveries of an article and of a
 * unit, retrying a dead delivery, and the share kit's proof links.
 */
const tag = ['Kênh phát hành'];
export const distributionRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const kinds = targets.TARGET_KINDS;
const deliveryStatuses = ['pending', 'sending', 'sent', 'failed', 'dead'] as const;
const httpUrl = z
  .string()
  .trim()
  .max(1000)
  .url()
  .refine((s) => /^https?:\/\//i.test(s), 'http(s) URL');
const instant = z.string().datetime({ offset: true });

const SettingsSchema = z.object({
  postAs: z.enum(['link', 'photo']).optional().openapi({ description: 'facebook_page: a link post (feed) or a photo post with the caption' }),
  isBroadcasting: z.boolean().optional().openapi({ description: 'zalo_oa: broadcast the article to followers after creating it' }),
  monthlyQuota: z.number().int().min(1).max(100_000).nullable().optional().openapi({ description: 'zalo_oa: broadcasts allowed per month' }),
  appId: z.string().trim().max(100).nullable().optional().openapi({ description: 'zalo_oa: the Zalo app id used to refresh the access token' }),
});

const TargetSchema = z
  .object({
    id: z.number(),
    unitId: z.number(),
    kind: z.enum(kinds),
    name: z.string(),
    externalId: z.string().nullable(),
    url: z.string().nullable(),
    hasToken: z.boolean(),
    tokenHint: z.string().nullable(),
    tokenExpiresAt: z.string().nullable(),
    tokenDaysLeft: z.number().nullable(),
    isTokenExpiring: z.boolean(),
    settings: z.object({
      postAs: z.enum(['link', 'photo']).optional(),
      isBroadcasting: z.boolean().optional(),
      monthlyQuota: z.number().nullable(),
      appId: z.string().nullable().optional(),
    }),
    refresh: z
      .object({
        hasRefreshToken: z.boolean(),
        hasAppSecret: z.boolean(),
        isAutomatic: z.boolean(),
        lastRefreshedAt: z.string().nullable(),
        failedAt: z.string().nullable(),
        error: z.string().nullable(),
      })
      .nullable()
      .openapi({ description: 'zalo_oa: automatic refreshing of the access token' }),
    attention: z.string().nullable(),
    attentionMessage: z.string().nullable(),
    attentionAt: z.string().nullable(),
    isActive: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    quota: z.object({ monthlyQuota: z.number().nullable(), usedThisMonth: z.number(), exhaustedUntil: z.string().nullable() }).nullable(),
    subscribers: z.object({ confirmed: z.number(), pending: z.number() }).nullable(),
    deliveries: z.object({ pending: z.number(), sent: z.number(), failed: z.number(), dead: z.number() }),
  })
  .openapi('ChannelTarget');

const DeliverySchema = z
  .object({
    id: z.number(),
    articleId: z.number(),
    targetId: z.number(),
    targetKind: z.string(),
    targetName: z.string(),
    unitId: z.number(),
    status: z.enum(deliveryStatuses),
    attempts: z.number(),
    nextAttemptAt: z.string().nullable(),
    remoteId: z.string().nullable(),
    remoteUrl: z.string().nullable(),
    lastError: z.string().nullable(),
    lastErrorCode: z.string().nullable(),
    sentAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    recipients: z.number().nullable(),
    isRecovered: z.boolean(),
    isBroadcast: z.boolean(),
    removal: z
      .object({
        status: z.enum(['pending', 'sending', 'removed', 'failed', 'dead', 'manual_done', 'not_possible']),
        error: z.string().nullable(),
        removedAt: z.string().nullable(),
        attempts: z.number(),
      })
      .nullable()
      .openapi({ description: 'after the article was withdrawn: taking the post down (not_possible: a newsletter cannot be unsent)' }),
  })
  .openapi('Delivery');

const ShareKitSchema = z.object({
  isPublished: z.boolean(),
  text: z.string(),
  link: z.string(),
  targets: z.array(
    z.object({
      id: z.number(),
      kind: z.enum(['facebook_group', 'zalo_group']),
      name: z.string(),
      url: z.string().nullable(),
      isActive: z.boolean(),
      shareUrl: z.string().nullable(),
      proofs: z.array(z.object({ id: z.number(), url: z.string(), note: z.string().nullable(), sharedAt: z.string(), recordedByName: z.string().nullable() })),
    }),
  ),
});

const TargetInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  externalId: z.string().trim().max(200).nullable().optional().openapi({ description: 'Facebook page id or Zalo OA id' }),
  url: httpUrl.nullable().optional().openapi({ description: 'the page or group address (required for groups)' }),
  token: z.string().trim().min(8).max(4000).nullable().optional().openapi({ description: 'access token: write-only, stored encrypted' }),
  tokenExpiresAt: instant.nullable().optional(),
  settings: SettingsSchema.optional(),
  refreshToken: z.string().trim().min(8).max(4000).nullable().optional().openapi({ description: 'zalo_oa: refresh token — write-only, stored encrypted' }),
  appSecret: z.string().trim().min(8).max(400).nullable().optional().openapi({ description: "zalo_oa: the Zalo app's secret key — write-only, stored encrypted" }),
});

const canWriteChannels = async (s: ReturnType<typeof requireSession>, unitId: number) =>
  canOnUnit(s.user.assignments, 'channels.write', (await unitPathOf(db(), unitId)) as string);
const canWriteArticles = async (s: ReturnType<typeof requireSession>, unitId: number) =>
  canOnUnit(s.user.assignments, 'articles.write', (await unitPathOf(db(), unitId)) as string);

// ---- targets ----

distributionRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/channel-targets',
    tags: tag,
    summary: "A unit's channel targets, with token expiry, Zalo quota, subscribers and delivery counts",
    ...access('channels.write'),
    request: { query: z.object({ unitId: z.coerce.number().int().positive(), inactive: z.enum(['0', '1']).optional() }) },
    responses: { 200: json(z.object({ items: z.array(TargetSchema) })), 403: errors[403] },
  }),
  async (c) => {
    const q = c.req.valid('query');
    await authorize(c, 'channels.write', q.unitId);
    return c.json({ items: await targets.listTargets(db(), q.unitId, { isIncludingInactive: q.inactive === '1' }) }, 200);
  },
);

distributionRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/channel-targets',
    tags: tag,
    summary: 'Add a channel target to a unit (the token is stored encrypted and never returned)',
    ...access('channels.write'),
    request: jsonBody(TargetInputSchema.extend({ unitId: z.number().int().positive(), kind: z.enum(kinds) })),
    responses: { 201: json(TargetSchema), 400: errors[400], 403: errors[403], 409: errors[409] },
  }),
  async (c) => {
    const body = c.req.valid('json');
    await authorize(c, 'channels.write', body.unitId);
    return c.json(await targets.createTarget(actorOf(c), body), 201);
  },
);

distributionRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/channel-targets/{id}',
    tags: tag,
    summary: 'Change a channel target; a new token clears "needs attention" and resends what failed for want of it',
    ...access('channels.write'),
    request: { params: IdParam, ...jsonBody(TargetInputSchema.partial().extend({ isActive: z.boolean().optional() })) },
    responses: { 200: json(TargetSchema), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'channels.write', await targets.targetUnit(db(), id));
    return c.json(await targets.updateTarget(actorOf(c), id, c.req.valid('json')), 200);
  },
);

distributionRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/channel-targets/{id}/disable',
    tags: tag,
    summary: 'Stop publishing to a channel target (kept, with its history)',
    ...access('channels.write'),
    request: { params: IdParam, ...jsonBody(z.object({})) },
    responses: { 200: json(TargetSchema), 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'channels.write', await targets.targetUnit(db(), id));
    return c.json(await targets.disableTarget(actorOf(c), id), 200);
  },
);

// ---- deliveries ----

distributionRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/articles/{id}/deliveries',
    tags: tag,
    summary: "An article's deliveries to its unit's channels, and the share kit for groups with its proof links",
    ...access('articles.read'),
    request: { params: IdParam },
    responses: {
      200: json(
        z.object({
          items: z.array(DeliverySchema),
          shareKit: ShareKitSchema,
          isWithdrawn: z.boolean(),
          can: z.object({ retry: z.boolean(), recordProof: z.boolean(), confirmRemoval: z.boolean() }),
        }),
      ),
      403: errors[403],
      404: errors[404],
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { unitId, status } = await articleUnit(db(), id);
    const s = await authorize(c, 'articles.read', unitId);
    const items = await deliveries.listArticleDeliveries(db(), id);
    return c.json(
      {
        items,
        shareKit: await share.shareKit(db(), id),
        isWithdrawn: status === 'withdrawn',
        can: {
          retry: await canWriteChannels(s, unitId),
          recordProof: await canWriteArticles(s, unitId),
          confirmRemoval: canOnUnit(s.user.assignments, 'articles.approve', (await unitPathOf(db(), unitId)) as string),
        },
      },
      200,
    );
  },
);

distributionRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/deliveries',
    tags: tag,
    summary: "Deliveries to a unit's channels, newest first (status=dead: the dead-letter list)",
    ...access('articles.read'),
    request: {
      query: z.object({
        unitId: z.coerce.number().int().positive(),
        status: z.enum(deliveryStatuses).optional(),
        removal: z.enum(['stuck']).optional().openapi({ description: 'stuck: removals after a withdrawal that failed or ran out of attempts' }),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
    },
    responses: { 200: json(z.object({ items: z.array(DeliverySchema.extend({ articleTitle: z.string() })) })), 403: errors[403] },
  }),
  async (c) => {
    const q = c.req.valid('query');
    await authorize(c, 'articles.read', q.unitId);
    return c.json({ items: await deliveries.listUnitDeliveries(db(), q.unitId, { status: q.status, removal: q.removal, limit: q.limit }) }, 200);
  },
);

distributionRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/deliveries/{id}/retry',
    tags: tag,
    summary: 'Try a dead or failed delivery again ("Thử lại"), with a fresh count of attempts',
    ...access('channels.write'),
    request: { params: IdParam, ...jsonBody(z.object({})) },
    responses: { 200: json(DeliverySchema), 403: errors[403], 404: errors[404], 409: errors[409] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'channels.write', await deliveries.deliveryUnit(db(), id));
    return c.json(await deliveries.retryDelivery(actorOf(c), id), 200);
  },
);

// ---- removal after withdrawal ----

distributionRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/deliveries/{id}/removal/retry',
    tags: tag,
    summary: 'Try again to take down a post of a withdrawn article (a failed or dead removal)',
    ...access('channels.write'),
    request: { params: IdParam, ...jsonBody(z.object({})) },
    responses: { 200: json(DeliverySchema), 403: errors[403], 404: errors[404], 409: errors[409] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'channels.write', await deliveries.deliveryUnit(db(), id));
    await removals.retryRemoval(actorOf(c), id);
    return c.json(await deliveries.getDelivery(db(), id), 200);
  },
);

distributionRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/deliveries/{id}/removal/done',
    tags: tag,
    summary: 'Record that the post of a withdrawn article was removed by hand (when Loa could not remove it)',
    ...access('articles.approve'),
    request: { params: IdParam, ...jsonBody(z.object({})) },
    responses: { 200: json(DeliverySchema), 403: errors[403], 404: errors[404], 409: errors[409] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'articles.approve', await deliveries.deliveryUnit(db(), id));
    await removals.confirmRemovedByHand(actorOf(c), id);
    return c.json(await deliveries.getDelivery(db(), id), 200);
  },
);

// ---- share kit ----

distributionRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/articles/{id}/share-proofs',
    tags: tag,
    summary: 'Record where a published article was shared by hand (a group post link)',
    ...access('articles.write'),
    request: {
      params: IdParam,
      ...jsonBody(z.object({ targetId: z.number().int().positive(), url: httpUrl, sharedAt: instant.nullable().optional(), note: z.string().trim().max(500).nullable().optional() })),
    },
    responses: { 201: json(z.object({ id: z.number() })), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409], 422: errors[422] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'articles.write', (await articleUnit(db(), id)).unitId);
    return c.json(await share.recordShareProof(actorOf(c), id, c.req.valid('json')), 201);
  },
);
