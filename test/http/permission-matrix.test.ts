import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../src/jobs';
import { createApp } from '../../src/http/app';
import { createImportRun } from '../../src/modules/org';
import { assignRole } from '../../src/modules/org';
import { systemActor } from '../../src/modules/audit';
import { createPlan } from '../../src/modules/plans';
import { createNotice, sendNotice } from '../../src/modules/notices';
import { db } from '../../src/platform/db';
import { putFile } from '../../src/platform/files';
import { startJobs, stopJobs } from '../../src/platform/jobs';
import { useTestDatabase } from '../support/db';
import { TEST_PASSWORD, makePerson, makeTree, makeUnit } from '../support/factories';
import { type TestClient, makeClient } from '../support/http';

/**
 * The permission matrix, generated from /api/openapi.json: every route × every
 * role × a target in the role's own unit, in its subtree, and outside it. The
 * expected answers are written here by hand, independently of the policy code,
 * and a route without a case fails the test, so no new route escapes.
 */
const state = useTestDatabase();
beforeAll(async () => {
  await startJobs({ connectionString: state.url, isWorker: false });
});
afterAll(async () => {
  await stopJobs();
});

const allRoles = ['leader', 'focal_point', 'spokesperson', 'editor', 'contributor', 'analyst', 'viewer', 'administrator'] as const;
type Role = (typeof allRoles)[number];
const expectedRoles: Record<string, readonly Role[]> = {
  'units.read': allRoles,
  'units.write': ['administrator'],
  'people.read': ['administrator', 'leader', 'focal_point'],
  'people.write': ['administrator'],
  'imports.write': ['administrator'],
  'audit.read': ['administrator', 'leader'],
  'dashboard.read': allRoles,
  'plans.read': allRoles,
  'plans.write': ['administrator', 'leader', 'focal_point'],
  'plans.approve': ['leader'],
  'settings.write': ['administrator'],
  'articles.read': allRoles,
  'articles.write': ['contributor', 'editor', 'focal_point', 'leader', 'administrator'],
  'articles.approve': ['editor', 'leader'],
  'channels.write': ['administrator', 'focal_point', 'leader'],
  'documents.write': ['administrator', 'leader', 'focal_point', 'editor'],
  'monitoring.read': ['leader', 'focal_point', 'spokesperson', 'editor', 'analyst', 'administrator', 'viewer'],
  'monitoring.write': ['administrator', 'focal_point', 'analyst', 'leader'],
  'disclosure.write': ['administrator', 'leader', 'focal_point'],
  'notices.write': ['administrator', 'leader', 'focal_point', 'spokesperson'],
  'notices.approve': ['leader', 'spokesperson'],
  'incidents.read': ['leader', 'focal_point', 'spokesperson', 'editor', 'analyst', 'administrator', 'viewer'],
  'incidents.write': ['administrator', 'leader', 'focal_point', 'spokesperson'],
  'feedback.read': ['leader', 'focal_point', 'spokesperson', 'editor', 'analyst', 'administrator', 'viewer'],
  'feedback.write': ['administrator', 'leader', 'focal_point', 'spokesperson', 'editor'],
  'feedback.analyse': ['administrator', 'leader', 'focal_point', 'spokesperson', 'editor', 'analyst'],
  'sites.write': ['administrator', 'leader', 'focal_point', 'editor'],
  'press.write': ['administrator', 'leader', 'focal_point', 'spokesperson', 'editor'],
  'press.approve': ['leader', 'spokesperson'],
};
const notContributor = ['editor', 'focal_point', 'leader', 'administrator'] as const;
const reachesSubtree = (r: Role) => r !== 'contributor' && r !== 'spokesperson';

type Target = 'own' | 'sub' | 'outside';
type Tree = Awaited<ReturnType<typeof makeTree>>;
type Ctx = { tree: Tree; unit: (t: Target) => number; person: (t: Target) => Promise<number>; code: (id: number) => Promise<string> };
type Req = { method: string; path: string; body?: unknown };
/** How to call each route against a target unit. `unscoped` routes have no target: only role membership counts. */
/** `roles` overrides the permission's roles where a route is narrower (e.g. a contributor edits only their own articles). */
type Case = { unscoped?: boolean; roles?: readonly Role[]; make: (ctx: Ctx, target: Target) => Promise<Req> | Req };

const csvForm = (text: string) => {
  const f = new FormData();
  f.append('file', new File([text], 'x.csv', { type: 'text/csv' }));
  return f;
};
const fileForm = (text: string, name: string, type: string) => {
  const f = new FormData();
  f.append('file', new File([text], name, { type }));
  return f;
};
let seq = 0;
const next = () => ++seq;

