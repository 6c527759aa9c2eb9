import fs from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import { auditRoutes } from '../modules/audit/audit.routes';
import { identityRoutes } from '../modules/identity/identity.routes';
import { dashboardRoutes } from '../modules/org/dashboard.routes';
import { importRoutes } from '../modules/org/imports.routes';
import { peopleRoutes } from '../modules/org/people.routes';
import { unitRoutes } from '../modules/org/units.routes';
import { newsroomRoutes } from '../modules/newsroom/newsroom.routes';
import { exemplarRoutes } from '../modules/exemplars/exemplars.routes';
import { noticeRoutes } from '../modules/notices/notices.routes';
import { incidentRoutes } from '../modules/incidents/incidents.routes';
import { monitoringRoutes } from '../modules/monitoring/monitoring.routes';
import { insightsRoutes } from '../modules/monitoring/insights.routes';
import { distributionRoutes } from '../modules/distribution/distribution.routes';
import { planRoutes } from '../modules/plans/plans.routes';
import { siteRoutes as siteApiRoutes } from '../modules/sites/sites.routes';
import { requireTwoFactor } from '../modules/sites/two-factor';
import { siteImportRoutes } from '../modules/siteimport/siteimport.routes';
import { documentRoutes } from '../modules/documents/documents.routes';
import { disclosureRoutes } from '../modules/disclosure/disclosure.routes';
import { siteContentRoutes } from '../modules/sitecontent/sitecontent.routes';
import { documentPortalRoutes } from '../portal/documents.routes';
import { disclosurePortalRoutes } from '../portal/disclosure.routes';
import { portalCacheMode } from '../portal/freshness';
import { fastPathStats } from '../portal/fast-path';
import { portalRoutes } from '../portal/portal.routes';
import { siteRoutes } from '../portal/site';
import '../portal/site-content.routes';
import { newsletterRoutes } from '../portal/newsletter.routes';
import { exemplarPortalRoutes } from '../portal/exemplars.routes';
import { incidentPortalRoutes } from '../portal/incidents.routes';
import { pressPortalRoutes } from '../portal/press.routes';
import { pressRoutes } from '../modules/press/press.routes';
import { dashboardsRoutes } from '../modules/dashboards/dashboards.routes';
import { feedbackAnalysisRoutes } from '../modules/feedback/analysis';
import { feedbackRoutes } from '../modules/feedback/feedback.routes';
import { feedbackPortalRoutes } from '../portal/feedback.routes';
import { feedbackVerifyPortalRoutes } from '../portal/feedback-verify.routes';
import { eventRoutes } from '../modules/events/events.routes';
import { inspectionRoutes } from '../modules/inspections/inspections.routes';
import { obligationRoutes } from '../modules/plans/obligations.routes';
import { emulationRoutes } from '../modules/emulation/emulation.routes';
import { reportRoutes } from '../modules/reports/reports.routes';
import { config } from '../platform/config';
import { db } from '../platform/db';
import { AppError } from '../platform/errors';
import { sessionMiddleware } from './auth';
import type { AppEnv } from './context';
import { apiDocsPage, apiDocsScript } from './docs-page';
import { errorResponse, validationHook } from './errors';

export const webDistDir = path.resolve(import.meta.dirname, '../../web/dist');

/** The one HTTP application: API under /api, admin SPA under /admin, the public portal at /. */
export function createApp() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.onError((err, c) => errorResponse(c, err));

  app.use(
    '*',
    secureHeaders({
      // a route's own stricter headers win (unit sites set their own Content-Security-Policy)
      overwrite: false,
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    try {
      await db().query('select 1');
      return c.json({ status: 'ready', portalCache: portalCacheMode(), fastPath: fastPathStats() });
    } catch {
      return c.json({ status: 'unavailable' }, 503);
    }
  });

  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  api.use('*', csrf());
  api.use(
    '*',
    bodyLimit({
      maxSize: config().uploadMaxBytes + 64 * 1024,
      onError: () => {
        throw new AppError('payload_too_large', 413, 'error.payload_too_large', {
          maxMb: Math.round(config().uploadMaxBytes / 1048576),
        });
      },
    }),
  );
  api.use('*', sessionMiddleware);
  api.use('*', requireTwoFactor);
  for (const routes of [identityRoutes, unitRoutes, peopleRoutes, importRoutes, auditRoutes, dashboardRoutes, planRoutes, newsroomRoutes, distributionRoutes, exemplarRoutes, documentRoutes, disclosureRoutes, siteContentRoutes, siteImportRoutes, monitoringRoutes, insightsRoutes, siteApiRoutes, pressRoutes, incidentRoutes, noticeRoutes, dashboardsRoutes, feedbackRoutes, feedbackAnalysisRoutes, eventRoutes, inspectionRoutes, obligationRoutes, emulationRoutes, reportRoutes]) {
    api.route('/', routes);
  }
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Loa API',
      version: '0.1.0',
      description:
        'API của Loa. Mọi thao tác thay đổi dữ liệu cần cookie phiên và tiêu đề X-CSRF-Token (lấy từ GET /api/auth/session). Lỗi trả về { error: { code, message } }.',
    },
    servers: [{ url: '/api' }],
  });
  api.get('/docs', (c) => c.html(apiDocsPage()));
  api.get('/docs.js', (c) => c.body(apiDocsScript, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
  api.notFound((c) => errorResponse(c, new AppError('not_found', 404, 'error.not_found')));
  app.route('/api', api);

  // The admin SPA, built by Vite into web/dist; every /admin/* path falls back to its index.html.
  if (fs.existsSync(webDistDir)) {
    app.use('/admin/assets/*', serveStatic({ root: path.relative(process.cwd(), webDistDir), rewriteRequestPath: (p) => p.replace(/^\/admin/, '') }));
  }
  app.get('/admin/*', (c) => adminIndex(c));
  app.get('/admin', (c) => c.redirect('/admin/'));

  app.route('/', siteRoutes);
  app.route('/', newsletterRoutes);
  app.route('/', exemplarPortalRoutes);
  app.route('/', incidentPortalRoutes);
  app.route('/', pressPortalRoutes);
  app.route('/', feedbackVerifyPortalRoutes);
  app.route('/', feedbackPortalRoutes);
  app.route('/', documentPortalRoutes);
  app.route('/', disclosurePortalRoutes);
  app.route('/', portalRoutes);
  return app;
}

let indexHtml: string | undefined;
function adminIndex(c: import('hono').Context) {
  indexHtml ??= fs.existsSync(path.join(webDistDir, 'index.html'))
    ? fs.readFileSync(path.join(webDistDir, 'index.html'), 'utf8')
    : undefined;
  if (!indexHtml) {
    return c.html('<!doctype html><meta charset="utf-8"><p>Giao diện quản trị chưa được dựng. Chạy <code>npm start</code> hoặc <code>npm run build:web</code>.</p>', 503);
  }
  c.header('Cache-Control', 'no-cache');
  return c.html(indexHtml);
}
