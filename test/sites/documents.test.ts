import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/audit';
import { createDocument, getDocument, searchDocuments, sniffDocumentType } from '../../src/modules/documents';
import { createPlan, issuePlan, movePlan } from '../../src/modules/plans';
import { db } from '../../src/platform/db';
import { useTestDatabase } from '../support/db';
import { makePerson, makeTree } from '../support/factories';
import { makeClient } from '../support/http';

// a small upload limit, so the size check is cheap to test
useTestDatabase({ LOA_UPLOAD_MAX_MB: '1' });

const pdf = (text = 'van ban') => Buffer.from(`%PDF-1.4\n1 0 obj << >> endobj\n% ${text}\n%%EOF\n`);
const docx = () => Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Quyết định thành lập Ban biên tập')] }] }));
async function xlsx() {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Dự toán').addRow(['Nội dung', 'Số tiền']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const form = (data: Buffer, name: string, type = 'application/octet-stream') => {
  const f = new FormData();
  f.append('file', new File([new Uint8Array(data)], name, { type }));
  return f;
};

async function library() {
  const t = await makeTree();
  const base = { unitId: t.dept.id, issuer: 'Sở GDĐT tỉnh Thử' };
  const a = await createDocument(systemActor, {
    ...base,
    number: '1520',
    symbol: 'QĐ-SGDĐT',
    docType: 'quyet_dinh',
    signer: 'Nguyễn Văn Thành',
    signerTitle: 'Giám đốc',
    issuedOn: '2026-03-10',
    field: 'Tuyển sinh',
    summary: 'Phê duyệt kế hoạch tuyển sinh vào lớp 10 trung học phổ thông năm học 2026-2027',
  });
  const b = await createDocument(systemActor, {
    ...base,
    number: '845',
    symbol: 'SGDĐT-VP',
    docType: 'cong_van',
    issuedOn: '2026-04-02',
    field: 'Chuyển đổi số',
    summary: 'Hướng dẫn triển khai học bạ số ở các trường tiểu học',
  });
  const c = await createDocument(systemActor, {
    unitId: t.dept.id,
    issuer: 'Bộ Giáo dục và Đào tạo',
    number: '09/2024',
    symbol: 'TT-BGDĐT',
    docType: 'thong_tu',
    issuedOn: '2024-06-03',
    effectiveOn: '2024-07-19',
    field: 'Công khai',
    summary: 'Quy định về công khai trong hoạt động của các cơ sở giáo dục thuộc hệ thống giáo dục quốc dân',
  });
  const hidden = await createDocument(systemActor, { ...base, docType: 'bao_cao', summary: 'Báo cáo nội bộ về tuyển sinh', isPublic: false, field: 'Tuyển sinh' });
  const other = await createDocument(systemActor, { unitId: t.otherDept.id, issuer: 'Sở GDĐT tỉnh Khác', docType: 'thong_bao', summary: 'Thông báo tuyển sinh lớp 6', field: 'Tuyển sinh' });
  return { t, a, b, c, hidden, other };
}