const cases: Record<string, Case> = {
  'GET /units': { make: (c, t) => ({ method: 'GET', path: `/api/units?parentId=${c.unit(t)}` }) },
  'POST /units': {
    make: (c, t) => ({ method: 'POST', path: '/api/units', body: { code: `PM-${next()}`, name: 'Trường mới', type: 'school', parentId: c.unit(t) } }),
  },
  'GET /units/search': { unscoped: true, make: () => ({ method: 'GET', path: '/api/units/search?q=truong' }) },
  'GET /units/{id}': { make: (c, t) => ({ method: 'GET', path: `/api/units/${c.unit(t)}` }) },
  'PATCH /units/{id}': {
    make: async (c, t) => {
      const v = (await db().query('select version from units where id = $1', [c.unit(t)])).rows[0].version;
      return { method: 'PATCH', path: `/api/units/${c.unit(t)}`, body: { version: v, shortName: `Tên ngắn ${next()}` } };
    },
  },
  'POST /units/{id}/move': {
    // a unit moves under its current parent (a no-op); the role's own unit has no writable
    // parent, so it is moved under its own child, which authorisation lets through and the cycle rule refuses
    make: async (c, t) => {
      const parent =
        t === 'own' ? c.tree.commune.id : (await db().query('select parent_id from units where id = $1', [c.unit(t)])).rows[0].parent_id;
      return { method: 'POST', path: `/api/units/${c.unit(t)}/move`, body: { parentId: parent, on: '2025-07-01' } };
    },
  },
  'POST /units/{id}/merge': {
    make: (c, t) => ({ method: 'POST', path: `/api/units/${c.unit(t)}/merge`, body: { intoId: c.unit(t), on: '2025-07-01', isMovingChildren: false } }),
  },
  'POST /units/{id}/close': { make: (c, t) => ({ method: 'POST', path: `/api/units/${t === 'own' ? c.tree.commune.id : c.unit(t)}/close`, body: { on: '2025-07-01' } }) },
  'POST /units/{id}/reopen': { make: (c, t) => ({ method: 'POST', path: `/api/units/${c.unit(t)}/reopen`, body: { on: '2025-07-02' } }) },
  'GET /people': { make: (c, t) => ({ method: 'GET', path: `/api/people?unitId=${c.unit(t)}` }) },
  'POST /people': {
    make: (c, t) => ({ method: 'POST', path: '/api/people', body: { email: `pm${next()}@thu.loa.vn`, name: 'Người mới', unitId: c.unit(t) } }),
  },
  'GET /people/{id}': { make: async (c, t) => ({ method: 'GET', path: `/api/people/${await c.person(t)}` }) },
  'PATCH /people/{id}': {
    make: async (c, t) => ({ method: 'PATCH', path: `/api/people/${await c.person(t)}`, body: { version: 1, title: 'Giáo viên' } }),
  },
  'POST /people/{id}/roles': {
    make: async (c, t) => ({ method: 'POST', path: `/api/people/${await c.person(t)}/roles`, body: { unitId: c.unit(t), role: 'viewer' } }),
  },
  'DELETE /people/{id}/roles/{assignmentId}': {
    make: async (c, t) => {
      const pid = await c.person(t);
      await assignRole(systemActor, pid, c.unit(t), 'viewer');
      const a = (await db().query('select id from role_assignments where user_id = $1 order by id desc limit 1', [pid])).rows[0].id;
      return { method: 'DELETE', path: `/api/people/${pid}/roles/${a}` };
    },
  },
  'POST /imports': {
    make: async (c, t) => ({
      method: 'POST',
      path: `/api/imports?unitId=${c.unit(t)}&kind=units`,
      body: csvForm(`code,name,type,parent,aliases\nPMI-${next()},Trường nhập,trường,${await c.code(c.unit(t))},\n`),
    }),
  },
  'GET /imports/{id}': { make: async (c, t) => ({ method: 'GET', path: `/api/imports/${await makeRun(c, t)}` }) },
  'POST /imports/{id}/apply': {
    make: async (c, t) => ({ method: 'POST', path: `/api/imports/${await makeRun(c, t)}/apply`, body: { isSkippingInvalid: false } }),
  },
  'GET /audit': { make: (c, t) => ({ method: 'GET', path: `/api/audit?unitId=${c.unit(t)}` }) },
  'GET /dashboard': { unscoped: true, make: () => ({ method: 'GET', path: '/api/dashboard' }) },
  'GET /dashboards/{id}': { make: (c, t) => ({ method: 'GET', path: `/api/dashboards/${c.unit(t)}?period=month` }) },
  'GET /plans': { make: (c, t) => ({ method: 'GET', path: `/api/plans?unitId=${c.unit(t)}` }) },
  'POST /plans': { make: (c, t) => ({ method: 'POST', path: '/api/plans', body: { unitId: c.unit(t), title: 'Kế hoạch thử', period: { year: 2026 } } }) },
  'GET /plans/{id}': { make: async (c, t) => ({ method: 'GET', path: `/api/plans/${(await makePlan(c, t)).id}` }) },
  'POST /plans/{id}/cascade': {
    make: async (c, t) => ({ method: 'POST', path: `/api/plans/${(await makePlan(c, 'own')).id}/cascade`, body: { unitId: c.unit(t) } }),
  },
  'POST /plans/{id}/submit': { make: async (c, t) => ({ method: 'POST', path: `/api/plans/${(await makePlan(c, t)).id}/submit`, body: {} }) },
  'POST /plans/{id}/return': { make: async (c, t) => ({ method: 'POST', path: `/api/plans/${(await makePlan(c, t)).id}/return`, body: {} }) },
  'POST /plans/{id}/approve': { make: async (c, t) => ({ method: 'POST', path: `/api/plans/${(await makePlan(c, t)).id}/approve`, body: {} }) },
  'POST /plans/{id}/issue': { make: async (c, t) => ({ method: 'POST', path: `/api/plans/${(await makePlan(c, t)).id}/issue`, body: { issuedOn: '2026-01-05' } }) },
  'PUT /plans/{id}/tasks/{taskId}/progress': {
    make: async (c, t) => {
      const p = await makePlan(c, t);
      return { method: 'PUT', path: `/api/plans/${p.id}/tasks/${p.tasks[0].id}/progress`, body: { quarter: 1, status: 'done' } };
    },
  },
  'GET /plans/{id}/tasks/{taskId}/rollup': {
    make: async (c, t) => {
      const p = await makePlan(c, t);
      return { method: 'GET', path: `/api/plans/${p.id}/tasks/${p.tasks[0].id}/rollup?quarter=1` };
    },
  },
  'GET /plans/received': { make: (c, t) => ({ method: 'GET', path: `/api/plans/received?unitId=${c.unit(t)}` }) },
  'POST /plans/import': {
    make: (c, t) => ({ method: 'POST', path: `/api/plans/import?unitId=${c.unit(t)}`, body: fileForm('KẾ HOẠCH\nTruyền thông năm 2026\nI. MỤC ĐÍCH\n', 'kh.txt', 'text/plain') }),
  },
  'PUT /plans/{id}': {
    make: async (c, t) => {
      const p = await makePlan(c, t);
      return { method: 'PUT', path: `/api/plans/${p.id}`, body: { version: p.version, title: 'Kế hoạch đã sửa', period: { year: 2026 } } };
    },
  },
  'POST /plans/{id}/acknowledge': {
    make: async (c, t) => ({ method: 'POST', path: `/api/plans/${await makePlanSentTo(c, t)}/acknowledge`, body: { unitId: c.unit(t) } }),
  },
  'GET /plans/{id}/recipients': { make: async (c, t) => ({ method: 'GET', path: `/api/plans/${(await makePlan(c, t)).id}/recipients` }) },
  'POST /plans/{id}/signed-file': {
    make: async (c, t) => ({ method: 'POST', path: `/api/plans/${(await makePlan(c, t)).id}/signed-file`, body: fileForm('%PDF-1.4\n%%EOF\n', 'ban-ky.pdf', 'application/pdf') }),
  },
  'GET /plans/{id}/signed-file': { make: async (c, t) => ({ method: 'GET', path: `/api/plans/${(await makePlan(c, t)).id}/signed-file` }) },
  'GET /plans/{id}/export': { make: async (c, t) => ({ method: 'GET', path: `/api/plans/${(await makePlan(c, t)).id}/export?format=docx` }) },
  'GET /plans/{id}/comments': { make: async (c, t) => ({ method: 'GET', path: `/api/plans/${(await makePlan(c, t)).id}/comments` }) },
  'POST /plans/{id}/comments': { make: async (c, t) => ({ method: 'POST', path: `/api/plans/${(await makePlan(c, t)).id}/comments`, body: { body: 'Đề nghị bổ sung chỉ tiêu.' } }) },
  'GET /plans/{id}/versions': { make: async (c, t) => ({ method: 'GET', path: `/api/plans/${(await makePlan(c, t)).id}/versions` }) },
  'GET /plans/{id}/subplans': { make: async (c, t) => ({ method: 'GET', path: `/api/plans/${(await makePlan(c, t)).id}/subplans` }) },
  'GET /plans/{id}/progress': { make: async (c, t) => ({ method: 'GET', path: `/api/plans/${(await makePlan(c, t)).id}/progress` }) },
  'GET /deadlines': { make: (c, t) => ({ method: 'GET', path: `/api/deadlines?unitId=${c.unit(t)}&state=all` }) },
  'POST /deadlines/{id}/fulfil': { make: async (c, t) => ({ method: 'POST', path: `/api/deadlines/${await makeDeadline(c, t)}/fulfil`, body: {} }) },
  // obligations calendar and emulation scoring (helper "emulation")
  'GET /obligations/calendar': { make: (c, t) => ({ method: 'GET', path: `/api/obligations/calendar?unitId=${c.unit(t)}&from=2026-01-01&to=2026-12-31` }) },
  'GET /obligations/board': { make: (c, t) => ({ method: 'GET', path: `/api/obligations/board?unitId=${c.unit(t)}&from=2026-01-01&to=2026-12-31` }) },
  'GET /obligations/deadlines/{id}': { make: async (c, t) => ({ method: 'GET', path: `/api/obligations/deadlines/${await makeDeadline(c, t)}` }) },
  'POST /obligations/chase': { make: async (c, t) => ({ method: 'POST', path: '/api/obligations/chase', body: { deadlineIds: [await makeLateDeadline(c, t)] } }) },
  'GET /emulation/metrics': { unscoped: true, make: () => ({ method: 'GET', path: '/api/emulation/metrics' }) },
  'GET /emulation/schemes': { make: (c, t) => ({ method: 'GET', path: `/api/emulation/schemes?unitId=${c.unit(t)}` }) },
  'POST /emulation/schemes': {
    make: (c, t) => ({
      method: 'POST',
      path: '/api/emulation/schemes',
      body: { unitId: c.unit(t), title: 'Thi đua thử', unitType: 'school', periodKind: 'school_year', schoolYear: '2025-2026', criteria: [{ label: 'Tin bài', metric: 'articles_published', weight: 10, target: 5 }] },
    }),
  },
  'GET /emulation/schemes/{id}': { make: async (c, t) => ({ method: 'GET', path: `/api/emulation/schemes/${await makeScheme(c, t)}` }) },
  'PUT /emulation/schemes/{id}': {
    make: async (c, t) => ({
      method: 'PUT',
      path: `/api/emulation/schemes/${await makeScheme(c, t)}`,
      body: { version: 1, title: 'Thi đua đã sửa', unitType: 'school', periodKind: 'custom', startsOn: '2026-01-01', endsOn: '2026-03-31', criteria: [{ label: 'Tin bài', metric: 'articles_published', weight: 10, target: 5 }] },
    }),
  },
  'DELETE /emulation/schemes/{id}': { make: async (c, t) => ({ method: 'DELETE', path: `/api/emulation/schemes/${await makeScheme(c, t)}` }) },
  'GET /emulation/schemes/{id}/ranking': { make: async (c, t) => ({ method: 'GET', path: `/api/emulation/schemes/${await makeScheme(c, t)}/ranking` }) },
  'GET /emulation/schemes/{id}/export': { make: async (c, t) => ({ method: 'GET', path: `/api/emulation/schemes/${await makeScheme(c, t)}/export` }) },
  'GET /holidays': { unscoped: true, make: () => ({ method: 'GET', path: '/api/holidays?year=2026' }) },
  'PUT /holidays/{day}': { unscoped: true, make: () => ({ method: 'PUT', path: '/api/holidays/2026-11-20', body: { name: 'Ngày Nhà giáo Việt Nam (nghỉ theo quyết định của tỉnh)' } }) },
  'DELETE /holidays/{day}': {
    unscoped: true,
    make: async () => {
      const day = `2031-01-${String((next() % 28) + 1).padStart(2, '0')}`;
      await db().query(`insert into holidays (day, name) values ($1, 'Ngày nghỉ thử') on conflict do nothing`, [day]);
      return { method: 'DELETE', path: `/api/holidays/${day}` };
    },
  },
  'GET /articles': { make: (c, t) => ({ method: 'GET', path: `/api/articles?unitId=${c.unit(t)}` }) },
  'POST /articles': { make: (c, t) => ({ method: 'POST', path: '/api/articles', body: { unitId: c.unit(t), title: 'Tin thử nghiệm' } }) },
  'GET /articles/{id}': { make: async (c, t) => ({ method: 'GET', path: `/api/articles/${await makeArticle(c, t)}` }) },
  'PUT /articles/{id}': {
    roles: notContributor,
    make: async (c, t) => ({ method: 'PUT', path: `/api/articles/${await makeArticle(c, t)}`, body: { version: 1, title: 'Tin đã sửa' } }),
  },
  'POST /articles/{id}/lock': { roles: notContributor, make: async (c, t) => ({ method: 'POST', path: `/api/articles/${await makeArticle(c, t)}/lock`, body: {} }) },
  'POST /articles/{id}/unlock': { roles: notContributor, make: async (c, t) => ({ method: 'POST', path: `/api/articles/${await makeArticle(c, t)}/unlock`, body: {} }) },
  'POST /articles/{id}/submit': { roles: notContributor, make: async (c, t) => ({ method: 'POST', path: `/api/articles/${await makeArticle(c, t)}/submit`, body: {} }) },
  'POST /articles/{id}/reject': { make: async (c, t) => ({ method: 'POST', path: `/api/articles/${await makeArticle(c, t)}/reject`, body: { comment: 'Viết lại phần mở đầu.' } }) },
  'POST /articles/{id}/approve': { make: async (c, t) => ({ method: 'POST', path: `/api/articles/${await makeArticle(c, t)}/approve`, body: {} }) },
  'POST /articles/{id}/publish': { make: async (c, t) => ({ method: 'POST', path: `/api/articles/${await makeArticle(c, t)}/publish`, body: {} }) },
  'POST /articles/{id}/schedule': {
    make: async (c, t) => ({ method: 'POST', path: `/api/articles/${await makeArticle(c, t)}/schedule`, body: { at: '2030-01-01T08:00:00+07:00' } }),
  },
  'POST /articles/{id}/force-publish': {
    make: async (c, t) => ({ method: 'POST', path: `/api/articles/${await makeArticle(c, t)}/force-publish`, body: { reason: 'Thông báo khẩn' } }),
  },
  'POST /articles/{id}/review': { make: async (c, t) => ({ method: 'POST', path: `/api/articles/${await makeArticle(c, t)}/review`, body: {} }) },
  'POST /articles/{id}/withdraw': { make: async (c, t) => ({ method: 'POST', path: `/api/articles/${await makeArticle(c, t)}/withdraw`, body: { reason: 'Sai thông tin' } }) },
  'POST /articles/{id}/correct': {
    make: async (c, t) => ({ method: 'POST', path: `/api/articles/${await makeArticle(c, t)}/correct`, body: { version: 1, title: 'Tin đính chính', note: 'Sửa tên giải' } }),
  },
  'GET /articles/{id}/versions': { make: async (c, t) => ({ method: 'GET', path: `/api/articles/${await makeArticle(c, t)}/versions` }) },
  'GET /articles/{id}/comments': { make: async (c, t) => ({ method: 'GET', path: `/api/articles/${await makeArticle(c, t)}/comments` }) },
  'POST /articles/{id}/comments': { make: async (c, t) => ({ method: 'POST', path: `/api/articles/${await makeArticle(c, t)}/comments`, body: { body: 'Ảnh cần chú thích.' } }) },
  'POST /media': { make: async (c, t) => ({ method: 'POST', path: `/api/media?unitId=${c.unit(t)}`, body: imageForm() }) },
  'PATCH /media/{id}': { make: async (c, t) => ({ method: 'PATCH', path: `/api/media/${await makeMedia(c, t)}`, body: { caption: 'Chú thích mới' } }) },
  'GET /consents': { make: (c, t) => ({ method: 'GET', path: `/api/consents?unitId=${c.unit(t)}` }) },
  'POST /consents': {
    make: (c, t) => ({
      method: 'POST',
      path: '/api/consents',
      body: { unitId: c.unit(t), subjectName: 'Trần Minh Khôi', birthDate: '2021-03-01', guardianName: 'Trần Văn Long', guardianConsentedOn: '2025-09-05' },
    }),
  },
  'POST /consents/{id}/revoke': { make: async (c, t) => ({ method: 'POST', path: `/api/consents/${await makeConsent(c, t)}/revoke`, body: {} }) },
  'GET /quota': { make: (c, t) => ({ method: 'GET', path: `/api/quota?unitId=${c.unit(t)}&weeks=4` }) },
  'GET /editorial-calendar': { make: (c, t) => ({ method: 'GET', path: `/api/editorial-calendar?unitId=${c.unit(t)}&from=2026-11-01&to=2026-11-30` }) },
  'GET /channel-targets': { make: (c, t) => ({ method: 'GET', path: `/api/channel-targets?unitId=${c.unit(t)}` }) },
  'POST /channel-targets': {
    make: (c, t) => ({ method: 'POST', path: '/api/channel-targets', body: { unitId: c.unit(t), kind: 'facebook_group', name: 'Nhóm phụ huynh', url: 'https://www.facebook.com/groups/phuhuynh' } }),
  },
  'PATCH /channel-targets/{id}': { make: async (c, t) => ({ method: 'PATCH', path: `/api/channel-targets/${await makeChannel(c, t)}`, body: { name: 'Nhóm đổi tên' } }) },
  'POST /channel-targets/{id}/disable': { make: async (c, t) => ({ method: 'POST', path: `/api/channel-targets/${await makeChannel(c, t)}/disable`, body: {} }) },
  'GET /articles/{id}/deliveries': { make: async (c, t) => ({ method: 'GET', path: `/api/articles/${await makeArticle(c, t)}/deliveries` }) },
  'GET /deliveries': { make: (c, t) => ({ method: 'GET', path: `/api/deliveries?unitId=${c.unit(t)}&status=dead` }) },
  'POST /deliveries/{id}/retry': { make: async (c, t) => ({ method: 'POST', path: `/api/deliveries/${await makeDeadDelivery(c, t)}/retry`, body: {} }) },
  'POST /deliveries/{id}/removal/retry': { make: async (c, t) => ({ method: 'POST', path: `/api/deliveries/${await makeFailedRemoval(c, t)}/removal/retry`, body: {} }) },
  'POST /deliveries/{id}/removal/done': { make: async (c, t) => ({ method: 'POST', path: `/api/deliveries/${await makeFailedRemoval(c, t)}/removal/done`, body: {} }) },
  'POST /articles/{id}/share-proofs': {
    make: async (c, t) => {
      const article = await makeArticle(c, t);
      await db().query(`update articles set status = 'published', published_at = now() where id = $1`, [article]);
      return { method: 'POST', path: `/api/articles/${article}/share-proofs`, body: { targetId: await makeChannel(c, t), url: 'https://www.facebook.com/groups/phuhuynh/posts/1' } };
    },
  },
  'GET /exemplars': { make: (c, t) => ({ method: 'GET', path: `/api/exemplars?unitId=${c.unit(t)}` }) },
  'POST /exemplars': { make: (c, t) => ({ method: 'POST', path: '/api/exemplars', body: { unitId: c.unit(t), kind: 'person', name: 'Cô giáo thử nghiệm' } }) },
  'GET /exemplars/{id}': { make: async (c, t) => ({ method: 'GET', path: `/api/exemplars/${await makeExemplar(c, t)}` }) },
  // someone else's nomination: only the board that approves it may edit it (not other writers)
  'PUT /exemplars/{id}': {
    roles: ['editor', 'leader'],
    make: async (c, t) => ({ method: 'PUT', path: `/api/exemplars/${await makeExemplar(c, t)}`, body: { version: 1, kind: 'team', name: 'Tổ đã sửa' } }),
  },
  'POST /exemplars/{id}/approve': { make: async (c, t) => ({ method: 'POST', path: `/api/exemplars/${await makeExemplar(c, t)}/approve`, body: {} }) },
  'POST /exemplars/{id}/reject': { make: async (c, t) => ({ method: 'POST', path: `/api/exemplars/${await makeExemplar(c, t)}/reject`, body: { note: 'Thiếu minh chứng' } }) },
  'POST /exemplars/{id}/publish': { make: async (c, t) => ({ method: 'POST', path: `/api/exemplars/${await makeExemplar(c, t, 'approved')}/publish`, body: {} }) },
  'POST /exemplars/{id}/archive': { make: async (c, t) => ({ method: 'POST', path: `/api/exemplars/${await makeExemplar(c, t, 'published')}/archive`, body: {} }) },
  // documents library and public disclosure (a disclosure entry on the Sở itself is refused with 400: only schools disclose)
  'GET /documents': { make: (c, t) => ({ method: 'GET', path: `/api/documents?unitId=${c.unit(t)}&q=ke+hoach` }) },
  'POST /documents': { make: (c, t) => ({ method: 'POST', path: '/api/documents', body: { unitId: c.unit(t), docType: 'cong_van', issuer: 'Sở GDĐT', summary: 'Công văn thử' } }) },
  'GET /documents/{id}': { make: async (c, t) => ({ method: 'GET', path: `/api/documents/${await makeDocument(c, t)}` }) },
  'PUT /documents/{id}': { make: async (c, t) => ({ method: 'PUT', path: `/api/documents/${await makeDocument(c, t)}`, body: { version: 1, docType: 'cong_van', issuer: 'Sở GDĐT', summary: 'Công văn đã sửa' } }) },
  'DELETE /documents/{id}': { make: async (c, t) => ({ method: 'DELETE', path: `/api/documents/${await makeDocument(c, t)}` }) },
  'POST /documents/{id}/files': { make: async (c, t) => ({ method: 'POST', path: `/api/documents/${await makeDocument(c, t)}/files`, body: fileForm('%PDF-1.4\n%%EOF\n', 'van-ban.pdf', 'application/pdf') }) },
  'DELETE /documents/{id}/files/{fileId}': { make: async (c, t) => { const d = await makeDocument(c, t, true); return { method: 'DELETE', path: `/api/documents/${d}/files/${await fileOf('document_files', 'document_id', d)}` }; } },
  'GET /documents/{id}/files/{fileId}': { make: async (c, t) => { const d = await makeDocument(c, t, true); return { method: 'GET', path: `/api/documents/${d}/files/${await fileOf('document_files', 'document_id', d)}` }; } },
  'GET /documents/{id}/plan-file': { make: async (c, t) => ({ method: 'GET', path: `/api/documents/${await makeDocument(c, t)}/plan-file` }) },
  'GET /disclosure/entries': { make: (c, t) => ({ method: 'GET', path: `/api/disclosure/entries?unitId=${c.unit(t)}` }) },
  'POST /disclosure/entries': { make: (c, t) => ({ method: 'POST', path: '/api/disclosure/entries', body: { unitId: c.unit(t), heading: 'general', schoolYear: '2025-2026', title: 'Thông tin chung' } }) },
  'GET /disclosure/entries/{id}': { make: async (c, t) => ({ method: 'GET', path: `/api/disclosure/entries/${await makeEntry(c, t)}` }) },
  'PUT /disclosure/entries/{id}': { make: async (c, t) => ({ method: 'PUT', path: `/api/disclosure/entries/${await makeEntry(c, t)}`, body: { version: 1, heading: 'finance', schoolYear: '2025-2026', title: 'Thu, chi đã sửa' } }) },
  'POST /disclosure/entries/{id}/publish': { make: async (c, t) => ({ method: 'POST', path: `/api/disclosure/entries/${await makeEntry(c, t)}/publish`, body: {} }) },
  'POST /disclosure/entries/{id}/unpublish': { make: async (c, t) => ({ method: 'POST', path: `/api/disclosure/entries/${await makeEntry(c, t)}/unpublish`, body: {} }) },
  'DELETE /disclosure/entries/{id}': { make: async (c, t) => ({ method: 'DELETE', path: `/api/disclosure/entries/${await makeEntry(c, t)}` }) },
  'POST /disclosure/entries/{id}/files': { make: async (c, t) => ({ method: 'POST', path: `/api/disclosure/entries/${await makeEntry(c, t)}/files`, body: fileForm('%PDF-1.4\n%%EOF\n', 'cong-khai.pdf', 'application/pdf') }) },
  'DELETE /disclosure/entries/{id}/files/{fileId}': { make: async (c, t) => { const e = await makeEntry(c, t, true); return { method: 'DELETE', path: `/api/disclosure/entries/${e}/files/${await fileOf('disclosure_files', 'entry_id', e)}` }; } },
  'GET /disclosure/entries/{id}/files/{fileId}': { make: async (c, t) => { const e = await makeEntry(c, t, true); return { method: 'GET', path: `/api/disclosure/entries/${e}/files/${await fileOf('disclosure_files', 'entry_id', e)}` }; } },
  'GET /disclosure/compliance': { make: (c, t) => ({ method: 'GET', path: `/api/disclosure/compliance?unitId=${c.unit(t)}&schoolYear=2025-2026` }) },
  // moving in from an old site (issue 5): everything on sites.write of the receiving unit; no fetch reaches the (blocked) address
  'POST /site-imports/preview': { make: (c, t) => ({ method: 'POST', path: '/api/site-imports/preview', body: { unitId: c.unit(t), url: 'http://127.0.0.1:9/rss.xml', kind: 'rss' } }) },
  'POST /site-imports': { make: (c, t) => ({ method: 'POST', path: '/api/site-imports', body: { unitId: c.unit(t), url: 'http://127.0.0.1:9/rss.xml', kind: 'rss', mode: 'draft', limit: 5 } }) },
  'GET /site-imports': { make: (c, t) => ({ method: 'GET', path: `/api/site-imports?unitId=${c.unit(t)}` }) },
  'GET /site-imports/{id}': { make: async (c, t) => ({ method: 'GET', path: `/api/site-imports/${await makeSiteImport(c, t)}` }) },
  'GET /site-imports/{id}/report.csv': { make: async (c, t) => ({ method: 'GET', path: `/api/site-imports/${await makeSiteImport(c, t)}/report.csv` }) },
  // site content (issue 5): everything on sites.write of the content's unit
  'GET /site-content/admissions': { make: (c, t) => ({ method: 'GET', path: `/api/site-content/admissions?unitId=${c.unit(t)}` }) },
  'POST /site-content/admissions': { make: (c, t) => ({ method: 'POST', path: '/api/site-content/admissions', body: { unitId: c.unit(t), title: 'Tuyển sinh lớp 6' } }) },
  'GET /site-content/admissions/{id}': { make: async (c, t) => ({ method: 'GET', path: `/api/site-content/admissions/${await makeSiteRow(c, t, 'admission_notices')}` }) },
  'PUT /site-content/admissions/{id}': { make: async (c, t) => ({ method: 'PUT', path: `/api/site-content/admissions/${await makeSiteRow(c, t, 'admission_notices')}`, body: { version: 1, title: 'Tuyển sinh lớp 6 (sửa)' } }) },
  'POST /site-content/admissions/{id}/publish': { make: async (c, t) => ({ method: 'POST', path: `/api/site-content/admissions/${await makeSiteRow(c, t, 'admission_notices')}/publish`, body: {} }) },
  'POST /site-content/admissions/{id}/unpublish': { make: async (c, t) => ({ method: 'POST', path: `/api/site-content/admissions/${await makeSiteRow(c, t, 'admission_notices')}/unpublish`, body: {} }) },
  'DELETE /site-content/admissions/{id}': { make: async (c, t) => ({ method: 'DELETE', path: `/api/site-content/admissions/${await makeSiteRow(c, t, 'admission_notices')}` }) },
  'POST /site-content/files': { make: (c, t) => ({ method: 'POST', path: `/api/site-content/files?unitId=${c.unit(t)}`, body: fileForm('%PDF-1.4\n%%EOF\n', 'thong-bao.pdf', 'application/pdf') }) },
  'GET /site-content/schedule': { make: (c, t) => ({ method: 'GET', path: `/api/site-content/schedule?unitId=${c.unit(t)}&week=2026-11-23` }) },
  'POST /site-content/schedule': { make: (c, t) => ({ method: 'POST', path: '/api/site-content/schedule', body: { unitId: c.unit(t), day: '2026-11-23', startTime: '07:30', content: 'Họp giao ban' } }) },
  'PUT /site-content/schedule/{id}': { make: async (c, t) => ({ method: 'PUT', path: `/api/site-content/schedule/${await makeSiteRow(c, t, 'work_schedule_items')}`, body: { day: '2026-11-24', startTime: '08:00', content: 'Họp chi bộ' } }) },
  'DELETE /site-content/schedule/{id}': { make: async (c, t) => ({ method: 'DELETE', path: `/api/site-content/schedule/${await makeSiteRow(c, t, 'work_schedule_items')}` }) },
  'GET /site-content/albums': { make: (c, t) => ({ method: 'GET', path: `/api/site-content/albums?unitId=${c.unit(t)}` }) },
  'POST /site-content/albums': { make: (c, t) => ({ method: 'POST', path: '/api/site-content/albums', body: { unitId: c.unit(t), title: 'Ngày hội đọc sách' } }) },
  'GET /site-content/albums/{id}': { make: async (c, t) => ({ method: 'GET', path: `/api/site-content/albums/${await makeSiteRow(c, t, 'albums')}` }) },
  'PUT /site-content/albums/{id}': { make: async (c, t) => ({ method: 'PUT', path: `/api/site-content/albums/${await makeSiteRow(c, t, 'albums')}`, body: { title: 'Ngày hội đọc sách 2026' } }) },
  'POST /site-content/albums/{id}/publish': { make: async (c, t) => ({ method: 'POST', path: `/api/site-content/albums/${await makeSiteRow(c, t, 'albums')}/publish`, body: {} }) },
  'POST /site-content/albums/{id}/unpublish': { make: async (c, t) => ({ method: 'POST', path: `/api/site-content/albums/${await makeSiteRow(c, t, 'albums')}/unpublish`, body: {} }) },
  'DELETE /site-content/albums/{id}': { make: async (c, t) => ({ method: 'DELETE', path: `/api/site-content/albums/${await makeSiteRow(c, t, 'albums')}` }) },
  'POST /site-content/albums/{id}/photos': { make: async (c, t) => ({ method: 'POST', path: `/api/site-content/albums/${await makeSiteRow(c, t, 'albums')}/photos`, body: imageForm() }) },
  'PATCH /site-content/albums/{id}/photos/{mediaId}': {
    make: async (c, t) => {
      const album = await makeSiteRow(c, t, 'albums');
      const media = await makeMedia(c, t);
      await db().query('insert into album_photos (album_id, media_id) values ($1, $2)', [album, media]);
      return { method: 'PATCH', path: `/api/site-content/albums/${album}/photos/${media}`, body: { caption: 'Chú thích ảnh' } };
    },
  },
  'DELETE /site-content/albums/{id}/photos/{mediaId}': {
    make: async (c, t) => {
      const album = await makeSiteRow(c, t, 'albums');
      const media = await makeMedia(c, t);
      await db().query('insert into album_photos (album_id, media_id) values ($1, $2)', [album, media]);
      return { method: 'DELETE', path: `/api/site-content/albums/${album}/photos/${media}` };
    },
  },
  'GET /site-content/videos': { make: (c, t) => ({ method: 'GET', path: `/api/site-content/videos?unitId=${c.unit(t)}` }) },
  'POST /site-content/videos': {
    make: (c, t) => {
      const f = new FormData();
      f.append('title', 'Phóng sự ngày khai giảng');
      f.append('youtubeUrl', 'https://youtu.be/dQw4w9WgXcQ');
      return { method: 'POST', path: `/api/site-content/videos?unitId=${c.unit(t)}`, body: f };
    },
  },
  'PUT /site-content/videos/{id}': { make: async (c, t) => ({ method: 'PUT', path: `/api/site-content/videos/${await makeSiteRow(c, t, 'videos')}`, body: { title: 'Video đã sửa' } }) },
  'POST /site-content/videos/{id}/publish': { make: async (c, t) => ({ method: 'POST', path: `/api/site-content/videos/${await makeSiteRow(c, t, 'videos')}/publish`, body: {} }) },
  'POST /site-content/videos/{id}/unpublish': { make: async (c, t) => ({ method: 'POST', path: `/api/site-content/videos/${await makeSiteRow(c, t, 'videos')}/unpublish`, body: {} }) },
  'DELETE /site-content/videos/{id}': { make: async (c, t) => ({ method: 'DELETE', path: `/api/site-content/videos/${await makeSiteRow(c, t, 'videos')}` }) },
  'GET /site-content/faqs': { make: (c, t) => ({ method: 'GET', path: `/api/site-content/faqs?unitId=${c.unit(t)}` }) },
  'POST /site-content/faqs': { make: (c, t) => ({ method: 'POST', path: '/api/site-content/faqs', body: { unitId: c.unit(t), question: 'Trường có bán trú không?', answer: 'Có, từ lớp 1 đến lớp 5.' } }) },
  'PUT /site-content/faqs/{id}': { make: async (c, t) => ({ method: 'PUT', path: `/api/site-content/faqs/${await makeSiteRow(c, t, 'faqs')}`, body: { question: 'Câu hỏi đã sửa?', answer: 'Trả lời.' } }) },
  'DELETE /site-content/faqs/{id}': { make: async (c, t) => ({ method: 'DELETE', path: `/api/site-content/faqs/${await makeSiteRow(c, t, 'faqs')}` }) },
  'GET /site-content/links': { make: (c, t) => ({ method: 'GET', path: `/api/site-content/links?unitId=${c.unit(t)}` }) },
  'POST /site-content/links': { make: (c, t) => ({ method: 'POST', path: '/api/site-content/links', body: { unitId: c.unit(t), title: 'Bộ Giáo dục và Đào tạo', url: 'https://moet.gov.vn' } }) },
  'PUT /site-content/links/{id}': { make: async (c, t) => ({ method: 'PUT', path: `/api/site-content/links/${await makeSiteRow(c, t, 'site_links')}`, body: { title: 'Cổng dịch vụ công', url: 'https://dichvucong.gov.vn' } }) },
  'DELETE /site-content/links/{id}': { make: async (c, t) => ({ method: 'DELETE', path: `/api/site-content/links/${await makeSiteRow(c, t, 'site_links')}` }) },
  'GET /site-content/messages': { make: (c, t) => ({ method: 'GET', path: `/api/site-content/messages?unitId=${c.unit(t)}` }) },
  'GET /site-content/messages/assignees': { make: (c, t) => ({ method: 'GET', path: `/api/site-content/messages/assignees?unitId=${c.unit(t)}` }) },
  'PATCH /site-content/messages/{id}': { make: async (c, t) => ({ method: 'PATCH', path: `/api/site-content/messages/${await makeSiteRow(c, t, 'contact_messages')}`, body: { status: 'handled', replyNote: 'Đã trả lời qua điện thoại.' } }) },
  'GET /site-content/ratings': { make: (c, t) => ({ method: 'GET', path: `/api/site-content/ratings?unitId=${c.unit(t)}&from=2026-11-01&to=2026-11-30` }) },
  // unit sites (issue 5): settings and leaders on sites.write of the unit, domains on units.write (operators)
  'GET /sites': { unscoped: true, make: () => ({ method: 'GET', path: '/api/sites?q=thu' }) },
  'GET /sites/{unitId}': { make: (c, t) => ({ method: 'GET', path: `/api/sites/${c.unit(t)}` }) },
  'PUT /sites/{unitId}': { make: (c, t) => ({ method: 'PUT', path: `/api/sites/${c.unit(t)}`, body: { version: 0, tagline: 'Dạy tốt, học tốt' } }) },
  'PUT /sites/{unitId}/domains': { make: (c, t) => ({ method: 'PUT', path: `/api/sites/${c.unit(t)}/domains`, body: { domains: [`ma-tran-${c.unit(t)}.loa.test`] } }) },
  'POST /sites/{unitId}/images': { make: (c, t) => ({ method: 'POST', path: `/api/sites/${c.unit(t)}/images`, body: imageForm() }) },
  'GET /sites/{unitId}/leaders': { make: (c, t) => ({ method: 'GET', path: `/api/sites/${c.unit(t)}/leaders` }) },
  'POST /sites/{unitId}/leaders': { make: (c, t) => ({ method: 'POST', path: `/api/sites/${c.unit(t)}/leaders`, body: { name: 'Nguyễn Văn Hiệu', position: 'Hiệu trưởng' } }) },
  'PUT /sites/leaders/{id}': { make: async (c, t) => ({ method: 'PUT', path: `/api/sites/leaders/${await makeLeader(c, t)}`, body: { name: 'Trần Thị Phó', position: 'Phó Hiệu trưởng' } }) },
  'DELETE /sites/leaders/{id}': { make: async (c, t) => ({ method: 'DELETE', path: `/api/sites/leaders/${await makeLeader(c, t)}` }) },
  // monitoring: triage inbox, alert rules, notices, digest, dashboard, spikes, the learned model (M2)
  'GET /monitoring/triage': { make: (c, t) => ({ method: 'GET', path: `/api/monitoring/triage?unitId=${c.unit(t)}` }) },
  'GET /monitoring/triage/{id}': { make: async (c, t) => ({ method: 'GET', path: `/api/monitoring/triage/${await makeStory(c, t)}` }) },
  'POST /monitoring/triage/{id}/status': { make: async (c, t) => ({ method: 'POST', path: `/api/monitoring/triage/${await makeStory(c, t)}/status`, body: { status: 'reviewed' } }) },
  'POST /monitoring/triage/{id}/assign': { make: async (c, t) => ({ method: 'POST', path: `/api/monitoring/triage/${await makeStory(c, t)}/assign`, body: { userId: null } }) },
  'POST /monitoring/triage/{id}/correct': { make: async (c, t) => ({ method: 'POST', path: `/api/monitoring/triage/${await makeStory(c, t)}/correct`, body: { tone: 'neutral', categories: [] } }) },
  'GET /monitoring/alert-rules': { make: (c, t) => ({ method: 'GET', path: `/api/monitoring/alert-rules?unitId=${c.unit(t)}` }) },
  'POST /monitoring/alert-rules': { make: (c, t) => ({ method: 'POST', path: '/api/monitoring/alert-rules', body: { unitId: c.unit(t), name: 'Cảnh báo lạm thu', categories: ['fees'] } }) },
  'PUT /monitoring/alert-rules/{id}': { make: async (c, t) => ({ method: 'PUT', path: `/api/monitoring/alert-rules/${await makeAlertRule(c, t)}`, body: { version: 1, name: 'Cảnh báo đã sửa' } }) },
  'DELETE /monitoring/alert-rules/{id}': { make: async (c, t) => ({ method: 'DELETE', path: `/api/monitoring/alert-rules/${await makeAlertRule(c, t)}` }) },
  'GET /monitoring/notices': { make: () => ({ method: 'GET', path: '/api/monitoring/notices' }) },
  'POST /monitoring/notices/read': { make: () => ({ method: 'POST', path: '/api/monitoring/notices/read', body: {} }) },
  'GET /monitoring/digest': { make: (c, t) => ({ method: 'GET', path: `/api/monitoring/digest?unitId=${c.unit(t)}&day=2026-11-20` }) },
  'GET /monitoring/digest/docx': { make: (c, t) => ({ method: 'GET', path: `/api/monitoring/digest/docx?unitId=${c.unit(t)}&day=2026-11-20` }) },
  'GET /monitoring/dashboard': { make: (c, t) => ({ method: 'GET', path: `/api/monitoring/dashboard?unitId=${c.unit(t)}&days=30` }) },
  'GET /monitoring/spikes': { make: (c, t) => ({ method: 'GET', path: `/api/monitoring/spikes?unitId=${c.unit(t)}` }) },
  'GET /monitoring/model': { unscoped: true, make: () => ({ method: 'GET', path: '/api/monitoring/model' }) },
  'POST /monitoring/model/retrain': { unscoped: true, make: () => ({ method: 'POST', path: '/api/monitoring/model/retrain', body: {} }) },
  // monitoring: sources, webhook, manual entries, items/stories/threads read API, aliases (M1)
  'GET /monitoring/sources': { make: (c, t) => ({ method: 'GET', path: `/api/monitoring/sources?unitId=${c.unit(t)}` }) },
  'POST /monitoring/sources': { make: (c, t) => ({ method: 'POST', path: '/api/monitoring/sources', body: { unitId: c.unit(t), kind: 'feed', url: `https://pm-${next()}.bao-thu.vn/rss` } }) },
  'GET /monitoring/sources/{id}': { make: async (c, t) => ({ method: 'GET', path: `/api/monitoring/sources/${await makeMonitorSource(c, t)}` }) },
  'PATCH /monitoring/sources/{id}': { make: async (c, t) => ({ method: 'PATCH', path: `/api/monitoring/sources/${await makeMonitorSource(c, t)}`, body: { version: 1, name: 'Báo đã đổi tên' } }) },
  // a loopback address without LOA_FETCH_ALLOW: refused at once, recorded as the source's error (no network)
  'POST /monitoring/sources/{id}/poll': { make: async (c, t) => ({ method: 'POST', path: `/api/monitoring/sources/${await makeMonitorSource(c, t)}/poll` }) },
  'POST /monitoring/sources/{id}/secret': { make: async (c, t) => ({ method: 'POST', path: `/api/monitoring/sources/${await makeMonitorSource(c, t, 'webhook')}/secret` }) },
  'POST /monitoring/webhook/{id}': { make: async (c, t) => ({ method: 'POST', path: `/api/monitoring/webhook/${await makeMonitorSource(c, t, 'webhook')}`, body: { items: [] } }) },
  'POST /monitoring/entries': {
    make: (c, t) => ({ method: 'POST', path: '/api/monitoring/entries', body: { unitId: c.unit(t), kind: 'text', text: `Phụ huynh phản ánh cổng trường ngập nước ${next()}` } }),
  },
  'GET /monitoring/items': { make: (c, t) => ({ method: 'GET', path: `/api/monitoring/items?unitId=${c.unit(t)}` }) },
  'GET /monitoring/items/{id}': { make: async (c, t) => ({ method: 'GET', path: `/api/monitoring/items/${await itemOfStory(await makeStory(c, t))}` }) },
  'GET /monitoring/stories/{id}': { make: async (c, t) => ({ method: 'GET', path: `/api/monitoring/stories/${await makeStory(c, t)}` }) },
  'GET /monitoring/threads/{id}': { make: async (c, t) => ({ method: 'GET', path: `/api/monitoring/threads/${await threadOfStory(await makeStory(c, t))}` }) },
  'GET /monitoring/aliases': { make: (c, t) => ({ method: 'GET', path: `/api/monitoring/aliases?unitId=${c.unit(t)}` }) },
  'POST /monitoring/aliases': { make: (c, t) => ({ method: 'POST', path: '/api/monitoring/aliases', body: { unitId: c.unit(t), alias: `Trường Làng ${next()}` } }) },
  'DELETE /monitoring/aliases/{id}': { make: async (c, t) => ({ method: 'DELETE', path: `/api/monitoring/aliases/${await makeMonitorAlias(c, t)}` }) },
  // monitoring watchlist: people and keyword topics (issue 6, perf helper)
  'GET /monitoring/watch/people': { make: (c, t) => ({ method: 'GET', path: `/api/monitoring/watch/people?unitId=${c.unit(t)}` }) },
  'POST /monitoring/watch/people': { make: (c, t) => ({ method: 'POST', path: '/api/monitoring/watch/people', body: { unitId: c.unit(t), name: `Nguyễn Văn Thử ${next()}`, title: 'Hiệu trưởng' } }) },
  'POST /monitoring/watch/people/import': { make: (c, t) => ({ method: 'POST', path: '/api/monitoring/watch/people/import', body: { unitId: c.unit(t) } }) },
  'DELETE /monitoring/watch/people/{id}': { make: async (c, t) => ({ method: 'DELETE', path: `/api/monitoring/watch/people/${await makeWatchPerson(c, t)}` }) },
  'GET /monitoring/watch/topics': { make: (c, t) => ({ method: 'GET', path: `/api/monitoring/watch/topics?unitId=${c.unit(t)}` }) },
  'POST /monitoring/watch/topics': { make: (c, t) => ({ method: 'POST', path: '/api/monitoring/watch/topics', body: { unitId: c.unit(t), name: `Chủ đề thử ${next()}`, keywords: ['học phí'] } }) },
  'DELETE /monitoring/watch/topics/{id}': { make: async (c, t) => ({ method: 'DELETE', path: `/api/monitoring/watch/topics/${await makeWatchTopic(c, t)}` }) },
  // feedback (issue 8, core): consultations, comments, moderation, data-subject requests of the target unit
  'GET /feedback/consultations': { make: (c, t) => ({ method: 'GET', path: `/api/feedback/consultations?unitId=${c.unit(t)}` }) },
  'POST /feedback/consultations': {
    make: (c, t) => ({ method: 'POST', path: '/api/feedback/consultations', body: { unitId: c.unit(t), title: `Dự thảo thử ${next()}`, text: 'Điều 1. Phạm vi\n\nĐiều 2. Đối tượng', opensAt: '2026-11-01T00:00:00Z', closesAt: '2026-12-01T00:00:00Z' } }),
  },
  'GET /feedback/consultations/{id}': { make: async (c, t) => ({ method: 'GET', path: `/api/feedback/consultations/${await makeConsultation(c, t)}` }) },
  'PUT /feedback/consultations/{id}': { make: async (c, t) => ({ method: 'PUT', path: `/api/feedback/consultations/${await makeConsultation(c, t)}`, body: { version: 1, summary: 'Đã sửa tóm tắt' } }) },
  'POST /feedback/consultations/{id}/response': {
    make: async (c, t) => ({ method: 'POST', path: `/api/feedback/consultations/${await makeConsultation(c, t, true)}/response`, body: { text: 'Chúng tôi đã tiếp thu và sửa Điều 2 theo ý kiến.' } }),
  },
  'GET /feedback/consultations/{id}/items': { make: async (c, t) => ({ method: 'GET', path: `/api/feedback/consultations/${await makeConsultation(c, t)}/items` }) },
  'GET /feedback/consultations/{id}/export.xlsx': { make: async (c, t) => ({ method: 'GET', path: `/api/feedback/consultations/${await makeConsultation(c, t)}/export.xlsx` }) },
  'GET /feedback/consultations/{id}/export.docx': { make: async (c, t) => ({ method: 'GET', path: `/api/feedback/consultations/${await makeConsultation(c, t)}/export.docx` }) },
  'GET /feedback/items': { make: (c, t) => ({ method: 'GET', path: `/api/feedback/items?unitId=${c.unit(t)}` }) },
  'GET /feedback/items/{id}': { make: async (c, t) => ({ method: 'GET', path: `/api/feedback/items/${await makeFeedbackItem(c, t)}` }) },
  'POST /feedback/hotline': { make: (c, t) => ({ method: 'POST', path: '/api/feedback/hotline', body: { unitId: c.unit(t), body: 'Phụ huynh gọi phản ánh về giờ tan học.' } }) },
  'POST /feedback/items/{id}/hide': { make: async (c, t) => ({ method: 'POST', path: `/api/feedback/items/${await makeFeedbackItem(c, t)}/hide`, body: { reason: 'Xúc phạm' } }) },
  'POST /feedback/items/{id}/unhide': { make: async (c, t) => ({ method: 'POST', path: `/api/feedback/items/${await makeFeedbackItem(c, t, 'hidden')}/unhide`, body: {} }) },
  'POST /feedback/items/{id}/handled': { make: async (c, t) => ({ method: 'POST', path: `/api/feedback/items/${await makeFeedbackItem(c, t)}/handled`, body: { handled: true } }) },
  'POST /feedback/items/{id}/block': { make: async (c, t) => ({ method: 'POST', path: `/api/feedback/items/${await makeFeedbackItem(c, t)}/block`, body: { reason: 'Gửi rác' } }) },
  'GET /feedback/blocks': { make: (c, t) => ({ method: 'GET', path: `/api/feedback/blocks?unitId=${c.unit(t)}` }) },
  'DELETE /feedback/blocks/{id}': {
    make: async (c, t) => {
      const item = await makeFeedbackItem(c, t);
      const r = await db().query(`insert into feedback_blocks (ip_hash, reason, item_id) values ('pm-ip', 'Gửi rác', $1) returning id`, [item]);
      return { method: 'DELETE', path: `/api/feedback/blocks/${r.rows[0].id}` };
    },
  },
  'POST /feedback/items/{id}/monitoring': { make: async (c, t) => ({ method: 'POST', path: `/api/feedback/items/${await makeFeedbackItem(c, t)}/monitoring`, body: {} }) },
  'POST /feedback/items/{id}/incident': { make: async (c, t) => ({ method: 'POST', path: `/api/feedback/items/${await makeFeedbackItem(c, t)}/incident`, body: { severity: 2 } }) },
  'GET /feedback/requests': { make: (c, t) => ({ method: 'GET', path: `/api/feedback/requests?unitId=${c.unit(t)}` }) },
  'POST /feedback/requests': { make: (c, t) => ({ method: 'POST', path: '/api/feedback/requests', body: { unitId: c.unit(t), kind: 'export', email: 'nguoidan@example.vn' } }) },
  'POST /feedback/requests/{id}/fulfil': { make: async (c, t) => ({ method: 'POST', path: `/api/feedback/requests/${await makeSubjectRequest(c, t)}/fulfil`, body: {} }) },
  'GET /feedback/requests/{id}/export.json': { make: async (c, t) => ({ method: 'GET', path: `/api/feedback/requests/${await makeSubjectRequest(c, t)}/export.json` }) },
  'GET /feedback/requests/{id}/export.xlsx': { make: async (c, t) => ({ method: 'GET', path: `/api/feedback/requests/${await makeSubjectRequest(c, t)}/export.xlsx` }) },
  // feedback analysis (issue 8): topics, coding and suggestions, the dashboard, the suggestion model
  'GET /feedback/analysis/topics': { make: (c, t) => ({ method: 'GET', path: `/api/feedback/analysis/topics?unitId=${c.unit(t)}` }) },
  'POST /feedback/analysis/topics': { make: (c, t) => ({ method: 'POST', path: '/api/feedback/analysis/topics', body: { unitId: c.unit(t), label: `Chủ đề thử ${next()}` } }) },
  'PATCH /feedback/analysis/topics/{id}': {
    make: async (c, t) => {
      const r = await db().query(`insert into feedback_topics (unit_id, key, label) values ($1, 'chu-de-pm-' || $2, 'Chủ đề riêng') returning id`, [c.unit(t), next()]);
      return { method: 'PATCH', path: `/api/feedback/analysis/topics/${r.rows[0].id}`, body: { label: 'Chủ đề đã đổi tên' } };
    },
  },
  'GET /feedback/analysis/consultations/{id}/items': { make: async (c, t) => ({ method: 'GET', path: `/api/feedback/analysis/consultations/${await makeConsultation(c, t)}/items` }) },
  'GET /feedback/analysis/consultations/{id}/dashboard': { make: async (c, t) => ({ method: 'GET', path: `/api/feedback/analysis/consultations/${await makeConsultation(c, t)}/dashboard` }) },
  'PUT /feedback/analysis/items/{id}/code': { make: async (c, t) => ({ method: 'PUT', path: `/api/feedback/analysis/items/${await makeFeedbackItem(c, t)}/code`, body: { tone: 'positive', topicIds: [] } }) },
  'POST /feedback/analysis/items/{id}/accept': { make: async (c, t) => ({ method: 'POST', path: `/api/feedback/analysis/items/${await makeFeedbackItem(c, t)}/accept`, body: {} }) },
  'POST /feedback/analysis/items/accept': { make: async (c, t) => ({ method: 'POST', path: '/api/feedback/analysis/items/accept', body: { itemIds: [await makeFeedbackItem(c, t)] } }) },
  'DELETE /feedback/analysis/items/{id}/code': { make: async (c, t) => ({ method: 'DELETE', path: `/api/feedback/analysis/items/${await makeFeedbackItem(c, t)}/code` }) },
  'GET /feedback/analysis/model': { unscoped: true, make: () => ({ method: 'GET', path: '/api/feedback/analysis/model' }) },
  'POST /feedback/analysis/model/retrain': { unscoped: true, make: () => ({ method: 'POST', path: '/api/feedback/analysis/model/retrain', body: {} }) },
  // incidents (issue 7, incidents core): read on the incident's unit or above; write there; the report inbox on the recipient unit
  'GET /incidents': { make: (c, t) => ({ method: 'GET', path: `/api/incidents?unitId=${c.unit(t)}` }) },
  'GET /incidents/stats': { make: (c, t) => ({ method: 'GET', path: `/api/incidents/stats?unitId=${c.unit(t)}` }) },
  'GET /incidents/inbox': { make: (c, t) => ({ method: 'GET', path: `/api/incidents/inbox?unitId=${c.unit(t)}` }) },
  'POST /incidents': { make: (c, t) => ({ method: 'POST', path: '/api/incidents', body: { unitId: c.unit(t), title: 'Sự cố thử', severity: 2 } }) },
  'GET /incidents/{id}': { make: async (c, t) => ({ method: 'GET', path: `/api/incidents/${await makeIncident(c, t)}` }) },
  'PATCH /incidents/{id}': { make: async (c, t) => ({ method: 'PATCH', path: `/api/incidents/${await makeIncident(c, t)}`, body: { version: 1, title: 'Sự cố đã sửa' } }) },
  'POST /incidents/{id}/transition': { make: async (c, t) => ({ method: 'POST', path: `/api/incidents/${await makeIncident(c, t)}/transition`, body: { to: 'active' } }) },
  'POST /incidents/{id}/timeline': { make: async (c, t) => ({ method: 'POST', path: `/api/incidents/${await makeIncident(c, t)}/timeline`, body: { kind: 'decision', title: 'Họp ban chỉ đạo' } }) },
  'POST /incidents/{id}/tasks': { make: async (c, t) => ({ method: 'POST', path: `/api/incidents/${await makeIncident(c, t)}/tasks`, body: { title: 'Liên hệ phụ huynh' } }) },
  'PATCH /incidents/{id}/tasks/{taskId}': {
    make: async (c, t) => {
      const id = await makeIncident(c, t);
      const k = await db().query(`insert into incident_tasks (incident_id, title) values ($1, 'Việc thử') returning id`, [id]);
      return { method: 'PATCH', path: `/api/incidents/${id}/tasks/${k.rows[0].id}`, body: { isDone: true } };
    },
  },
  'PUT /incidents/{id}/report': { make: async (c, t) => ({ method: 'PUT', path: `/api/incidents/${await makeIncident(c, t)}/report`, body: { what: 'Sự việc thử' } }) },
  'POST /incidents/{id}/report/send': { make: async (c, t) => ({ method: 'POST', path: `/api/incidents/${await makeIncident(c, t, true)}/report/send`, body: {} }) },
  'PUT /incidents/{id}/review': { make: async (c, t) => ({ method: 'PUT', path: `/api/incidents/${await makeIncident(c, t)}/review`, body: { lessons: 'Bài học thử' } }) },
  'PUT /incidents/{id}/result': { make: async (c, t) => ({ method: 'PUT', path: `/api/incidents/${await makeIncident(c, t)}/result`, body: { title: 'Kết quả thử', html: '<p>Đã xử lý.</p>' } }) },
  'POST /incidents/{id}/result/publish': { make: async (c, t) => ({ method: 'POST', path: `/api/incidents/${await makeIncident(c, t)}/result/publish`, body: { isPublished: true } }) },
  'GET /incidents/reports/{reportId}/docx': { make: async (c, t) => ({ method: 'GET', path: `/api/incidents/reports/${await reportOf(await makeIncident(c, t, true))}/docx` }) },
  'POST /incidents/reports/{reportId}/read': {
    make: async (c, t) => {
      const report = await reportOf(await makeIncident(c, 'own', true));
      await db().query('insert into incident_report_recipients (report_id, unit_id) values ($1, $2)', [report, c.unit(t)]);
      return { method: 'POST', path: `/api/incidents/reports/${report}/read`, body: { unitId: c.unit(t) } };
    },
  },
  // notices (issue 7, lines to take and internal notices): write/send/receipts on the issuing unit; approve (leader, or its own spokesperson for lines to take)
  'GET /notices': { make: (c, t) => ({ method: 'GET', path: `/api/notices?unitId=${c.unit(t)}` }) },
  'POST /notices': { make: (c, t) => ({ method: 'POST', path: '/api/notices', body: { unitId: c.unit(t), kind: 'guidance', title: `Hướng dẫn thử ${next()}` } }) },
  'GET /notices/{id}': { make: async (c, t) => ({ method: 'GET', path: `/api/notices/${await makeNotice(c, t, 'draft')}` }) },
  'PUT /notices/{id}': { make: async (c, t) => ({ method: 'PUT', path: `/api/notices/${await makeNotice(c, t, 'draft')}`, body: { version: 1, kind: 'guidance', title: 'Hướng dẫn đã sửa' } }) },
  'GET /notices/{id}/receipts': { make: async (c, t) => ({ method: 'GET', path: `/api/notices/${await makeNotice(c, t, 'sent')}/receipts` }) },
  'POST /notices/{id}/approve': { make: async (c, t) => ({ method: 'POST', path: `/api/notices/${await makeNotice(c, t, 'draft')}/approve`, body: {} }) },
  'POST /notices/{id}/return': { make: async (c, t) => ({ method: 'POST', path: `/api/notices/${await makeNotice(c, t, 'approved')}/return`, body: {} }) },
  'POST /notices/{id}/send': { make: async (c, t) => ({ method: 'POST', path: `/api/notices/${await makeNotice(c, t, 'approved')}/send`, body: {} }) },
  'POST /notices/{id}/withdraw': { make: async (c, t) => ({ method: 'POST', path: `/api/notices/${await makeNotice(c, t, 'sent')}/withdraw`, body: { note: 'Thu hồi để sửa' } }) },
  'POST /notices/{id}/revise': { make: async (c, t) => ({ method: 'POST', path: `/api/notices/${await makeNotice(c, t, 'sent')}/revise`, body: {} }) },
  'GET /notices/received': { make: () => ({ method: 'GET', path: '/api/notices/received' }) },
  'GET /notices/zalo-id': { make: () => ({ method: 'GET', path: '/api/notices/zalo-id' }) },
  'PUT /notices/zalo-id': { make: () => ({ method: 'PUT', path: '/api/notices/zalo-id', body: { zaloUserId: 'zl-pm-1' } }) },
  'GET /notices/received/{id}': { make: () => ({ method: 'GET', path: '/api/notices/received/999999' }) },
  'POST /notices/received/{id}/read': { make: () => ({ method: 'POST', path: '/api/notices/received/999999/read', body: {} }) },
  'POST /notices/received/{id}/acknowledge': { make: () => ({ method: 'POST', path: '/api/notices/received/999999/acknowledge', body: {} }) },
  'GET /notices/receipt/{token}': { make: () => ({ method: 'GET', path: `/api/notices/receipt/${'0'.repeat(64)}` }) },
  // public and session routes: see the separate checks below
  'GET /auth/session': { make: () => ({ method: 'GET', path: '/api/auth/session' }) },
  'POST /auth/login': { make: () => ({ method: 'POST', path: '/api/auth/login', body: { email: 'a@b.vn', password: 'x' } }) },
  'POST /auth/totp/verify': { make: () => ({ method: 'POST', path: '/api/auth/totp/verify', body: { code: '123456' } }) },
  'POST /auth/logout': { make: () => ({ method: 'POST', path: '/api/auth/logout' }) },
  'POST /auth/password-reset': { make: () => ({ method: 'POST', path: '/api/auth/password-reset', body: { email: 'khong.co@thu.loa.vn' } }) },
  'POST /auth/password-reset/confirm': {
    make: () => ({ method: 'POST', path: '/api/auth/password-reset/confirm', body: { token: 'khong-hop-le-123', password: 'Abcdefgh123' } }),
  },
  'POST /auth/password': {
    make: () => ({ method: 'POST', path: '/api/auth/password', body: { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD } }),
  },
  'POST /auth/totp/setup': { make: () => ({ method: 'POST', path: '/api/auth/totp/setup' }) },
  'POST /auth/totp/enable': { make: () => ({ method: 'POST', path: '/api/auth/totp/enable', body: { code: '000000' } }) },
  'POST /auth/totp/disable': { make: () => ({ method: 'POST', path: '/api/auth/totp/disable', body: { password: TEST_PASSWORD } }) },
  // ---- press office (issue 7) ----
  'GET /press/people': { make: (c, t) => ({ method: 'GET', path: `/api/press/people?unitId=${c.unit(t)}` }) },
  'GET /press/outlets': { make: (c, t) => ({ method: 'GET', path: `/api/press/outlets?unitId=${c.unit(t)}&q=bao` }) },
  'POST /press/outlets': { make: (c, t) => ({ method: 'POST', path: '/api/press/outlets', body: { unitId: c.unit(t), name: 'Báo Thử', kind: 'online', host: 'baothu.example' } }) },
  'GET /press/outlets/{id}': { make: async (c, t) => ({ method: 'GET', path: `/api/press/outlets/${await makePress(c, t, 'outlet')}` }) },
  'PUT /press/outlets/{id}': { make: async (c, t) => ({ method: 'PUT', path: `/api/press/outlets/${await makePress(c, t, 'outlet')}`, body: { name: 'Báo Đã Sửa', kind: 'print' } }) },
  'GET /press/outlets/{id}/coverage': { make: async (c, t) => ({ method: 'GET', path: `/api/press/outlets/${await makePress(c, t, 'outlet')}/coverage` }) },
  'POST /press/journalists': { make: async (c, t) => ({ method: 'POST', path: '/api/press/journalists', body: { outletId: await makePress(c, t, 'outlet'), name: 'Phóng viên Thử' } }) },
  'PUT /press/journalists/{id}': {
    make: async (c, t) => {
      const outletId = await makePress(c, t, 'outlet');
      const j = await db().query(`insert into press_journalists (outlet_id, name) values ($1, 'Phóng viên') returning id`, [outletId]);
      return { method: 'PUT', path: `/api/press/journalists/${j.rows[0].id}`, body: { outletId, name: 'Phóng viên Đã Sửa' } };
    },
  },
  'GET /press/questions': { make: (c, t) => ({ method: 'GET', path: `/api/press/questions?unitId=${c.unit(t)}&open=1` }) },
  'POST /press/questions': { make: (c, t) => ({ method: 'POST', path: '/api/press/questions', body: { unitId: c.unit(t), channel: 'phone', journalistName: 'Phóng viên', subject: 'Hỏi', question: 'Câu hỏi qua điện thoại' } }) },
  'GET /press/questions/{id}': { make: async (c, t) => ({ method: 'GET', path: `/api/press/questions/${await makePress(c, t, 'question')}` }) },
  'POST /press/questions/{id}/assign': {
    make: async (c, t) => {
      const p = await makePerson({ unitId: c.unit(t), roles: ['focal_point'], name: 'Người được giao' });
      return { method: 'POST', path: `/api/press/questions/${await makePress(c, t, 'question')}/assign`, body: { assignedTo: p.id } };
    },
  },
  'POST /press/questions/{id}/draft': { make: async (c, t) => ({ method: 'POST', path: `/api/press/questions/${await makePress(c, t, 'question', 'assigned')}/draft`, body: { draftAnswer: 'Dự thảo trả lời' } }) },
  'POST /press/questions/{id}/link': { make: async (c, t) => ({ method: 'POST', path: `/api/press/questions/${await makePress(c, t, 'question')}/link`, body: { issueIds: [] } }) },
  'POST /press/questions/{id}/approve': { make: async (c, t) => ({ method: 'POST', path: `/api/press/questions/${await makePress(c, t, 'question', 'drafted')}/approve`, body: {} }) },
  'POST /press/questions/{id}/answer': { make: async (c, t) => ({ method: 'POST', path: `/api/press/questions/${await makePress(c, t, 'question', 'approved')}/answer`, body: {} }) },
  'POST /press/questions/{id}/decline': { make: async (c, t) => ({ method: 'POST', path: `/api/press/questions/${await makePress(c, t, 'question')}/decline`, body: { reason: 'Ngoài thẩm quyền' } }) },
  'GET /press/releases': { make: (c, t) => ({ method: 'GET', path: `/api/press/releases?unitId=${c.unit(t)}` }) },
  'POST /press/releases': { make: (c, t) => ({ method: 'POST', path: '/api/press/releases', body: { unitId: c.unit(t), title: 'Thông cáo thử', bodyHtml: '<p>Nội dung</p>' } }) },
  'GET /press/releases/{id}': { make: async (c, t) => ({ method: 'GET', path: `/api/press/releases/${await makePress(c, t, 'release')}` }) },
  'PUT /press/releases/{id}': { make: async (c, t) => ({ method: 'PUT', path: `/api/press/releases/${await makePress(c, t, 'release')}`, body: { title: 'Thông cáo đã sửa' } }) },
  'POST /press/releases/{id}/approve': { make: async (c, t) => ({ method: 'POST', path: `/api/press/releases/${await makePress(c, t, 'release')}/approve`, body: {} }) },
  'POST /press/releases/{id}/publish': { make: async (c, t) => ({ method: 'POST', path: `/api/press/releases/${await makePress(c, t, 'release', 'approved')}/publish`, body: {} }) },
  'POST /press/releases/{id}/withdraw': { make: async (c, t) => ({ method: 'POST', path: `/api/press/releases/${await makePress(c, t, 'release', 'published')}/withdraw`, body: {} }) },
  'POST /press/releases/{id}/reopen': { make: async (c, t) => ({ method: 'POST', path: `/api/press/releases/${await makePress(c, t, 'release', 'approved')}/reopen`, body: {} }) },
  'GET /press/rebuttals': { make: (c, t) => ({ method: 'GET', path: `/api/press/rebuttals?unitId=${c.unit(t)}` }) },
  'POST /press/rebuttals': { make: (c, t) => ({ method: 'POST', path: '/api/press/rebuttals', body: { unitId: c.unit(t), title: 'Bác bỏ thử', falseClaim: 'Tin sai' } }) },
  'GET /press/rebuttals/{id}': { make: async (c, t) => ({ method: 'GET', path: `/api/press/rebuttals/${await makePress(c, t, 'rebuttal')}` }) },
  'PUT /press/rebuttals/{id}': { make: async (c, t) => ({ method: 'PUT', path: `/api/press/rebuttals/${await makePress(c, t, 'rebuttal')}`, body: { title: 'Bác bỏ đã sửa', falseClaim: 'Tin sai' } }) },
  'POST /press/rebuttals/{id}/publish': { make: async (c, t) => ({ method: 'POST', path: `/api/press/rebuttals/${await makePress(c, t, 'rebuttal')}/publish`, body: {} }) },
  'POST /press/rebuttals/{id}/withdraw': { make: async (c, t) => ({ method: 'POST', path: `/api/press/rebuttals/${await makePress(c, t, 'rebuttal', 'published')}/withdraw`, body: {} }) },
  'GET /press/issues': { make: (c, t) => ({ method: 'GET', path: `/api/press/issues?unitId=${c.unit(t)}&q=hoc%20phi` }) },
  'POST /press/issues': { make: (c, t) => ({ method: 'POST', path: '/api/press/issues', body: { unitId: c.unit(t), topic: 'Học phí', position: 'Giữ ổn định' } }) },
  'GET /press/issues/{id}': { make: async (c, t) => ({ method: 'GET', path: `/api/press/issues/${await makePress(c, t, 'issue')}` }) },
  'PUT /press/issues/{id}': { make: async (c, t) => ({ method: 'PUT', path: `/api/press/issues/${await makePress(c, t, 'issue')}`, body: { topic: 'Học phí (sửa)' } }) },
  'POST /press/issues/{id}/approve': { make: async (c, t) => ({ method: 'POST', path: `/api/press/issues/${await makePress(c, t, 'issue')}/approve`, body: {} }) },
  'POST /press/issues/{id}/archive': { make: async (c, t) => ({ method: 'POST', path: `/api/press/issues/${await makePress(c, t, 'issue')}/archive`, body: {} }) },
  'POST /press/issues/{id}/reopen': { make: async (c, t) => ({ method: 'POST', path: `/api/press/issues/${await makePress(c, t, 'issue', 'archived')}/reopen`, body: {} }) },
  'GET /press/briefings': { make: (c, t) => ({ method: 'GET', path: `/api/press/briefings?unitId=${c.unit(t)}&year=2026` }) },
  'POST /press/briefings': { make: (c, t) => ({ method: 'POST', path: '/api/press/briefings', body: { unitId: c.unit(t), kind: 'briefing', title: 'Cung cấp thông tin', startsAt: '2026-11-25T02:00:00Z' } }) },
  'PUT /press/briefings/{id}': { make: async (c, t) => ({ method: 'PUT', path: `/api/press/briefings/${await makePress(c, t, 'briefing')}`, body: { kind: 'conference', title: 'Họp báo', startsAt: '2026-11-25T02:00:00Z', status: 'held', minutes: 'Biên bản' } }) },
  'GET /press/briefings/{id}/invitees': { make: async (c, t) => ({ method: 'GET', path: `/api/press/briefings/${(await makeInvitee(c, t)).briefingId}/invitees` }) },
  'POST /press/briefings/{id}/invitees': { make: async (c, t) => ({ method: 'POST', path: `/api/press/briefings/${await makePress(c, t, 'briefing')}/invitees`, body: { invites: [{ outletId: await makePress(c, t, 'outlet') }], sendMail: false } }) },
  'POST /press/briefings/{id}/uninvite': { make: async (c, t) => { const x = await makeInvitee(c, t); return { method: 'POST', path: `/api/press/briefings/${x.briefingId}/uninvite`, body: { inviteeId: x.inviteeId } }; } },
  'PUT /press/briefings/{id}/attendance': { make: async (c, t) => { const x = await makeInvitee(c, t); return { method: 'PUT', path: `/api/press/briefings/${x.briefingId}/attendance`, body: { entries: [{ inviteeId: x.inviteeId, attended: true }] } }; } },
  'GET /press/threads': { make: (c, t) => ({ method: 'GET', path: `/api/press/threads?unitId=${c.unit(t)}&q=hoc%20phi` }) },
  'GET /press/inbound-address': { make: (c, t) => ({ method: 'GET', path: `/api/press/inbound-address?unitId=${c.unit(t)}` }) },
  'GET /press/compliance': { make: (c, t) => ({ method: 'GET', path: `/api/press/compliance?unitId=${c.unit(t)}&year=2026` }) },
  'GET /press/corrections': { make: (c, t) => ({ method: 'GET', path: `/api/press/corrections?unitId=${c.unit(t)}` }) },
  'POST /press/corrections': { make: (c, t) => ({ method: 'POST', path: '/api/press/corrections', body: { unitId: c.unit(t), whatWrong: 'Sai số liệu', requestedCorrection: 'Đính chính', sentOn: '2026-11-20' } }) },
  'PUT /press/corrections/{id}': { make: async (c, t) => ({ method: 'PUT', path: `/api/press/corrections/${await makePress(c, t, 'correction')}`, body: { whatWrong: 'Sai số liệu', requestedCorrection: 'Đính chính', outcome: 'corrected' } }) },
  // reports (issue 9)
  'GET /reports': { make: (c, t) => ({ method: 'GET', path: `/api/reports?unitId=${c.unit(t)}` }) },
  'GET /reports/inbox': { make: (c, t) => ({ method: 'GET', path: `/api/reports/inbox?unitId=${c.unit(t)}&kind=monthly_opinion&periodKey=2026-10` }) },
  'POST /reports': { make: (c, t) => ({ method: 'POST', path: '/api/reports', body: { unitId: c.unit(t), kind: 'monthly_opinion', period: { month: nextReportMonth() } } }) },
  'GET /reports/{id}': { make: async (c, t) => ({ method: 'GET', path: `/api/reports/${await makeReport(c, t)}` }) },
  'PUT /reports/{id}': { make: async (c, t) => ({ method: 'PUT', path: `/api/reports/${await makeReport(c, t)}`, body: { version: 1, sections: [{ key: 'assessment', text: 'Đánh giá chung' }] } }) },
  'POST /reports/{id}/regenerate': { make: async (c, t) => ({ method: 'POST', path: `/api/reports/${await makeReport(c, t)}/regenerate`, body: {} }) },
  'POST /reports/{id}/approve': { make: async (c, t) => ({ method: 'POST', path: `/api/reports/${await makeReport(c, t)}/approve`, body: {} }) },
  'POST /reports/{id}/reopen': { make: async (c, t) => ({ method: 'POST', path: `/api/reports/${await makeReport(c, t, 'approved')}/reopen`, body: {} }) },
  'POST /reports/{id}/submit': { make: async (c, t) => ({ method: 'POST', path: `/api/reports/${await makeReport(c, t, 'approved')}/submit`, body: {} }) },
  'POST /reports/{id}/recall': { make: async (c, t) => ({ method: 'POST', path: `/api/reports/${await makeReport(c, t, 'submitted')}/recall`, body: { reason: 'Gửi nhầm số liệu, cần sửa lại.' } }) },
  'GET /reports/{id}/export': { make: async (c, t) => ({ method: 'GET', path: `/api/reports/${await makeReport(c, t)}/export?format=xlsx` }) },
  // ---- trainings and events, inspections (issue 9, helper "events") ----
  'GET /events': { make: (c, t) => ({ method: 'GET', path: `/api/events?unitId=${c.unit(t)}&from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z` }) },
  'GET /events/invitations': { make: () => ({ method: 'GET', path: '/api/events/invitations' }) },
  'POST /events': { make: (c, t) => ({ method: 'POST', path: '/api/events', body: { unitId: c.unit(t), kind: 'training', title: 'Tập huấn thử', startsAt: '2026-11-25T01:30:00Z' } }) },
  'GET /events/{id}': { make: async (c, t) => ({ method: 'GET', path: `/api/events/${await makeEventRow(c, t)}` }) },
  // calendar export and feed (helper C, late session): the feed is public but needs a secret token (404 without a valid one)
  'GET /events/{id}/ics': { make: async (c, t) => ({ method: 'GET', path: `/api/events/${await makeEventRow(c, t)}/ics` }) },
  'GET /events/calendar-feed': { make: () => ({ method: 'GET', path: '/api/events/calendar-feed' }) },
  'POST /events/calendar-feed': { make: () => ({ method: 'POST', path: '/api/events/calendar-feed', body: {} }) },
  'DELETE /events/calendar-feed': { make: () => ({ method: 'DELETE', path: '/api/events/calendar-feed' }) },
  'GET /events/calendar-feed/{token}': { make: () => ({ method: 'GET', path: `/api/events/calendar-feed/${'x'.repeat(43)}.ics` }) },
  'PUT /events/{id}': { make: async (c, t) => ({ method: 'PUT', path: `/api/events/${await makeEventRow(c, t)}`, body: { version: 1, kind: 'conference', title: 'Hội nghị đã sửa', startsAt: '2026-11-26T01:30:00Z' } }) },
  'GET /events/{id}/candidates': { make: async (c, t) => ({ method: 'GET', path: `/api/events/${await makeEventRow(c, t)}/candidates?q=truong` }) },
  'POST /events/{id}/invitees': { make: async (c, t) => ({ method: 'POST', path: `/api/events/${await makeEventRow(c, t)}/invitees`, body: { userIds: [await c.person(t)] } }) },
  'DELETE /events/{id}/invitees/{inviteeId}': {
    make: async (c, t) => {
      const id = await makeEventRow(c, t);
      const inv = await db().query('insert into event_invitees (event_id, unit_id, user_id) values ($1, $2, $3) returning id', [id, c.unit(t), await c.person(t)]);
      return { method: 'DELETE', path: `/api/events/${id}/invitees/${inv.rows[0].id}` };
    },
  },
  'POST /events/invitees/{id}/respond': { make: () => ({ method: 'POST', path: '/api/events/invitees/999999/respond', body: { response: 'accepted' } }) },
  'PUT /events/{id}/attendance': { make: async (c, t) => ({ method: 'PUT', path: `/api/events/${await makeEventRow(c, t)}/attendance`, body: { items: [] } }) },
  'POST /events/{id}/materials': { make: async (c, t) => ({ method: 'POST', path: `/api/events/${await makeEventRow(c, t)}/materials`, body: fileForm('%PDF-1.4\n%%EOF\n', 'bai-giang.pdf', 'application/pdf') }) },
  'POST /events/{id}/links': { make: async (c, t) => ({ method: 'POST', path: `/api/events/${await makeEventRow(c, t)}/links`, body: { title: 'Video bài giảng', url: 'https://www.youtube.com/watch?v=abc' } }) },
  'DELETE /events/{id}/materials/{materialId}': {
    make: async (c, t) => {
      const id = await makeEventRow(c, t);
      return { method: 'DELETE', path: `/api/events/${id}/materials/${await makeEventMaterial(id)}` };
    },
  },
  'GET /events/{id}/materials/{materialId}/file': {
    make: async (c, t) => {
      const id = await makeEventRow(c, t);
      return { method: 'GET', path: `/api/events/${id}/materials/${await makeEventMaterial(id)}/file` };
    },
  },
  'GET /inspection-checklists': { make: (c, t) => ({ method: 'GET', path: `/api/inspection-checklists?unitId=${c.unit(t)}` }) },
  'POST /inspection-checklists': { make: (c, t) => ({ method: 'POST', path: '/api/inspection-checklists', body: { unitId: c.unit(t), title: 'Bộ tiêu chí thử', items: [{ text: 'Có kế hoạch', weight: 1 }] } }) },
  'GET /inspection-checklists/{id}': { make: async (c, t) => ({ method: 'GET', path: `/api/inspection-checklists/${await makeChecklistRow(c, t)}` }) },
  'PUT /inspection-checklists/{id}': { make: async (c, t) => ({ method: 'PUT', path: `/api/inspection-checklists/${await makeChecklistRow(c, t)}`, body: { version: 1, title: 'Bộ tiêu chí đã sửa', items: [{ text: 'Có kế hoạch', weight: 2 }] } }) },
  'GET /inspections': { make: (c, t) => ({ method: 'GET', path: `/api/inspections?unitId=${c.unit(t)}` }) },
  'POST /inspections': {
    make: async (c, t) => ({
      method: 'POST',
      path: '/api/inspections',
      body: { unitId: c.unit(t), inspectedUnitId: await childUnitOf(c, t), checklistId: await makeChecklistRow(c, t), title: 'Kiểm tra thử', mode: 'visit', inspectedOn: '2026-11-20' },
    }),
  },
  'GET /inspections/{id}': { make: async (c, t) => ({ method: 'GET', path: `/api/inspections/${await makeInspectionRow(c, t, 'inspected')}` }) },
  'PUT /inspections/{id}': { make: async (c, t) => ({ method: 'PUT', path: `/api/inspections/${await makeInspectionRow(c, t, 'inspecting')}`, body: { version: 1, title: 'Kiểm tra đã sửa', mode: 'remote', inspectedOn: '2026-11-21' } }) },
  'PUT /inspections/{id}/results': { make: async (c, t) => ({ method: 'PUT', path: `/api/inspections/${await makeInspectionRow(c, t, 'inspecting')}/results`, body: { items: [] } }) },
  'POST /inspections/{id}/findings': { make: async (c, t) => ({ method: 'POST', path: `/api/inspections/${await makeInspectionRow(c, t, 'inspecting')}/findings`, body: { text: 'Trang tin chưa cập nhật' } }) },
  'POST /inspections/{id}/actions': { make: async (c, t) => ({ method: 'POST', path: `/api/inspections/${await makeInspectionRow(c, t, 'inspecting')}/actions`, body: { title: 'Cập nhật trang tin', ownerName: 'Phó Hiệu trưởng', dueOn: '2026-12-15' } }) },
  'POST /inspections/{id}/finish': { make: async (c, t) => ({ method: 'POST', path: `/api/inspections/${await makeInspectionRow(c, t, 'inspecting')}/finish`, body: {} }) },
  'POST /inspection-actions/{id}/report': { make: async (c, t) => ({ method: 'POST', path: `/api/inspection-actions/${await makeInspectionAction(c, t, 'inspected')}/report`, body: { note: 'Đã khắc phục' } }) },
  'POST /inspection-actions/{id}/close': { make: async (c, t) => ({ method: 'POST', path: `/api/inspection-actions/${await makeInspectionAction(c, t, 'inspecting')}/close`, body: {} }) },
  'POST /inspection-actions/{id}/reopen': { make: async (c, t) => ({ method: 'POST', path: `/api/inspection-actions/${await makeInspectionAction(c, t, 'inspecting')}/reopen`, body: {} }) },
};

