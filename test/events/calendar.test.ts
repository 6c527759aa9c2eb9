import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../src/jobs';
import { buildCalendar, createEvent, escapeText, foldLine, inviteToEvent } from '../../src/modules/events';
import { db } from '../../src/platform/db';
import { startJobs, stopJobs } from '../../src/platform/jobs';
import { useTestDatabase } from '../support/db';
import { makePerson, makeTree } from '../support/factories';
import { makeClient } from '../support/http';

const state = useTestDatabase();
beforeAll(async () => {
  await startJobs({ connectionString: state.url, isWorker: false });
});
afterAll(async () => {
  await stopJobs();
});

/** Undoes RFC 5545 folding: a CRLF followed by one space or tab disappears. */
const unfold = (s: string) => s.replace(/\r\n[ \t]/g, '');
const octets = (s: string) => Buffer.byteLength(s, 'utf8');

describe('iCalendar writing', () => {
  it('escapes backslash, semicolon, comma and every kind of newline', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
    expect(escapeText('Hội nghị: "tổng kết"\t năm')).toBe('Hội nghị: "tổng kết"\t năm');
    expect(escapeText('x\u0007y')).toBe('xy');
  });

  it('leaves short lines alone and folds long ones at 75 octets, continuation lines starting with a space', () => {
    expect(foldLine('SUMMARY:ngắn')).toBe('SUMMARY:ngắn');
    const line = `DESCRIPTION:${'a'.repeat(200)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(2);
    expect(octets(parts[0])).toBe(75);
    for (const p of parts.slice(1)) {
      expect(p.startsWith(' ')).toBe(true);
      expect(octets(p)).toBeLessThanOrEqual(75);
    }
    expect(unfold(folded)).toBe(line);
  });

  it('never splits a multi-byte UTF-8 character, whatever the offset (Vietnamese, 2- and 3-byte, and a 4-byte emoji)', () => {
    const text = 'Tập huấn kỹ năng viết tin bài, ảnh đẹp cho trường học — ưu tiên các trường vùng khó khăn 🎓 Điện Biên, Hà Giang';
    for (let pad = 0; pad < 8; pad++) {
      const line = `SUMMARY:${'x'.repeat(pad)}${text}${text}`;
      const folded = foldLine(line);
      for (const p of folded.split('\r\n')) {
        expect(octets(p)).toBeLessThanOrEqual(75);
        // each physical line is valid UTF-8 by itself: no replacement characters after a round trip
        expect(Buffer.from(p, 'utf8').toString('utf8')).toBe(p);
        expect(p).not.toMatch(/[\uD800-\uDBFF]$/);
      }
      expect(unfold(folded)).toBe(line);
      // octet-level check too: the cut never falls inside a sequence (no continuation byte 10xxxxxx after CRLF + space)
      const bytes = Buffer.from(folded, 'utf8');
      for (let i = 0; i + 3 < bytes.length; i++) {
        if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) expect(bytes[i + 3] & 0xc0).not.toBe(0x80);
      }
    }
  });

  it('folds a line whose 75th octet falls in the middle of a 3-byte character', () => {
    // 73 ASCII octets + "ệ" (3 bytes: octets 74-76) → the character must move to the next line
    const line = `${'A'.repeat(73)}ệB`;
    const [first, second] = foldLine(line).split('\r\n');
    expect(first).toBe('A'.repeat(73));
    expect(second).toBe(' ệB');
  });

  it('writes a calendar with CRLF everywhere, UTC times, a stable UID and cancelled events marked', () => {
    const ev = { id: 42, kind: 'training' as const, title: 'Tập huấn; viết tin, bài', description: 'Dòng 1\nDòng 2', startsAt: '2026-12-01T01:30:00.000Z', endsAt: '2026-12-01T09:00:00Z', place: 'Hội trường Sở', status: 'planned' as const, version: 3 };
    const ics = buildCalendar([ev, { ...ev, id: 43, status: 'cancelled' as const, endsAt: null }], { host: 'loa.example.vn', baseUrl: 'https://loa.example.vn', stamp: new Date('2026-11-20T00:00:00Z'), name: 'Lịch' });
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const u = unfold(ics);
    expect(u).toContain('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n');
    expect(u).toContain('UID:loa-event-42@loa.example.vn\r\n');
    expect(u).toContain('DTSTAMP:20261120T000000Z\r\n');
    expect(u).toContain('DTSTART:20261201T013000Z\r\nDTEND:20261201T090000Z\r\n');
    expect(u).toContain('SUMMARY:Tập huấn: Tập huấn\\; viết tin\\, bài\r\n');
    expect(u).toContain('Dòng 1\\nDòng 2');
    expect(u).toContain('SEQUENCE:2\r\n');
    expect(u).toMatch(/UID:loa-event-43@loa\.example\.vn\r\nDTSTAMP:\d{8}T\d{6}Z\r\nDTSTART:20261201T013000Z\r\nSUMMARY/); // no DTEND when the end is unknown
    expect(u).toContain('STATUS:CANCELLED');
    for (const line of ics.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
  });
});

describe('calendar export over HTTP', () => {
  it('downloads one event as .ics for a reader, refuses an outsider', async () => {
    const t = await makeTree();
    const officer = await makePerson({ unitId: t.dept.id, roles: ['focal_point'] });
    const outsider = await makePerson({ unitId: t.otherDept.id, roles: ['leader'] });
    const e = await createEvent({ userId: officer.id }, { unitId: t.dept.id, kind: 'conference', title: 'Hội nghị tổng kết công tác truyền thông năm học 2025–2026', startsAt: '2026-12-05T01:00:00Z', place: 'Hội trường A, Sở GDĐT' });
    const c = makeClient();
    await c.login(officer.email);
    const r = await c.get(`/api/events/${e.id}/ics`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(r.headers.get('content-disposition')).toContain(`su-kien-${e.id}.ics`);
    expect(unfold(r.text)).toContain('SUMMARY:Hội nghị: Hội nghị tổng kết công tác truyền thông năm học 2025–2026');
    expect(unfold(r.text)).toContain('LOCATION:Hội trường A\\, Sở GDĐT');
    const o = makeClient();
    await o.login(outsider.email);
    expect((await o.get(`/api/events/${e.id}/ics`)).status).toBe(403);
    expect((await makeClient().get(`/api/events/${e.id}/ics`)).status).toBe(401);
  });

  it('serves a secret-token feed without a session, scoped like its owner; regenerate and revoke kill the old link; audited', async () => {
    const t = await makeTree();
    const officer = await makePerson({ unitId: t.dept.id, roles: ['focal_point'] });
    const other = await makePerson({ unitId: t.otherDept.id, roles: ['focal_point'] });
    const mine = await createEvent({ userId: officer.id }, { unitId: t.dept.id, kind: 'training', title: 'Tập huấn viết tin cho cộng tác viên', startsAt: new Date(Date.now() + 5 * 86_400_000).toISOString() });
    const schoolEvent = await createEvent({ userId: officer.id }, { unitId: t.school.id, kind: 'contest', title: 'Hội thi ảnh đẹp trường học', startsAt: new Date(Date.now() + 9 * 86_400_000).toISOString() });
    const foreign = await createEvent({ userId: other.id }, { unitId: t.otherDept.id, kind: 'conference', title: 'Hội nghị của tỉnh Khác', startsAt: new Date(Date.now() + 5 * 86_400_000).toISOString() });

    const c = makeClient();
    await c.login(officer.email);
    expect((await c.get('/api/events/calendar-feed')).json).toMatchObject({ isActive: false });
    const made = await c.post('/api/events/calendar-feed', {});
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({ isActive: true, unitId: t.dept.id });
    const url = new URL(made.json.url as string);
    expect(url.pathname).toMatch(/^\/api\/events\/calendar-feed\/[A-Za-z0-9_-]{43}\.ics$/);
    // only the hash is stored
    const stored = (await db().query('select token_hash from event_feed_tokens where user_id = $1', [officer.id])).rows[0].token_hash as string;
    expect(url.pathname).not.toContain(stored);
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    // status never shows the secret
    expect(JSON.stringify((await c.get('/api/events/calendar-feed')).json)).not.toContain(made.json.token);

    const anon = makeClient();
    const feed = await anon.get(url.pathname);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const body = unfold(feed.text);
    expect(body).toContain(`UID:loa-event-${mine.id}@`);
    expect(body).toContain(`UID:loa-event-${schoolEvent.id}@`);
    expect(body).not.toContain(`loa-event-${foreign.id}@`);
    expect(body).not.toContain('tỉnh Khác');
    // the same path without ".ics" works too
    expect((await anon.get(url.pathname.replace(/\.ics$/, ''))).status).toBe(200);
    // a wrong token
    expect((await anon.get(`/api/events/calendar-feed/${'A'.repeat(43)}.ics`)).status).toBe(404);

    // a unit the person does not read cannot be chosen
    expect((await c.post('/api/events/calendar-feed', { unitId: t.otherDept.id })).status).toBe(403);

    // regenerate: the old link stops working, the new one works
    const again = await c.post('/api/events/calendar-feed', { unitId: t.school.id });
    expect(again.status).toBe(201);
    expect((await anon.get(url.pathname)).status).toBe(404);
    const url2 = new URL(again.json.url as string).pathname;
    const feed2 = unfold((await anon.get(url2)).text);
    expect(feed2).toContain(`loa-event-${schoolEvent.id}@`);
    expect(feed2).not.toContain(`loa-event-${mine.id}@`);

    // losing the role: the feed stops at once
    await db().query('update role_assignments set unit_id = $2 where user_id = $1', [officer.id, t.otherSchool.id]);
    expect((await anon.get(url2)).status).toBe(404);
    await db().query('update role_assignments set unit_id = $2 where user_id = $1', [officer.id, t.dept.id]);
    expect((await anon.get(url2)).status).toBe(200);

    // revoke
    const del = await c.del('/api/events/calendar-feed');
    expect(del.status).toBe(200);
    expect(del.json).toMatchObject({ isActive: false });
    expect((await anon.get(url2)).status).toBe(404);
    expect((await c.del('/api/events/calendar-feed')).status).toBe(404);

    const audit = await db().query(`select action from audit_log where entity = 'event_feed_token' and actor_id = $1 order by id`, [officer.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['event.feed_token_create', 'event.feed_token_regenerate', 'event.feed_token_revoke']);
    expect(JSON.stringify((await db().query('select before, after from audit_log where entity = $1', ['event_feed_token'])).rows)).not.toContain(made.json.token);
  });

  it("an own-unit role (contributor) sees in the feed only what its unit organises or is invited to, as on the page", async () => {
    const t = await makeTree();
    const officer = await makePerson({ unitId: t.dept.id, roles: ['focal_point'] });
    const contributor = await makePerson({ unitId: t.dept.id, roles: ['contributor'] });
    const own = await createEvent({ userId: officer.id }, { unitId: t.dept.id, kind: 'training', title: 'Tập huấn của Sở', startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString() });
    const below = await createEvent({ userId: officer.id }, { unitId: t.school.id, kind: 'other', title: 'Ngày hội đọc sách của trường', startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString() });
    await inviteToEvent({ userId: officer.id }, own.id, { unitIds: [t.school.id] }, { isNotifying: false });
    const c = makeClient();
    await c.login(contributor.email);
    const made = await c.post('/api/events/calendar-feed', {});
    expect(made.status).toBe(201);
    const body = unfold((await makeClient().get(new URL(made.json.url).pathname)).text);
    expect(body).toContain(`loa-event-${own.id}@`);
    expect(body).not.toContain(`loa-event-${below.id}@`);
  });
});
