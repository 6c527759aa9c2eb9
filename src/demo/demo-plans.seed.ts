import { cascadePlan, createPlan, issuePlan, movePlan, seedDefaultHolidays, setTaskProgress, type PlanInput } from '../modules/plans';
import { db } from '../platform/db';

/**
 * Demo plans for tỉnh Lam Sơn: the Sở's communications plan for the year, issued
 * and sent to the communes and schools, a commune's plan made from it and
 * issued, and a school's draft — with a little progress, so the plan pages,
 * deadlines and charts have something to show on first sign-in.
 */
const year = new Date().getFullYear();

const soPlan = (unitId: number): PlanInput => ({
  unitId,
  title: `Truyền thông về giáo dục và đào tạo năm ${year}`,
  period: { year },
  place: 'Lam Sơn',
  symbol: 'KH-SGDĐT',
  subplanDueOn: `${year}-03-10`,
  basis: [
    { kind: 'plan', ref: `15/KH-BGDĐT`, date: `${year}-01-08`, issuer: 'Bộ Giáo dục và Đào tạo', summary: `truyền thông về giáo dục và đào tạo năm ${year}` },
    { kind: 'decree', ref: '09/2017/NĐ-CP', date: '2017-02-09', issuer: 'Chính phủ', summary: 'quy định chi tiết việc phát ngôn và cung cấp thông tin cho báo chí' },
  ],
  sections: [
    {
      number: 'I',
      title: 'MỤC ĐÍCH, YÊU CẦU',
      body: null,
      children: [
        { number: '1', title: 'Mục đích', body: 'Thông tin kịp thời, chính xác, đầy đủ về chủ trương, chính sách của ngành; tạo đồng thuận của cha mẹ học sinh và xã hội trong đổi mới giáo dục.', children: [] },
        { number: '2', title: 'Yêu cầu', body: 'Công tác truyền thông bám sát nhiệm vụ năm học; phát hiện sớm và xử lý kịp thời thông tin sai lệch.', children: [] },
      ],
    },
    {
      number: 'II',
      title: 'NỘI DUNG TRUYỀN THÔNG',
      body: 'Tập trung vào chương trình giáo dục phổ thông 2018, tuyển sinh đầu cấp, kỳ thi tốt nghiệp trung học phổ thông, chuyển đổi số và gương người tốt việc tốt trong ngành.',
      children: [],
    },
    {
      number: 'III',
      title: 'TỔ CHỨC THỰC HIỆN',
      body: null,
      children: [
        { number: '1', title: 'Văn phòng Sở', body: 'Làm đầu mối tham mưu, tổng hợp, theo dõi việc thực hiện kế hoạch.', children: [] },
        { number: '2', title: 'Các cơ sở giáo dục', body: 'Mỗi trường gửi ít nhất 01 tin, bài mỗi tuần về Ban biên tập Cổng thông tin điện tử của Sở.', children: [] },
      ],
    },
  ],
  channels: [
    { kind: 'portal', label: 'Cổng thông tin điện tử Sở GDĐT Lam Sơn', address: 'https://sogddt.lamson.example.vn' },
    { kind: 'fanpage', label: 'Fanpage Sở GDĐT Lam Sơn', address: null },
    { kind: 'zalo', label: 'Nhóm Zalo đầu mối truyền thông các trường', address: null },
    { kind: 'press', label: 'Báo Lam Sơn, Đài Phát thanh và Truyền hình tỉnh', address: null },
  ],
  budget: [{ item: 'Sản xuất video, đồ họa truyền thông tuyển sinh', amount: 45_000_000, source: 'Ngân sách sự nghiệp giáo dục' }],
  signer: { authority: 'KT.', title: 'GIÁM ĐỐC', deputyTitle: 'PHÓ GIÁM ĐỐC', name: 'Phạm Thị Hoà' },
  recipients: ['Bộ GDĐT (để báo cáo)', 'UBND tỉnh (để báo cáo)', 'Các phòng, đơn vị thuộc Sở', 'UBND các xã, phường', 'Các cơ sở giáo dục', 'Lưu: VT, VP'],
  tasks: [
    { group: 'Truyền thông chính sách', topic: 'Chương trình giáo dục phổ thông 2018 và sách giáo khoa', products: 'Tin, bài, video ngắn, infographic', lead: ['Phòng Giáo dục phổ thông'], partners: ['Các trường'], quarters: [1, 2, 3, 4] },
    { group: 'Truyền thông chính sách', topic: 'Tuyển sinh đầu cấp và lớp 10', products: 'Hỏi – đáp, livestream', lead: ['Phòng Quản lý chất lượng'], partners: ['Các trường THCS, THPT'], quarters: [2, 3] },
    { group: 'Gương điển hình', topic: 'Gương người tốt việc tốt trong ngành', products: 'Phóng sự, chuyên mục', lead: ['Văn phòng Sở'], partners: ['Báo Lam Sơn'], quarters: [4], objectives: [{ kind: 'output', indicator: 'Số phóng sự phát sóng', target: '4' }] },
  ],
  obligations: [
    { who: 'Các trường', unitTypes: ['school'], what: 'Gửi ít nhất 01 tin, bài mỗi tuần về Ban biên tập', recurrence: 'weekly', quantity: 1 },
    { who: 'UBND các xã, phường', unitTypes: ['commune'], what: 'Báo cáo tình hình dư luận về giáo dục trên địa bàn trước ngày 20 hằng tháng', recurrence: 'monthly', dayOfMonth: 20, isBeforeDay: true },
    { who: 'Các đơn vị', unitTypes: ['commune', 'school'], what: 'Báo cáo ngay khi có sự cố truyền thông', recurrence: 'on_event' },
  ],
});