/** A generated report of the target unit (issue 9) in the wanted state, for a month no other report of the run uses. */
let reportMonths = 0;
function nextReportMonth(): string {
  const k = reportMonths++;
  return `${2000 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
}
async function makeReport(c: Ctx, t: Target, status: 'draft' | 'approved' | 'submitted' = 'draft'): Promise<number> {
  const m = nextReportMonth();
  const r = await db().query(
    `insert into reports (unit_id, kind, period_key, period_start, period_end, period_label, title, status, sections)
     values ($1, 'monthly_opinion', $2, ($2 || '-01')::date, ($2 || '-28')::date, 'tháng thử', 'Tình hình dư luận tháng thử', $3,
             '[{"key":"assessment","title":"ĐÁNH GIÁ CHUNG","lines":[],"tables":[],"facts":{},"text":""}]') returning id`,
    [c.unit(t), m, status],
  );
  return Number(r.rows[0].id);
}

/** A row of the press office (issue 7) of the target unit, in a given state, written by nobody (so approving is never self-approval). */
async function makePress(c: Ctx, t: Target, kind: 'outlet' | 'question' | 'release' | 'rebuttal' | 'issue' | 'briefing' | 'correction', status?: string): Promise<number> {
  const n = next();
  const sql = {
    outlet: `insert into press_outlets (unit_id, name, kind, host) values ($1, 'Báo ' || $2, 'online', 'bao' || $2 || '.example') returning id`,
    question: `insert into press_questions (unit_id, channel, journalist_name, subject, question, status, draft_answer) values ($1, 'phone', 'Phóng viên', 'Hỏi ' || $2, 'Nội dung câu hỏi', coalesce($3, 'received'), 'Dự thảo') returning id`,
    release: `insert into press_releases (unit_id, title, slug, status, published_at) values ($1, 'Thông cáo', 'thong-cao-pm-' || $2, coalesce($3, 'draft'), case when $3 = 'published' then now() end) returning id`,
    rebuttal: `insert into press_rebuttals (unit_id, title, false_claim, slug, status) values ($1, 'Bác bỏ', 'Tin sai', 'bac-bo-pm-' || $2, coalesce($3, 'draft')) returning id`,
    issue: `insert into press_issues (unit_id, topic, status) values ($1, 'Vấn đề ' || $2, coalesce($3, 'draft')) returning id`,
    briefing: `insert into press_briefings (unit_id, kind, title, starts_at) values ($1, 'briefing', 'Cung cấp thông tin ' || $2, now()) returning id`,
    correction: `insert into press_corrections (unit_id, what_wrong, requested_correction) values ($1, 'Sai ' || $2, 'Đính chính') returning id`,
  }[kind];
  const params: unknown[] = [c.unit(t), String(n)];
  if (sql.includes('$3')) params.push(status ?? null);
  return Number((await db().query(sql, params)).rows[0].id);
}

/** A briefing of the target unit with one invited outlet (issue 7, invitations and attendance). */
async function makeInvitee(c: Ctx, t: Target): Promise<{ briefingId: number; inviteeId: number }> {
  const briefingId = await makePress(c, t, 'briefing');
  const r = await db().query('insert into press_briefing_invitees (briefing_id, outlet_id) values ($1, $2) returning id', [briefingId, await makePress(c, t, 'outlet')]);
  return { briefingId, inviteeId: Number(r.rows[0].id) };
}

function makePlan(c: Ctx, t: Target) {
  return createPlan(systemActor, { unitId: c.unit(t), title: 'Kế hoạch đích', period: { year: 2026 }, tasks: [{ topic: 'Nhiệm vụ thử' }] });
}

/** An article of the target unit written by someone else than the caller (a contributor may change only their own). */
async function makeArticle(c: Ctx, t: Target): Promise<number> {
  const r = await db().query(
    `insert into articles (unit_id, title, slug) values ($1, 'Tin của đơn vị', 'tin-cua-don-vi-' || $2) returning id`,
    [c.unit(t), next()],
  );
  return r.rows[0].id;
}

/** An exemplar of the target unit nominated by someone else than the caller. */
async function makeExemplar(c: Ctx, t: Target, status = 'nominated'): Promise<number> {
  const r = await db().query(
    `insert into exemplars (unit_id, kind, name, slug, school_year, status) values ($1, 'person', 'Gương của đơn vị', 'guong-cua-don-vi-' || $2, '2025-2026', $3) returning id`,
    [c.unit(t), next(), status],
  );
  return r.rows[0].id;
}

/** A consultation of the target unit (open, or already closed when asked), with two paragraphs. */
async function makeConsultation(c: Ctx, t: Target, closed = false): Promise<number> {
  const r = await db().query(
    `insert into consultations (unit_id, title, slug, opens_at, closes_at, response_due_at)
     values ($1, 'Dự thảo của đơn vị', 'du-thao-pm-' || $2, now() - interval '20 days', now() + ($3 || ' days')::interval, now() + interval '30 days') returning id`,
    [c.unit(t), next(), closed ? '-1' : '10'],
  );
  const id = Number(r.rows[0].id);
  await db().query(`insert into consultation_paragraphs (consultation_id, position, label, body) values ($1, 1, 'Điều 1', 'Điều 1. Phạm vi'), ($1, 2, 'Điều 2', 'Điều 2. Đối tượng')`, [id]);
  return id;
}
/** A public comment (or a hidden one) on a consultation of the target unit, from a hashed address. */
async function makeFeedbackItem(c: Ctx, t: Target, visibility: 'public' | 'hidden' = 'public'): Promise<number> {
  const cid = await makeConsultation(c, t);
  const r = await db().query(
    `insert into feedback_items (unit_id, consultation_id, stance, body, visibility, hidden_reason, ip_hash) values ($1, $2, 'agree', 'Đồng ý với dự thảo.', $3, $4, 'pm-ip') returning id`,
    [c.unit(t), cid, visibility, visibility === 'hidden' ? 'Xúc phạm' : null],
  );
  return Number(r.rows[0].id);
}
async function makeSubjectRequest(c: Ctx, t: Target): Promise<number> {
  const r = await db().query(`insert into feedback_subject_requests (unit_id, kind, email, due_date) values ($1, 'export', 'nguoidan@example.vn', '2026-12-01') returning id`, [c.unit(t)]);
  return Number(r.rows[0].id);
}

/** An incident of the target unit (with a fast report being written when asked). */
async function makeIncident(c: Ctx, t: Target, withReport = false): Promise<number> {
  const r = await db().query(`insert into incidents (unit_id, title, severity, detected_at, opened_at) values ($1, 'Sự cố của đơn vị', 2, now(), now()) returning id`, [c.unit(t)]);
  const id = Number(r.rows[0].id);
  if (withReport) await db().query(`insert into incident_reports (incident_id, seq, fields, created_at, updated_at) values ($1, 1, $2, now(), now())`, [id, JSON.stringify({ what: 'Sự việc', actions: 'Đã làm' })]);
  return id;
}
async function reportOf(incidentId: number): Promise<number> {
  return Number((await db().query('select id from incident_reports where incident_id = $1', [incidentId])).rows[0].id);
}

/** A document of the target unit's library (with a stored file when asked). */
async function makeDocument(c: Ctx, t: Target, withFile = false): Promise<number> {
  const r = await db().query(`insert into documents (unit_id, doc_type, issuer, summary) values ($1, 'cong_van', 'Sở GDĐT', 'Công văn của đơn vị') returning id`, [c.unit(t)]);
  const id = Number(r.rows[0].id);
  if (withFile) {
    const f = await putFile(Buffer.from('%PDF-1.4\n%%EOF\n'));
    await db().query(`insert into document_files (document_id, file_key, file_name, mime, size) values ($1, $2, 'van-ban.pdf', 'application/pdf', $3)`, [id, f.key, f.size]);
  }
  return id;
}

/** A draft disclosure entry of the target unit (with a stored file when asked). */
async function makeEntry(c: Ctx, t: Target, withFile = false): Promise<number> {
  const r = await db().query(
    `insert into disclosure_entries (unit_id, heading, school_year, title, due_on) values ($1, 'general', '2025-2026', 'Thông tin chung', '2026-06-30') returning id`,
    [c.unit(t)],
  );
  const id = Number(r.rows[0].id);
  if (withFile) {
    const f = await putFile(Buffer.from('%PDF-1.4\n%%EOF\n'));
    await db().query(`insert into disclosure_files (entry_id, file_key, file_name, mime, size) values ($1, $2, 'cong-khai.pdf', 'application/pdf', $3)`, [id, f.key, f.size]);
  }
  return id;
}

async function fileOf(table: 'document_files' | 'disclosure_files', column: 'document_id' | 'entry_id', id: number): Promise<number> {
  return Number((await db().query(`select id from ${table} where ${column} = $1 limit 1`, [id])).rows[0].id);
}

/** A row of the site content of the target unit (issue 5). */
async function makeSiteImport(c: Ctx, t: Target): Promise<number> {
  const r = await db().query(
    `insert into site_import_runs (unit_id, source_url, kind, status, total, done, taken, report) values ($1, 'https://thcs-thu.edu.vn/rss.xml', 'rss', 'done', 1, 1, 0, $2) returning id`,
    [c.unit(t), JSON.stringify([{ url: 'https://thcs-thu.edu.vn/tin/1.html', outcome: 'failed', reason: 'Trang cũ trả về lỗi 404.' }])],
  );
  return r.rows[0].id;
}
async function makeSiteRow(c: Ctx, t: Target, table: 'admission_notices' | 'work_schedule_items' | 'albums' | 'videos' | 'faqs' | 'site_links' | 'contact_messages'): Promise<number> {
  const sql = {
    admission_notices: `insert into admission_notices (unit_id, title, slug, school_year) values ($1, 'Tuyển sinh', 'tuyen-sinh-' || $2, '2026-2027') returning id`,
    work_schedule_items: `insert into work_schedule_items (unit_id, day, start_time, content) values ($1, '2026-11-23', '07:30', 'Giao ban ' || $2) returning id`,
    albums: `insert into albums (unit_id, title, slug) values ($1, 'Album', 'album-' || $2) returning id`,
    videos: `insert into videos (unit_id, title, source, youtube_id) values ($1, 'Video ' || $2, 'youtube', 'dQw4w9WgXcQ') returning id`,
    faqs: `insert into faqs (unit_id, question, answer) values ($1, 'Câu hỏi ' || $2, 'Trả lời') returning id`,
    site_links: `insert into site_links (unit_id, title, url) values ($1, 'Liên kết ' || $2, 'https://moet.gov.vn') returning id`,
    contact_messages: `insert into contact_messages (unit_id, name, email, subject, message, ip_hash) values ($1, 'Phụ huynh', 'ph@thu.loa.vn', 'Hỏi ' || $2, 'Nội dung câu hỏi', 'x') returning id`,
  }[table];
  return (await db().query(sql, [c.unit(t), String(next())])).rows[0].id;
}

/** A story (one analysed copy from a source of no unit) about the target unit. */
async function makeStory(c: Ctx, t: Target): Promise<number> {
  const n = next();
  const src = await db().query(`insert into monitor_sources (kind, name, url) values ('feed', 'Báo thử', $1) returning id`, [`https://bao-thu.vn/pm-${n}.rss`]);
  const st = await db().query(`insert into monitor_stories (title, first_seen_at, last_seen_at, tone) values ('Tin thử', now(), now(), 'negative') returning id`);
  const it = await db().query(
    `insert into monitor_items (source_id, guid, title, content_hash, story_id, tone, analysed_at) values ($1, $2, 'Tin thử', $2, $3, 'negative', now()) returning id`,
    [src.rows[0].id, `pm-${n}`, st.rows[0].id],
  );
  await db().query('insert into monitor_item_units (item_id, unit_id, via) values ($1, $2, $3)', [it.rows[0].id, c.unit(t), 'Tên thử']);
  return st.rows[0].id;
}

