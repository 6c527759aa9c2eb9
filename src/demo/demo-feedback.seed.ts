import { addHotlineNote, bulkInsertComments, createConsultation, createSubjectRequest, publishResponse } from '../modules/feedback';
import { now } from '../platform/clock';
import { db } from '../platform/db';

/**
 * Demo consultations for tỉnh Lam Sơn (fictional; written for the demo): the Sở's draft
 * rules on extra classes, open for comments, with comments from parents and teachers on
 * several articles (one hidden by a moderator); a school's phone rules, closed and
 * answered ("you said, we did"); a hotline note and a data-subject request.
 */
const DAY = 86_400_000;

const soDraft = `Quy định này cụ thể hóa Thông tư số 29/2024/TT-BGDĐT về dạy thêm, học thêm trên địa bàn tỉnh Lam Sơn.

Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng
Quy định này áp dụng đối với các cơ sở giáo dục, tổ chức, cá nhân tổ chức hoạt động dạy thêm, học thêm có thu tiền trên địa bàn tỉnh.

Điều 2. Nguyên tắc dạy thêm, học thêm
Học sinh tham gia học thêm phải tự nguyện và có đơn của cha mẹ. Không cắt giảm nội dung chương trình chính khóa để đưa vào giờ học thêm.

Điều 3. Dạy thêm trong nhà trường
Nhà trường chỉ tổ chức dạy thêm không thu tiền cho học sinh có kết quả học tập chưa đạt, học sinh được chọn bồi dưỡng học sinh giỏi và học sinh cuối cấp ôn thi.

Điều 4. Dạy thêm ngoài nhà trường
Tổ chức, cá nhân dạy thêm ngoài nhà trường phải đăng ký kinh doanh và công khai môn học, thời lượng, địa điểm, mức thu trước khi tuyển sinh.

Điều 5. Trách nhiệm của Ủy ban nhân dân cấp xã
Ủy ban nhân dân cấp xã kiểm tra, xử lý vi phạm về dạy thêm, học thêm trên địa bàn và báo cáo Sở Giáo dục và Đào tạo mỗi học kỳ.`;

const soComments: { para: number | null; stance: 'agree' | 'disagree' | 'partly'; body: string; hidden?: string }[] = [
  { para: 2, stance: 'agree', body: 'Tôi rất đồng tình với việc học thêm phải có đơn của cha mẹ. Con tôi từng bị cô chủ nhiệm gợi ý đi học thêm ở nhà cô, gia đình rất khó từ chối.' },
  { para: 3, stance: 'partly', body: 'Nên cho phép nhà trường tổ chức thêm các buổi ôn tập có thu phí thấp cho học sinh lớp 9 ở vùng nông thôn, vì ở xã không có trung tâm nào.' },
  { para: 3, stance: 'disagree', body: 'Quy định chỉ dạy thêm cho học sinh chưa đạt là quá hẹp. Học sinh khá muốn học nâng cao cũng nên được học trong trường, an toàn hơn là ra ngoài.' },
  { para: 4, stance: 'agree', body: 'Việc công khai mức thu là cần thiết. Đề nghị yêu cầu niêm yết cả danh sách giáo viên dạy tại cơ sở để phụ huynh biết giáo viên có đang dạy chính lớp của con mình không.' },
  { para: 4, stance: 'partly', body: 'Đồng ý, nhưng thủ tục đăng ký kinh doanh với giáo viên về hưu dạy vài học sinh tại nhà là quá phức tạp. Nên có hình thức đăng ký đơn giản hơn.' },
  { para: 5, stance: 'agree', body: 'Cần quy định rõ số điện thoại đường dây nóng của xã để người dân phản ánh khi thấy điểm dạy thêm không phép.' },
  { para: null, stance: 'agree', body: 'Dự thảo rõ ràng, dễ hiểu. Mong Sở sớm ban hành trước học kỳ II để các trường kịp thực hiện.' },
  { para: null, stance: 'partly', body: 'Đề nghị bổ sung quy định về thời gian học thêm tối đa trong tuần, tránh để các em học từ sáng đến tối.' },
  { para: 2, stance: 'disagree', body: 'Toàn lũ ăn hại, cấm hết đi cho xong!!!', hidden: 'Ngôn từ xúc phạm, không góp ý vào nội dung dự thảo' },
];