describe('documents library search', () => {
  it('finds words with or without diacritics, by number, issuer and field, within the unit', async () => {
    const { t, a, b, c, hidden } = await library();
    const ids = async (opts: Parameters<typeof searchDocuments>[1]) => (await searchDocuments(db(), opts)).items.map((d) => d.id);
    const unit = { unitId: t.dept.id, limit: 20, offset: 0 };
    expect(await ids({ ...unit, text: 'tuyen sinh lop 10' })).toEqual([a.id]);
    expect(await ids({ ...unit, text: 'TUYỂN SINH lớp 10' })).toEqual([a.id]);
    expect(await ids({ ...unit, text: 'hoc ba so' })).toEqual([b.id]);
    // tone placement and NFD input fold alike
    expect(await ids({ ...unit, text: 'Học bạ số'.normalize('NFD') })).toEqual([b.id]);
    expect(await ids({ ...unit, number: '1520/QĐ' })).toEqual([a.id]);
    expect(await ids({ ...unit, number: '1520/qd-sgddt' })).toEqual([a.id]);
    expect(await ids({ ...unit, text: '09/2024' })).toEqual([c.id]);
    expect(await ids({ ...unit, issuer: 'bo giao duc' })).toEqual([c.id]);
    expect(await ids({ ...unit, field: 'chuyen doi so' })).toEqual([b.id]);
    expect(await ids({ ...unit, docType: 'thong_tu' })).toEqual([c.id]);
    expect(await ids({ ...unit, year: 2024 })).toEqual([c.id]);
    // the type's name is searchable too; the hidden one only without isPublicOnly
    expect(await ids({ ...unit, text: 'quyet dinh' })).toEqual([a.id]);
    expect((await ids({ ...unit, field: 'tuyen sinh' })).sort()).toEqual([a.id, hidden.id].sort());
    expect(await ids({ ...unit, field: 'tuyen sinh', isPublicOnly: true })).toEqual([a.id]);
    // the whole tree when asked for
    const all = await ids({ unitPath: (await db().query('select path::text as p from units where id = $1', [t.root.id])).rows[0].p, text: 'tuyen sinh', limit: 20, offset: 0 });
    expect(all).toHaveLength(3);
  });

  it('ranks an exact number first and paginates with a total', async () => {
    const { t } = await library();
    for (let i = 0; i < 3; i++) {
      await createDocument(systemActor, { unitId: t.dept.id, issuer: 'Sở GDĐT tỉnh Thử', docType: 'thong_bao', number: `${100 + i}`, symbol: 'TB-SGDĐT', summary: `Thông báo số ${100 + i} về lịch thi`, issuedOn: `2026-05-0${i + 1}` });
    }
    const r = await searchDocuments(db(), { unitId: t.dept.id, text: '101/tb', limit: 2, offset: 0 });
    expect(r.items[0].numberLabel).toBe('101/TB-SGDĐT');
    const page = await searchDocuments(db(), { unitId: t.dept.id, text: 'lich thi', limit: 2, offset: 0 });
    expect(page.total).toBe(3);
    expect(page.items).toHaveLength(2);
  });

  it('audits every change and refuses a stale or badly dated edit', async () => {
    const t = await makeTree();
    const editor = await makePerson({ unitId: t.dept.id, roles: ['editor'] });
    const client = makeClient();
    await client.login(editor.email);
    const created = await client.post('/api/documents', { unitId: t.dept.id, docType: 'ke_hoach', issuer: 'Sở GDĐT tỉnh Thử', summary: 'Kế hoạch bồi dưỡng giáo viên hè 2026', number: '77', symbol: 'KH-SGDĐT' });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ numberLabel: '77/KH-SGDĐT', docTypeLabel: 'Kế hoạch', validity: 'in_force', canEdit: true });
    const id = created.json.id;
    const bad = await client.request('PUT', `/api/documents/${id}`, { ...created.json, effectiveOn: '2026-06-01', expiresOn: '2026-05-01', version: created.json.version });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('document.bad_dates');
    const ok = await client.request('PUT', `/api/documents/${id}`, { docType: 'ke_hoach', issuer: 'Sở GDĐT tỉnh Thử', summary: 'Kế hoạch bồi dưỡng thường xuyên giáo viên hè 2026', version: created.json.version });
    expect(ok.status).toBe(200);
    const stale = await client.request('PUT', `/api/documents/${id}`, { docType: 'ke_hoach', issuer: 'x', summary: 'y', version: created.json.version });
    expect(stale.json.error.code).toBe('document.stale');
    expect((await client.del(`/api/documents/${id}`)).status).toBe(200);
    expect((await client.get(`/api/documents/${id}`)).status).toBe(404);
    const audit = await db().query(`select action from audit_log where entity = 'document' and entity_id = $1 order by id`, [String(id)]);
    expect(audit.rows.map((r) => r.action)).toEqual(['document.create', 'document.update', 'document.delete']);
    // a viewer reads but may not write; a unit outside the tree is refused
    const viewer = await makePerson({ unitId: t.dept.id, roles: ['viewer'] });
    const v = makeClient();
    await v.login(viewer.email);
    expect((await v.get(`/api/documents?unitId=${t.dept.id}`)).status).toBe(200);
    expect((await v.post('/api/documents', { unitId: t.dept.id, docType: 'khac', issuer: 'x', summary: 'y' })).status).toBe(403);
    expect((await v.get(`/api/documents?unitId=${t.otherDept.id}`)).status).toBe(403);
  });
});

