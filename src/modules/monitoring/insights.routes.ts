import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { actorOf, authorize, requireSession, scopeFor } from '../../http/auth';
import type { AppEnv } from '../../http/context';
import { validationHook } from '../../http/errors';
import { IdParam, Ok, access, errors, json, jsonBody } from '../../http/openapi';
import { now } from '../../platform/clock';
import { db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { type Permission, canOnUnit, doesRoleReachSubtree, permissions, unitPathOf } from '../org';
import * as alerts from './alerts';
import { buildDigest, digestDocx, todayVn } from './digest';
import { modelInfo, retrain } from './learning/retrain.service';
import { listSpikes } from './spikes/spikes.service';
import * as triage from './triage.service';
import { matchesOfItems } from './watch.service';

/**
 * Monitoring, second half (M2): the triage inbox and a story's page, labels
 * corrections, alert rules, in-app notices, the daily digest (JSON and DOCX),
 * dashboard figures, spikes, and the learned model's accuracy and retraining.
 * Reading needs `monitoring.read`, changing `monitoring.write`, on the unit the
 * request targets; a story belongs to the units its copies concern (and their
 * sources' units).
 */
const tag = ['Theo dõi báo chí — xử lý, cảnh báo'];
export const insightsRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
type Ctx = Context<AppEnv>;

const Tone = z.enum(triage.toneValues);
const Status = z.enum(triage.triageStatuses);
const Category = z.string().regex(/^[a-z_]{2,40}$/);
const UnitQuery = z.object({ unitId: z.coerce.number().int().positive() });
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The caller may act on a story when the permission holds on one of the units it concerns (a story of no unit: at a root). */
async function authorizeStory(c: Ctx, permission: Permission, id: number) {
  const s = requireSession(c);
  const paths = await triage.storyUnitPaths(db(), id);
  const ok = paths.length
    ? paths.some((p) => canOnUnit(s.user.assignments, permission, p))
    : s.user.assignments.some((a) => !a.unitPath.includes('.') && (permissions[permission] as readonly string[]).includes(a.role));
  if (!ok) throw new AppError('forbidden', 403, 'error.forbidden');
  return s;
}

/** The scope of a list under a unit: its subtree, or only the unit itself for own-unit roles. */
async function listScope(c: Ctx, permission: Permission, unitId: number) {
  const s = await authorize(c, permission, unitId);
  const path = (await unitPathOf(db(), unitId)) as string;
  const reaches = s.user.assignments.some((a) => doesRoleReachSubtree(a.role) && canOnUnit([a], permission, path));
  return { path, scope: reaches ? { subtreePaths: [path], unitIds: [] } : { subtreePaths: [], unitIds: [unitId] } };
}

const UnitRef = z.object({ id: z.number(), code: z.string(), name: z.string() });
const InboxRow = z.object({
  id: z.number(), title: z.string(), status: Status, assignedTo: z.number().nullable(), assignedToName: z.string().nullable(), tone: Tone,
  categories: z.array(z.string()), riskScore: z.number(), itemCount: z.number(), sourceCount: z.number(), firstSeenAt: z.string(), lastSeenAt: z.string(),
  threadId: z.number().nullable(), source: z.string().nullable(), units: z.array(z.string()),
  // watched people and keyword topics its items matched (migration 0026)
  people: z.array(z.string()).optional(), topics: z.array(z.string()).optional(),
});
const StorySchema = InboxRow.omit({ source: true, units: true })
  .extend({
    threadTitle: z.string().nullable(), note: z.string().nullable(), version: z.number(), triagedAt: z.string().nullable(), triagedByName: z.string().nullable(),
    units: z.array(UnitRef),
    items: z.array(z.object({
      id: z.number(), title: z.string(), excerpt: z.string(), link: z.string().nullable(), source: z.string(), publishedAt: z.string(), tone: Tone,
      categories: z.array(z.string()), riskScore: z.number(), reasons: z.array(z.string()),
      units: z.array(UnitRef.extend({ via: z.string(), origin: z.string() })),
    })),
    corrections: z.array(z.object({ id: z.number(), field: z.string(), oldValue: z.string().nullable(), newValue: z.string().nullable(), at: z.string(), userName: z.string().nullable(), unitName: z.string().nullable() })),
    can: z.object({ write: z.boolean() }),
    matches: z.array(z.object({ kind: z.enum(['person', 'topic']), id: z.number(), name: z.string(), via: z.string() })).optional(),
  })
  .openapi('MonitorStory');

async function presentStory(c: Ctx, st: triage.Story) {
  const s = requireSession(c);
  const paths = await triage.storyUnitPaths(db(), st.id);
  const matches = [...(await matchesOfItems(db(), st.items.map((i) => i.id))).values()].flat().filter((x, i, all) => all.findIndex((y) => y.kind === x.kind && y.id === x.id) === i);
  return { ...st, matches, can: { write: paths.some((p) => canOnUnit(s.user.assignments, 'monitoring.write', p)) } } as z.infer<typeof StorySchema>;
}

// ---- triage ----------------------------------------------------------------------

insightsRoutes.openapi(
  createRoute({
    method: 'get', path: '/monitoring/triage', tags: tag, summary: "The triage inbox: stories about a unit's subtree, filtered", ...access('monitoring.read'),
    request: {
      query: UnitQuery.extend({
        status: Status.optional(), tone: Tone.optional(), category: Category.optional(), minRisk: z.coerce.number().min(0).max(1).optional(),
        assigned: z.enum(['me', 'none']).optional(), since: Day.optional(), q: z.string().max(200).optional(),
        personId: z.coerce.number().int().positive().optional(), topicId: z.coerce.number().int().positive().optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0),
      }),
    },
    responses: { 200: json(z.object({ items: z.array(InboxRow), total: z.number() })), 400: errors[400], 403: errors[403] },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const { scope } = await listScope(c, 'monitoring.read', q.unitId);
    const s = requireSession(c);
    const r = await triage.listInbox(db(), {
      scope, status: q.status, tone: q.tone, category: q.category, minRisk: q.minRisk, q: q.q, limit: q.limit, offset: q.offset,
      assignedTo: q.assigned === 'me' ? s.user.id : undefined, isUnassigned: q.assigned === 'none',
      since: q.since ? new Date(`${q.since}T00:00:00+07:00`) : undefined, personId: q.personId, topicId: q.topicId,
    });
    return c.json(r as { items: z.infer<typeof InboxRow>[]; total: number }, 200);
  },
);

insightsRoutes.openapi(
  createRoute({ method: 'get', path: '/monitoring/triage/{id}', tags: tag, summary: 'A story: its copies, units (and how they matched), labels, corrections', ...access('monitoring.read'), request: { params: IdParam }, responses: { 200: json(StorySchema), 403: errors[403], 404: errors[404] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorizeStory(c, 'monitoring.read', id);
    return c.json(await presentStory(c, await triage.getStory(db(), id)), 200);
  },
);

insightsRoutes.openapi(
  createRoute({ method: 'post', path: '/monitoring/triage/{id}/status', tags: tag, summary: 'Move a story: new → reviewed → needs_action → closed (or reopen)', ...access('monitoring.write'), request: { params: IdParam, ...jsonBody(z.object({ status: Status, note: z.string().trim().max(2000).optional() })) }, responses: { 200: json(StorySchema), 403: errors[403], 404: errors[404], 409: errors[409] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorizeStory(c, 'monitoring.write', id);
    const b = c.req.valid('json');
    return c.json(await presentStory(c, await triage.setStatus(actorOf(c), id, b.status, b.note)), 200);
  },
);

insightsRoutes.openapi(
  createRoute({ method: 'post', path: '/monitoring/triage/{id}/assign', tags: tag, summary: 'Assign a story to a person (null: unassign)', ...access('monitoring.write'), request: { params: IdParam, ...jsonBody(z.object({ userId: z.number().int().positive().nullable() })) }, responses: { 200: json(StorySchema), 400: errors[400], 403: errors[403], 404: errors[404] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorizeStory(c, 'monitoring.write', id);
    return c.json(await presentStory(c, await triage.assignStory(actorOf(c), id, c.req.valid('json').userId)), 200);
  },
);

insightsRoutes.openapi(
  createRoute({
    method: 'post', path: '/monitoring/triage/{id}/correct', tags: tag,
    summary: "Correct a story's units (the full set), tone or categories; every copy is corrected and the change is learned from", ...access('monitoring.write'),
    request: { params: IdParam, ...jsonBody(z.object({ units: z.array(z.number().int().positive()).max(50).optional(), tone: Tone.optional(), categories: z.array(Category).max(20).optional() })) },
    responses: { 200: json(StorySchema), 400: errors[400], 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const s = await authorizeStory(c, 'monitoring.write', id);
    const b = c.req.valid('json');
    if (b.units) {
      // a unit added or removed must be one the caller may write for
      const current = (await db().query('select distinct iu.unit_id from monitor_items i join monitor_item_units iu on iu.item_id = i.id where i.story_id = $1', [id])).rows.map((r) => Number(r.unit_id));
      const changed = [...b.units.filter((u) => !current.includes(u)), ...current.filter((u) => !b.units?.includes(u))];
      for (const u of changed) {
        const path = await unitPathOf(db(), u);
        if (!path) throw new AppError('insights.bad_unit', 400, 'insights.bad_unit');
        if (!canOnUnit(s.user.assignments, 'monitoring.write', path)) throw new AppError('forbidden', 403, 'error.forbidden');
      }
    }
    return c.json(await presentStory(c, await triage.correctStory(actorOf(c), id, b)), 200);
  },
);

// ---- alert rules -------------------------------------------------------------------

const Hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const RuleInput = z.object({
  name: z.string().trim().min(1).max(200),
  userId: z.number().int().positive().nullable().optional(),
  unitIds: z.array(z.number().int().positive()).max(100).optional(),
  categories: z.array(Category).max(30).optional(),
  personIds: z.array(z.number().int().positive()).max(100).optional(),
  topicIds: z.array(z.number().int().positive()).max(100).optional(),
  tones: z.array(Tone).max(3).optional(),
  minRisk: z.number().min(0).max(1).optional(),
  mode: z.enum(['immediate', 'digest']).optional(),
  channels: z.array(z.enum(alerts.alertChannels)).min(1).max(4).optional(),
  emails: z.array(z.string().trim().email()).max(20).optional(),
  webhookUrl: z.string().url().max(2000).nullable().optional(),
  webhookSecret: z.string().max(200).nullable().optional(),
  zaloUrl: z.string().url().max(2000).nullable().optional(),
  quietStart: Hhmm.nullable().optional(),
  quietEnd: Hhmm.nullable().optional(),
  includesSpikes: z.boolean().optional(),
  isActive: z.boolean().optional(),
});
const WatchRef = z.object({ id: z.number(), name: z.string(), isActive: z.boolean() });
const RuleSchema = z
  .object({
    id: z.number(), unitId: z.number(), unitName: z.string(), userId: z.number().nullable(), userName: z.string().nullable(), name: z.string(),
    unitIds: z.array(z.number()), categories: z.array(z.string()), tones: z.array(z.string()), minRisk: z.number(), mode: z.enum(['immediate', 'digest']),
    channels: z.array(z.enum(alerts.alertChannels)), emails: z.array(z.string()), webhookUrl: z.string().nullable(), hasWebhookSecret: z.boolean(),
    zaloUrl: z.string().nullable(), quietStart: z.string().nullable(), quietEnd: z.string().nullable(), includesSpikes: z.boolean(), isActive: z.boolean(),
    version: z.number(), updatedAt: z.string(),
    personIds: z.array(z.number()).optional(), topicIds: z.array(z.number()).optional(),
    // names of those people / topics (isActive false: no longer watched)
    people: z.array(WatchRef).optional(), topics: z.array(WatchRef).optional(),
  })
  .openapi('MonitorAlertRule');

insightsRoutes.openapi(
  createRoute({ method: 'get', path: '/monitoring/alert-rules', tags: tag, summary: "Alert rules of a unit's subtree", ...access('monitoring.read'), request: { query: UnitQuery }, responses: { 200: json(z.object({ items: z.array(RuleSchema) })), 403: errors[403] } }),
  async (c) => {
    const { path } = await listScope(c, 'monitoring.read', c.req.valid('query').unitId);
    return c.json({ items: await alerts.listRules(db(), path) }, 200);
  },
);

insightsRoutes.openapi(
  createRoute({ method: 'post', path: '/monitoring/alert-rules', tags: tag, summary: 'Create an alert rule for a unit or a person (userId)', ...access('monitoring.write'), request: jsonBody(RuleInput.extend({ unitId: z.number().int().positive() })), responses: { 201: json(RuleSchema), 400: errors[400], 403: errors[403] } }),
  async (c) => {
    const b = c.req.valid('json');
    await authorize(c, 'monitoring.write', b.unitId);
    return c.json(await alerts.createRule(actorOf(c), b, { scope: scopeFor(c, 'monitoring.read') }), 201);
  },
);

insightsRoutes.openapi(
  createRoute({ method: 'put', path: '/monitoring/alert-rules/{id}', tags: tag, summary: 'Change an alert rule (carries the version it was loaded at)', ...access('monitoring.write'), request: { params: IdParam, ...jsonBody(RuleInput.extend({ version: z.number().int() })) }, responses: { 200: json(RuleSchema), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'monitoring.write', await alerts.ruleUnit(db(), id));
    return c.json(await alerts.updateRule(actorOf(c), id, c.req.valid('json'), { scope: scopeFor(c, 'monitoring.read') }), 200);
  },
);

insightsRoutes.openapi(
  createRoute({ method: 'delete', path: '/monitoring/alert-rules/{id}', tags: tag, summary: 'Delete an alert rule', ...access('monitoring.write'), request: { params: IdParam }, responses: { 200: json(Ok), 403: errors[403], 404: errors[404] } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await authorize(c, 'monitoring.write', await alerts.ruleUnit(db(), id));
    await alerts.deleteRule(actorOf(c), id);
    return c.json({ ok: true as const }, 200);
  },
);

// ---- notices (one's own) ---------------------------------------------------------------

const NoticeSchema = z.object({ id: z.number(), title: z.string(), body: z.string(), link: z.string().nullable(), createdAt: z.string(), readAt: z.string().nullable() });
insightsRoutes.openapi(
  createRoute({ method: 'get', path: '/monitoring/notices', tags: tag, summary: "The caller's in-app alert notices, newest first", ...access('session'), request: { query: z.object({ unread: z.enum(['1', '0']).optional() }) }, responses: { 200: json(z.object({ unread: z.number(), items: z.array(NoticeSchema) })), 401: errors[401] } }),
  async (c) => {
    const s = requireSession(c);
    return c.json(await alerts.listNotices(db(), s.user.id, { isUnreadOnly: c.req.valid('query').unread === '1' }), 200);
  },
);

insightsRoutes.openapi(
  createRoute({ method: 'post', path: '/monitoring/notices/read', tags: tag, summary: "Mark one of the caller's notices read (id), or all of them", ...access('session'), request: jsonBody(z.object({ id: z.number().int().positive().optional() })), responses: { 200: json(z.object({ changed: z.number() })), 401: errors[401] } }),
  async (c) => {
    const s = requireSession(c);
    return c.json({ changed: await alerts.markNoticesRead(s.user.id, c.req.valid('json').id ?? null) }, 200);
  },
);

// ---- digest, dashboard, spikes --------------------------------------------------------------

const DigestStory = z.object({
  id: z.number(), title: z.string(), link: z.string().nullable(), source: z.string().nullable(), itemCount: z.number(), sourceCount: z.number(), tone: Tone,
  categories: z.array(z.string()), riskScore: z.number(), units: z.array(z.string()), firstSeenAt: z.string(), triageStatus: z.string(),
});
const DigestSchema = z
  .object({
    day: z.string(), title: z.string(), unitId: z.number(), unitName: z.string(), from: z.string(), to: z.string(),
    totals: z.object({ stories: z.number(), items: z.number(), negative: z.number(), neutral: z.number(), positive: z.number() }),
    sections: z.array(z.object({ tone: Tone, stories: z.array(DigestStory) })),
  })
  .openapi('MonitorDigest');
const DigestQuery = UnitQuery.extend({ day: Day.optional() });

insightsRoutes.openapi(
  createRoute({ method: 'get', path: '/monitoring/digest', tags: tag, summary: 'The daily press digest "Điểm tin báo chí ngày dd/mm/yyyy" of a unit (the 24 hours up to 07:00)', ...access('monitoring.read'), request: { query: DigestQuery }, responses: { 200: json(DigestSchema), 403: errors[403] } }),
  async (c) => {
    const q = c.req.valid('query');
    await listScope(c, 'monitoring.read', q.unitId);
    return c.json(await buildDigest(db(), q.unitId, q.day ?? todayVn(now())), 200);
  },
);

insightsRoutes.openapi(
  createRoute({ method: 'get', path: '/monitoring/digest/docx', tags: tag, summary: 'The daily press digest as a Word document', ...access('monitoring.read'), request: { query: DigestQuery }, responses: { 200: { description: 'DOCX', content: { 'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: z.any() } } }, 403: errors[403] } }),
  async (c) => {
    const q = c.req.valid('query');
    await listScope(c, 'monitoring.read', q.unitId);
    const d = await buildDigest(db(), q.unitId, q.day ?? todayVn(now()));
    const buf = await digestDocx(d);
    const name = `diem-tin-${d.day}.docx`;
    return c.body(new Uint8Array(buf), 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'content-disposition': `attachment; filename="${name}"`,
    }) as never;
  },
);

const Count = z.number();
insightsRoutes.openapi(
  createRoute({
    method: 'get', path: '/monitoring/dashboard', tags: tag, summary: "Mentions and tone over time, by outlet, by unit and category, top stories, of a unit's subtree", ...access('monitoring.read'),
    request: { query: UnitQuery.extend({ days: z.coerce.number().int().min(1).max(365).default(30) }) },
    responses: {
      200: json(z.object({
        days: z.number(),
        totals: z.object({ mentions: Count, negative: Count, neutral: Count, positive: Count }),
        byDay: z.array(z.object({ day: z.string(), negative: Count, neutral: Count, positive: Count })),
        byOutlet: z.array(z.object({ outlet: z.string(), count: Count, negative: Count })),
        byUnit: z.array(z.object({ unitId: z.number(), name: z.string(), count: Count, negative: Count })),
        byCategory: z.array(z.object({ category: z.string(), count: Count })),
        byStatus: z.record(z.string(), Count),
        topStories: z.array(z.object({ id: z.number(), title: z.string(), itemCount: Count, sourceCount: Count, tone: Tone, riskScore: z.number(), status: z.string() })),
      })),
      403: errors[403],
    },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const { path } = await listScope(c, 'monitoring.read', q.unitId);
    return c.json((await triage.dashboardFigures(db(), path, q.days)) as never, 200);
  },
);

insightsRoutes.openapi(
  createRoute({
    method: 'get', path: '/monitoring/spikes', tags: tag, summary: "Spikes found in a unit's subtree (volume against the same weekday of the 4 weeks before)", ...access('monitoring.read'), request: { query: UnitQuery },
    responses: { 200: json(z.object({ items: z.array(z.object({ id: z.number(), unitId: z.number(), unitName: z.string(), category: z.string(), day: z.string(), count: z.number(), median: z.number(), threshold: z.number(), baseline: z.array(z.number()), storyIds: z.array(z.number()), createdAt: z.string() })) })), 403: errors[403] },
  }),
  async (c) => {
    const { path } = await listScope(c, 'monitoring.read', c.req.valid('query').unitId);
    return c.json({ items: await listSpikes(db(), path) }, 200);
  },
);

// ---- the learned model --------------------------------------------------------------------

const TaskScore = z.object({ n: z.number(), rules: z.number().nullable(), model: z.number().nullable() });
const ModelSchema = z
  .object({
    model: z.object({
      id: z.number(), trainedAt: z.string(), examples: z.number(), corrections: z.number(), correctionsSince: z.number(),
      metrics: z.object({ folds: z.number(), units: TaskScore, tone: TaskScore, categories: TaskScore, overall: TaskScore }),
    }).nullable(),
  })
  .openapi('MonitorModel');

insightsRoutes.openapi(
  createRoute({ method: 'get', path: '/monitoring/model', tags: tag, summary: "The learned classifier: cross-validated accuracy beside the rules-only baseline", ...access('monitoring.read'), responses: { 200: json(ModelSchema), 403: errors[403] } }),
  async (c) => {
    scopeFor(c, 'monitoring.read');
    return c.json({ model: await modelInfo(db()) }, 200);
  },
);

insightsRoutes.openapi(
  createRoute({ method: 'post', path: '/monitoring/model/retrain', tags: tag, summary: 'Retrain the classifier from the corrections now (also done nightly)', ...access('monitoring.write'), request: jsonBody(z.object({})), responses: { 200: json(ModelSchema), 403: errors[403] } }),
  async (c) => {
    scopeFor(c, 'monitoring.write');
    return c.json({ model: await retrain(actorOf(c)) }, 200);
  },
);
