import { afterEach, describe, expect, it } from 'vitest';
import { addHotlineNote, createConsultation, publishResponse } from '../../src/modules/feedback';
import { AppError } from '../../src/platform/errors';
import { now, resetClock } from '../../src/platform/clock';
import { db } from '../../src/platform/db';
import { useTestDatabase } from '../support/db';
import { makePerson, makeTree } from '../support/factories';
import { makeClient } from '../support/http';
import { DRAFT_TEXT, openConsultation } from './helpers';

/**
 * Staff recording a hotline call may attach it to a consultation of the chosen unit's subtree
 * (open, or closed and not yet answered) and to one of its paragraphs. Bad input is refused with
 * a code and a Vietnamese message, and nothing is written.
 */
useTestDatabase();
afterEach(() => resetClock());

const DAY = 86_400_000;
const counts = async () => {
  const r = await db().query(`select (select count(*) from feedback_items)::int as items, (select count(*) from audit_log where action like 'feedback.%')::int as audits`);
  return r.rows[0] as { items: number; audits: number };
};

describe('hotline notes attached to a consultation', () => {
  it('validates consultation, scope, state and paragraph through the API, writing nothing on bad input', async () => {
    const t = await makeTree();
    const staff = await makePerson({ unitId: t.dept.id, roles: ['focal_point'] });
    const ofSchool = await openConsultation(t.school.id, null, 'Dự thảo Nội quy nhà trường năm học 2026–2027');
    const another = await openConsultation(t.school.id, null, 'Dự thảo Quy định về đồng phục học sinh');
    const ofDept = await openConsultation(t.dept.id, null, 'Dự thảo Kế hoạch tuyển sinh lớp 10');
    const outside = await openConsultation(t.otherSchool.id, null, 'Dự thảo Quy chế thi đua của trường khác');
    const at = now().getTime();
    const draft = await createConsultation({ userId: null, ip: null }, {
      unitId: t.school.id, title: 'Dự thảo Quy chế chưa mở lấy ý kiến', text: DRAFT_TEXT, opensAt: new Date(at + 2 * DAY), closesAt: new Date(at + 12 * DAY),
    });
    const closed = await createConsultation({ userId: null, ip: null }, {
      unitId: t.school.id, title: 'Dự thảo Quy chế vừa hết hạn góp ý', text: DRAFT_TEXT, opensAt: new Date(at - 20 * DAY), closesAt: new Date(at - 2 * DAY),
    });
    const answered = await createConsultation({ userId: null, ip: null }, {
      unitId: t.school.id, title: 'Dự thảo Quy chế đã trả lời', text: DRAFT_TEXT, opensAt: new Date(at - 40 * DAY), closesAt: new Date(at - 30 * DAY),
    });
    await publishResponse({ userId: null, ip: null }, answered.id, 'Nhà trường đã tiếp thu ý kiến về giờ sử dụng điện thoại và sửa Điều 2.');

    const api = makeClient();
    expect((await api.login(staff.email)).status).toBe(200);
    const body = 'Phụ huynh gọi điện đề nghị cho học sinh dùng điện thoại để liên lạc khi tan học muộn.';

    // the good path: the Sở's focal point attaches a call to a school's draft and its Điều 2
    const para = ofSchool.paragraphs.find((p) => p.label === 'Điều 2')!;
    const ok = await api.post('/api/feedback/hotline', { unitId: t.dept.id, consultationId: ofSchool.id, paragraphId: para.id, stance: 'partly', body, name: 'Hoàng Văn Nam', phone: '0913 222 333', consent: true });
    expect(ok.status, ok.text).toBe(201);
    expect(ok.json).toMatchObject({ unitId: t.school.id, consultationId: ofSchool.id, paragraphId: para.id, paragraphLabel: 'Điều 2', channel: 'hotline', stance: 'partly', visibility: 'private' });
    // it is listed with the consultation's comments
    const listed = await api.get(`/api/feedback/consultations/${ofSchool.id}/items`);
    expect(listed.json.items.map((x: { id: number }) => x.id)).toContain(ok.json.id);
    // the whole draft (no paragraph) and a closed, unanswered draft are fine too
    expect((await api.post('/api/feedback/hotline', { unitId: t.school.id, consultationId: ofSchool.id, body })).status).toBe(201);
    const late = await api.post('/api/feedback/hotline', { unitId: t.dept.id, consultationId: closed.id, paragraphId: closed.paragraphs[0].id, body });
    expect(late.status, late.text).toBe(201);

    const before = await counts();
    const refuse = async (input: Record<string, unknown>, status: number, code: string, message?: string) => {
      const r = await api.post('/api/feedback/hotline', { body, ...input });
      expect(r.status, r.text).toBe(status);
      expect(r.json.error.code).toBe(code);
      if (message) expect(r.json.error.message).toBe(message);
    };
    // a paragraph of another consultation
    await refuse({ unitId: t.dept.id, consultationId: ofSchool.id, paragraphId: another.paragraphs[1].id }, 400, 'feedback.bad_paragraph', 'Điều, đoạn được chọn không thuộc dự thảo này.');
    // a paragraph without a consultation
    await refuse({ unitId: t.school.id, paragraphId: para.id }, 400, 'feedback.paragraph_needs_consultation', 'Chỉ chọn điều, đoạn khi ý kiến gắn với một dự thảo.');
    // the Sở's own draft while the chosen unit is the school: not in the chosen unit's subtree
    await refuse({ unitId: t.school.id, consultationId: ofDept.id }, 400, 'feedback.consultation_other_unit', 'Dự thảo được chọn không thuộc đơn vị này hoặc các đơn vị cấp dưới.');
    // a consultation outside the caller's scope, whatever unit is given
    await refuse({ unitId: t.dept.id, consultationId: outside.id }, 403, 'forbidden');
    await refuse({ unitId: t.otherSchool.id, consultationId: outside.id }, 403, 'forbidden');
    // not yet open, or already answered
    await refuse({ unitId: t.dept.id, consultationId: draft.id }, 409, 'feedback.hotline_consultation_state', 'Chỉ gắn ý kiến với dự thảo đang lấy ý kiến hoặc đã hết hạn nhưng chưa công bố kết quả tiếp thu.');
    await refuse({ unitId: t.dept.id, consultationId: answered.id }, 409, 'feedback.hotline_consultation_state');
    // unknown consultation
    await refuse({ unitId: t.dept.id, consultationId: 987_654 }, 404, 'feedback.not_found');
    expect(await counts()).toEqual(before);
  });

  it('refuses the same bad input in the service (seeds and jobs call it directly)', async () => {
    const t = await makeTree();
    const c = await openConsultation(t.school.id);
    const other = await openConsultation(t.school.id, null, 'Dự thảo Nội quy thư viện');
    const before = await counts();
    const codeOf = async (p: Promise<unknown>) => {
      try {
        await p;
        return 'ok';
      } catch (err) {
        return err instanceof AppError ? err.code : String(err);
      }
    };
    const actor = { userId: null, ip: null };
    const body = 'Người gọi hỏi về thời hạn góp ý cho dự thảo.';
    expect(await codeOf(addHotlineNote(actor, { unitId: t.school.id, consultationId: c.id, paragraphId: other.paragraphs[0].id, body }))).toBe('feedback.bad_paragraph');
    expect(await codeOf(addHotlineNote(actor, { unitId: t.school.id, paragraphId: c.paragraphs[0].id, body }))).toBe('feedback.paragraph_needs_consultation');
    expect(await codeOf(addHotlineNote(actor, { unitId: t.otherSchool.id, consultationId: c.id, body }))).toBe('feedback.consultation_other_unit');
    expect(await counts()).toEqual(before);
    // from an ancestor unit (the commune) it is filed under the consultation's school
    const { id } = await addHotlineNote(actor, { unitId: t.commune.id, consultationId: c.id, paragraphId: c.paragraphs[2].id, stance: 'agree', body });
    const row = (await db().query('select unit_id, consultation_id, paragraph_id, channel from feedback_items where id = $1', [id])).rows[0];
    expect({ unit: Number(row.unit_id), consultation: Number(row.consultation_id), paragraph: Number(row.paragraph_id), channel: row.channel }).toEqual({
      unit: t.school.id, consultation: c.id, paragraph: c.paragraphs[2].id, channel: 'hotline',
    });
  });
});
