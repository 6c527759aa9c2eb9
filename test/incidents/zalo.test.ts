import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import '../../src/jobs';
import { systemActor } from '../../src/modules/audit';
import { createTarget } from '../../src/modules/distribution/targets.service';
import { openIncident, saveFastReport, sendFastReport, sweepIncidents } from '../../src/modules/incidents';
import { queueZaloMessage, sweepZaloOutbox } from '../../src/modules/notices';
import { advanceClock, resetClock, setClock } from '../../src/platform/clock';
import { loadConfig, setConfig } from '../../src/platform/config';
import { db } from '../../src/platform/db';
import { startJobs, stopJobs } from '../../src/platform/jobs';
import { useTestDatabase } from '../support/db';
import { makePerson, makeTree } from '../support/factories';
import { type ZaloServer, startZaloServer } from '../support/zalo-server';

/**
 * Incidents' Zalo OA messages (issue 7): escalations, overdue clocks and fast
 * reports reach the told unit's people who set a Zalo id on the notices page,
 * through the notices module's Zalo outbox — once each, retried on a retryable
 * failure — via the loopback Zalo OA server used by the notices tests.
 */
const state = useTestDatabase();
const ZALO_TOKEN = 'zalo-oa-access-token-su-co-0001';
let zalo: ZaloServer;
beforeAll(async () => {
  zalo = await startZaloServer({ token: ZALO_TOKEN });
  setConfig(
    loadConfig({
      DATABASE_URL: state.url,
      LOA_LOG_LEVEL: 'warn',
      LOA_DATA_DIR: `/tmp/loa-test-data-${process.pid}`,
      LOA_PUBLIC_URL: 'https://loa.thu.vn',
      LOA_SECRET_KEY: 'b'.repeat(64),
      LOA_DELIVERY_TIMEOUT_SECONDS: '2',
      LOA_ZALO_API_URL: zalo.url,
    } as NodeJS.ProcessEnv),
  );
  await startJobs({ connectionString: state.url, isWorker: false });
});
afterAll(async () => {
  await stopJobs();
  await zalo.close();
});
afterEach(() => resetClock());

const H = 3600_000;
const T0 = new Date('2026-03-02T01:00:00Z');

async function outbox() {
  return (await db().query('select source_key as key, user_id as "userId", zalo_status as status, zalo_attempts as attempts from notice_zalo_outbox order by id')).rows;
}