/** A monitoring source of the target unit (a feed on a loopback address, or a webhook with a secret). */
async function makeMonitorSource(c: Ctx, t: Target, kind: 'feed' | 'webhook' = 'feed'): Promise<number> {
  const r = await db().query(
    `insert into monitor_sources (unit_id, kind, name, url, webhook_secret_enc) values ($1, $2, 'Nguồn thử', $3, null) returning id`,
    [c.unit(t), kind, kind === 'feed' ? `http://127.0.0.1:9/pm-${next()}.rss` : null],
  );
  return r.rows[0].id;
}
async function itemOfStory(storyId: number): Promise<number> {
  return (await db().query('select id from monitor_items where story_id = $1 limit 1', [storyId])).rows[0].id;
}
/** Puts the story (and its items) in a new thread. */
async function threadOfStory(storyId: number): Promise<number> {
  const th = await db().query(`insert into monitor_threads (title, first_seen_at, last_seen_at) values ('Chuỗi tin thử', now(), now()) returning id`);
  await db().query('update monitor_stories set thread_id = $2 where id = $1', [storyId, th.rows[0].id]);
  await db().query('update monitor_items set thread_id = $2 where story_id = $1', [storyId, th.rows[0].id]);
  return th.rows[0].id;
}
async function makeMonitorAlias(c: Ctx, t: Target): Promise<number> {
  const r = await db().query(`insert into monitor_aliases (unit_id, alias) values ($1, $2) returning id`, [c.unit(t), `Tên gọi thử ${next()}`]);
  return r.rows[0].id;
}

