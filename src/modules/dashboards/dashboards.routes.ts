import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { authorize } from '../../http/auth';
import type { AppEnv } from '../../http/context';
import { validationHook } from '../../http/errors';
import { IdParam, access, errors, json } from '../../http/openapi';
import { db } from '../../platform/db';
import { t } from '../../platform/i18n';
import { type Role, canOnUnit, doesRoleReachSubtree, isPathWithin, permissions } from '../org';
import { cachedUnitDashboard } from './dashboards.cache';
import { periodKinds } from './dashboards.service';

/**
 * Bảng điều khiển: one unit's dashboard (its subtree) for a period, every panel in one
 * answer. Needs `dashboard.read` on the unit; the breadcrumbs list only the ancestors
 * the caller may open themselves.
 */
export const dashboardsRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const Num = z.number().nullable();
const DashboardSchema = z
  .object({
    unit: z.object({ id: z.number(), name: z.string(), type: z.string() }),
    ancestors: z.array(z.object({ id: z.number(), name: z.string(), type: z.string() })),
    period: z.object({ kind: z.enum(periodKinds as [string, ...string[]]), from: z.string(), to: z.string(), label: z.string() }),
    generatedAt: z.string(),
    summary: z.object({
      schools: z.number(), quotaPct: Num, articles: z.number(), progressPct: Num, mentions: z.number(), negative: z.number(),
      incidents: z.number(), reportsOnTimePct: Num,
    }),
    quota: z.object({
      weeks: z.array(z.object({ start: z.string(), label: z.string() })),
      rows: z.array(z.object({ unitId: z.number(), unitName: z.string(), unitType: z.string(), schools: z.number(), cells: z.array(z.number()) })),
      schoolWeeks: z.number(),
      met: z.number(),
    }),
    progress: z.object({
      plans: z.number(), total: z.number(), done: z.number(),
      byQuarter: z.array(z.object({ quarter: z.number(), done: z.number(), in_progress: z.number(), at_risk: z.number(), not_started: z.number() })),
    }),
    mentions: z.object({
      bucket: z.string(),
      series: z.array(z.object({ bucket: z.string(), negative: z.number(), neutral: z.number(), positive: z.number() })),
      totals: z.object({ negative: z.number(), neutral: z.number(), positive: z.number() }),
    }),
    incidents: z.object({ summary: z.record(z.string(), z.unknown()), bySeverity: z.array(z.record(z.string(), z.unknown())), recent: z.array(z.record(z.string(), z.unknown())) }),
    punctuality: z.object({
      months: z.array(z.object({ month: z.string(), onTime: z.number(), late: z.number(), overdue: z.number(), pending: z.number() })),
      totals: z.object({ onTime: z.number(), late: z.number(), overdue: z.number(), pending: z.number() }),
    }),
    units: z.array(
      z.object({
        unitId: z.number(), unitName: z.string(), unitType: z.string(), schools: z.number(), quotaPct: Num, progressPct: Num,
        mentions: z.number(), negative: z.number(), incidents: z.number(), reportsOnTime: z.number(), reportsLate: z.number(), reportsOverdue: z.number(),
      }),
    ),
  })
  .openapi('UnitDashboard');

dashboardsRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/dashboards/{id}',
    tags: ['Bảng điều khiển'],
    summary: "A unit's dashboard for a month, semester or school year: quota heatmap, plan progress, mentions and tone, incident times, report punctuality, sub-units",
    ...access('dashboard.read'),
    request: {
      params: IdParam,
      query: z.object({
        period: z.enum(periodKinds as [string, ...string[]]).default('month'),
        at: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
      }),
    },
    responses: { 200: json(DashboardSchema), 401: errors[401], 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { period, at } = c.req.valid('query');
    const s = await authorize(c, 'dashboard.read', id);
    const d = await cachedUnitDashboard(db(), id, period as 'month', at);
    const as = s.user.assignments;
    const ancestors = d.ancestors.filter((a) => canOnUnit(as, 'dashboard.read', a.path)).map(({ path: _p, ...a }) => a);
    // Own-unit roles (contributor, spokesperson) read their own unit's row, not the sub-units'.
    const reader: readonly Role[] = permissions['dashboard.read'];
    const reachesSubtree = as.some((a) => reader.includes(a.role) && doesRoleReachSubtree(a.role) && isPathWithin(d.unit.path, a.unitPath));
    const mine = (unitId: number) => reachesSubtree || unitId === id;
    // An incident's title and severity only for callers who may read incidents of its unit.
    const recent = d.incidents.recent
      .filter((x) => mine(x.unitId))
      .map(({ unitPath, ...x }) =>
        canOnUnit(as, 'incidents.read', unitPath) ? x : { ...x, title: t('incident.redacted_label', { id: x.id }), severity: null },
      );
    return c.json(
      {
        ...d,
        unit: { id: d.unit.id, name: d.unit.name, type: d.unit.type },
        ancestors,
        quota: { ...d.quota, rows: d.quota.rows.filter((r) => mine(r.unitId)) },
        incidents: { ...d.incidents, recent },
        units: d.units.filter((u) => mine(u.unitId)),
      } as never,
      200,
    );
  },
);
