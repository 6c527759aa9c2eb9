import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../src/jobs';
import { createApp } from '../../src/http/app';
import { createImportRun } from '../../src/modules/org';
import { assignRole } from '../../src/modules/org';
import { systemActor } from '../../src/modules/audit';
import { createPlan } from '../../src/modules/plans';
import { db } from '../../src/platform/db';
import { startJobs, stopJobs } from '../../src/platform/jobs';
import { useTestDatabase } from '../support/db';
import { TEST_PASSWORD, makePerson, makeTree } from '../support/factories';
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
};

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

async function makeMedia(c: Ctx, t: Target): Promise<number> {
  const key = 'a'.repeat(64);
  const v = { key, width: 10, height: 10 };
  const r = await db().query(
    `insert into media (unit_id, file_name, mime, size, variants) values ($1, 'anh.jpg', 'image/jpeg', 10, $2) returning id`,
    [c.unit(t), JSON.stringify({ large: v, medium: v, small: v })],
  );
  return r.rows[0].id;
}

async function makeConsent(c: Ctx, t: Target): Promise<number> {
  const r = await db().query(
    `insert into consents (unit_id, subject_name, birth_date, guardian_name, guardian_consented_on) values ($1, 'Lê Gia Hân', '2021-01-01', 'Lê Văn Tâm', '2025-09-01') returning id`,
    [c.unit(t)],
  );
  return r.rows[0].id;
}

// A 1×1 PNG.
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

  it('allows exactly the expected role × target combinations on every scoped route', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const r of routes.filter((x) => !['public', 'session'].includes(x.access))) {
      // a fresh tree per route, so one route's changes cannot affect another's answers
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
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(300);
  }, 180_000);
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