/** A watched person and a keyword topic of the target unit (monitoring watchlist). */
async function makeWatchPerson(c: Ctx, t: Target): Promise<number> {
  const r = await db().query(`insert into monitor_watch_people (unit_id, name) values ($1, $2) returning id`, [c.unit(t), `Trần Thị Thử ${next()}`]);
  return r.rows[0].id;
}
async function makeWatchTopic(c: Ctx, t: Target): Promise<number> {
  const r = await db().query(`insert into monitor_topics (unit_id, code, name, keywords) values ($1, $2, 'Chủ đề thử', '{học phí}') returning id`, [c.unit(t), `chu_de_${next()}`]);
  return r.rows[0].id;
}

/** An alert rule of the target unit. */
async function makeAlertRule(c: Ctx, t: Target): Promise<number> {
  const r = await db().query(`insert into monitor_alert_rules (unit_id, name) values ($1, 'Quy tắc thử') returning id`, [c.unit(t)]);
  return r.rows[0].id;
}

/** A share-kit group of the target unit. */
async function makeChannel(c: Ctx, t: Target): Promise<number> {
  const r = await db().query(
    `insert into channel_targets (unit_id, kind, name, url) values ($1, 'facebook_group', 'Nhóm phụ huynh', 'https://www.facebook.com/groups/phuhuynh') returning id`,
    [c.unit(t)],
  );
  return r.rows[0].id;
}

