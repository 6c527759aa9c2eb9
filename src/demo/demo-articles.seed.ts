import { articleSearchText, sanitizeArticleHtml } from '../modules/newsroom/html';
import { uploadImage } from '../modules/newsroom/media.service';
import { db, withTransaction } from '../platform/db';
import { schoolYearOf, slugify } from '../text';
import { type Scene, renderScene } from './demo-photos';

/**
 * Demo news for tỉnh Lam Sơn: a dozen articles written for the demo (all
 * names, places and figures are fictional), published over the last four
 * weeks by the Sở and several schools, some picked for the sector portal,
 * each with one or two illustrations drawn in-process and uploaded through
 * uploadImage (so the photo sizes are made the real way). One article waits
 * for approval and one is a draft, for the newsroom's admin pages.
 * No article names or shows a pupil: that would need recorded consents.
 */
type Photo = { scene: Scene; caption: string };
type DemoArticle = {
  unit: string;
  author: string;
  approver?: string;
  status: 'published' | 'submitted' | 'draft';
  daysAgo: number;
  isOnPortal?: boolean;
  themes: string[];
  title: string;
  summary: string;
  body: string;
  photos: Photo[];
  correction?: { note: string; daysAgo: number };
};

const admitYear = schoolYearOf(new Date()).start + 1;
const admission = `${admitYear}–${admitYear + 1}`;

