import { systemActor } from '../modules/audit';
import { hashPassword } from '../modules/identity';
import { type CreateUnitSchema, type Role, assignRole, closeUnit, createUnit, moveUnit } from '../modules/org';
import { insertPerson } from '../modules/org/people.service';
import { config } from '../platform/config';
import { db, withTransaction } from '../platform/db';
import { log } from '../platform/log';
import { seedDemoPlans } from './demo-plans.seed';
import type { z } from '@hono/zod-openapi';

/**
 * Demo data: a fictional province (tỉnh Lam Sơn) with its Sở, three communes, a
 * legacy district office dissolved on 01/07/2025 whose schools moved to the
 * communes, a dozen schools of different levels, and one account per role.
 * Every code starts with DEMO- so demo data is easy to find and remove.
 */
type U = z.infer<typeof CreateUnitSchema> & { key: string; parentKey: string | null };

const units: U[] = [
  { key: 'bo', parentKey: null, code: 'DEMO-BGDDT', name: 'Bộ Giáo dục và Đào tạo', type: 'ministry', parentId: null, shortName: 'Bộ GDĐT', docAbbr: 'BGDĐT', aliases: ['Bộ GD&ĐT'] },
  { key: 'so', parentKey: 'bo', code: 'DEMO-SGDDT-LS', name: 'Sở Giáo dục và Đào tạo tỉnh Lam Sơn', type: 'department', parentId: null, shortName: 'Sở GDĐT Lam Sơn', docAbbr: 'SGDĐT', aliases: ['Sở GD&ĐT Lam Sơn', 'Sở Giáo dục Lam Sơn'],
    contacts: { address: '12 đường Trần Hưng Đạo, phường Bình Minh, tỉnh Lam Sơn', phone: '0237 3850 111', email: 'vanphong@sgddt-lamson.demo.vn', website: 'https://sgddt-lamson.demo.vn' },
    channels: [{ kind: 'portal', name: 'Cổng thông tin Sở', address: 'https://sgddt-lamson.demo.vn' }, { kind: 'fanpage', name: 'Giáo dục Lam Sơn', address: 'https://facebook.com/giaoduclamson.demo' }, { kind: 'hotline', name: 'Đường dây nóng', address: '0237 3850 115' }] },
  { key: 'yenhoa', parentKey: 'so', code: 'DEMO-PGDDT-YH', name: 'Phòng Giáo dục và Đào tạo huyện Yên Hòa', type: 'office', parentId: null, shortName: 'Phòng GDĐT Yên Hòa', docAbbr: 'PGDĐT', establishedOn: '1995-01-01' },
  { key: 'binhminh', parentKey: 'so', code: 'DEMO-XA-BM', name: 'Ủy ban nhân dân phường Bình Minh', type: 'commune', parentId: null, shortName: 'Phường Bình Minh', docAbbr: 'VHXH', aliases: ['phường Bình Minh'] },
  { key: 'tanlap', parentKey: 'so', code: 'DEMO-XA-TL', name: 'Ủy ban nhân dân xã Tân Lập', type: 'commune', parentId: null, shortName: 'Xã Tân Lập', docAbbr: 'VHXH', aliases: ['xã Tân Lập'] },
  { key: 'hoathuan', parentKey: 'so', code: 'DEMO-XA-HT', name: 'Ủy ban nhân dân xã Hòa Thuận', type: 'commune', parentId: null, shortName: 'Xã Hòa Thuận', docAbbr: 'VHXH', aliases: ['xã Hòa Thuận'] },
  { key: 'hoasen', parentKey: 'binhminh', code: 'DEMO-MN-HOASEN', name: 'Trường Mầm non Hoa Sen', type: 'school', level: 'preschool', parentId: null, aliases: ['MN Hoa Sen'] },
  { key: 'kimdong', parentKey: 'binhminh', code: 'DEMO-TH-KIMDONG', name: 'Trường Tiểu học Kim Đồng', type: 'school', level: 'primary', parentId: null, aliases: ['TH Kim Đồng'] },
  { key: 'leloi', parentKey: 'binhminh', code: 'DEMO-THCS-LELOI', name: 'Trường THCS Lê Lợi', type: 'school', level: 'lower_secondary', parentId: null, shortName: 'THCS Lê Lợi', aliases: ['Trường Trung học cơ sở Lê Lợi'],
    contacts: { address: '45 đường Nguyễn Huệ, phường Bình Minh', phone: '0237 3851 234', email: 'thcsleloi@lamson.demo.vn' },
    channels: [{ kind: 'website', name: 'Trang tin THCS Lê Lợi', address: 'https://thcsleloi.lamson.demo.vn' }, { kind: 'zalo', name: 'Nhóm Zalo phụ huynh', address: 'Nhóm phụ huynh THCS Lê Lợi' }] },
  { key: 'sonca', parentKey: 'yenhoa', code: 'DEMO-MN-SONCA', name: 'Trường Mầm non Sơn Ca', type: 'school', level: 'preschool', parentId: null },
  { key: 'nguyendu', parentKey: 'yenhoa', code: 'DEMO-TH-NGUYENDU', name: 'Trường Tiểu học Nguyễn Du', type: 'school', level: 'primary', parentId: null, aliases: ['TH Nguyễn Du'] },
  { key: 'chuvanan', parentKey: 'yenhoa', code: 'DEMO-THCS-CVA', name: 'Trường THCS Chu Văn An', type: 'school', level: 'lower_secondary', parentId: null, aliases: ['THCS Chu Văn An'] },
  { key: 'quangtrung', parentKey: 'yenhoa', code: 'DEMO-TH-THCS-QT', name: 'Trường Tiểu học và THCS Quang Trung', type: 'school', level: 'multi_level', parentId: null },
  { key: 'hoami', parentKey: 'yenhoa', code: 'DEMO-MN-HOAMI', name: 'Trường Mầm non Họa Mi', type: 'school', level: 'preschool', parentId: null, aliases: ['MN Hoạ Mi'] },
  { key: 'thptls', parentKey: 'so', code: 'DEMO-THPT-LAMSON', name: 'Trường THPT chuyên Lam Sơn', type: 'school', level: 'upper_secondary', parentId: null, aliases: ['THPT chuyên Lam Sơn', 'chuyên Lam Sơn'] },
  { key: 'thptnt', parentKey: 'so', code: 'DEMO-THPT-NGUYENTRAI', name: 'Trường THPT Nguyễn Trãi', type: 'school', level: 'upper_secondary', parentId: null },
  { key: 'gdtx', parentKey: 'so', code: 'DEMO-GDNN-GDTX', name: 'Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên Lam Sơn', type: 'school', level: 'continuing', parentId: null, shortName: 'TT GDNN-GDTX Lam Sơn' },
  { key: 'trungcap', parentKey: 'so', code: 'DEMO-TC-KYTHUAT', name: 'Trường Trung cấp Kỹ thuật – Công nghệ Lam Sơn', type: 'school', level: 'vocational', parentId: null },
  { key: 'hoanhap', parentKey: 'so', code: 'DEMO-TT-HOANHAP', name: 'Trung tâm Hỗ trợ phát triển giáo dục hòa nhập tỉnh Lam Sơn', type: 'affiliated', parentId: null },
];

