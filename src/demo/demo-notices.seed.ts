import { systemActor } from '../modules/audit';
import { hashPassword } from '../modules/identity';
import { approveNotice, createNotice, markRead, sendNotice } from '../modules/notices';
import { assignRole } from '../modules/org';
import { insertPerson } from '../modules/org/people.service';
import { config } from '../platform/config';
import { db, withTransaction } from '../platform/db';

/** A school's focal point, so a line to take reaches a school as well (demo account daumoi.kimdong@demo.loa.vn). */
async function schoolFocalPoint(unitId: number): Promise<number> {
  const hash = await hashPassword(config().demoPassword);
  const id = await withTransaction((tx) =>
    insertPerson(tx, { email: 'daumoi.kimdong@demo.loa.vn', name: 'Cao Thị Minh Nguyệt', title: 'Phó Hiệu trưởng, đầu mối truyền thông', unitId }, hash),
  );
  await assignRole(systemActor, id, unitId, 'focal_point');
  return id;
}

/**
 * Demo lines to take and internal notices for tỉnh Lam Sơn (written for the demo):
 * a line to take on a school-meal incident, approved by the Sở's spokesperson and
 * sent to the communes' and schools' focal points and leaders, read by some of
 * them (linked to the demo incident at Trường Tiểu học Kim Đồng); and a guidance notice on answering parents about admissions, read by one.
 * They go through the real service, so the audit log and the receipts are real.
 */
export async function seedDemoNotices(units: Map<string, number>, users: Map<string, number>): Promise<void> {
  const user = (email: string) => {
    const id = users.get(email);
    if (!id) throw new Error(`demo user ${email} missing`);
    return { userId: id, ip: null };
  };
  const so = units.get('so') as number;
  users.set('daumoi.kimdong@demo.loa.vn', await schoolFocalPoint(units.get('kimdong') as number));
  // the demo incident at Trường Tiểu học Kim Đồng (demo-incidents.seed.ts), when it is there
  const incident = await db().query<{ id: number }>(
    `select id from incidents where unit_id = $1 and status not in ('closed','cancelled') order by id limit 1`,
    [units.get('kimdong')],
  );
  const line = await createNotice(user('daumoi.so@demo.loa.vn'), {
    unitId: so,
    kind: 'line_to_take',
    isPublic: true,
    incidentId: incident.rows[0] ? Number(incident.rows[0].id) : null,
    title: 'Định hướng thông tin về việc học sinh Trường Tiểu học Kim Đồng đau bụng sau bữa ăn bán trú',
    bodyHtml:
      '<p>Khi báo chí, phụ huynh hỏi, các đơn vị thống nhất trả lời như sau:</p>' +
      '<ul><li>Ngay khi phát hiện, nhà trường đã đưa các em đến Trạm y tế phường Bình Minh; đến 17 giờ cùng ngày, sức khỏe các em đã ổn định.</li>' +
      '<li>Sở GDĐT đã phối hợp với cơ quan y tế lấy mẫu thức ăn lưu để xét nghiệm; kết quả sẽ được công bố ngay khi có.</li>' +
      '<li>Nhà trường tạm dừng hợp đồng với đơn vị cung cấp suất ăn trong thời gian chờ kết quả.</li></ul>' +
      '<p>Chỉ người phát ngôn của Sở và hiệu trưởng nhà trường trả lời báo chí; các đơn vị không đăng tải hình ảnh học sinh.</p>',
    audience: { roles: ['focal_point', 'leader', 'spokesperson'] },
    reminderHours: [24, 48],
  });
  await approveNotice(user('phatngon.so@demo.loa.vn'), line.id);
  await sendNotice(user('daumoi.so@demo.loa.vn'), line.id);
  await markRead(user('hieutruong.leloi@demo.loa.vn') as { userId: number }, line.id);

  const guidance = await createNotice(user('daumoi.so@demo.loa.vn'), {
    unitId: so,
    kind: 'guidance',
    title: 'Hướng dẫn trả lời phụ huynh về tuyển sinh lớp 6 năm học 2026–2027',
    bodyHtml:
      '<p>Các trường THCS trả lời phụ huynh theo kế hoạch tuyển sinh đã được UBND tỉnh phê duyệt: tuyển sinh theo hình thức xét tuyển, đúng địa bàn cư trú; không tổ chức kiểm tra, khảo sát đầu vào.</p>' +
      '<p>Câu hỏi ngoài phạm vi hướng dẫn, đề nghị chuyển về Văn phòng Sở (số điện thoại 0237 3850 111) để thống nhất trả lời.</p>',
    audience: { roles: ['focal_point', 'leader'] },
    reminderHours: [48],
  });
  await approveNotice(user('giamdoc.so@demo.loa.vn'), guidance.id);
  await sendNotice(user('daumoi.so@demo.loa.vn'), guidance.id);
  await markRead(user('daumoi.binhminh@demo.loa.vn') as { userId: number }, guidance.id);
}