const articles: DemoArticle[] = [
  {
    unit: 'so', author: 'daumoi.so@demo.loa.vn', approver: 'bientap.so@demo.loa.vn', status: 'published', daysAgo: 2, isOnPortal: true,
    themes: ['Chuyển đổi số'],
    title: 'Hơn 600 cán bộ quản lý trường học được tập huấn chuyển đổi số',
    summary: 'Sở GDĐT Lam Sơn vừa tổ chức lớp tập huấn về ứng dụng công nghệ số trong quản lý nhà trường cho hiệu trưởng, phó hiệu trưởng các trường mầm non, tiểu học, THCS và THPT trong tỉnh.',
    body: `<p>Trong hai ngày, hơn 600 cán bộ quản lý được hướng dẫn sử dụng cơ sở dữ liệu ngành, học bạ số, sổ điểm điện tử và phần mềm quản lý hồ sơ công việc. Lớp tập huấn được tổ chức kết hợp trực tiếp tại Hội trường Sở và trực tuyến tới các điểm cầu xã, phường.</p>
<p>Phát biểu khai mạc, ông Nguyễn Văn Thành, Giám đốc Sở GDĐT, nhấn mạnh chuyển đổi số không chỉ là mua sắm thiết bị mà trước hết là thay đổi cách làm việc của người đứng đầu. “Mỗi hiệu trưởng phải là người đi đầu trong việc dùng dữ liệu để ra quyết định và giảm giấy tờ cho giáo viên”, ông nói.</p>
<h2>Giảm hồ sơ, sổ sách cho giáo viên</h2>
<p>Theo kế hoạch, từ học kỳ II năm học này, toàn bộ các trường THCS và THPT trong tỉnh sử dụng học bạ số; cấp tiểu học triển khai thí điểm tại 30 trường. Việc ký số được hướng dẫn chi tiết, từ cấp chứng thư số cho giáo viên đến lưu trữ và tra cứu hồ sơ.</p>
<ul><li>Học bạ số và sổ điểm điện tử: áp dụng tại tất cả các trường THCS, THPT.</li><li>Văn bản đi, đến được xử lý hoàn toàn trên môi trường mạng.</li><li>Dữ liệu trường, lớp, học sinh cập nhật lên cơ sở dữ liệu ngành trước ngày 15 hằng tháng.</li></ul>
<p>Kết thúc lớp tập huấn, học viên làm bài kiểm tra trực tuyến. Những đơn vị còn lúng túng sẽ được tổ công nghệ thông tin của Sở hỗ trợ tại chỗ trong tháng tới.</p>`,
    photos: [
      { scene: { kind: 'hall', banner: ['LỚP TẬP HUẤN', 'CHUYỂN ĐỔI SỐ TRONG QUẢN LÝ NHÀ TRƯỜNG'] }, caption: 'Quang cảnh lớp tập huấn tại Hội trường Sở GDĐT Lam Sơn' },
      { scene: { kind: 'computers' }, caption: 'Học viên thực hành trên cơ sở dữ liệu ngành tại phòng máy' },
    ],
  },
  {
    unit: 'leloi', author: 'giaovien.leloi@demo.loa.vn', approver: 'bientap.leloi@demo.loa.vn', status: 'published', daysAgo: 4, isOnPortal: true,
    themes: ['Gương người tốt việc tốt'],
    title: 'Hai học sinh THCS Lê Lợi trả lại ví tiền nhặt được trên đường đi học',
    summary: 'Trên đường đến trường, hai học sinh lớp 8A nhặt được chiếc ví có hơn 5 triệu đồng cùng nhiều giấy tờ tùy thân và đã nhờ nhà trường tìm người đánh rơi để trả lại.',
    body: `<p>Sáng thứ Hai, khi đạp xe qua đường Nguyễn Huệ, hai học sinh lớp 8A Trường THCS Lê Lợi (phường Bình Minh) nhặt được một chiếc ví màu nâu rơi bên lề đường. Trong ví có hơn 5 triệu đồng, căn cước, giấy phép lái xe và một số giấy tờ khác.</p>
<p>Đến trường, hai em mang chiếc ví lên phòng Đội nhờ thầy cô tìm người đánh rơi. Căn cứ địa chỉ trên giấy tờ, nhà trường phối hợp với Công an phường Bình Minh liên hệ được với chủ nhân là ông Trần Văn Hải, trú tại tổ dân phố số 4.</p>
<blockquote><p>“Tôi đã nghĩ là mất hẳn, nhất là giấy tờ để đi làm. Cảm ơn hai cháu và các thầy cô đã dạy các cháu sống tử tế”, ông Hải xúc động nói khi nhận lại ví.</p></blockquote>
<p>Bà Đặng Thị Thuỷ, Hiệu trưởng nhà trường, cho biết trường sẽ biểu dương hai em trong buổi chào cờ đầu tuần và đề nghị Liên đội tặng giấy khen. “Những việc làm nhỏ như thế này là bài học đạo đức sinh động nhất cho cả trường”, bà nói.</p>`,
    photos: [{ scene: { kind: 'school' }, caption: 'Sân trường THCS Lê Lợi trước giờ chào cờ đầu tuần' }],
  },
  {
    unit: 'thptls', author: 'daumoi.so@demo.loa.vn', approver: 'bientap.so@demo.loa.vn', status: 'published', daysAgo: 6, isOnPortal: true,
    themes: ['Hoạt động chuyên môn', 'Thành tích học sinh'],
    title: 'Học sinh THPT chuyên Lam Sơn đoạt 12 giải tại Cuộc thi khoa học kỹ thuật cấp tỉnh',
    summary: 'Với 12 dự án đạt giải, trong đó có 2 giải Nhất, Trường THPT chuyên Lam Sơn dẫn đầu toàn tỉnh và có 2 dự án được chọn dự thi cấp quốc gia.',
    body: `<p>Cuộc thi khoa học kỹ thuật dành cho học sinh trung học cấp tỉnh năm nay có 146 dự án của 58 trường THCS, THPT tham gia, thuộc 18 lĩnh vực, từ kỹ thuật cơ khí, hệ thống nhúng đến khoa học xã hội và hành vi.</p>
<p>Trường THPT chuyên Lam Sơn có 14 dự án dự thi, 12 dự án đạt giải gồm 2 giải Nhất, 4 giải Nhì, 3 giải Ba và 3 giải Khuyến khích. Hai dự án giải Nhất là “Hệ thống cảnh báo sớm sạt lở đất dùng cảm biến độ ẩm và mạng LoRa” và “Chế phẩm sinh học từ vỏ chuối xử lý nước thải ao nuôi cá”.</p>
<h2>Bắt đầu từ câu hỏi của cuộc sống</h2>
<p>Thầy giáo hướng dẫn dự án cảnh báo sạt lở cho biết ý tưởng bắt nguồn từ những trận mưa lớn ở các xã miền núi của tỉnh. Nhóm học sinh mất gần năm tháng lắp đặt, thử nghiệm thiết bị trên một sườn đồi ở xã Tân Lập trước khi hoàn thiện mô hình.</p>
<p>Hai dự án đạt giải Nhất sẽ đại diện tỉnh Lam Sơn tham dự Cuộc thi khoa học kỹ thuật cấp quốc gia dành cho học sinh trung học.</p>`,
    photos: [
      { scene: { kind: 'hall', banner: ['CUỘC THI KHOA HỌC KỸ THUẬT', 'DÀNH CHO HỌC SINH TRUNG HỌC CẤP TỈNH'] }, caption: 'Lễ tổng kết và trao giải cuộc thi khoa học kỹ thuật cấp tỉnh' },
    ],
    correction: { note: 'Bản tin đăng trước đó ghi số giải Nhì là 3; đã sửa thành 4 theo quyết định công nhận kết quả của Sở.', daysAgo: 5 },
  },
  {
    unit: 'so', author: 'bientap.so@demo.loa.vn', approver: 'phatngon.so@demo.loa.vn', status: 'published', daysAgo: 9, isOnPortal: true,
    themes: ['Tuyển sinh'],
    title: `Lam Sơn lấy ý kiến phương án tuyển sinh lớp 10 năm học ${admission}`,
    summary: 'Dự thảo giữ ổn định ba bài thi Toán, Ngữ văn, Tiếng Anh; chỉ tiêu lớp 10 công lập dự kiến tăng khoảng 500 học sinh so với năm trước.',
    body: `<p>Sở Giáo dục và Đào tạo vừa công bố dự thảo kế hoạch tuyển sinh vào lớp 10 năm học ${admission} để lấy ý kiến các trường, cha mẹ học sinh và người dân trước khi trình Ủy ban nhân dân tỉnh phê duyệt.</p>
<p>Theo dự thảo, kỳ thi tuyển sinh lớp 10 công lập tiếp tục gồm ba bài thi Toán, Ngữ văn và Tiếng Anh; điểm xét tuyển là tổng điểm ba bài thi cộng điểm ưu tiên, khuyến khích (nếu có). Thí sinh đăng ký vào Trường THPT chuyên Lam Sơn thi thêm môn chuyên.</p>
<h2>Chỉ tiêu tăng ở vùng đông dân cư</h2>
<p>Tổng chỉ tiêu lớp 10 công lập dự kiến khoảng 18.400 học sinh, tăng khoảng 500 so với năm học trước, tập trung ở các trường thuộc phường Bình Minh và các xã ven đô, nơi số học sinh lớp 9 tăng nhanh.</p>
<p>Học sinh không trúng tuyển vào trường công lập có thể học tại các trường tư thục, Trung tâm GDNN-GDTX hoặc các trường trung cấp, vừa học nghề vừa học chương trình văn hóa THPT.</p>
<p>Ý kiến góp ý gửi về Phòng Quản lý chất lượng, Sở GDĐT Lam Sơn. Lịch thi chính thức sẽ được công bố cùng kế hoạch tuyển sinh sau khi được phê duyệt.</p>`,
    photos: [{
      scene: { kind: 'chart', title: 'Chỉ tiêu lớp 10 công lập (học sinh)', bars: [[`${admitYear - 3}`, 16_800], [`${admitYear - 2}`, 17_350], [`${admitYear - 1}`, 17_900], [`${admitYear} (dự kiến)`, 18_400]] },
      caption: 'Chỉ tiêu tuyển sinh lớp 10 công lập của tỉnh qua các năm; năm tới là số dự kiến',
    }],
  },
  {
    unit: 'nguyendu', author: 'daumoi.so@demo.loa.vn', approver: 'bientap.so@demo.loa.vn', status: 'published', daysAgo: 12, isOnPortal: true,
    themes: ['Gương người tốt việc tốt'],
    title: 'Cô giáo 22 năm gắn bó với điểm trường lẻ ở xã Tân Lập',
    summary: 'Mỗi sáng, cô Lò Thị Mai đi gần 8 km đường đồi đến điểm trường Khe Mơ của Trường Tiểu học Nguyễn Du. Hơn hai mươi năm, cô đã dạy chữ cho nhiều thế hệ học trò vùng khó.',
    body: `<p>Điểm trường Khe Mơ cách trung tâm xã Tân Lập gần 8 km, có hai lớp ghép với 19 học sinh, phần lớn là con em đồng bào dân tộc Thái. Từ năm 2004, cô Lò Thị Mai xin về dạy ở đây và gắn bó đến nay.</p>
<p>Những năm đầu, đường vào bản chỉ là lối mòn, mùa mưa trơn trượt, cô phải dắt xe đạp hàng giờ. Có năm lũ về, cô ở lại điểm trường cả tuần để học trò không phải nghỉ học.</p>
<blockquote><p>“Các em ở đây thiệt thòi đủ thứ, nếu cô giáo cũng bỏ về thì các em biết bám vào đâu”, cô Mai chia sẻ.</p></blockquote>
<p>Ngoài giờ lên lớp, cô vận động phụ huynh cho con đi học đều, xin sách vở, áo ấm cho học sinh nghèo và mở lớp làm quen tiếng Việt cho trẻ trước khi vào lớp 1. Nhiều học trò cũ của cô nay đã là giáo viên, bác sĩ, cán bộ xã.</p>
<p>Năm học này, cô Mai là một trong 35 điển hình được Sở GDĐT Lam Sơn biểu dương trong phong trào “Người tốt, việc tốt” của ngành.</p>`,
    photos: [
      { scene: { kind: 'village' }, caption: 'Con đường đồi dẫn vào điểm trường Khe Mơ, xã Tân Lập' },
      { scene: { kind: 'classroom' }, caption: 'Một giờ học lớp ghép tại điểm trường' },
    ],
  },
  {
    unit: 'hoasen', author: 'daumoi.binhminh@demo.loa.vn', approver: 'bientap.so@demo.loa.vn', status: 'published', daysAgo: 14,
    themes: ['Hoạt động chuyên môn'],
    title: 'Mầm non Hoa Sen xây dựng góc thư viện thân thiện cho trẻ',
    summary: 'Từ những kệ gỗ tận dụng và hơn 1.200 cuốn sách do phụ huynh quyên góp, Trường Mầm non Hoa Sen đã có góc thư viện ở tất cả các nhóm, lớp.',
    body: `<p>Với mong muốn hình thành thói quen yêu sách cho trẻ từ lứa tuổi mầm non, đầu năm học, Trường Mầm non Hoa Sen (phường Bình Minh) phát động phong trào “Mỗi gia đình tặng lớp một cuốn sách”. Sau hai tháng, nhà trường nhận được hơn 1.200 cuốn truyện tranh, sách khoa học thiếu nhi và sách vải.</p>
<p>Các cô giáo tận dụng kệ gỗ, thùng nhựa cũ sơn lại nhiều màu, trải thảm, xếp gối ở mỗi lớp thành “góc đọc” ấm cúng. Sách được xếp ở tầm thấp, bìa quay ra ngoài để trẻ tự chọn.</p>
<p>Mỗi buổi chiều, trẻ được nghe cô kể chuyện, tập “đọc” tranh và kể lại theo cách của mình. Cuối tuần, phụ huynh có thể mượn sách về đọc cùng con.</p>`,
    photos: [{ scene: { kind: 'library' }, caption: 'Góc thư viện của lớp mẫu giáo lớn' }],
  },
  {
    unit: 'chuvanan', author: 'daumoi.so@demo.loa.vn', approver: 'bientap.so@demo.loa.vn', status: 'published', daysAgo: 16,
    themes: ['Chuyển đổi số'],
    title: 'THCS Chu Văn An hoàn thành chuyển sang học bạ số',
    summary: 'Toàn bộ 845 học sinh của trường đã có học bạ số được ký số; cha mẹ học sinh tra cứu kết quả học tập của con trên điện thoại.',
    body: `<p>Trường THCS Chu Văn An (xã Tân Lập) là một trong những trường đầu tiên của tỉnh chuyển toàn bộ học bạ giấy sang học bạ số. Hơn 40 giáo viên đã được cấp chứng thư số để ký sổ điểm và học bạ điện tử.</p>
<p>Trước đây, mỗi cuối năm giáo viên chủ nhiệm mất nhiều ngày ghi học bạ bằng tay, chỉ một lỗi nhỏ cũng phải làm lại cả trang. Nay điểm số được đồng bộ từ sổ điểm điện tử, giáo viên chỉ rà soát, ghi nhận xét và ký số.</p>
<p>Học bạ số được lưu trên hệ thống của ngành. Khi học sinh chuyển trường, trường mới tiếp nhận hồ sơ điện tử mà gia đình không cần sao y, chứng thực giấy tờ.</p>`,
    photos: [{ scene: { kind: 'computers' }, caption: 'Giáo viên rà soát và ký số học bạ tại phòng tin học của trường' }],
  },
  {
    unit: 'gdtx', author: 'daumoi.so@demo.loa.vn', approver: 'bientap.so@demo.loa.vn', status: 'published', daysAgo: 19,
    themes: ['Tuyển sinh'],
    title: 'Trung tâm GDNN-GDTX Lam Sơn tuyển sinh lớp học nghề kết hợp văn hóa',
    summary: 'Học sinh tốt nghiệp THCS được học song song chương trình giáo dục thường xuyên cấp THPT và một trong các nghề điện công nghiệp, công nghệ ô tô, tin học văn phòng, may thời trang.',
    body: `<p>Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên Lam Sơn thông báo tuyển sinh các lớp học nghề trình độ sơ cấp, trung cấp kết hợp học văn hóa cấp THPT.</p>
<h2>Đối tượng và quyền lợi</h2>
<ul><li>Học sinh đã tốt nghiệp THCS, không giới hạn năm tốt nghiệp.</li><li>Được miễn học phí học nghề theo quy định; học sinh có hoàn cảnh khó khăn được hỗ trợ thêm chi phí đi lại.</li><li>Sau khóa học, học viên được giới thiệu việc làm tại các doanh nghiệp trong khu công nghiệp của tỉnh.</li></ul>
<p>Hồ sơ gồm đơn đăng ký, bản sao bằng tốt nghiệp THCS và giấy khai sinh, nộp trực tiếp tại Trung tâm hoặc đăng ký trực tuyến. Thông tin chi tiết xin liên hệ phòng Đào tạo của Trung tâm trong giờ hành chính.</p>`,
    photos: [{ scene: { kind: 'lab' }, caption: 'Giờ thực hành tại xưởng của Trung tâm' }],
  },
  {
    unit: 'thptnt', author: 'daumoi.so@demo.loa.vn', approver: 'bientap.so@demo.loa.vn', status: 'published', daysAgo: 22, isOnPortal: true,
    themes: ['Hoạt động chuyên môn', 'Giáo dục STEM'],
    title: 'Trường THPT Nguyễn Trãi tổ chức Ngày hội STEM cho học sinh khối 10',
    summary: 'Hơn 400 học sinh khối 10 trải nghiệm lắp ráp robot, phóng tên lửa nước, làm nước rửa tay sinh học… tại 16 gian trưng bày do chính các em thiết kế.',
    body: `<p>Ngày hội STEM là hoạt động trải nghiệm thường niên của Trường THPT Nguyễn Trãi, giúp học sinh vận dụng kiến thức Toán, Vật lí, Hóa học, Sinh học và Tin học vào giải quyết các vấn đề thực tế.</p>
<p>Mỗi lớp chuẩn bị một gian trưng bày với một sản phẩm chủ đạo. Lớp 10A2 mang đến chiếc xe tự hành tránh vật cản lập trình bằng vi điều khiển; lớp 10A5 trình diễn tên lửa nước bay xa hơn 80 mét; lớp 10A7 giới thiệu nước rửa tay sinh học làm từ bồ hòn và vỏ bưởi.</p>
<p>Theo Phó Hiệu trưởng phụ trách chuyên môn, từ các sản phẩm tại ngày hội, nhà trường sẽ chọn những ý tưởng tốt để bồi dưỡng thành dự án dự thi khoa học kỹ thuật các cấp.</p>`,
    photos: [
      { scene: { kind: 'fair' }, caption: 'Các gian trưng bày sản phẩm STEM của học sinh khối 10' },
    ],
  },
  {
    unit: 'leloi', author: 'giaovien.leloi@demo.loa.vn', approver: 'bientap.leloi@demo.loa.vn', status: 'published', daysAgo: 25,
    themes: ['Hoạt động chuyên môn'],
    title: 'THCS Lê Lợi sinh hoạt chuyên đề dạy đọc hiểu văn bản thông tin',
    summary: 'Tổ Ngữ văn tổ chức chuyên đề “Dạy đọc hiểu văn bản thông tin lớp 7”, tập trung rèn kỹ năng đặt câu hỏi và tìm ý chính cho học sinh.',
    body: `<p>Thực hiện kế hoạch sinh hoạt chuyên môn theo nghiên cứu bài học, tổ Ngữ văn Trường THCS Lê Lợi tổ chức chuyên đề “Dạy đọc hiểu văn bản thông tin lớp 7” với sự tham dự của giáo viên Ngữ văn các trường THCS trên địa bàn phường Bình Minh.</p>
<p>Tiết dạy minh họa sử dụng một văn bản giới thiệu lễ hội truyền thống của địa phương. Học sinh làm việc theo nhóm: đọc lướt để tìm thông tin chính, lập sơ đồ tư duy rồi đặt câu hỏi cho nhóm bạn; giáo viên gợi mở và tổ chức thảo luận.</p>
<p>Phần trao đổi sau tiết dạy tập trung vào việc học của học sinh: em nào gặp khó khăn, vì sao, cần điều chỉnh nhiệm vụ thế nào. Nhiều ý kiến đề xuất tăng thời gian đọc cá nhân và dùng phiếu học tập phân hóa theo năng lực.</p>`,
    photos: [{ scene: { kind: 'classroom' }, caption: 'Tiết dạy minh họa của tổ Ngữ văn' }],
  },
  {
    unit: 'so', author: 'bientap.so@demo.loa.vn', approver: 'phatngon.so@demo.loa.vn', status: 'published', daysAgo: 28, isOnPortal: true,
    themes: ['Gương người tốt việc tốt'],
    title: 'Ngành Giáo dục Lam Sơn biểu dương 35 điển hình người tốt, việc tốt',
    summary: '35 tập thể, cá nhân được biểu dương là những thầy cô, nhân viên và tập thể học sinh có việc làm đẹp, lan tỏa tinh thần nhân ái trong trường học.',
    body: `<p>Sở GDĐT Lam Sơn vừa tổ chức hội nghị biểu dương điển hình “Người tốt, việc tốt” trong ngành. 35 tập thể, cá nhân được tặng giấy khen, trong đó có 21 giáo viên, 6 nhân viên trường học và 8 tập thể lớp.</p>
<p>Các điển hình rất đa dạng: cô giáo hơn 20 năm bám điểm trường lẻ, thầy giáo 30 lần hiến máu tình nguyện, nhân viên bảo vệ cứu người đuối nước, tập thể lớp góp tiền mua xe đạp tặng bạn có hoàn cảnh khó khăn…</p>
<p>Bà Phạm Thị Hoà, Phó Giám đốc Sở, đề nghị các đơn vị tiếp tục phát hiện, giới thiệu những tấm gương bình dị trên trang tin của trường và Cổng thông tin ngành, để “việc tốt được nhiều người biết đến và làm theo”.</p>`,
    photos: [{ scene: { kind: 'hall', banner: ['HỘI NGHỊ BIỂU DƯƠNG ĐIỂN HÌNH', 'NGƯỜI TỐT, VIỆC TỐT NGÀNH GIÁO DỤC'] }, caption: 'Các điển hình nhận giấy khen tại hội nghị' }],
  },
  {
    unit: 'leloi', author: 'giaovien.leloi@demo.loa.vn', status: 'submitted', daysAgo: 1,
    themes: ['Hoạt động chuyên môn'],
    title: 'Câu lạc bộ Đọc sách THCS Lê Lợi ra mắt tủ sách lớp học',
    summary: 'Mỗi lớp có một tủ sách khoảng 60 cuốn do học sinh tự quản lý, mượn và giới thiệu sách cho nhau vào giờ sinh hoạt lớp.',
    body: `<p>Câu lạc bộ Đọc sách Trường THCS Lê Lợi vừa ra mắt mô hình tủ sách lớp học. Sách do thư viện nhà trường luân chuyển và học sinh góp thêm, mỗi lớp khoảng 60 cuốn.</p>
<p>Mỗi tuần, một nhóm học sinh giới thiệu một cuốn sách hay trong giờ sinh hoạt lớp. Cuối học kỳ, câu lạc bộ sẽ tổ chức ngày hội “Đại sứ văn hóa đọc” cấp trường.</p>`,
    photos: [{ scene: { kind: 'library' }, caption: 'Thành viên câu lạc bộ sắp xếp sách cho tủ sách lớp học' }],
  },
  {
    unit: 'leloi', author: 'giaovien.leloi@demo.loa.vn', status: 'draft', daysAgo: 0,
    themes: ['Hoạt động chuyên môn'],
    title: 'Hội thi giáo viên dạy giỏi cấp trường: 14 thầy cô đăng ký dự thi',
    summary: '',
    body: `<p>Hội thi giáo viên dạy giỏi cấp trường năm nay có 14 thầy cô đăng ký, thuộc các tổ Ngữ văn, Toán, Khoa học tự nhiên và Ngoại ngữ.</p><p>(Đang viết tiếp: lịch thi, thành phần ban giám khảo.)</p>`,
    photos: [],
  },
];

