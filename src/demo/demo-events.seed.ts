import { createEvent, inviteToEvent, recordAttendance, respondToEvent, updateEvent } from '../modules/events';
import {
  addAction,
  addFinding,
  createChecklist,
  createInspection,
  decideAction,
  finishInspection,
  recordResults,
  reportAction,
} from '../modules/inspections';
import { unitPathOf } from '../modules/org';
import { getPlan, listPlans } from '../modules/plans';
import { db } from '../platform/db';

/**
 * Demo trainings and events and one inspection for tỉnh Lam Sơn (all names
 * fictional), through the real services: a training held by the Sở for the
 * schools' focal points (linked to a task of the Sở's plan, so it shows as the
 * task's evidence), a conference and a contest to come, and an inspection of
 * THCS Lê Lợi with a finding and two follow-up actions, one closed. Invitations
 * are recorded without notices or e-mails (the job system is not running yet).
 */
export async function seedDemoEvents(ids: ReadonlyMap<string, number>, users: ReadonlyMap<string, number>): Promise<void> {
  const so = ids.get('so') as number;
  const officer = { userId: users.get('daumoi.so@demo.loa.vn') ?? null };
  const principal = { userId: users.get('hieutruong.leloi@demo.loa.vn') ?? null };
  const year = new Date().getFullYear();
  const at = (month: number, day: number, hour: number) => new Date(Date.UTC(year, month - 1, day, hour - 7, 30)).toISOString();

  // the Sở's own plan task about the new curriculum, if the plans demo made it
  const plans = await listPlans(db(), (await unitPathOf(db(), so)) as string);
  const soPlan = plans.find((p: { unitId: number }) => p.unitId === so);
  const task = soPlan ? (await getPlan(db(), soPlan.id)).tasks.find((x: { id: number; topic: string }) => x.topic.startsWith('Chương trình giáo dục phổ thông')) : undefined;

  const training = await createEvent(officer, {
    unitId: so, kind: 'training', title: 'Tập huấn kỹ năng viết tin bài và chụp ảnh cho đầu mối truyền thông các trường',
    description: 'Thành phần: mỗi trường cử 01–02 cán bộ, giáo viên phụ trách trang thông tin điện tử. Mang theo máy tính xách tay.',
    startsAt: at(3, 12, 8), endsAt: at(3, 12, 16), place: 'Hội trường tầng 3, Sở GDĐT Lam Sơn', planTaskId: task?.id ?? null,
  });
  const schools = ['leloi', 'kimdong', 'hoasen', 'thptls'].map((k) => ids.get(k) as number).filter(Boolean);
  const invited = await inviteToEvent(officer, training.id, { unitIds: schools }, { isNotifying: false });
  for (const inv of invited.invitees.slice(0, 3)) await respondToEvent(officer, inv.id, { response: 'accepted' });
  await recordAttendance(officer, training.id, invited.invitees.slice(0, 3).map((inv, n) => ({ inviteeId: inv.id, attended: true, attendees: n === 0 ? 2 : 1 })));
  await updateEvent(officer, training.id, {
    kind: 'training', title: training.title, description: training.description, startsAt: training.startsAt, endsAt: training.endsAt, place: training.place,
    planTaskId: training.planTaskId, status: 'held', version: training.version,
  });

  const conference = await createEvent(officer, {
    unitId: so, kind: 'conference', title: 'Hội nghị sơ kết công tác truyền thông giáo dục học kỳ I',
    startsAt: at(12, 18, 8), endsAt: at(12, 18, 11), place: 'Phòng họp trực tuyến của Sở', onlineUrl: 'https://hop.lamson.demo.vn/so-ket-hk1',
  });
  await inviteToEvent(officer, conference.id, { unitIds: ['binhminh', 'tanlap', 'hoathuan'].map((k) => ids.get(k) as number) }, { isNotifying: false });
  await createEvent(officer, {
    unitId: so, kind: 'contest', title: 'Hội thi video ngắn “Trường em hạnh phúc”', startsAt: at(11, 28, 14), place: 'Trường THPT chuyên Lam Sơn',
    description: 'Mỗi trường gửi tối đa 02 video dài không quá 3 phút.',
  });

  // an inspection of THCS Lê Lợi by the Sở
  const leloi = ids.get('leloi') as number;
  const checklist = await createChecklist(officer, {
    unitId: so, title: 'Tiêu chí kiểm tra công tác truyền thông trường học',
    items: [
      { text: 'Có kế hoạch truyền thông năm học được Hiệu trưởng phê duyệt', weight: 2 },
      { text: 'Trang thông tin điện tử đăng ít nhất 01 tin, bài mỗi tuần', weight: 3 },
      { text: 'Công khai đầy đủ, đúng hạn theo Thông tư 09/2024/TT-BGDĐT', weight: 3, guidance: 'Đối chiếu danh mục công khai trên trang của trường' },
      { text: 'Có người phát ngôn và quy trình xử lý thông tin phản ánh', weight: 2 },
    ],
  });
  const ins = await createInspection(officer, {
    unitId: so, inspectedUnitId: leloi, checklistId: checklist.id, title: 'Kiểm tra công tác truyền thông Trường THCS Lê Lợi', mode: 'visit',
    inspectedOn: `${year}-03-20`, inspectors: ['Đỗ Minh Tuấn', 'Vũ Thị Lan Anh'],
  });
  const [i1, i2, i3, i4] = ins.items;
  await recordResults(officer, ins.id, [
    { itemId: i1.id, result: 100 },
    { itemId: i2.id, result: 50, note: 'Tháng 2 chỉ đăng 2 tin' },
    { itemId: i3.id, result: 80, note: 'Thiếu báo cáo tài chính học kỳ I' },
    { itemId: i4.id, result: 100 },
  ]);
  const withFinding = await addFinding(officer, ins.id, { text: 'Trang thông tin cập nhật chưa đều; nhiều tuần không có tin mới.', severity: 'minor', itemId: i2.id });
  const a1 = await addAction(officer, ins.id, { title: 'Phân công giáo viên phụ trách đăng tin hằng tuần', ownerName: 'Phó Hiệu trưởng Lý Văn Khoa', dueOn: `${year}-04-15`, findingId: withFinding.findings[0].id });
  await addAction(officer, ins.id, { title: 'Đăng bổ sung báo cáo tài chính học kỳ I', ownerName: 'Kế toán nhà trường', dueOn: `${year}-04-30` });
  await finishInspection(officer, ins.id);
  const firstAction = a1.actions.find((a) => a.title.startsWith('Phân công'));
  if (firstAction) {
    await reportAction(principal, firstAction.id, { note: 'Đã phân công cô Trịnh Thu Trang đăng tin vào thứ Hai hằng tuần.' });
    await decideAction(officer, firstAction.id, 'close');
  }
}