const schoolDraft = `Nội quy này quy định việc mang và sử dụng điện thoại di động của học sinh Trường THCS Lê Lợi.

Điều 1. Học sinh được mang điện thoại đến trường nhưng phải tắt chuông và cất trong cặp trong giờ học.

Điều 2. Học sinh chỉ sử dụng điện thoại trong giờ học khi giáo viên yêu cầu phục vụ bài học.

Điều 3. Học sinh vi phạm lần đầu bị nhắc nhở; vi phạm nhiều lần, nhà trường mời cha mẹ học sinh đến trao đổi.`;

export async function seedDemoFeedback(units: Map<string, number>, users: Map<string, number>): Promise<void> {
  const so = units.get('so') as number;
  const leloi = units.get('leloi') as number;
  const daumoiSo = users.get('daumoi.so@demo.loa.vn') ?? null;
  const hieutruong = users.get('hieutruong.leloi@demo.loa.vn') ?? null;
  const at = now().getTime();

  const open = await createConsultation({ userId: daumoiSo }, {
    unitId: so,
    title: 'Dự thảo Quy định về dạy thêm, học thêm trên địa bàn tỉnh Lam Sơn',
    summary: 'Sở Giáo dục và Đào tạo lấy ý kiến cha mẹ học sinh, thầy cô giáo và người dân về dự thảo trước khi trình Ủy ban nhân dân tỉnh ban hành.',
    text: soDraft,
    opensAt: new Date(at - 5 * DAY),
    closesAt: new Date(at + 25 * DAY),
  });
  const byPos = new Map(open.paragraphs.map((p) => [p.position, p.id]));
  // paragraph 1 is the preamble; "Điều N" is paragraph N + 1
  await bulkInsertComments(db(), open.id, soComments.map((c, i) => ({
    paragraphId: c.para == null ? null : (byPos.get(c.para + 1) ?? null),
    stance: c.stance,
    body: c.body,
    visibility: c.hidden ? 'hidden' : 'public',
    hiddenReason: c.hidden ?? null,
    createdAt: new Date(at - (4 - i * 0.4) * DAY),
  })));
  await addHotlineNote({ userId: daumoiSo }, {
    unitId: so, consultationId: open.id, paragraphId: byPos.get(4) ?? null, stance: 'partly', subject: 'Gọi đường dây nóng về dạy thêm',
    body: 'Phụ huynh ở xã Bình Minh gọi điện: đồng ý không dạy thêm có thu tiền trong trường, nhưng đề nghị cho học sinh lớp 9 ôn thi miễn phí vào buổi chiều.',
    name: 'Lương Văn Tâm', phone: '0912 408 315', consent: true,
  });

  const closed = await createConsultation({ userId: hieutruong }, {
    unitId: leloi,
    title: 'Dự thảo Nội quy sử dụng điện thoại di động của học sinh',
    summary: 'Nhà trường lấy ý kiến cha mẹ học sinh và học sinh về nội quy mới.',
    text: schoolDraft,
    opensAt: new Date(at - 40 * DAY),
    closesAt: new Date(at - 10 * DAY),
    responseDueAt: new Date(at + 10 * DAY),
  });
  await bulkInsertComments(db(), closed.id, [
    { paragraphId: closed.paragraphs[1].id, stance: 'agree', body: 'Cho các con mang điện thoại là cần thiết để liên lạc với gia đình khi tan học.', createdAt: new Date(at - 35 * DAY) },
    { paragraphId: closed.paragraphs[3].id, stance: 'partly', body: 'Nên có tủ giữ điện thoại ở mỗi lớp thay vì để trong cặp, các con sẽ không bị phân tâm.', createdAt: new Date(at - 30 * DAY) },
    { paragraphId: null, stance: 'agree', body: 'Em là học sinh lớp 8, em thấy nội quy hợp lý ạ.', createdAt: new Date(at - 20 * DAY) },
  ]);
  await publishResponse({ userId: hieutruong }, closed.id,
    'Nhà trường đã nhận 3 ý kiến. Về đề nghị có tủ giữ điện thoại: nhà trường đã bổ sung vào Điều 3 việc trang bị tủ có khóa ở mỗi lớp từ học kỳ II. Về việc liên lạc với gia đình: giữ nguyên quy định cho phép mang điện thoại đến trường.');

  await createSubjectRequest({ userId: daumoiSo }, { unitId: so, kind: 'export', name: 'Lương Văn Tâm', phone: '0912 408 315', note: 'Phụ huynh gọi điện đề nghị gửi lại nội dung đã góp ý qua đường dây nóng.' });
}