/** A delivery to a Facebook Page of the target unit that ran out of attempts. */
async function makeDeadDelivery(c: Ctx, t: Target): Promise<number> {
  const article = await makeArticle(c, t);
  const target = await db().query(
    `insert into channel_targets (unit_id, kind, name, external_id) values ($1, 'facebook_page', 'Trang', '1') returning id`,
    [c.unit(t)],
  );
  const r = await db().query(
    `insert into deliveries (article_id, target_id, status, attempts, marker) values ($1, $2, 'dead', 6, $3) returning id`,
    [article, target.rows[0].id, `m${article}`],
  );
  return r.rows[0].id;
}

/** A sent Facebook delivery of a withdrawn article whose removal failed (distribution: removal after withdrawal). */
async function makeFailedRemoval(c: Ctx, t: Target): Promise<number> {
  const id = await makeDeadDelivery(c, t);
  await db().query(`update deliveries set status = 'sent', remote_id = '1_2' where id = $1`, [id]);
  await db().query(`insert into delivery_removals (delivery_id, status, attempts, last_error_code) values ($1, 'failed', 1, 'facebook.token_expired')`, [id]);
  return id;
}

async function makeMedia(c: Ctx, t: Target): Promise<number> {
  const key = 'a'.repeat(64);
  const v = { key, width: 10, height: 10 };
  const r = await db().query(
    `insert into media (unit_id, file_name, mime, size, variants) values ($1, 'anh.jpg', 'image/jpeg', 10, $2) returning id`,
    [c.unit(t), JSON.stringify({ large: v, medium: v, small: v })],
  );
  return r.rows[0].id;
}