/** Where each school of the dissolved district office went on 01/07/2025. */
const reorganisation: [string, string][] = [
  ['sonca', 'tanlap'],
  ['nguyendu', 'tanlap'],
  ['chuvanan', 'tanlap'],
  ['quangtrung', 'hoathuan'],
  ['hoami', 'hoathuan'],
];

const people: { email: string; name: string; title: string; phone?: string; unit: string; roles: Role[]; label: string }[] = [
  { email: 'admin@demo.loa.vn', name: 'Trần Quản Trị', title: 'Quản trị hệ thống', unit: 'bo', roles: ['administrator'], label: 'Quản trị viên cấp Bộ' },
  { email: 'quantri.so@demo.loa.vn', name: 'Lê Thị Thu Hà', title: 'Chuyên viên Văn phòng Sở', unit: 'so', roles: ['administrator'], label: 'Quản trị viên Sở' },
  { email: 'giamdoc.so@demo.loa.vn', name: 'Nguyễn Văn Thành', title: 'Giám đốc Sở', unit: 'so', roles: ['leader'], label: 'Lãnh đạo Sở' },
  { email: 'phatngon.so@demo.loa.vn', name: 'Phạm Thị Hoà', title: 'Phó Giám đốc Sở', phone: '0912 345 678', unit: 'so', roles: ['spokesperson', 'leader'], label: 'Người phát ngôn Sở' },
  { email: 'daumoi.so@demo.loa.vn', name: 'Đỗ Minh Tuấn', title: 'Chánh Văn phòng Sở', unit: 'so', roles: ['focal_point'], label: 'Đầu mối truyền thông Sở' },
  { email: 'bientap.so@demo.loa.vn', name: 'Vũ Thị Lan Anh', title: 'Thư ký Ban biên tập', unit: 'so', roles: ['editor'], label: 'Biên tập viên Sở' },
  { email: 'phantich.so@demo.loa.vn', name: 'Hoàng Đức Duy', title: 'Chuyên viên', unit: 'so', roles: ['analyst'], label: 'Phân tích dư luận' },
  { email: 'xem.so@demo.loa.vn', name: 'Bùi Thị Ngọc', title: 'Chuyên viên', unit: 'so', roles: ['viewer'], label: 'Người xem' },
  { email: 'daumoi.binhminh@demo.loa.vn', name: 'Ngô Quang Huy', title: 'Công chức Văn hóa – Xã hội', phone: '0987 654 321', unit: 'binhminh', roles: ['focal_point', 'spokesperson'], label: 'Đầu mối phường Bình Minh' },
  { email: 'hieutruong.leloi@demo.loa.vn', name: 'Đặng Thị Thuỷ', title: 'Hiệu trưởng', phone: '0905 111 222', unit: 'leloi', roles: ['leader', 'spokesperson'], label: 'Hiệu trưởng THCS Lê Lợi' },
  { email: 'bientap.leloi@demo.loa.vn', name: 'Lý Văn Khoa', title: 'Phó Hiệu trưởng', unit: 'leloi', roles: ['editor'], label: 'Biên tập viên THCS Lê Lợi' },
  { email: 'giaovien.leloi@demo.loa.vn', name: 'Trịnh Thu Trang', title: 'Giáo viên Ngữ văn', unit: 'leloi', roles: ['contributor'], label: 'Cộng tác viên (giáo viên)' },
];