const DAY = 86_400_000;
const HOUR = 3_600_000;

export async function seedDemoArticles(units: Map<string, number>, users: Map<string, number>): Promise<void> {
  const now = Date.now();
  const user = (email: string) => {
    const id = users.get(email);
    if (!id) throw new Error(`demo user ${email} missing`);
    return id;
  };
  // Photos first, two at a time (sharp does the heavy lifting on its own threads).
  const photoIds: number[][] = articles.map(() => []);
  const jobs = articles.flatMap((a, i) => a.photos.map((p, j) => ({ a, i, j, p })));
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const { a, i, j, p } = jobs[next++];
      const unitName = await unitLabel(units.get(a.unit) as number);
      const png = await renderScene(p.scene, `Ảnh minh họa · ${unitName}`, i * 10 + j + 1);
      const item = await uploadImage({ userId: user(a.author) }, {
        unitId: units.get(a.unit) as number, data: png, fileName: `anh-${slugify(a.title, 40)}-${j + 1}.png`, mime: 'image/png', caption: p.caption,
      });
      photoIds[i][j] = item.id;
    }
  };
  await Promise.all([worker(), worker()]);

  await withTransaction(async (tx) => {
    for (const [i, a] of articles.entries()) {
      const publishedAt = new Date(now - a.daysAgo * DAY - ((i * 37) % 9) * HOUR);
      const isPublished = a.status === 'published';
      const body = sanitizeArticleHtml(a.body);
      const r = await tx.query<{ id: number }>(
        `insert into articles (unit_id, author_id, status, title, slug, summary, body_html, themes, cover_media_id,
                               is_on_sector_portal, submitted_at, approved_by, approved_at, published_at, published_by,
                               correction_note, corrected_at, search_text, created_at, updated_at)
         values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$12,$15,$16,$17,$18,$19) returning id`,
        [
          units.get(a.unit), user(a.author), a.status, a.title, slugify(a.title, 90), a.summary || null, body, a.themes,
          photoIds[i][0] ?? null, !!a.isOnPortal,
          a.status === 'draft' ? null : new Date(publishedAt.getTime() - 20 * HOUR),
          isPublished && a.approver ? user(a.approver) : null,
          isPublished ? new Date(publishedAt.getTime() - 2 * HOUR) : null,
          isPublished ? publishedAt : null,
          a.correction?.note ?? null,
          a.correction ? new Date(now - a.correction.daysAgo * DAY) : null,
          articleSearchText({ title: a.title, summary: a.summary, bodyHtml: body }),
          new Date(publishedAt.getTime() - 26 * HOUR),
          a.correction ? new Date(now - a.correction.daysAgo * DAY) : publishedAt,
        ],
      );
      for (const [position, mediaId] of photoIds[i].entries()) {
        await tx.query('insert into article_media (article_id, media_id, position) values ($1, $2, $3)', [r.rows[0].id, mediaId, position]);
      }
    }
  });
}

const labels = new Map<number, string>();
async function unitLabel(id: number): Promise<string> {
  if (!labels.has(id)) {
    const r = await db().query<{ name: string; short: string | null }>('select name, short_name as short from units where id = $1', [id]);
    labels.set(id, r.rows[0]?.short || r.rows[0]?.name || '');
  }
  return labels.get(id) as string;
}