describe('uploads', () => {
  it('sniffs the type from the bytes, renames to it, and refuses anything else or too large', async () => {
    expect(sniffDocumentType(pdf())).toBe('pdf');
    expect(sniffDocumentType(await docx())).toBe('docx');
    expect(sniffDocumentType(await xlsx())).toBe('xlsx');
    expect(sniffDocumentType(Buffer.from('<html><script>alert(1)</script></html>'))).toBeNull();
    expect(sniffDocumentType(Buffer.from('PK\u0003\u0004not an office file'))).toBeNull();

    const t = await makeTree();
    const editor = await makePerson({ unitId: t.school.id, roles: ['editor'] });
    const client = makeClient();
    await client.login(editor.email);
    const d = (await client.post('/api/documents', { unitId: t.school.id, docType: 'thong_bao', issuer: 'Trường THCS Thử', summary: 'Thông báo lịch họp phụ huynh học kỳ I' })).json;

    // a PDF called .docx is stored as what it is
    const r1 = await client.request('POST', `/api/documents/${d.id}/files`, form(pdf(), 'Lich hop.docx', 'application/msword'));
    expect(r1.status).toBe(200);
    expect(r1.json.files[0]).toMatchObject({ fileName: 'Lich hop.pdf', mime: 'application/pdf' });
    const r2 = await client.request('POST', `/api/documents/${d.id}/files`, form(await docx(), 'Quyết định.docx'));
    expect(r2.json.files[1]).toMatchObject({ fileName: 'Quyết định.docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
    const r3 = await client.request('POST', `/api/documents/${d.id}/files`, form(await xlsx(), 'du-toan.xlsx'));
    expect(r3.json.files[2].mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');

    const html = await client.request('POST', `/api/documents/${d.id}/files`, form(Buffer.from('<html><script>alert(1)</script></html>'), 'bao-cao.pdf', 'application/pdf'));
    expect(html.status).toBe(400);
    expect(html.json.error.code).toBe('document.bad_file_type');
    const big = Buffer.concat([pdf(), Buffer.alloc(1024 * 1024 + 10, 32)]);
    const tooBig = await client.request('POST', `/api/documents/${d.id}/files`, form(big, 'lon.pdf'));
    expect(tooBig.status).toBe(413);

    // served on the public site with its type, a download name and nosniff
    const file = r1.json.files[0];
    const res = await makeClient().get(file.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''Lich%20hop.pdf");
    const word = await makeClient().get(r2.json.files[1].url);
    expect(word.headers.get('content-disposition')).toMatch(/^attachment;/);
    // the file's name is searchable
    expect((await searchDocuments(db(), { unitId: t.school.id, text: 'du toan', limit: 5, offset: 0 })).items).toHaveLength(1);
    // a hidden document's files are not public
    await client.request('PUT', `/api/documents/${d.id}`, { docType: 'thong_bao', issuer: 'Trường THCS Thử', summary: 'Thông báo lịch họp phụ huynh học kỳ I', isPublic: false, version: r3.json.version });
    expect((await makeClient().get(file.url)).status).toBe(404);
  });
});

describe('plans issued in Loa', () => {
  it('appear in the issuing unit’s library as Kế hoạch, searchable, with the rendered document to download', async () => {
    const t = await makeTree();
    const author = await makePerson({ unitId: t.dept.id, roles: ['focal_point'] });
    const leader = await makePerson({ unitId: t.dept.id, roles: ['leader'], name: 'Trần Thị Giám Đốc' });
    const plan = await createPlan(
      { userId: author.id },
      {
        unitId: t.dept.id,
        title: 'Truyền thông về chuyển đổi số trong giáo dục năm 2026',
        period: { year: 2026 },
        symbol: 'KH-SGDĐT',
        signer: { authority: 'KT. GIÁM ĐỐC', title: 'PHÓ GIÁM ĐỐC', deputyTitle: null, name: 'Trần Thị Giám Đốc' },
        tasks: [{ topic: 'Đưa tin về học bạ số' }],
      },
    );
    expect((await searchDocuments(db(), { unitId: t.dept.id, limit: 5, offset: 0 })).total).toBe(0);
    await movePlan({ userId: author.id }, plan.id, 'submit');
    await movePlan({ userId: leader.id }, plan.id, 'approve');
    await issuePlan({ userId: leader.id }, plan.id, { issuedOn: '2026-01-05', holidays: new Set() });

    const found = await searchDocuments(db(), { unitId: t.dept.id, text: 'ke hoach chuyen doi so', isPublicOnly: true, limit: 5, offset: 0 });
    expect(found.items).toHaveLength(1);
    const d = found.items[0];
    expect(d).toMatchObject({ source: 'plan', planId: plan.id, docType: 'ke_hoach', numberLabel: '01/KH-SGDĐT', issuedOn: '2026-01-05', signer: 'Trần Thị Giám Đốc', issuer: 'Sở GDĐT tỉnh Thử' });
    expect(d.summary).toBe('Kế hoạch Truyền thông về chuyển đổi số trong giáo dục năm 2026');
    expect((await searchDocuments(db(), { unitId: t.dept.id, number: '01/KH', limit: 5, offset: 0 })).items[0]?.id).toBe(d.id);

    // its file is the plan rendered as DOCX
    const file = await makeClient().get(d.planFileUrl as string);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('wordprocessingml');
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    // edited as a plan only
    const client = makeClient();
    await client.login(author.email);
    const put = await client.request('PUT', `/api/documents/${d.id}`, { docType: 'ke_hoach', issuer: 'x', summary: 'y', version: d.version });
    expect(put.json.error.code).toBe('document.from_plan');

    // a newer plan for the same period supersedes it: it stays, marked out of force
    const next = await createPlan({ userId: author.id }, { unitId: t.dept.id, title: 'Truyền thông năm 2026 (thay thế)', period: { year: 2026 }, symbol: 'KH-SGDĐT' });
    await db().query(`update plans set status = 'approved' where id = $1`, [next.id]);
    await issuePlan({ userId: leader.id }, next.id, { issuedOn: '2026-02-02', holidays: new Set() });
    expect((await getDocument(db(), d.id)).validity).toBe('expired');
    expect((await searchDocuments(db(), { unitId: t.dept.id, limit: 5, offset: 0 })).total).toBe(2);
  });
});

describe('public pages', () => {
  it('show the sector library and a unit’s own, found by a word without diacritics', async () => {
    const { t, a, other, hidden } = await library();
    const anon = makeClient();
    const portal = await anon.get('/van-ban?q=tuyen+sinh');
    expect(portal.status).toBe(200);
    expect(portal.text).toContain(a.summary);
    expect(portal.text).toContain(other.summary);
    expect(portal.text).not.toContain(hidden.summary);
    const detail = await anon.get(`/van-ban/${a.id}`);
    expect(detail.status).toBe(301);
    expect(detail.headers.get('location')).toBe(`/van-ban/${a.ref}`);
    const page = await anon.get(`/van-ban/${a.ref}`);
    expect(page.text).toContain('1520/QĐ-SGDĐT');
    expect((await anon.get(`/van-ban/${hidden.id}`)).status).toBe(404);

    const slug = (await db().query('select slug from site_settings where unit_id = $1', [t.dept.id])).rows[0].slug;
    const site = await anon.get(`/don-vi/${slug}/van-ban?q=tuyen%20sinh`);
    expect(site.status).toBe(200);
    expect(site.text).toContain(a.summary);
    expect(site.text).not.toContain(other.summary);
    expect(site.headers.get('content-security-policy')).toContain("script-src 'self'");
    const siteDoc = await anon.get(`/don-vi/${slug}/van-ban/${a.ref}`);
    expect(siteDoc.status).toBe(200);
    // another unit's document is not on this site
    expect((await anon.get(`/don-vi/${slug}/van-ban/${other.ref}`)).status).toBe(404);
  });
});
