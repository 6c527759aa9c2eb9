import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { actorOf, authorize, scopeFor } from '../../../http/auth';
import type { AppEnv } from '../../../http/context';
import { validationHook } from '../../../http/errors';
import { IdParam, Ok, access, errors, json, jsonBody } from '../../../http/openapi';
import { db } from '../../../platform/db';
import { AppError } from '../../../platform/errors';
import { consultationUnitPath } from '../consultations.service';
import * as svc from './analysis.service';
import { consultationDashboard } from './dashboard.service';
import { feedbackModelInfo, retrainFeedbackModel } from './model.service';
import { feedbackTones } from './topics';

/**
 * Feedback analysis API (/api/feedback/analysis/…): topics, coding with suggestions, the
 * per-consultation dashboard and the suggestion model. Reading needs `feedback.read` on the
 * consultation's (or comment's) unit; coding, topics and retraining need `feedback.analyse`.
 */
const tag = ['Góp ý — phân tích'];
export const feedbackAnalysisRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const Tone = z.enum(feedbackTones);
const Counts3 = z.object({ negative: z.number(), neutral: z.number(), positive: z.number() });
const StanceCounts = z.object({ agree: z.number(), disagree: z.number(), partly: z.number(), none: z.number() });
const TopicSchema = z
  .object({ id: z.number(), unitId: z.number().nullable(), key: z.string(), label: z.string(), position: z.number(), isShared: z.boolean(), isArchived: z.boolean() })
  .openapi('FeedbackTopic');
const CodeSchema = z
  .object({
    tone: Tone, topicIds: z.array(z.number()), source: z.enum(['manual', 'accepted', 'corrected']), codedBy: z.number().nullable(),
    codedByName: z.string().nullable(), codedAt: z.string(), version: z.number(),
  })
  .openapi('FeedbackCode');
const SuggestionSchema = z.object({
  modelId: z.number(), tone: Tone.nullable(), toneP: z.record(z.string(), z.number()).nullable(), topicIds: z.array(z.number()), topicP: z.record(z.string(), z.number()),
});
const CodingItemSchema = z
  .object({
    id: z.number(), consultationId: z.number().nullable(), paragraphId: z.number().nullable(), paragraphPosition: z.number().nullable(), paragraphLabel: z.string().nullable(),
    body: z.string(), stance: z.enum(['agree', 'disagree', 'partly']).nullable(), visibility: z.enum(['public', 'hidden', 'private']), channel: z.string(), createdAt: z.string(),
    code: CodeSchema.nullable(), suggestion: SuggestionSchema.nullable(),
  })
  .openapi('FeedbackCodingItem');
const Score = z.object({ precision: z.number(), recall: z.number(), f1: z.number(), support: z.number() });
const ModelSchema = z
  .object({
    id: z.number(), trainedAt: z.string(), examples: z.number(), codes: z.number(), seedExamples: z.number(), codesSince: z.number(),
    metrics: z.object({
      train: z.number(), test: z.number(),
      tone: z.object({ macroF1: z.number(), accuracy: z.number(), perClass: z.record(z.string(), Score) }),
      topics: z.object({ macroF1: z.number(), microF1: z.number(), exactMatch: z.number(), perTopic: z.record(z.string(), Score) }),
    }),
  })
  .openapi('FeedbackModel');
const DashboardSchema = z
  .object({
    consultationId: z.number(), title: z.string(), unitId: z.number(),
    totals: z.object({ comments: z.number(), hidden: z.number(), coded: z.number(), accepted: z.number(), corrected: z.number(), manual: z.number(), progress: z.number() }),
    tone: Counts3, stance: StanceCounts,
    topics: z.array(z.object({ topicId: z.number(), label: z.string(), count: z.number() })),
    paragraphs: z.array(z.object({
      paragraphId: z.number().nullable(), position: z.number().nullable(), label: z.string().nullable(), excerpt: z.string(),
      comments: z.number(), coded: z.number(), stance: StanceCounts, tone: Counts3,
    })),
    model: ModelSchema.nullable(),
  })
  .openapi('FeedbackDashboard');

