import {
  addAlbumPhoto,
  addDays,
  createAdmission,
  createAlbum,
  createFaq,
  createLink,
  createScheduleItem,
  createVideo,
  currentSchoolYear,
  mondayOf,
  setPublished,
  vnDay,
} from '../modules/sitecontent';
import { log } from '../platform/log';
import { type Scene, renderScene } from './demo-photos';

/**
 * Demo site content for the demo schools and the Sở: a current admissions
 * notice (open today), this week's work schedule, a photo album with generated
 * illustrations (no pupils' faces), a YouTube video link, FAQ and links.
 * Dates are relative to the day the demo is loaded, so the notice is open and
 * the schedule is this week's whenever the demo starts.
 */
export async function seedDemoSiteContent(units: Map<string, number>, users: Map<string, number>): Promise<void> {
  const user = (email: string) => ({ userId: users.get(email) ?? null, ip: null });
  const today = vnDay();
  const monday = mondayOf(today);
  const year = currentSchoolYear();
  const next = `${Number(year.slice(0, 4)) + 1}-${Number(year.slice(5)) + 1}`;

  // ---- THCS Lê Lợi ----
  const leloi = units.get('leloi');
  const editor = user('bientap.leloi@demo.loa.vn');
  if (leloi) {
    const open = await createAdmission(editor, leloi, {
      title: `Thông báo tuyển sinh vào lớp 6 năm học ${next.replace('-', '–')}`,
      schoolYear: next,
      grade: 'Lớp 6',
      summary: 'Nhà trường tuyển 360 học sinh vào 9 lớp 6, theo hình thức xét tuyển kết quả học tập ở tiểu học.',
      bodyHtml:
        '<h2>Đối tượng và chỉ tiêu</h2><p>Học sinh đã hoàn thành chương trình tiểu học, cư trú trên địa bàn phường Bình Minh theo phân tuyến của Ủy ban nhân dân phường. Chỉ tiêu: <strong>360 học sinh</strong> (9 lớp).</p>' +
        '<h2>Hồ sơ</h2><ul><li>Đơn xin dự tuyển (theo mẫu của nhà trường);</li><li>Học bạ tiểu học hoặc giấy xác nhận hoàn thành chương trình tiểu học;</li><li>Bản sao giấy khai sinh.</li></ul>' +
        '<h2>Hình thức nộp</h2><p>Cha mẹ học sinh đăng ký trực tuyến trên Cổng dịch vụ công hoặc nộp trực tiếp tại văn phòng nhà trường, giờ hành chính các ngày làm việc.</p>',
      applyFrom: addDays(today, -3),
      applyTo: addDays(today, 12),
      resultOn: addDays(today, 20),
    });
    await setPublished(editor, 'admission_notices', open.id, true);
    const old = await createAdmission(editor, leloi, {
      title: `Thông báo tuyển sinh bổ sung lớp 7 năm học ${year.replace('-', '–')}`,
      schoolYear: year,
      grade: 'Lớp 7',
      bodyHtml: '<p>Nhà trường nhận bổ sung 15 học sinh lớp 7 chuyển đến từ địa phương khác.</p>',
      applyFrom: addDays(today, -90),
      applyTo: addDays(today, -60),
    });
    await setPublished(editor, 'admission_notices', old.id, true);

    const leader = user('hieutruong.leloi@demo.loa.vn');
    const week: [number, string, string | null, string, string | null, string | null, string | null][] = [
      [0, '07:00', '07:45', 'Chào cờ đầu tuần; phát động thi đua chào mừng ngày lễ', 'Hiệu trưởng Đặng Thị Thuỷ', 'Toàn thể giáo viên, học sinh', 'Sân trường'],
      [0, '14:00', '16:30', 'Họp Ban giám hiệu: rà soát kế hoạch tuần và công tác bán trú', 'Hiệu trưởng Đặng Thị Thuỷ', 'Ban giám hiệu, tổ trưởng chuyên môn', 'Phòng họp tầng 2'],
      [1, '08:00', '11:00', 'Dự giờ thăm lớp tổ Khoa học tự nhiên', 'Phó Hiệu trưởng Lý Văn Khoa', 'Tổ Khoa học tự nhiên', 'Lớp 8A2'],
      [2, '08:00', null, 'Làm việc với Sở về triển khai chuyển đổi số trong nhà trường', 'Hiệu trưởng Đặng Thị Thuỷ', null, 'Sở Giáo dục và Đào tạo'],
      [3, '15:00', '17:00', 'Sinh hoạt chuyên môn theo nghiên cứu bài học', 'Phó Hiệu trưởng Lý Văn Khoa', 'Giáo viên Ngữ văn, Lịch sử và Địa lí', 'Phòng họp tầng 2'],
      [4, '07:30', '10:30', 'Kiểm tra hồ sơ chuyên môn giáo viên', 'Ban giám hiệu', null, 'Văn phòng nhà trường'],
      [5, '07:30', '11:00', 'Tiếp nhận hồ sơ tuyển sinh lớp 6 (buổi sáng thứ Bảy)', 'Phó Hiệu trưởng Lý Văn Khoa', 'Tổ tuyển sinh', 'Văn phòng nhà trường'],
    ];
    for (const [d, start, end, content, chair, participants, place] of week) {
      await createScheduleItem(leader, leloi, { day: addDays(monday, d), startTime: start, endTime: end, content, chair, participants, place });
    }

    const album = await createAlbum(editor, leloi, {
      title: 'Ngày hội đọc sách và thư viện xanh',
      description: 'Hình ảnh ngày hội đọc sách của học sinh khối 6, 7 tại thư viện xanh của trường.',
      takenOn: addDays(today, -10),
    });
    const scenes: [Scene, string][] = [
      [{ kind: 'library' }, 'Góc đọc sách ngoài trời của thư viện xanh'],
      [{ kind: 'fair' }, 'Các gian trưng bày sách do học sinh tự trang trí'],
      [{ kind: 'school' }, 'Sân trường trong ngày hội'],
      [{ kind: 'classroom' }, 'Tiết đọc sách tại lớp 7A1'],
    ];
    for (const [i, [scene, caption]] of scenes.entries()) {
      const png = await renderScene(scene, 'Ảnh minh họa · Thư viện ảnh', 900 + i);
      await addAlbumPhoto(editor, album.id, { data: png, fileName: `doc-sach-${i + 1}.png`, mime: 'image/png', caption });
    }
    await setPublished(editor, 'albums', album.id, true);

    const video = await createVideo(editor, leloi, {
      title: 'Phóng sự: Thư viện xanh của Trường THCS Lê Lợi',
      description: 'Phóng sự ngắn về mô hình thư viện xanh, do câu lạc bộ truyền thông của trường thực hiện.',
      youtubeUrl: 'https://www.youtube.com/watch?v=aqz-KE-bpKQ',
    });
    await setPublished(editor, 'videos', video.id, true);

    const faqs: [string, string, string][] = [
      ['Tuyển sinh', 'Con tôi ở phường khác có được đăng ký vào lớp 6 của trường không?', 'Nhà trường ưu tiên học sinh cư trú trong phân tuyến của phường Bình Minh. Nếu còn chỉ tiêu sau đợt xét tuyển, nhà trường thông báo nhận hồ sơ bổ sung trên trang này.\n\nCha mẹ học sinh có thể gửi câu hỏi qua mục Gửi ý kiến để được hướng dẫn cụ thể.'],
      ['Tuyển sinh', 'Nộp hồ sơ tuyển sinh trực tuyến ở đâu?', 'Cha mẹ học sinh đăng ký trên Cổng dịch vụ công quốc gia, mục tuyển sinh đầu cấp, hoặc nộp trực tiếp tại văn phòng nhà trường trong giờ hành chính.'],
      ['Học phí và các khoản thu', 'Học sinh THCS công lập có phải đóng học phí không?', 'Học sinh trung học cơ sở công lập được miễn học phí theo quy định hiện hành. Các khoản thu khác (bán trú, nước uống) thực hiện theo nghị quyết của Hội đồng nhân dân tỉnh và được công khai tại mục Công khai.'],
      ['Bán trú', 'Trường có tổ chức bán trú cho học sinh không?', 'Có. Nhà trường tổ chức bán trú cho học sinh có nhu cầu, đăng ký theo từng học kỳ với giáo viên chủ nhiệm.'],
    ];
    for (const [groupName, question, answer] of faqs) await createFaq(editor, leloi, { groupName, question, answer });

    const links: [string, string, string][] = [
      ['Cơ quan quản lý', 'Bộ Giáo dục và Đào tạo', 'https://moet.gov.vn'],
      ['Cơ quan quản lý', 'Sở Giáo dục và Đào tạo tỉnh Lam Sơn', 'https://sgddt-lamson.demo.vn'],
      ['Dịch vụ công', 'Cổng dịch vụ công quốc gia', 'https://dichvucong.gov.vn'],
    ];
    for (const [groupName, title, url] of links) await createLink(editor, leloi, { groupName, title, url });
  }

  // ---- Tiểu học Kim Đồng: an admissions notice for grade 1, a FAQ entry ----
  const kimdong = units.get('kimdong');
  if (kimdong) {
    const system = { userId: null, ip: null };
    const g1 = await createAdmission(system, kimdong, {
      title: `Thông báo tuyển sinh vào lớp 1 năm học ${next.replace('-', '–')}`,
      schoolYear: next,
      grade: 'Lớp 1',
      summary: 'Tuyển 175 học sinh vào 5 lớp 1, học 2 buổi/ngày.',
      bodyHtml: '<p>Trẻ sinh năm tròn 6 tuổi, cư trú trên địa bàn phường Bình Minh. Cha mẹ đăng ký trực tuyến hoặc nộp hồ sơ tại văn phòng nhà trường.</p>',
      applyFrom: addDays(today, 5),
      applyTo: addDays(today, 25),
    });
    await setPublished(system, 'admission_notices', g1.id, true);
    await createFaq(system, kimdong, { groupName: 'Tuyển sinh', question: 'Trẻ chưa đủ 6 tuổi có được vào lớp 1 không?', answer: 'Không. Trẻ vào lớp 1 phải đủ 6 tuổi tính theo năm sinh, trừ trường hợp đặc biệt theo quy định của Bộ Giáo dục và Đào tạo.' });
  }

  // ---- the Sở: its leaders' schedule and a few links ----
  const so = units.get('so');
  if (so) {
    const leader = user('giamdoc.so@demo.loa.vn');
    const items: [number, string, string, string, string][] = [
      [0, '08:00', 'Giao ban lãnh đạo Sở', 'Giám đốc Nguyễn Văn Thành', 'Phòng họp số 1'],
      [1, '14:00', 'Làm việc với phường Bình Minh về sắp xếp mạng lưới trường lớp', 'Giám đốc Nguyễn Văn Thành', 'Ủy ban nhân dân phường Bình Minh'],
      [3, '08:30', 'Hội nghị sơ kết công tác truyền thông giáo dục học kỳ I', 'Phó Giám đốc Phạm Thị Hoà', 'Hội trường Sở'],
    ];
    for (const [d, startTime, content, chair, place] of items) await createScheduleItem(leader, so, { day: addDays(monday, d), startTime, content, chair, place });
    await createFaq(user('bientap.so@demo.loa.vn'), so, { groupName: 'Thủ tục hành chính', question: 'Thủ tục cấp bản sao văn bằng tốt nghiệp THPT nộp ở đâu?', answer: 'Người đề nghị nộp hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh hoặc trực tuyến trên Cổng dịch vụ công.' });
    await createLink(user('bientap.so@demo.loa.vn'), so, { groupName: 'Cơ quan quản lý', title: 'Bộ Giáo dục và Đào tạo', url: 'https://moet.gov.vn' });
  }
  log.info('demo site content loaded');
}
