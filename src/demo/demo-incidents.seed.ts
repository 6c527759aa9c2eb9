import { advanceClock, now } from '../platform/clock';
import { db, withTransaction } from '../platform/db';
import {
  addTask,
  addTimelineEntry,
  moveIncident,
  openIncident,
  publishResult,
  recordEntry,
  saveFastReport,
  saveResult,
  saveReview,
  sendFastReport,
} from '../modules/incidents';

/**
 * Demo incidents (after the monitoring seed, whose stories they are opened from):
 *  - active: pupils of Trường Tiểu học Kim Đồng ill after the school lunch (level 3),
 *    escalated to phường Bình Minh and the Sở, first statement made, fast report sent;
 *  - closed: the "twelve fees" complaint at Trường THCS Lê Lợi (level 2), handled,
 *    reviewed and its result published on the portal (công khai kết quả xử lý).
 */
export async function seedDemoIncidents(ids: Map<string, number>, userIds: Map<string, number>): Promise<void> {
  const storyOf = async (titleStart: string) =>
    (await db().query<{ id: number }>(`select story_id as id from monitor_items where title like $1 and story_id is not null order by id limit 1`, [`${titleStart}%`])).rows[0]?.id ?? null;
  const principal = { userId: userIds.get('hieutruong.leloi@demo.loa.vn') ?? null };
  const sởSpokesperson = { userId: userIds.get('phatngon.so@demo.loa.vn') ?? null };
  const H = 3_600_000;

  // ---- closed, with a published result: Trường THCS Lê Lợi, twelve fees
  const leloiStory = await storyOf('Phụ huynh Trường THCS Lê Lợi phản ánh');
  // the history is written as it happened, nine days ago, with the clock moved along
  let moved = 0;
  const move = (ms: number) => {
    advanceClock(ms);
    moved += ms;
  };
  move(-(9 * 24 * H - 3 * H));
  try {
    const a = await openIncident(principal, {
      unitId: ids.get('leloi') as number,
      title: 'Phụ huynh phản ánh mười hai khoản thu đầu năm học',
      summary: 'Báo chí và mạng xã hội đăng ý kiến phụ huynh về mười hai khoản thu đầu năm, trong đó có tiền lắp điều hòa và quỹ khuyến học.',
      location: 'Trường THCS Lê Lợi, phường Bình Minh',
      severity: 2,
      storyId: leloiStory,
    });
    move(H);
    await moveIncident(principal, a.id, 'active');
    await recordEntry(principal, a.id, { kind: 'decision', title: 'Tạm dừng thu tiền lắp điều hòa, rà soát toàn bộ các khoản thu', body: 'Ban giám hiệu họp với ban đại diện cha mẹ học sinh.' });
    move(2 * H);
    await recordEntry(principal, a.id, { kind: 'statement', title: 'Thông tin của nhà trường về các khoản thu đầu năm', body: 'Nhà trường tạm dừng thu tiền lắp điều hòa và sẽ công khai kết quả rà soát.' });
    await saveFastReport(principal, a.id, {
      what: 'Phụ huynh phản ánh trên báo chí và mạng xã hội việc nhà trường thu mười hai khoản đầu năm học.',
      when: 'Từ sáng ngày phát hiện, lan truyền trong ngày.',
      where: 'Trường THCS Lê Lợi, phường Bình Minh.',
      affected: 'Phụ huynh học sinh khối 6 và khối 7.',
      actions: 'Tạm dừng thu tiền lắp điều hòa; họp ban đại diện cha mẹ học sinh; rà soát các khoản thu.',
      nextSteps: 'Hoàn trả các khoản thu không đúng quy định; công khai kết quả.',
      proposals: 'Đề nghị phường Bình Minh hướng dẫn thống nhất danh mục các khoản thu.',
    });
    await sendFastReport(principal, a.id);
    move(20 * H);
    await moveIncident(principal, a.id, 'contained');
    move(30 * H);
    await moveIncident(principal, a.id, 'resolved');
    await saveResult(principal, a.id, {
      title: 'Kết quả xử lý phản ánh về các khoản thu đầu năm học tại Trường THCS Lê Lợi',
      html: '<p>Qua kiểm tra, các khoản thu đầu năm học tại Trường THCS Lê Lợi do ban đại diện cha mẹ học sinh vận động tự nguyện; không có khoản thu bắt buộc ngoài quy định.</p><p>Nhà trường đã hoàn trả tiền lắp điều hòa cho các gia đình không đồng ý và công khai danh mục các khoản thu trên bảng tin, trang thông tin điện tử của trường.</p>',
    });
    await publishResult(principal, a.id, true);
    await moveIncident(principal, a.id, 'review');
    await saveReview(principal, a.id, {
      wentWell: 'Nhà trường phát ngôn trong ngày, thông tin thống nhất với phường và Sở.',
      toImprove: 'Cần công khai danh mục các khoản thu ngay từ đầu năm học, trước khi thu.',
      lessons: 'Mọi khoản vận động qua ban đại diện cha mẹ học sinh phải được nhà trường rà soát trước.',
      updatedLines: 'Cập nhật thông tin định hướng về các khoản thu, chi đầu năm học cho các trường trong phường.',
    });
    move(2 * H);
    await moveIncident(principal, a.id, 'closed');
    // history: its notices were sent at the time
    await db().query(`update incident_escalations set notified_at = created_at where incident_id = $1`, [a.id]);
    await db().query(`update incident_report_recipients set notified_at = now(), read_at = now() where report_id in (select id from incident_reports where incident_id = $1)`, [a.id]);
  } finally {
    advanceClock(-moved);
  }

  // ---- active, escalated to the Sở: Trường Tiểu học Kim Đồng, pupils ill after lunch
  const kimDongStory = await storyOf('Hơn 20 học sinh Trường Tiểu học Kim Đồng');
  const b = await openIncident(sởSpokesperson, {
    unitId: ids.get('kimdong') as number,
    title: 'Học sinh đau bụng sau bữa ăn bán trú',
    summary: 'Hơn 20 học sinh có biểu hiện đau bụng, buồn nôn sau bữa trưa bán trú, được đưa đến trạm y tế phường theo dõi.',
    location: 'Trường Tiểu học Kim Đồng, phường Bình Minh',
    severity: 3,
    storyId: kimDongStory,
  });
  await moveIncident(sởSpokesperson, b.id, 'active');
  await withTransaction((tx) => addTimelineEntry(tx, b.id, { kind: 'statement', title: 'Thông tin ban đầu: các em đã ổn định, đang chờ kết quả xét nghiệm mẫu thức ăn', actorId: sởSpokesperson.userId }));
  await addTask(sởSpokesperson, b.id, { title: 'Phối hợp Trung tâm Kiểm soát bệnh tật lấy mẫu thức ăn', ownerId: userIds.get('daumoi.binhminh@demo.loa.vn') ?? null, dueAt: new Date(now().getTime() + 24 * H) });
  await addTask(sởSpokesperson, b.id, { title: 'Thăm hỏi gia đình các em học sinh', dueAt: new Date(now().getTime() + 48 * H) });
  await saveFastReport(sởSpokesperson, b.id, {
    what: 'Sau bữa ăn bán trú, hơn 20 học sinh có biểu hiện đau bụng, buồn nôn.',
    when: 'Trưa ngày xảy ra sự việc.',
    where: 'Trường Tiểu học Kim Đồng, phường Bình Minh.',
    affected: 'Hơn 20 học sinh bán trú khối 2 và khối 3.',
    actions: 'Đưa các em đến trạm y tế phường; báo Trung tâm Kiểm soát bệnh tật lấy mẫu thức ăn; tạm dừng bếp ăn bán trú.',
    nextSteps: 'Chờ kết quả xét nghiệm; làm việc với đơn vị cung cấp thực phẩm.',
    proposals: 'Đề nghị Sở chỉ đạo kiểm tra an toàn thực phẩm bếp ăn bán trú toàn tỉnh.',
  });
  await sendFastReport(sởSpokesperson, b.id);
}