// ---- topics --------------------------------------------------------------------------

feedbackAnalysisRoutes.openapi(
  createRoute({
    method: 'get', path: '/feedback/analysis/topics', tags: tag, summary: 'Topics usable in a unit: the shared list, and the unit’s and its ancestors’ own',
    ...access('feedback.read'),
    request: { query: z.object({ unitId: z.coerce.number().int().positive(), archived: z.enum(['0', '1']).optional() }) },
    responses: { 200: json(z.object({ items: z.array(TopicSchema) })), 400: errors[400], 403: errors[403] },
  }),
  async (c) => {
    const q = c.req.valid('query');
    await authorize(c, 'feedback.read', q.unitId);
    return c.json({ items: await svc.listTopics(db(), q.unitId, { includeArchived: q.archived === '1' }) }, 200);
  },
);

feedbackAnalysisRoutes.openapi(
  createRoute({
    method: 'post', path: '/feedback/analysis/topics', tags: tag, summary: 'Add a topic of the unit’s own (applies to its subtree)', ...access('feedback.analyse'),
    request: jsonBody(z.object({ unitId: z.number().int().positive(), label: z.string().trim().min(1).max(120) })),
    responses: { 201: json(TopicSchema), 400: errors[400], 403: errors[403], 409: errors[409] },
  }),
  async (c) => {
    const body = c.req.valid('json');
    await authorize(c, 'feedback.analyse', body.unitId);
    return c.json(await svc.createTopic(actorOf(c), body), 201);
  },
);