export async function seedDemoPlans(ids: ReadonlyMap<string, number>, users: ReadonlyMap<string, number>): Promise<void> {
  await seedDefaultHolidays(db());
  const holidays = new Set((await db().query<{ day: string }>('select day::text as day from holidays')).rows.map((r) => r.day));
  const so = ids.get('so') as number;
  const author = { userId: users.get('daumoi.so@demo.loa.vn') ?? null };
  const director = { userId: users.get('giamdoc.so@demo.loa.vn') ?? null };
  const plan = await createPlan(author, soPlan(so));
  await movePlan(author, plan.id, 'submit');
  await movePlan(director, plan.id, 'approve');
  const recipients = ['binhminh', 'tanlap', 'hoathuan', 'leloi', 'kimdong', 'thptls'].map((k) => ids.get(k) as number);
  const issued = await issuePlan(director, plan.id, { issuedOn: `${year}-01-12`, holidays, recipientUnitIds: recipients });

  // Phường Bình Minh makes its plan from the Sở's and issues it; THCS Lê Lợi has a draft.
  const commune = { userId: users.get('daumoi.binhminh@demo.loa.vn') ?? null };
  const bm = await cascadePlan(commune, issued.id, ids.get('binhminh') as number, { title: `Truyền thông về giáo dục trên địa bàn phường năm ${year}` });
  await movePlan(commune, bm.id, 'submit');
  await db().query(`update plans set status = 'approved', approved_by = $2 where id = $1`, [bm.id, director.userId]);
  await issuePlan(director, bm.id, { issuedOn: `${year}-02-20`, holidays });
  const school = { userId: users.get('hieutruong.leloi@demo.loa.vn') ?? null };
  const ll = await cascadePlan(school, issued.id, ids.get('leloi') as number, { title: `Truyền thông của nhà trường năm ${year}` });

  await setTaskProgress(author, issued.tasks[0].id, 1, 'done', 'Đã đăng 24 tin, 3 infographic', [{ label: 'Chuyên mục trên Cổng thông tin', url: 'https://sogddt.lamson.example.vn/chuong-trinh-moi' }]);
  await setTaskProgress(commune, bm.tasks[0].id, 1, 'in_progress', 'Đang tổng hợp tin của các trường');
  await setTaskProgress(school, ll.tasks[0].id, 1, 'done');
}
