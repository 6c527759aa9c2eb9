import {
  moveIssue,
  moveQuestion,
  moveRebuttal,
  moveRelease,
  recordQuestion,
  saveBriefing,
  saveCorrection,
  saveIssue,
  saveJournalist,
  saveOutlet,
  saveRebuttal,
  saveRelease,
} from '../modules/press';
import { now } from '../platform/clock';
import { db } from '../platform/db';

/**
 * Demo press office of the Sở GDĐT tỉnh Lam Sơn, written for the demo (outlets,
 * journalists and events are fictional): four outlets (two match the demo
 * monitoring feeds by host, so their coverage shows), journalists, two press
 * questions (one answered, one waiting for approval), a published press release,
 * an issues-library entry, a briefing and a press conference, a correction
 * request and a rebuttal of the fee rumour linked to its monitoring thread.
 * Everything goes through the real services (audit log included).
 */
export async function seedDemoPress(ids: Map<string, number>, userIds: Map<string, number>): Promise<void> {
  const so = ids.get('so') as number;
  const user = (email: string) => ({ userId: userIds.get(email) as number });
  const focal = user('daumoi.so@demo.loa.vn');
  const spokesperson = user('phatngon.so@demo.loa.vn');
  const director = user('giamdoc.so@demo.loa.vn');

  const baoLamSon = await saveOutlet(focal, null, { unitId: so, name: 'Báo Lam Sơn', kind: 'print', host: 'baolamson.demo.vn', contacts: 'Ban Văn hóa – Xã hội, 0237 3852 000' });
  const mienTrung = await saveOutlet(focal, null, { unitId: so, name: 'Tin tức Miền Trung', kind: 'online', host: 'tintucmientrung.demo.vn' });
  const giaoDuc = await saveOutlet(focal, null, { unitId: so, name: 'Báo Giáo dục Lam Sơn', kind: 'online', host: 'giaoduclamson.demo.vn', notes: 'Chuyên trang giáo dục, đăng nhiều tin tuyển sinh.' });
  await saveOutlet(focal, null, { unitId: so, name: 'Đài Phát thanh và Truyền hình Lam Sơn', kind: 'tv', host: 'ptthlamson.demo.vn' });
  await saveJournalist(focal, null, { outletId: baoLamSon.id, name: 'Trương Thị Bích Ngọc', beat: 'Giáo dục', phone: '0913 222 481', email: 'bichngoc@baolamson.demo.vn' });
  await saveJournalist(focal, null, { outletId: mienTrung.id, name: 'Hồ Văn Quang', beat: 'Xã hội', email: 'quang.ho@tintucmientrung.demo.vn' });
  await saveJournalist(focal, null, { outletId: giaoDuc.id, name: 'Lưu Minh Châu', beat: 'Tuyển sinh, thi cử', phone: '0978 330 215' });

  const issue = await saveIssue(focal, null, {
    unitId: so,
    topic: 'Các khoản thu đầu năm học',
    factsHtml: '<p>Nhà trường chỉ được thu các khoản theo quy định của Hội đồng nhân dân tỉnh. Các khoản tài trợ, ủng hộ phải hoàn toàn tự nguyện, công khai và không được ấn định mức.</p><p>Năm học này, Sở đã kiểm tra 42 trường; 3 trường phải trả lại tiền cho phụ huynh.</p>',
    position: 'Sở kiên quyết không để xảy ra lạm thu; mọi khoản vận động phải tự nguyện và được công khai trước khi thu.',
    qa: [
      { q: 'Ban đại diện cha mẹ học sinh có được thu tiền lắp điều hòa không?', a: 'Chỉ được vận động tài trợ tự nguyện, không ấn định mức, không thu bình quân; nhà trường phải công khai và quyết toán.' },
      { q: 'Phụ huynh phản ánh lạm thu ở đâu?', a: 'Qua đường dây nóng của Sở 0237 3850 115 hoặc hộp thư góp ý trên cổng thông tin.' },
    ],
    ownerIds: [focal.userId, spokesperson.userId],
    tags: ['khoản thu', 'đầu năm học'],
    reviewOn: new Date(now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10),
  });
  await moveIssue(director, issue.id, 'approve');

  // a question answered, another waiting for the spokesperson's approval
  const deadline = (days: number) => new Date(now().getTime() + days * 86_400_000).toISOString();
  const q1 = await recordQuestion(focal, {
    unitId: so, channel: 'email', outletId: baoLamSon.id, journalistName: 'Trương Thị Bích Ngọc', email: 'bichngoc@baolamson.demo.vn',
    subject: 'Kết quả kiểm tra khoản thu tại Trường THCS Lê Lợi', question: 'Xin Sở cho biết kết quả kiểm tra các khoản thu đầu năm tại Trường THCS Lê Lợi và hướng xử lý đối với các khoản thu chưa đúng quy định?',
    deadlineAt: deadline(-2), issueIds: [issue.id],
  });
  await moveQuestion(focal, q1.id, { action: 'assign', assignedTo: focal.userId });
  await moveQuestion(focal, q1.id, { action: 'draft', draftAnswer: 'Kết quả kiểm tra cho thấy các khoản do ban đại diện cha mẹ học sinh vận động là tự nguyện; riêng khoản lắp điều hòa, nhà trường đã trả lại cho 37 gia đình không đồng ý. Sở đã nhắc nhở nhà trường rút kinh nghiệm trong việc công khai các khoản thu.' });
  await moveQuestion(spokesperson, q1.id, { action: 'approve' });
  await moveQuestion(spokesperson, q1.id, { action: 'answer' });
  const q2 = await recordQuestion(focal, {
    unitId: so, channel: 'phone', outletId: giaoDuc.id, journalistName: 'Lưu Minh Châu', phone: '0978 330 215',
    subject: 'Môn thi thứ ba vào lớp 10', question: 'Phương án tuyển sinh lớp 10 năm tới có giữ tiếng Anh là môn thi thứ ba không, và khi nào Sở công bố chính thức?',
    deadlineAt: deadline(1),
  });
  await moveQuestion(focal, q2.id, { action: 'assign', assignedTo: userIds.get('bientap.so@demo.loa.vn') as number });
  await moveQuestion(user('bientap.so@demo.loa.vn'), q2.id, { action: 'draft', draftAnswer: 'Sở giữ ổn định ba môn thi: Toán, Ngữ văn và tiếng Anh; phương án chính thức được công bố trước ngày 31 tháng 3.' });

  const release = await saveRelease(focal, null, {
    unitId: so,
    title: 'Thông cáo báo chí về kết quả kiểm tra các khoản thu đầu năm học',
    summary: 'Sở Giáo dục và Đào tạo tỉnh Lam Sơn thông tin kết quả kiểm tra các khoản thu đầu năm học tại 42 cơ sở giáo dục.',
    bodyHtml: '<p>Từ ngày 5 đến ngày 20 tháng này, Sở Giáo dục và Đào tạo tỉnh Lam Sơn đã phối hợp với Ủy ban nhân dân các xã, phường kiểm tra việc thu các khoản đầu năm học tại 42 cơ sở giáo dục.</p><p>Kết quả, 39 cơ sở thực hiện đúng quy định; 3 cơ sở có khoản vận động chưa bảo đảm nguyên tắc tự nguyện và đã trả lại tiền cho phụ huynh.</p><p>Sở đề nghị phụ huynh phản ánh qua đường dây nóng 0237 3850 115 khi phát hiện khoản thu không đúng quy định.</p>',
  });
  await moveRelease(spokesperson, release.id, { action: 'approve' });
  await moveRelease(spokesperson, release.id, { action: 'publish' });

  const year = now().getUTCFullYear();
  await saveBriefing(focal, null, { unitId: so, kind: 'conference', title: 'Họp báo định kỳ quý', startsAt: new Date(now().getTime() - 20 * 86_400_000).toISOString(), place: 'Hội trường Sở', spokespersonId: spokesperson.userId, topics: ['Khoản thu đầu năm học', 'Tuyển sinh lớp 10'], outletIds: [baoLamSon.id, giaoDuc.id], status: 'held', minutes: 'Có 9 cơ quan báo chí dự; người phát ngôn trả lời 7 câu hỏi.' });
  await saveBriefing(focal, null, { unitId: so, kind: 'briefing', title: `Cung cấp thông tin định kỳ năm ${year}`, startsAt: new Date(now().getTime() + 7 * 86_400_000).toISOString(), place: 'Phòng họp số 2', spokespersonId: spokesperson.userId, topics: ['Kết quả kiểm tra an toàn thực phẩm bếp ăn bán trú'] });

  // the fee rumour's monitoring thread: a correction request and a rebuttal linked to it
  const item = await db().query<{ id: number; threadId: number | null }>(
    `select id, thread_id as "threadId" from monitor_items where link like '%/le-loi-muoi-hai-khoan' limit 1`,
  );
  const row = item.rows[0];
  await saveCorrection(focal, null, {
    unitId: so, outletId: mienTrung.id, itemId: row ? Number(row.id) : null,
    whatWrong: 'Bài viết nêu nhà trường "ép" phụ huynh đóng mười hai khoản, trong khi các khoản do ban đại diện cha mẹ học sinh vận động tự nguyện.',
    requestedCorrection: 'Đề nghị đính chính, bổ sung kết quả kiểm tra của Sở.', sentOn: new Date(now().getTime() - 5 * 86_400_000).toISOString().slice(0, 10),
  });
  const rebuttal = await saveRebuttal(focal, null, {
    unitId: so, threadId: row?.threadId ? Number(row.threadId) : null, issueId: issue.id,
    title: 'Thông tin "Trường THCS Lê Lợi ép phụ huynh đóng mười hai khoản" là không chính xác',
    falseClaim: 'Trường THCS Lê Lợi ép phụ huynh đóng mười hai khoản thu đầu năm, trong đó có tiền lắp điều hòa.',
    bodyHtml: '<p>Kết quả kiểm tra của Sở cho thấy nhà trường chỉ thu các khoản theo quy định; khoản lắp điều hòa do ban đại diện cha mẹ học sinh vận động tự nguyện và đã được trả lại cho các gia đình không đồng ý.</p>',
  });
  await moveRebuttal(spokesperson, rebuttal.id, 'publish');
}