feedbackAnalysisRoutes.openapi(
  createRoute({
    method: 'patch', path: '/feedback/analysis/topics/{id}', tags: tag, summary: 'Rename or archive a unit’s own topic (shared topics cannot change)', ...access('feedback.analyse'),
    request: { params: IdParam, ...jsonBody(z.object({ label: z.string().trim().min(1).max(120).optional(), isArchived: z.boolean().optional() })) },
    responses: { 200: json(TopicSchema), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { unitId } = await svc.topicUnit(db(), id);
    if (unitId == null) {
      scopeFor(c, 'feedback.analyse');
      throw new AppError('feedback_analysis.topic_shared', 409, 'feedback_analysis.topic_shared');
    }
    await authorize(c, 'feedback.analyse', unitId);
    return c.json(await svc.updateTopic(actorOf(c), id, c.req.valid('json')), 200);
  },
);

// ---- coding ----------------------------------------------------------------------------

feedbackAnalysisRoutes.openapi(
  createRoute({
    method: 'get', path: '/feedback/analysis/consultations/{id}/items', tags: tag,
    summary: 'A page of a consultation’s comments with their code and the model’s suggestion (keyset by id)', ...access('feedback.read'),
    request: {
      params: IdParam,
      query: z.object({
        filter: z.enum(['all', 'uncoded', 'coded']).default('all'),
        paragraph: z.string().regex(/^(all|whole|\d+)$/).default('all'),
        afterId: z.coerce.number().int().min(0).default(0),
        limit: z.coerce.number().int().min(1).max(200).default(30),
      }),
    },
    responses: { 200: json(z.object({ items: z.array(CodingItemSchema), nextAfterId: z.number().nullable() })), 400: errors[400], 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const q = c.req.valid('query');
    await authorize(c, 'feedback.read', (await consultationUnitPath(db(), id)).unitId);
    const paragraphId = q.paragraph === 'all' ? undefined : q.paragraph === 'whole' ? null : Number(q.paragraph);
    return c.json(await svc.listForCoding(id, { filter: q.filter, paragraphId, afterId: q.afterId, limit: q.limit }), 200);
  },
);

feedbackAnalysisRoutes.openapi(
  createRoute({
    method: 'put', path: '/feedback/analysis/items/{id}/code', tags: tag, summary: 'Set a comment’s tone and topics (recorded as accepted or corrected against the suggestion shown)',
    ...access('feedback.analyse'),
    request: { params: IdParam, ...jsonBody(z.object({ tone: Tone, topicIds: z.array(z.number().int().positive()).max(20), version: z.number().int().optional() })) },
    responses: { 200: json(CodeSchema), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'feedback.analyse', (await svc.itemUnit(db(), id)).unitId);
    return c.json(await svc.codeItem(actorOf(c), id, c.req.valid('json')), 200);
  },
);

feedbackAnalysisRoutes.openapi(
  createRoute({
    method: 'post', path: '/feedback/analysis/items/{id}/accept', tags: tag, summary: 'Accept the suggestion as the comment’s code (one click)', ...access('feedback.analyse'),
    request: { params: IdParam, ...jsonBody(z.object({ version: z.number().int().optional() })) },
    responses: { 200: json(CodeSchema), 403: errors[403], 404: errors[404], 409: errors[409] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'feedback.analyse', (await svc.itemUnit(db(), id)).unitId);
    return c.json(await svc.acceptSuggestion(actorOf(c), id, c.req.valid('json').version), 200);
  },
);

feedbackAnalysisRoutes.openapi(
  createRoute({
    method: 'post', path: '/feedback/analysis/items/accept', tags: tag, summary: 'Accept the suggestions of several uncoded comments at once (each audited)', ...access('feedback.analyse'),
    request: jsonBody(z.object({ itemIds: z.array(z.number().int().positive()).min(1).max(100) })),
    responses: { 200: json(z.object({ accepted: z.number() })), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] },
  }),
  async (c) => {
    const { itemIds } = c.req.valid('json');
    const units = new Set<number>();
    for (const id of new Set(itemIds)) units.add((await svc.itemUnit(db(), id)).unitId);
    for (const u of units) await authorize(c, 'feedback.analyse', u);
    return c.json({ accepted: await svc.acceptMany(actorOf(c), [...new Set(itemIds)]) }, 200);
  },
);

feedbackAnalysisRoutes.openapi(
  createRoute({
    method: 'delete', path: '/feedback/analysis/items/{id}/code', tags: tag, summary: 'Remove a comment’s code', ...access('feedback.analyse'),
    request: { params: IdParam },
    responses: { 200: json(Ok), 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'feedback.analyse', (await svc.itemUnit(db(), id)).unitId);
    await svc.clearCode(actorOf(c), id);
    return c.json({ ok: true as const }, 200);
  },
);

// ---- dashboard and model ---------------------------------------------------------------

feedbackAnalysisRoutes.openapi(
  createRoute({
    method: 'get', path: '/feedback/analysis/consultations/{id}/dashboard', tags: tag,
    summary: 'How much of a consultation is analysed, its themes, tone, and stance and tone per paragraph', ...access('feedback.read'),
    request: { params: IdParam },
    responses: { 200: json(DashboardSchema), 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'feedback.read', (await consultationUnitPath(db(), id)).unitId);
    return c.json(await consultationDashboard(db(), id), 200);
  },
);

feedbackAnalysisRoutes.openapi(
  createRoute({
    method: 'get', path: '/feedback/analysis/model', tags: tag, summary: 'The suggestion model in use and its accuracy measured on a held-out split', ...access('feedback.read'),
    responses: { 200: json(z.object({ model: ModelSchema.nullable() })), 403: errors[403] },
  }),
  async (c) => {
    scopeFor(c, 'feedback.read');
    return c.json({ model: await feedbackModelInfo(db()) }, 200);
  },
);

feedbackAnalysisRoutes.openapi(
  createRoute({
    method: 'post', path: '/feedback/analysis/model/retrain', tags: tag, summary: 'Retrain the suggestions from the staff’s codes now (also nightly); skipped when nothing changed',
    ...access('feedback.analyse'),
    request: jsonBody(z.object({ force: z.boolean().optional() })),
    responses: { 200: json(z.object({ model: ModelSchema, skipped: z.boolean() })), 403: errors[403] },
  }),
  async (c) => {
    scopeFor(c, 'feedback.analyse');
    return c.json(await retrainFeedbackModel(actorOf(c), { force: c.req.valid('json').force }), 200);
  },
);