export type DemoAccounts = { password: string; users: { email: string; label: string }[] };

export async function seedDemo(): Promise<DemoAccounts> {
  const exists = await db().query(`select 1 from units where code = 'DEMO-BGDDT'`);
  if (exists.rowCount) return demoAccounts();
  log.info('loading demo data');
  const ids = new Map<string, number>();
  for (const { key, parentKey, ...u } of units) {
    const unit = await createUnit(systemActor, { ...u, parentId: parentKey ? (ids.get(parentKey) as number) : null });
    ids.set(key, unit.id);
  }
  for (const [school, commune] of reorganisation) {
    await moveUnit(systemActor, ids.get(school) as number, {
      parentId: ids.get(commune) as number,
      on: '2025-07-01',
      note: 'Sắp xếp chính quyền địa phương hai cấp',
    });
  }
  await closeUnit(systemActor, ids.get('yenhoa') as number, {
    on: '2025-07-01',
    note: 'Kết thúc hoạt động cấp huyện; nhiệm vụ chuyển về xã và Sở',
  });
  const hash = await hashPassword(config().demoPassword);
  const userIds = new Map<string, number>();
  for (const p of people) {
    const unitId = ids.get(p.unit) as number;
    const id = await withTransaction((tx) => insertPerson(tx, { ...p, unitId }, hash));
    userIds.set(p.email, id);
    for (const role of p.roles) await assignRole(systemActor, id, unitId, role);
  }
  await seedDemoPlans(ids, userIds);
  await (await import('./demo-articles.seed')).seedDemoArticles(ids, userIds);
  await (await import('./demo-exemplars.seed')).seedDemoExemplars(ids, userIds);
  await (await import('./demo-documents.seed')).seedDemoDocuments(ids, userIds);
  await (await import('./demo-sites.seed')).seedDemoSites(ids);
  await (await import('./demo-sitecontent.seed')).seedDemoSiteContent(ids, userIds);
  await (await import('./demo-monitoring.seed')).seedDemoMonitoring(ids);
  await (await import('./demo-press.seed')).seedDemoPress(ids, userIds);
  await (await import('./demo-incidents.seed')).seedDemoIncidents(ids, userIds);
  await (await import('./demo-notices.seed')).seedDemoNotices(ids, userIds);
  await (await import('./demo-events.seed')).seedDemoEvents(ids, userIds);
  await (await import('./demo-feedback.seed')).seedDemoFeedback(ids, userIds);
  await (await import('./demo-emulation.seed')).seedDemoEmulation(ids, userIds);
  return demoAccounts();
}

export function demoAccounts(): DemoAccounts {
  return { password: config().demoPassword, users: people.map((p) => ({ email: p.email, label: p.label })) };
}

export async function hasDemoData(): Promise<boolean> {
  return ((await db().query(`select 1 from units where code = 'DEMO-BGDDT'`)).rowCount ?? 0) > 0;
}
