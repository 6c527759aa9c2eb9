import { systemActor } from '../../src/modules/audit';
import { createTarget } from '../../src/modules/distribution/targets.service';
import { createArticle, moveArticle } from '../../src/modules/newsroom';
import { loadConfig, setConfig } from '../../src/platform/config';
import { db } from '../../src/platform/db';
import { makePerson, makeTree } from '../support/factories';

export const TEST_SECRET = 'a1'.repeat(32);

/** Settings for a distribution test: public URL, secret key, fixture base URLs, a short lease and timeout. */
export function configure(databaseUrl: string, extra: Record<string, string> = {}) {
  setConfig(
    loadConfig({
      DATABASE_URL: databaseUrl,
      LOA_LOG_LEVEL: 'warn',
      LOA_DATA_DIR: `/tmp/loa-test-data-${process.pid}`,
      LOA_PUBLIC_URL: 'https://loa.thu.vn',
      LOA_SECRET_KEY: TEST_SECRET,
      LOA_DELIVERY_TIMEOUT_SECONDS: '1',
      LOA_DELIVERY_LEASE_SECONDS: '60',
      LOA_DELIVERY_MAX_ATTEMPTS: '4',
      ...extra,
    } as NodeJS.ProcessEnv),
  );
}

/** A school with a contributor and an editor, ready to publish. */
export async function newsroom() {
  const t = await makeTree();
  const writer = await makePerson({ unitId: t.school.id, roles: ['contributor'] });
  const editor = await makePerson({ unitId: t.school.id, roles: ['editor'] });
  return { t, writer, editor };
}

export async function publishArticle(
  unitId: number,
  people: { writer: { id: number }; editor: { id: number } },
  extra: { title?: string; summary?: string; coverMediaId?: number; mediaIds?: number[] } = {},
) {
  const a = await createArticle(
    { userId: people.writer.id },
    {
      unitId,
      title: extra.title ?? 'Trường tổ chức Ngày hội đọc sách 2026',
      summary: extra.summary ?? 'Hơn 600 học sinh tham gia đổi sách, kể chuyện theo sách.',
      bodyHtml: '<p>Sáng nay, nhà trường tổ chức <strong>Ngày hội đọc sách</strong> với nhiều hoạt động.</p>',
      coverMediaId: extra.coverMediaId,
      mediaIds: extra.mediaIds,
    },
  );
  await moveArticle({ userId: people.writer.id }, a.id, { action: 'submit' });
  await moveArticle({ userId: people.editor.id }, a.id, { action: 'approve' });
  return moveArticle({ userId: people.editor.id }, a.id, { action: 'publish' });
}

export function facebookTarget(unitId: number, pageId: string, token: string, extra: Record<string, unknown> = {}) {
  return createTarget(systemActor, { unitId, kind: 'facebook_page', name: 'Trang Facebook của trường', externalId: pageId, token, ...extra });
}

export function zaloTarget(unitId: number, oaId: string, token: string, extra: Record<string, unknown> = {}) {
  return createTarget(systemActor, { unitId, kind: 'zalo_oa', name: 'Zalo OA của trường', externalId: oaId, token, ...extra });
}

export async function deliveryOf(articleId: number, targetId: number) {
  const r = await db().query(
    `select id, status, attempts, next_attempt_at as "nextAttemptAt", lease_until as "leaseUntil", is_uncertain as "isUncertain", marker,
            remote_id as "remoteId", remote_url as "remoteUrl", last_error as "lastError", last_error_code as "lastErrorCode", state
       from deliveries where article_id = $1 and target_id = $2`,
    [articleId, targetId],
  );
  return r.rows[0];
}

export async function photo(unitId: number, key: string): Promise<number> {
  const v = (size: number) => ({ key: `${key}${size}`, width: size, height: size });
  const r = await db().query(
    `insert into media (unit_id, file_name, mime, size, variants) values ($1, 'anh.jpg', 'image/jpeg', 10, $2) returning id`,
    [unitId, JSON.stringify({ large: v(1600), medium: v(800), small: v(400) })],
  );
  return r.rows[0].id;
}