/** An event organised by the target unit (issue 9, helper "events"). */
async function makeEventRow(c: Ctx, t: Target): Promise<number> {
  const r = await db().query(`insert into events (unit_id, kind, title, starts_at) values ($1, 'training', 'Tập huấn ' || $2, '2026-11-25T01:30:00Z') returning id`, [c.unit(t), String(next())]);
  return Number(r.rows[0].id);
}
async function makeEventMaterial(eventId: number): Promise<number> {
  const f = await putFile(Buffer.from('%PDF-1.4\n%%EOF\n'));
  const r = await db().query(`insert into event_materials (event_id, kind, title, file_key, file_name, mime, size) values ($1, 'file', 'Bài giảng', $2, 'bai-giang.pdf', 'application/pdf', $3) returning id`, [eventId, f.key, f.size]);
  return Number(r.rows[0].id);
}
async function makeChecklistRow(c: Ctx, t: Target): Promise<number> {
  const r = await db().query(`insert into inspection_checklists (unit_id, title) values ($1, 'Bộ tiêu chí') returning id`, [c.unit(t)]);
  await db().query(`insert into inspection_checklist_items (checklist_id, position, text, weight) values ($1, 1, 'Có kế hoạch truyền thông', 1)`, [r.rows[0].id]);
  return Number(r.rows[0].id);
}
async function childUnitOf(c: Ctx, t: Target): Promise<number> {
  return (await makeUnit({ parentId: c.unit(t), type: 'school', name: 'Trường được kiểm tra' })).id;
}
/** An inspection made BY the target unit (of a new unit under it) or OF the target unit (by its parent). */
async function makeInspectionRow(c: Ctx, t: Target, side: 'inspecting' | 'inspected'): Promise<number> {
  const [unitId, inspectedUnitId] =
    side === 'inspecting'
      ? [c.unit(t), await childUnitOf(c, t)]
      : [Number((await db().query('select parent_id from units where id = $1', [c.unit(t)])).rows[0].parent_id), c.unit(t)];
  const r = await db().query(`insert into inspections (unit_id, inspected_unit_id, title, mode, inspected_on) values ($1, $2, 'Kiểm tra thử', 'visit', '2026-11-20') returning id`, [unitId, inspectedUnitId]);
  return Number(r.rows[0].id);
}
async function makeInspectionAction(c: Ctx, t: Target, side: 'inspecting' | 'inspected'): Promise<number> {
  const id = await makeInspectionRow(c, t, side);
  const r = await db().query(`insert into inspection_actions (inspection_id, title, owner_name, due_on, status) values ($1, 'Khắc phục', 'Văn thư', '2026-12-15', 'reported') returning id`, [id]);
  return Number(r.rows[0].id);
}