describe('incident notifications by Zalo OA', () => {
  it('escalation and overdue clocks reach people with a Zalo id through the nearest OA, once each; the others are skipped', async () => {
    setClock(T0);
    const t = await makeTree();
    const principal = await makePerson({ unitId: t.school.id, roles: ['leader'], name: 'Hiệu trưởng Zalo' });
    const communeFocal = await makePerson({ unitId: t.commune.id, roles: ['focal_point'], name: 'Cán bộ xã Zalo' });
    const communeLeader = await makePerson({ unitId: t.commune.id, roles: ['leader'], name: 'Chủ tịch xã (chưa có Zalo)' });
    const deptLeader = await makePerson({ unitId: t.dept.id, roles: ['leader'], name: 'Lãnh đạo Sở Zalo' });
    // the Sở's OA serves the commune (no OA of its own) and the Sở
    await createTarget(systemActor, { unitId: t.dept.id, kind: 'zalo_oa', name: 'Zalo OA Sở GDĐT', externalId: '5566778899', token: ZALO_TOKEN });
    await db().query(`insert into notice_zalo_ids (user_id, zalo_user_id) values ($1, 'zl-xa'), ($2, 'zl-so')`, [communeFocal.id, deptLeader.id]);

    const i = await openIncident({ userId: principal.id }, { unitId: t.school.id, title: 'Phụ huynh phản ánh bếp ăn bán trú', severity: 2, detectedAt: T0 });
    const r1 = await sweepIncidents();
    expect(r1.zalo).toEqual({ sent: 1, skipped: 1, failed: 0 });
    expect(zalo.messages.map((m) => m.userId)).toEqual(['zl-xa']);
    expect(zalo.messages[0].text).toContain('Sự cố tại Trường THCS Thử: Phụ huynh phản ánh bếp ăn bán trú');
    expect(zalo.messages[0].text).toContain(`https://loa.thu.vn/admin/su-co/${i.id}`);
    expect((await outbox()).map((x) => [Number(x.userId), x.status])).toEqual([[communeFocal.id, 'sent'], [communeLeader.id, 'skipped']]);

    // a repeat sweep sends nothing more
    expect((await sweepIncidents()).zalo).toEqual({ sent: 0, skipped: 0, failed: 0 });

    // 25 h: the first statement is overdue → the Sở is told; Zalo rate-limits once (-32), the next sweep delivers
    advanceClock(25 * H);
    zalo.fail('message', 'rate');
    const r2 = await sweepIncidents();
    expect(r2.zalo.sent).toBe(0);
    const open = (await outbox()).find((x) => Number(x.userId) === deptLeader.id);
    expect(open).toMatchObject({ status: null, attempts: 1 });
    const r3 = await sweepIncidents();
    expect(r3.zalo.sent).toBe(1);
    expect(zalo.messages.at(-1)).toMatchObject({ userId: 'zl-so' });
    expect(zalo.messages.at(-1)?.text).toContain('Quá hạn phát ngôn đầu tiên');
    expect((await outbox()).find((x) => Number(x.userId) === deptLeader.id)).toMatchObject({ status: 'sent', attempts: 2 });

    // the fast report sent up: the commune and the Sở (already told) each get it, once
    await saveFastReport({ userId: principal.id }, i.id, { what: 'Ba học sinh đau bụng sau bữa trưa.', actions: 'Đưa đi khám, niêm phong mẫu thức ăn.' });
    await sendFastReport({ userId: principal.id }, i.id);
    await sweepIncidents();
    await sweepIncidents();
    const texts = zalo.messages.map((m) => `${m.userId}|${m.text.split('\n')[0]}`);
    expect(texts.filter((x) => x.includes('Báo cáo nhanh số 1')).sort()).toEqual([
      'zl-so|Báo cáo nhanh số 1 của Trường THCS Thử: Phụ huynh phản ánh bếp ăn bán trú',
      'zl-xa|Báo cáo nhanh số 1 của Trường THCS Thử: Phụ huynh phản ánh bếp ăn bán trú',
    ]);
    const keys = (await outbox()).map((x) => x.key as string);
    expect(new Set(keys).size).toBe(keys.length);
    expect(zalo.calls('broadcast')).toHaveLength(0); // one-to-one, never a broadcast to the OA's followers
  });

  it('without any OA up the tree, messages are closed as no_oa; an id set later does not resend old rows', async () => {
    setClock(T0);
    const t = await makeTree();
    const principal = await makePerson({ unitId: t.otherSchool.id, roles: ['leader'] });
    const deptLeader = await makePerson({ unitId: t.otherDept.id, roles: ['leader'] });
    await db().query(`insert into notice_zalo_ids (user_id, zalo_user_id) values ($1, 'zl-khac')`, [deptLeader.id]);
    const before = zalo.messages.length;
    await openIncident({ userId: principal.id }, { unitId: t.otherSchool.id, title: 'Tin đồn sai về học phí', severity: 2, detectedAt: T0 });
    await sweepIncidents();
    const rows = (await db().query('select zalo_status as s from notice_zalo_outbox where user_id = $1', [deptLeader.id])).rows;
    expect(rows).toEqual([{ s: 'no_oa' }]);
    expect(zalo.messages.length).toBe(before);
  });
  it('a claimed message is leased: overlapping sweeps send it once; an expired lease is claimed again', async () => {
    setClock(T0);
    const t = await makeTree();
    const p = await makePerson({ unitId: t.dept.id, roles: ['leader'] });
    await createTarget(systemActor, { unitId: t.dept.id, kind: 'zalo_oa', name: 'Zalo OA Sở (thuê)', externalId: '5566770001', token: ZALO_TOKEN });
    await db().query(`insert into notice_zalo_ids (user_id, zalo_user_id) values ($1, 'zl-thue')`, [p.id]);
    const sentTo = () => zalo.messages.filter((m) => m.userId === 'zl-thue').length;
    await queueZaloMessage(db(), { sourceKey: `lease-test:${p.id}:1`, userId: p.id, unitId: t.dept.id, text: 'Tin thử lần một' });
    const [a, b] = await Promise.all([sweepZaloOutbox(), sweepZaloOutbox()]);
    expect(a.sent + b.sent).toBe(1);
    expect(sentTo()).toBe(1);
    // a row leased by a sweep that is still sending (or died) is left alone until the lease ends
    await queueZaloMessage(db(), { sourceKey: `lease-test:${p.id}:2`, userId: p.id, unitId: t.dept.id, text: 'Tin thử lần hai' });
    await db().query(`update notice_zalo_outbox set lease_until = $2 where source_key = $1`, [`lease-test:${p.id}:2`, new Date(T0.getTime() + 60_000)]);
    expect((await sweepZaloOutbox()).sent).toBe(0);
    expect(sentTo()).toBe(1);
    advanceClock(3 * 60_000);
    expect((await sweepZaloOutbox()).sent).toBe(1);
    expect(sentTo()).toBe(2);
  });
});
