import { db } from '../platform/db';
import { now } from '../platform/clock';
import { systemActor } from '../modules/audit';
import { createSource, insertItems, processPending } from '../modules/monitoring';

/**
 * Demo monitoring data for tỉnh Lam Sơn, written for the demo (papers, people
 * and events are fictional): two press feeds (paused: a demo makes no network
 * calls), a social-listening webhook, and thirty items over the last ten
 * days — a fee complaint carried by three papers with a follow-up and the Sở's
 * rebuttal, a food-safety scare, good news — inserted directly and run through
 * the real pipeline (matching, tone, stories, threads).
 */
type DemoItem = { src: 0 | 1 | 2; daysAgo: number; hour: number; slug: string; title: string; body: string };

const items: DemoItem[] = [
  { src: 0, daysAgo: 9, hour: 8, slug: 'le-loi-thu-tien', title: 'Phụ huynh Trường THCS Lê Lợi phản ánh bị thu nhiều khoản đầu năm', body: 'Nhiều phụ huynh Trường THCS Lê Lợi (phường Bình Minh, tỉnh Lam Sơn) cho biết đầu năm học phải đóng tới mười hai khoản, trong đó có tiền lắp điều hòa và quỹ khuyến học do ban đại diện cha mẹ học sinh đề xuất.' },
  { src: 1, daysAgo: 9, hour: 11, slug: 'le-loi-muoi-hai-khoan', title: 'Lam Sơn: Phụ huynh THCS Lê Lợi bức xúc vì mười hai khoản thu đầu năm', body: 'Phụ huynh Trường THCS Lê Lợi ở phường Bình Minh phản ánh đầu năm học phải đóng mười hai khoản, có tiền lắp điều hòa và quỹ khuyến học do ban đại diện cha mẹ học sinh đề xuất.' },
  { src: 2, daysAgo: 9, hour: 14, slug: 'fb-le-loi-thu', title: 'Phu huynh truong THCS Le Loi phan anh bi thu nhieu khoan dau nam', body: 'Nhieu phu huynh Truong THCS Le Loi (phuong Binh Minh, tinh Lam Son) cho biet dau nam hoc phai dong toi muoi hai khoan, trong do co tien lap dieu hoa va quy khuyen hoc.' },
  { src: 0, daysAgo: 8, hour: 9, slug: 'so-kiem-tra-le-loi', title: 'Sở GDĐT Lam Sơn yêu cầu kiểm tra các khoản thu tại Trường THCS Lê Lợi', body: 'Sở Giáo dục và Đào tạo tỉnh Lam Sơn đã có văn bản yêu cầu phường Bình Minh kiểm tra, báo cáo việc thu các khoản đầu năm tại Trường THCS Lê Lợi trước ngày 20.' },
  { src: 1, daysAgo: 6, hour: 16, slug: 'le-loi-tra-lai-tien', title: 'Không có chuyện lạm thu ở Trường THCS Lê Lợi, nhà trường trả lại tiền điều hòa', body: 'Kết quả kiểm tra cho thấy các khoản thu tại Trường THCS Lê Lợi do ban đại diện cha mẹ học sinh vận động tự nguyện; nhà trường đã trả lại tiền lắp điều hòa cho các gia đình không đồng ý.' },
  { src: 1, daysAgo: 5, hour: 12, slug: 'kim-dong-dau-bung', title: 'Hơn 20 học sinh Trường Tiểu học Kim Đồng đau bụng sau bữa trưa bán trú', body: 'Trưa 14, sau bữa ăn bán trú, hơn 20 học sinh Trường Tiểu học Kim Đồng có biểu hiện đau bụng, buồn nôn và được đưa đến trạm y tế phường Bình Minh theo dõi.' },
  { src: 0, daysAgo: 5, hour: 15, slug: 'kim-dong-bua-trua', title: 'Học sinh Trường Tiểu học Kim Đồng đau bụng sau bữa trưa bán trú, hơn 20 em phải theo dõi', body: 'Sau bữa ăn bán trú trưa 14, hơn 20 học sinh Trường Tiểu học Kim Đồng bị đau bụng, buồn nôn, được đưa đến trạm y tế phường Bình Minh theo dõi.' },
  { src: 0, daysAgo: 4, hour: 10, slug: 'kim-dong-lay-mau', title: 'Vụ học sinh Trường Tiểu học Kim Đồng đau bụng: đã lấy mẫu thức ăn xét nghiệm', body: 'Trung tâm Kiểm soát bệnh tật tỉnh đã lấy mẫu thức ăn của bếp bán trú Trường Tiểu học Kim Đồng; các em học sinh đều đã ổn định sức khỏe và trở lại lớp.' },
  { src: 2, daysAgo: 7, hour: 20, slug: 'fb-hoa-sen', title: 'Phụ huynh hỏi về việc cô giáo Trường Mầm non Hoa Sen quát mắng trẻ', body: 'Một tài khoản mạng xã hội đăng đoạn ghi âm, cho rằng cô giáo Trường Mầm non Hoa Sen quát mắng trẻ trong giờ ngủ trưa; nhiều phụ huynh vào hỏi nhà trường.' },
  { src: 1, daysAgo: 6, hour: 9, slug: 'hoa-sen-xac-minh', title: 'Trường Mầm non Hoa Sen làm việc với phụ huynh về đoạn ghi âm quát mắng trẻ', body: 'Ban giám hiệu Trường Mầm non Hoa Sen đã mời phụ huynh lên làm việc, tạm thời không phân công cô giáo trong đoạn ghi âm đứng lớp để xác minh.' },
  { src: 0, daysAgo: 3, hour: 8, slug: 'chuyen-lam-son-olympic', title: 'Học sinh Trường THPT chuyên Lam Sơn giành huy chương vàng Olympic Vật lý', body: 'Em Trần Minh Khang, học sinh lớp 12 Trường THPT chuyên Lam Sơn, vừa giành huy chương vàng kỳ thi Olympic Vật lý quốc tế, là tấm huy chương vàng đầu tiên của tỉnh.' },
  { src: 1, daysAgo: 3, hour: 10, slug: 'huy-chuong-vang-vat-ly', title: 'Nam sinh chuyên Lam Sơn đoạt huy chương vàng Olympic Vật lý quốc tế', body: 'Trần Minh Khang, học sinh lớp 12 Trường THPT chuyên Lam Sơn, giành huy chương vàng Olympic Vật lý quốc tế, tấm huy chương vàng đầu tiên của tỉnh Lam Sơn.' },
  { src: 0, daysAgo: 2, hour: 7, slug: 'nguyen-trai-sat-lo', title: 'Tường rào Trường THPT Nguyễn Trãi sạt lở sau mưa lớn', body: 'Mưa lớn kéo dài làm khoảng 30 mét tường rào Trường THPT Nguyễn Trãi bị sạt lở; nhà trường đã căng dây cảnh báo, không để học sinh lại gần.' },
  { src: 1, daysAgo: 2, hour: 13, slug: 'nguyen-du-thieu-giao-vien', title: 'Trường Tiểu học Nguyễn Du thiếu giáo viên tiếng Anh, học sinh chưa có tiết học', body: 'Từ đầu năm học, Trường Tiểu học Nguyễn Du (xã Tân Lập) chưa tuyển được giáo viên tiếng Anh, ba lớp khối 3 chưa có tiết tiếng Anh nào.' },
  { src: 0, daysAgo: 1, hour: 9, slug: 'ky-thi-lop-10', title: 'Lam Sơn công bố phương án tuyển sinh lớp 10 năm học mới', body: 'Sở Giáo dục và Đào tạo tỉnh Lam Sơn công bố phương án tuyển sinh lớp 10 với ba môn thi, trong đó môn thứ ba là tiếng Anh.' },
  { src: 1, daysAgo: 1, hour: 11, slug: 'hoa-mi-bep-moi', title: 'Trường Mầm non Họa Mi khánh thành bếp ăn một chiều', body: 'Trường Mầm non Họa Mi (xã Hòa Thuận) vừa đưa vào sử dụng bếp ăn một chiều do doanh nghiệp trên địa bàn tài trợ, bảo đảm an toàn thực phẩm cho hơn 300 trẻ.' },
  { src: 0, daysAgo: 1, hour: 15, slug: 'gia-xang', title: 'Giá xăng dầu giảm nhẹ từ chiều nay', body: 'Liên bộ Công Thương – Tài chính điều chỉnh giảm giá xăng dầu, mỗi lít xăng giảm khoảng 300 đồng.' },
  { src: 1, daysAgo: 0, hour: 7, slug: 'duong-le-loi', title: 'Sửa chữa mặt đường Lê Lợi, hạn chế xe tải từ ngày mai', body: 'Đoạn đường Lê Lợi qua trung tâm thành phố sẽ được thảm lại nhựa trong hai tuần, xe tải trên năm tấn không được lưu thông.' },
  { src: 2, daysAgo: 0, hour: 8, slug: 'fb-kim-dong-hoc-phi', title: 'Phụ huynh hỏi về tiền học bán trú tháng này ở Trường Tiểu học Kim Đồng', body: 'Nhóm phụ huynh trên mạng xã hội hỏi vì sao tiền ăn bán trú tháng này của Trường Tiểu học Kim Đồng tăng thêm 5.000 đồng mỗi ngày.' },
  { src: 1, daysAgo: 8, hour: 7, slug: 'hoc-bong-vuot-kho', title: 'Trao 150 suất học bổng cho học sinh vượt khó tỉnh Lam Sơn', body: 'Quỹ Khuyến học tỉnh Lam Sơn trao 150 suất học bổng, mỗi suất 2 triệu đồng, cho học sinh có hoàn cảnh khó khăn vươn lên học tốt.' },
  { src: 0, daysAgo: 7, hour: 10, slug: 'nguyen-trai-clip-danh-nhau', title: 'Nữ sinh Trường THPT Nguyễn Trãi bị bạn đánh, clip lan truyền trên mạng', body: 'Một đoạn clip ghi cảnh nữ sinh lớp 11 Trường THPT Nguyễn Trãi bị nhóm bạn đánh ở cổng sau trường được chia sẻ trên mạng xã hội; nhà trường đã mời phụ huynh các em lên làm việc.' },
  { src: 1, daysAgo: 7, hour: 13, slug: 'clip-nu-sinh-nguyen-trai', title: 'Clip nữ sinh lớp 11 Trường THPT Nguyễn Trãi bị nhóm bạn đánh ở cổng sau trường', body: 'Đoạn clip nữ sinh lớp 11 Trường THPT Nguyễn Trãi bị nhóm bạn đánh ở cổng sau trường lan truyền trên mạng xã hội, nhà trường đã mời phụ huynh các em lên làm việc.' },
  { src: 2, daysAgo: 7, hour: 21, slug: 'fb-clip-nguyen-trai', title: 'Clip nu sinh lop 11 truong THPT Nguyen Trai bi nhom ban danh', body: 'Doan clip nu sinh lop 11 Truong THPT Nguyen Trai bi nhom ban danh o cong sau truong dang lan truyen, phu huynh rat lo lang.' },
  { src: 0, daysAgo: 6, hour: 8, slug: 'nguyen-trai-ky-luat', title: 'Trường THPT Nguyễn Trãi kỷ luật nhóm học sinh đánh bạn', body: 'Hội đồng kỷ luật Trường THPT Nguyễn Trãi đã họp, khiển trách bốn học sinh đánh bạn và phối hợp với công an phường tổ chức buổi tuyên truyền phòng chống bạo lực học đường.' },
  { src: 1, daysAgo: 4, hour: 9, slug: 'tap-huan-giao-vien', title: 'Tập huấn chương trình giáo dục phổ thông mới cho 600 giáo viên', body: 'Sở Giáo dục và Đào tạo tỉnh Lam Sơn tổ chức tập huấn cho 600 giáo viên cốt cán về đổi mới kiểm tra, đánh giá học sinh.' },
  { src: 0, daysAgo: 3, hour: 14, slug: 'chu-van-an-xuong-cap', title: 'Nhiều phòng học Trường THCS Chu Văn An xuống cấp, thấm dột mỗi khi mưa', body: 'Sáu phòng học của Trường THCS Chu Văn An (xã Tân Lập) bị thấm dột, tường bong tróc; học sinh phải kê bàn tránh chỗ nước nhỏ xuống mỗi khi trời mưa.' },
  { src: 1, daysAgo: 2, hour: 18, slug: 'luong-giao-vien-hop-dong', title: 'Giáo viên hợp đồng ở xã Hòa Thuận chậm nhận lương hai tháng', body: 'Hơn 20 giáo viên hợp đồng tại các trường mầm non, tiểu học xã Hòa Thuận phản ánh chưa được trả lương tháng 9 và tháng 10.' },
  { src: 0, daysAgo: 1, hour: 17, slug: 'thoi-tiet', title: 'Thời tiết Lam Sơn: mưa rào và dông rải rác, nhiệt độ giảm', body: 'Đài khí tượng thủy văn tỉnh dự báo từ nay đến cuối tuần có mưa rào và dông rải rác, nhiệt độ thấp nhất 22 độ.' },
  { src: 2, daysAgo: 0, hour: 10, slug: 'fb-quang-trung-khen', title: 'Phụ huynh khen cô giáo Trường Tiểu học và THCS Quang Trung tận tâm', body: 'Một phụ huynh đăng bài cảm ơn cô giáo chủ nhiệm Trường Tiểu học và THCS Quang Trung đã kèm cặp con mình suốt mùa lũ.' },
  { src: 0, daysAgo: 0, hour: 9, slug: 'chuyen-doi-so', title: 'Giáo dục Lam Sơn đẩy mạnh chuyển đổi số, 100% trường dùng sổ điểm điện tử', body: 'Ngành giáo dục tỉnh Lam Sơn cho biết toàn bộ trường phổ thông đã dùng sổ điểm điện tử và học bạ số từ học kỳ này.' },
];