async function makeConsent(c: Ctx, t: Target): Promise<number> {
  const r = await db().query(
    `insert into consents (unit_id, subject_name, birth_date, guardian_name, guardian_consented_on) values ($1, 'Lê Gia Hân', '2021-01-01', 'Lê Văn Tâm', '2025-09-01') returning id`,
    [c.unit(t)],
  );
  return r.rows[0].id;
}

// A 1×1 PNG.
/** A leader on the target unit's site. */
async function makeLeader(c: Ctx, t: Target): Promise<number> {
  const r = await db().query(`insert into site_leaders (unit_id, name, position) values ($1, 'Lê Văn Lãnh', 'Hiệu trưởng') returning id`, [c.unit(t)]);
  return r.rows[0].id;
}

const imageForm = () => {
  const f = new FormData();
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  f.append('file', new File([png], 'anh.png', { type: 'image/png' }));
  return f;
};

/** An issued plan of the ministry sent to the target unit. */
async function makePlanSentTo(c: Ctx, t: Target): Promise<number> {
  const p = await createPlan(systemActor, { unitId: c.tree.root.id, title: 'Kế hoạch của Bộ', period: { year: 2026 } });
  await db().query(`update plans set status = 'issued', number = $2, number_year = 2026, issued_on = '2026-01-05' where id = $1`, [p.id, next()]);
  await db().query('insert into plan_recipients (plan_id, unit_id) values ($1, $2)', [p.id, c.unit(t)]);
  return p.id;
}

/** A late deadline of the target unit (two days past due), for chasing. */
async function makeLateDeadline(c: Ctx, t: Target): Promise<number> {
  const id = await makeDeadline(c, t);
  await db().query(`update obligation_deadlines set due_at = now() - interval '2 days', due_date = (now() - interval '2 days')::date where id = $1`, [id]);
  return id;
}

/** An emulation scheme of the target unit ranking schools. */
async function makeScheme(c: Ctx, t: Target): Promise<number> {
  const r = await db().query(
    `insert into emulation_schemes (unit_id, unit_type, title, period_kind, starts_on, ends_on) values ($1, 'school', 'Thi đua thử', 'custom', '2026-01-01', '2026-03-31') returning id`,
    [c.unit(t)],
  );
  await db().query(`insert into emulation_criteria (scheme_id, position, label, metric, weight, target) values ($1, 1, 'Tin bài', 'articles_published', 10, 5)`, [r.rows[0].id]);
  return Number(r.rows[0].id);
}

/** A deadline of the target unit under a plan of that unit. */
async function makeDeadline(c: Ctx, t: Target): Promise<number> {
  const p = await createPlan(systemActor, {
    unitId: c.unit(t),
    title: 'Kế hoạch có hạn',
    period: { year: 2026 },
    obligations: [{ what: 'Báo cáo quý', recurrence: 'quarterly' }],
  });
  const r = await db().query(
    `insert into obligation_deadlines (obligation_id, unit_id, label, due_date, due_at) values ($1, $2, 'Quý I', '2026-03-31', now()) returning id`,
    [p.obligations[0].id, c.unit(t)],
  );
  return r.rows[0].id;
}

async function makeRun(c: Ctx, t: Target): Promise<string> {
  const code = await c.code(c.unit(t));
  const run = await createImportRun(
    systemActor,
    'units',
    Buffer.from(`code,name,type,parent,aliases\nPMR-${next()},Trường,trường,${code},\n`),
    'x.csv',
    c.unit(t),
    () => true,
  );
  return run.id;
}

/** A line to take of the target unit written by somebody else, in the wanted state. */
async function makeNotice(c: Ctx, t: Target, status: 'draft' | 'approved' | 'sent'): Promise<number> {
  const author = await c.person(t);
  const n = await createNotice({ userId: author }, { unitId: c.unit(t), kind: 'line_to_take', title: `Định hướng thông tin thử ${next()}`, isPublic: true });
  if (status !== 'draft') await db().query(`update notices set status = 'approved' where id = $1`, [n.id]);
  if (status === 'sent') await sendNotice(systemActor, n.id);
  return n.id;
}

const send = (client: TestClient, r: Req) => client.request(r.method, r.path, r.body);

type Route = { key: string; access: string };
let routes: Route[] = [];

describe('permission matrix', () => {
  beforeAll(async () => {
    const res = await createApp().request('/api/openapi.json');
    const doc = (await res.json()) as { paths: Record<string, Record<string, Record<string, unknown>>> };
    routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, access: op['x-loa-access'] as string })),
    );
  });

  it('covers every route in the OpenAPI document, each with a declared access rule', () => {
    expect(routes.length).toBeGreaterThan(20);
    for (const r of routes) {
      expect(r.access, `${r.key} has no x-loa-access`).toBeTruthy();
      expect(cases[r.key], `${r.key} has no case in the permission matrix`).toBeDefined();
      if (!['public', 'session'].includes(r.access)) expect(expectedRoles[r.access], `${r.key}: ${r.access}`).toBeDefined();
    }
  });

  it('refuses anonymous callers on every non-public route, and never 403s a public one', async () => {
    const tree = await makeTree();
    const ctx = makeCtx(tree, {});
    for (const r of routes) {
      const res = await send(makeClient(), await cases[r.key].make(ctx, 'own'));
      if (r.access === 'public') expect([403, 500], `${r.key} → ${res.status}`).not.toContain(res.status);
      else expect(res.status, r.key).toBe(401);
    }
  });

  it('lets every signed-in role use the session routes', async () => {
    const tree = await makeTree();
    for (const role of allRoles) {
      const p = await makePerson({ unitId: tree.dept.id, roles: [role] });
      const c = makeClient();
      await c.login(p.email);
      for (const r of routes.filter((x) => x.access === 'session')) {
        const res = await send(c, await cases[r.key].make(makeCtx(tree, {}), 'own'));
        expect([401, 403], `${role} ${r.key} → ${res.status}`).not.toContain(res.status);
      }
    }
  });

  // One test per route: each gets its own time budget, and a failure names its route.
  let checked = 0;
  describe('allows exactly the expected role × target combinations on every scoped route', () => {
    for (const key of Object.keys(cases)) {
      it(key, async () => {
        const r = routes.find((x) => x.key === key);
        expect(r, `${key} has a case but no route in the OpenAPI document`).toBeDefined();
        if (!r || ['public', 'session'].includes(r.access)) return;
        // a fresh tree per route, so one route's changes cannot affect another's answers
        const failures: string[] = [];
        const tree = await makeTree();
        const people: Partial<Record<Target, number>> = {};
        const ctx = makeCtx(tree, people);
        const clients = new Map<Role, TestClient>();
        for (const role of allRoles) {
          const p = await makePerson({ unitId: tree.dept.id, roles: [role] });
          const c = makeClient();
          await c.login(p.email);
          clients.set(role, c);
        }
        const targets: Target[] = cases[r.key].unscoped ? ['own'] : ['outside', 'sub', 'own'];
        for (const role of allRoles) {
          for (const target of targets) {
            const isAllowed =
              (cases[r.key].roles ?? expectedRoles[r.access]).includes(role) &&
              (cases[r.key].unscoped || target === 'own' || (target === 'sub' && reachesSubtree(role)));
            const res = await send(clients.get(role) as TestClient, await cases[r.key].make(ctx, target));
            checked++;
            const isRefused = res.status === 403;
            if (res.status === 401 || res.status >= 500 || isRefused === isAllowed) {
              failures.push(`${r.key} as ${role} on ${target}: ${res.status} (expected ${isAllowed ? 'allowed' : '403'}) ${res.text.slice(0, 120)}`);
            }
          }
        }
        expect(failures).toEqual([]);
      }, 60_000);
    }
  });

  it('checked every scoped route against every role and target', () => {
    expect(checked).toBeGreaterThan(300);
  });
});

function makeCtx(tree: Tree, people: Partial<Record<Target, number>>): Ctx {
  const unit = (t: Target) => (t === 'own' ? tree.dept.id : t === 'sub' ? tree.school.id : tree.otherSchool.id);
  return {
    tree,
    unit,
    person: async (t) => {
      people[t] ??= (await makePerson({ unitId: unit(t), name: 'Người đích' })).id;
      return people[t] as number;
    },
    code: async (id) => (await db().query('select code from units where id = $1', [id])).rows[0].code,
  };
}
