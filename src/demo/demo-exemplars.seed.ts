import { type ExemplarInput, moveExemplar, nominateExemplar } from '../modules/exemplars';
import { uploadImage } from '../modules/newsroom/media.service';
import { slugify } from '../text';
import { type Scene, renderScene } from './demo-photos';

/**
 * Demo exemplars (gương điển hình) for tỉnh Lam Sơn, written for the demo (all
 * names are fictional): a teacher, a school's team and two models, published
 * or approved, and one teacher nominated and waiting for approval. They go
 * through the real service (nominate → approve → publish), so the audit log
 * and the portal show them as they would be. No pupil is named or shown.
 */
type DemoExemplar = {
  unit: string;
  nominator: string;
  approver?: string;
  status: 'nominated' | 'approved' | 'published';
  photo?: { scene: Scene; caption: string };
  input: Omit<ExemplarInput, 'schoolYear'>;
};

const exemplars: DemoExemplar[] = [
  {
    unit: 'leloi', nominator: 'giaovien.leloi@demo.loa.vn', approver: 'bientap.so@demo.loa.vn', status: 'published',
    photo: { scene: { kind: 'classroom' }, caption: 'Một giờ Ngữ văn của cô Hương (ảnh minh họa)' },
    input: {
      kind: 'person',
      name: 'Cô Nguyễn Thị Mai Hương',
      title: 'Giáo viên Ngữ văn, Trường THCS Lê Lợi',
      field: 'Đổi mới phương pháp dạy học',
      summary: 'Hai mươi hai năm đứng lớp, cô Hương biến những giờ Ngữ văn thành giờ học được học trò mong chờ nhất tuần, và lặng lẽ dạy thêm miễn phí cho học sinh có hoàn cảnh khó khăn.',
      storyHtml: `<p>Ở Trường THCS Lê Lợi, ai cũng biết phòng học của cô Nguyễn Thị Mai Hương: trên tường là những bức tranh học trò vẽ nhân vật trong truyện, góc lớp có chiếc kệ gỗ đầy sách do phụ huynh và cựu học sinh góp tặng.</p>
<p>Cô Hương kể, những năm đầu đi dạy, cô thấy nhiều em sợ môn Văn vì phải học thuộc bài mẫu. Từ đó cô đổi cách dạy: học sinh đọc tác phẩm theo nhóm, đóng vai nhân vật, viết nhật ký đọc sách và tự đặt câu hỏi cho nhau. “Khi các em được nói bằng suy nghĩ của mình, các em tự khắc thích viết”, cô nói.</p>
<h2>Những buổi tối không nhận thù lao</h2>
<p>Ba năm nay, cứ tối thứ Ba và thứ Năm, cô mở lớp ôn tập miễn phí tại nhà cho học sinh lớp 9 có hoàn cảnh khó khăn. Nhiều em trong số đó đã đỗ vào các trường THPT công lập của tỉnh.</p>
<blockquote><p>“Cô Hương là người giữ lửa của tổ Ngữ văn. Các thầy cô trẻ học ở cô không chỉ chuyên môn mà cả cách thương học trò”, bà Đặng Thị Thuỷ, Hiệu trưởng nhà trường, chia sẻ.</p></blockquote>`,
      achievements: ['Chiến sĩ thi đua cấp tỉnh năm học 2024–2025', 'Giáo viên dạy giỏi cấp tỉnh môn Ngữ văn', 'Bằng khen của Chủ tịch UBND tỉnh vì thành tích xuất sắc trong công tác giảng dạy'],
    },
  },
  {
    unit: 'thptls', nominator: 'daumoi.so@demo.loa.vn', approver: 'bientap.so@demo.loa.vn', status: 'published',
    photo: { scene: { kind: 'lab' }, caption: 'Phòng thí nghiệm của tổ Khoa học tự nhiên (ảnh minh họa)' },
    input: {
      kind: 'team',
      name: 'Tổ Khoa học tự nhiên Trường THPT chuyên Lam Sơn',
      title: 'Tập thể lao động xuất sắc',
      field: 'Nghiên cứu khoa học',
      summary: 'Mười hai thầy cô của tổ đã hướng dẫn học sinh thực hiện hàng chục dự án khoa học kỹ thuật gắn với đời sống của tỉnh, trong đó có những dự án đạt giải cấp quốc gia.',
      storyHtml: `<p>Tổ Khoa học tự nhiên của Trường THPT chuyên Lam Sơn có 12 thầy cô dạy Vật lý, Hóa học và Sinh học. Điều làm nên tên tuổi của tổ không chỉ là thành tích học sinh giỏi mà là cách các thầy cô đưa học trò ra khỏi sách vở để tìm câu hỏi từ chính cuộc sống quanh mình.</p>
<p>Mỗi năm học, tổ tổ chức “Ngày hội ý tưởng”, nơi học sinh trình bày những vấn đề các em quan sát được ở quê: nước thải ao nuôi cá, sạt lở đất sau mưa lớn, rác thải nhựa ở chợ. Những ý tưởng khả thi được thầy cô nhận hướng dẫn, có em theo đuổi dự án suốt hai năm.</p>
<p>Tổ cũng chủ động chia sẻ thiết bị, tài liệu thí nghiệm với các trường THPT trong tỉnh và tổ chức tập huấn cho giáo viên các trường bạn về dạy học theo dự án.</p>`,
      achievements: ['Tập thể lao động xuất sắc ba năm liên tục', 'Hướng dẫn 2 dự án đạt giải Cuộc thi khoa học kỹ thuật cấp quốc gia', 'Tổ chức tập huấn dạy học theo dự án cho giáo viên 20 trường THPT'],
    },
  },
  {
    unit: 'kimdong', nominator: 'daumoi.binhminh@demo.loa.vn', approver: 'bientap.so@demo.loa.vn', status: 'published',
    photo: { scene: { kind: 'library' }, caption: 'Góc đọc sách của mô hình Thư viện xanh (ảnh minh họa)' },
    input: {
      kind: 'model',
      name: 'Mô hình “Thư viện xanh” Trường Tiểu học Kim Đồng',
      title: 'Mô hình hay về văn hóa đọc',
      field: 'Phát triển văn hóa đọc',
      summary: 'Từ khoảng sân trống sau dãy lớp học, nhà trường cùng phụ huynh dựng nên một thư viện ngoài trời dưới tán cây, mở cửa cả giờ ra chơi và buổi chiều cuối tuần.',
      storyHtml: `<p>Thư viện xanh của Trường Tiểu học Kim Đồng ra đời từ một câu hỏi đơn giản: làm sao để học sinh đọc sách nhiều hơn xem điện thoại? Nhà trường chọn khoảng sân sau dãy lớp học, trồng thêm cây, làm mái che, kê những chiếc ghế gỗ thấp và giá sách chống mưa.</p>
<p>Hơn 3.000 đầu sách được phụ huynh, cựu học sinh và các nhà hảo tâm quyên góp. Mỗi lớp có “đại sứ đọc sách” giúp các bạn mượn, trả sách và giới thiệu cuốn sách hay trong tuần.</p>
<h2>Lan tỏa ra cộng đồng</h2>
<p>Chiều thứ Bảy, thư viện mở cửa cho người dân trong phường. Đoàn phường Bình Minh cử tình nguyện viên đọc truyện cho các em nhỏ. Mô hình đã được nhiều trường tiểu học trong tỉnh đến tham quan, học tập.</p>`,
      achievements: ['Hơn 3.000 đầu sách do cộng đồng đóng góp', 'Mỗi học sinh đọc bình quân 2 cuốn sách mỗi tháng', 'Được Sở GDĐT chọn nhân rộng tại các trường tiểu học'],
    },
  },
  {
    unit: 'hoasen', nominator: 'daumoi.binhminh@demo.loa.vn', approver: 'bientap.so@demo.loa.vn', status: 'approved',
    photo: { scene: { kind: 'fair' }, caption: 'Sân chơi từ vật liệu tái chế (ảnh minh họa)' },
    input: {
      kind: 'model',
      name: 'Sân chơi từ vật liệu tái chế Trường Mầm non Hoa Sen',
      title: 'Mô hình hay về giáo dục bảo vệ môi trường',
      field: 'Giáo dục bảo vệ môi trường',
      summary: 'Lốp xe cũ, chai nhựa, thùng gỗ được cô giáo và phụ huynh biến thành góc vận động, góc cát nước và vườn rau nhỏ cho trẻ.',
      storyHtml: `<p>Không có nhiều kinh phí mua đồ chơi ngoài trời, các cô Trường Mầm non Hoa Sen cùng phụ huynh tận dụng lốp xe, chai nhựa, thùng gỗ cũ để làm sân chơi. Mỗi góc chơi đều gắn với một nội dung giáo dục: phân loại rác, tiết kiệm nước, chăm sóc cây xanh.</p>
<p>Các buổi “Ngày hội tái chế” mỗi học kỳ thu hút đông đảo phụ huynh tham gia cùng con.</p>`,
      achievements: ['Giải Nhất hội thi đồ dùng, đồ chơi tự làm cấp tỉnh'],
    },
  },
  {
    unit: 'leloi', nominator: 'giaovien.leloi@demo.loa.vn', status: 'nominated',
    input: {
      kind: 'person',
      name: 'Thầy Hoàng Văn Sơn',
      title: 'Giáo viên Toán, Trường THCS Lê Lợi',
      field: 'Hỗ trợ học sinh khó khăn',
      summary: 'Thầy Sơn vận động quỹ “Xe đạp đến trường”, trao 40 chiếc xe đạp cho học sinh nhà xa trong ba năm học.',
      storyHtml: `<p>Thấy nhiều học sinh ở các tổ dân phố xa phải đi bộ hơn 4 km đến trường, thầy Hoàng Văn Sơn cùng Ban đại diện cha mẹ học sinh vận động quỹ “Xe đạp đến trường”. Ba năm học, quỹ đã trao 40 chiếc xe đạp và sửa chữa miễn phí hàng trăm lượt xe cho học sinh.</p>`,
      achievements: ['Trao 40 xe đạp cho học sinh nhà xa', 'Giấy khen của Chủ tịch UBND phường Bình Minh'],
    },
  },
];

export async function seedDemoExemplars(units: Map<string, number>, users: Map<string, number>): Promise<void> {
  const user = (email: string) => {
    const id = users.get(email);
    if (!id) throw new Error(`demo user ${email} missing`);
    return id;
  };
  for (const [i, x] of exemplars.entries()) {
    const unitId = units.get(x.unit) as number;
    let photoMediaId: number | null = null;
    if (x.photo) {
      const png = await renderScene(x.photo.scene, 'Ảnh minh họa · Gương điển hình', 500 + i);
      const item = await uploadImage({ userId: user(x.nominator) }, {
        unitId, data: png, fileName: `guong-${slugify(x.input.name, 40)}.png`, mime: 'image/png', caption: x.photo.caption,
      });
      photoMediaId = item.id;
    }
    const e = await nominateExemplar({ userId: user(x.nominator) }, { ...x.input, unitId, photoMediaId });
    if (x.status === 'nominated' || !x.approver) continue;
    await moveExemplar({ userId: user(x.approver) }, e.id, { action: 'approve', note: 'Hồ sơ đầy đủ, thành tích có minh chứng.' });
    if (x.status === 'published') await moveExemplar({ userId: user(x.approver) }, e.id, { action: 'publish' });
  }
}