export async function seedDemoMonitoring(ids: Map<string, number>): Promise<void> {
  const so = ids.get('so') as number;
  const feeds = [
    await createSource(systemActor, { unitId: so, kind: 'feed', name: 'Báo Lam Sơn – Giáo dục', url: 'https://baolamson.demo.vn/rss/giao-duc.rss', isActive: false }),
    await createSource(systemActor, { unitId: so, kind: 'feed', name: 'Tin tức Miền Trung – Giáo dục', url: 'https://tintucmientrung.demo.vn/giao-duc.rss', isActive: false }),
    await createSource(systemActor, { unitId: so, kind: 'webhook', name: 'Dịch vụ lắng nghe mạng xã hội' }),
  ].map((r) => r.source.id);
  const hosts = ['baolamson.demo.vn/giao-duc', 'tintucmientrung.demo.vn/tin', 'facebook.com/groups/phuhuynhlamson.demo/posts'];
  const today = now();
  for (const it of items) {
    const at = new Date(today.getTime() - it.daysAgo * 86_400_000);
    at.setUTCHours(it.hour - 7, 15, 0, 0);
    const link = `https://${hosts[it.src]}/${it.slug}`;
    await insertItems(db(), feeds[it.src], [
      { guid: link, link, title: it.title, body: it.body, author: null, publishedAt: at > today ? today : at, kind: it.src === 2 ? 'post' : 'article' },
    ]);
  }
  // the demo feeds look polled once, so their health reads as it would
  await db().query(
    `update monitor_sources set last_polled_at = now() - interval '2 hours', last_success_at = now() - interval '2 hours', is_backlog_taken = true where id = any($1::bigint[])`,
    [feeds.slice(0, 2)],
  );
  await processPending();
}
