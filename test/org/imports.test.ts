import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/audit';
import { importFile, listUnitsForExport } from '../../src/modules/org';
import '../../src/jobs';
import { db } from '../../src/platform/db';
import { startJobs, stopJobs } from '../../src/platform/jobs';
import { useTestDatabase } from '../support/db';
import { makePerson, makeTree } from '../support/factories';
import { makeClient } from '../support/http';

const state = useTestDatabase();
beforeAll(async () => {
  await startJobs({ connectionString: state.url, isWorker: true, pollSeconds: 0.5 });
});
afterAll(async () => {
  await stopJobs();
});

const csv = (lines: string[]) => Buffer.from(`${lines.join('\n')}\n`);
const unitCount = async () => (await db().query('select count(*)::int as n from units')).rows[0].n as number;

describe('importing units', () => {
  it('writes nothing when one row is bad, and lists the error per row', async () => {
    const t = await makeTree();
    const before = await unitCount();
    const r = await importFile(
      systemActor,
      'units',
      csv([
        'code,name,type,parent,aliases',
        `IMP-A,Trường Tiểu học Sao Mai,trường,${(await codeOf(t.commune.id))},TH Sao Mai`,
        'IMP-B,Trường THCS Bình Minh,trường,KHONG-TON-TAI,',
      ]),
      'don-vi.csv',
      { isSkippingInvalid: false },
    );
    expect(r.summary).toBeNull();
    expect(r.preview.errors).toMatchObject([{ row: 3, field: 'parent', code: 'unknown_parent' }]);
    expect(await unitCount()).toBe(before);
  });

  it('imports a valid file, then updates by code on re-import', async () => {
    const t = await makeTree();
    const commune = await codeOf(t.commune.id);
    const first = await importFile(
      systemActor,
      'units',
      csv([
        'code,name,type,parent,aliases',
        `IMP-P,Phòng Giáo dục thử,office,${commune},`,
        'IMP-S1,Trường Tiểu học Hòa Lạc,school,IMP-P,TH Hòa Lạc;Hòa Lạc',
        'IMP-S2,"Trường THCS Lý Tự Trọng, cơ sở 2",Trường,IMP-P,',
      ]),
      'don-vi.csv',
      { isSkippingInvalid: false },
    );
    expect(first.summary).toMatchObject({ created: 3, updated: 0 });
    const rows = await listUnitsForExport();
    expect(rows.find((u) => u.code === 'IMP-S2')).toEqual({
      code: 'IMP-S2',
      name: 'Trường THCS Lý Tự Trọng, cơ sở 2',
      type: 'school',
      parent: 'IMP-P',
      aliases: [],
    });
    const path = (await db().query(`select path::text from units where code = 'IMP-S1'`)).rows[0].path;
    expect(path.split('.')).toHaveLength(5);

    const second = await importFile(
      systemActor,
      'units',
      csv(['code,name,type,parent,aliases', `IMP-S1,Trường Tiểu học Hòa Lạc mới,school,${commune},`]),
      'don-vi.csv',
      { isSkippingInvalid: false },
    );
    expect(second.summary).toMatchObject({ created: 0, updated: 1 });
    const moved = await db().query(
      `select u.name, p.code as parent, (select count(*)::int from unit_events e where e.unit_id = u.id and e.kind = 'moved') as moves
         from units u join units p on p.id = u.parent_id where u.code = 'IMP-S1'`,
    );
    expect(moved.rows[0]).toEqual({ name: 'Trường Tiểu học Hòa Lạc mới', parent: commune, moves: 1 });
  });

  it('skips invalid rows with --skip-invalid, including rows under a refused parent', async () => {
    const t = await makeTree();
    const r = await importFile(
      systemActor,
      'units',
      csv([
        'code,name,type,parent,aliases',
        `SK-A,Trường A,school,${await codeOf(t.commune.id)},`,
        `SK-B,Trường B,sai-loai,${await codeOf(t.commune.id)},`,
        'SK-C,Trường C,school,SK-B,',
      ]),
      'x.csv',
      { isSkippingInvalid: true },
    );
    expect(r.summary).toMatchObject({ created: 1, skipped: 2 });
  });

  it('reads XLSX with Vietnamese headers', async () => {
    const t = await makeTree();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Đơn vị');
    ws.addRow(['Mã đơn vị', 'Tên đơn vị', 'Loại', 'Đơn vị cấp trên', 'Tên khác', 'Cấp học']);
    ws.addRow(['XL-1', 'Trường Mầm non Hướng Dương', 'Trường', await codeOf(t.commune.id), 'MN Hướng Dương', 'Mầm non']);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await importFile(systemActor, 'units', data, 'don-vi.xlsx', { isSkippingInvalid: false });
    expect(r.preview.errors).toEqual([]);
    const u = await db().query(`select level, aliases from units where code = 'XL-1'`);
    expect(u.rows[0]).toEqual({ level: 'preschool', aliases: ['MN Hướng Dương'] });
  });

  it('imports people with roles', async () => {
    const t = await makeTree();
    const r = await importFile(
      systemActor,
      'people',
      csv([
        'email,name,unit,roles,title,phone',
        `co.lan@thu.loa.vn,Nguyễn Thị Lan,${await codeOf(t.school.id)},biên tập viên;cộng tác viên,Giáo viên,0901 000 111`,
        `thay.nam@thu.loa.vn,Trần Văn Nam,${await codeOf(t.school.id)},người phát ngôn,Hiệu trưởng,`,
      ]),
      'nguoi-dung.csv',
      { isSkippingInvalid: false },
    );
    expect(r.summary).toMatchObject({ created: 2 });
    const roles = await db().query(
      `select r.role from role_assignments r join users p on p.id = r.user_id where p.email = 'co.lan@thu.loa.vn' order by r.role`,
    );
    expect(roles.rows.map((x) => x.role)).toEqual(['contributor', 'editor']);
  });

  it('reads people files with Vietnamese headers and refuses files missing a required column', async () => {
    const t = await makeTree();
    const r = await importFile(
      systemActor,
      'people',
      csv(['Họ và tên;Thư điện tử;Mã đơn vị;Vai trò', `Phan Văn Đức;duc.pv@thu.loa.vn;${await codeOf(t.school.id)};Lãnh đạo`]),
      'nguoi-dung.csv',
      { isSkippingInvalid: false },
    );
    expect(r.preview.errors).toEqual([]);
    expect(r.summary).toMatchObject({ created: 1 });
    await expect(
      importFile(systemActor, 'units', csv(['code,name,type', 'A,Một,trường']), 'thieu.csv', { isSkippingInvalid: false }),
    ).rejects.toMatchObject({ code: 'import.missing_columns', params: { columns: 'parent, aliases' } });
  });

  it('runs the UI flow: upload → review → apply in a job with progress → done', async () => {
    const t = await makeTree();
    const admin = await makePerson({ unitId: t.dept.id, roles: ['administrator'] });
    const c = makeClient();
    await c.login(admin.email);
    const commune = await codeOf(t.commune.id);
    const upload = async (text: string) => {
      const form = new FormData();
      form.append('file', new File([text], 'don-vi.csv', { type: 'text/csv' }));
      return c.request('POST', `/api/imports?unitId=${t.dept.id}&kind=units`, form);
    };
    const bad = await upload(`code,name,type,parent,aliases\nUI-1,Trường Tiểu học Ánh Dương,trường,${commune},\nUI-2,Trường lạ,abc,${commune},\n`);
    expect(bad.status).toBe(201);
    expect(bad.json.status).toBe('invalid');
    expect(bad.json.errors[0]).toMatchObject({ row: 3, field: 'type' });
    const refused = await c.post(`/api/imports/${bad.json.id}/apply`, { isSkippingInvalid: false });
    expect(refused.status).toBe(409);

    // rows outside the chosen unit's subtree are refused
    const foreign = await upload(`code,name,type,parent,aliases\nUI-X,Trường ngoài,trường,${await codeOf(t.otherDept.id)},\n`);
    expect(foreign.json.errors[0].code).toBe('out_of_scope');

    const good = await upload(`code,name,type,parent,aliases\nUI-1,Trường Tiểu học Ánh Dương,trường,${commune},\n`);
    expect(good.json).toMatchObject({ status: 'ready', preview: { creates: 1, updates: 0 } });
    expect(await db().query(`select 1 from units where code = 'UI-1'`)).toMatchObject({ rowCount: 0 });
    const applied = await c.post(`/api/imports/${good.json.id}/apply`, { isSkippingInvalid: false });
    expect(applied.status).toBe(202);
    let run = applied.json;
    for (let i = 0; i < 60 && run.status !== 'done' && run.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 250));
      run = (await c.get(`/api/imports/${good.json.id}`)).json;
    }
    expect(run.status).toBe('done');
    expect(run.processed).toBe(run.total);
    expect(run.summary.message).toBe('Đã nhập 1 mới, cập nhật 0, bỏ qua 0 dòng lỗi.');
    const found = await c.get('/api/units/search?q=anh duong');
    expect(found.json.items.map((u: { code: string }) => u.code)).toContain('UI-1');
  });
});

async function codeOf(id: number): Promise<string> {
  return (await db().query('select code from units where id = $1', [id])).rows[0].code;
}
