/**
 * The education risk taxonomy and the tone cues, written for the genre
 * (Vietnamese education news and social posts). Phrases are written with
 * diacritics for the explanations and folded when the matcher is built, so
 * they also match text typed without accents.
 *
 * A rule `[phrase, cat, neg]` adds `cat` to its category's evidence and `neg`
 * to the negative-tone evidence. Topic words (`khoản thu`, `sách giáo khoa`)
 * have `neg = 0`: they place a story in a category without calling it bad news.
 * A phrase of the form `A … B` matches A followed by B within
 * {@link GAP_WORDS} words (`thiếu … giáo viên` covers "thiếu 5 giáo viên").
 * Where one matched phrase lies inside a longer one, only the longer counts
 * (`vượt lũ` is positive although `lũ` alone is negative).
 */
export const RISK_CATEGORIES = [
  'fees', 'violence', 'abuse', 'food_safety', 'exam', 'accident', 'tutoring', 'textbook',
  'staffing', 'salary', 'facilities', 'finance', 'other',
] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];

export const CATEGORY_LABELS: Record<string, string> = {
  fees: 'thu chi, lạm thu', violence: 'bạo lực học đường', abuse: 'xâm hại, bạo hành', food_safety: 'an toàn thực phẩm',
  exam: 'thi cử', accident: 'tai nạn, thương tích', tutoring: 'dạy thêm, học thêm', textbook: 'sách giáo khoa',
  staffing: 'nhân sự, biên chế', salary: 'lương, phụ cấp', facilities: 'cơ sở vật chất', finance: 'tài chính, sai phạm',
  other: 'rủi ro khác',
};

export const GAP_WORDS = 3;

type R = [phrase: string, cat: number, neg: number];

export const CATEGORY_RULES: Record<RiskCategory, R[]> = {
  fees: [
    ['lạm thu', 3, 3], ['thu sai quy định', 3, 3], ['thu ngoài quy định', 3, 3], ['khoản ngoài quy định', 2.5, 2.5],
    ['thu trái quy định', 3, 3], ['thu sai', 2, 2], ['thu vượt', 2, 2], ['thu … khoản', 2, 1.5], ['nộp … khoản', 2, 1],
    ['khoản thu', 2, 0], ['các khoản thu', 2, 0], ['thu chi', 1.5, 0], ['việc thu', 1.5, 0], ['thu các khoản', 2, 0],
    ['quỹ phụ huynh', 2, 0.5], ['quỹ lớp', 1.5, 0.5], ['quỹ trường', 1.5, 0.5], ['quỹ xây dựng', 2, 1],
    ['quỹ ban đại diện', 2, 0.5], ['ban đại diện cha mẹ học sinh', 1, 0], ['tiền máy lạnh', 2, 1], ['tiền điều hòa', 2, 1],
    ['tiền học thêm', 1, 0.5], ['học phí', 1.5, 0], ['tăng học phí', 2, 1], ['phụ thu', 2, 1.5], ['ép đóng', 2.5, 2.5],
    ['ép nộp', 2.5, 2.5], ['buộc phải nộp', 2.5, 2], ['phải nộp', 1.5, 1], ['đóng góp', 1, 0], ['xã hội hóa', 1.5, 0],
    ['vận động tài trợ', 1.5, 0.5], ['tài trợ', 0.5, 0], ['tiền đầu năm', 2, 1], ['thu tiền', 2, 0.5], ['trả lại tiền', 2, 1],
    ['hoàn trả', 1.5, 1], ['bồi hoàn', 1, 1], ['bán trú', 0.5, 0], ['thu hộ', 1.5, 0], ['thu quá', 2, 2], ['cào bằng', 1.5, 1.5],
  ],
  violence: [
    ['bạo lực học đường', 3, 3], ['bạo lực', 2, 2], ['đánh học sinh', 3, 3], ['đánh hội đồng', 3, 3], ['vây đánh', 3, 3],
    ['bị đánh', 2.5, 2.5], ['đánh bạn', 3, 3], ['đánh nhau', 2.5, 2.5], ['hành hung', 3, 3], ['dùng dao đâm', 3, 3], ['bị đâm', 3, 3],
    ['đâm chết', 3, 3], ['đâm bạn', 3, 3], ['ẩu đả', 3, 3], ['xô xát', 2.5, 2.5], ['tát học sinh', 3, 3],
    ['bắt nạt', 2.5, 2.5], ['giật tóc', 2.5, 2.5], ['lột đồ', 3, 3], ['đấm đá', 3, 3], ['đạp vào', 2, 2], ['dùng hung khí', 3, 3],
    ['cầm dao', 2.5, 2.5], ['đánh đập', 3, 3], ['đánh vào', 2, 2], ['đánh thầy', 3, 3], ['đánh giáo viên', 3, 3],
    ['hành hung giáo viên', 3, 3], ['làm nhục', 3, 3], ['ném ghế', 2.5, 2.5], ['đánh chết', 3, 3], ['đánh trọng thương', 3, 3],
  ],
  abuse: [
    ['xâm hại', 3, 3], ['xâm hại tình dục', 3, 3], ['dâm ô', 3, 3], ['hiếp dâm', 3, 3], ['sàm sỡ', 3, 3], ['quấy rối', 2.5, 2.5],
    ['quấy rối tình dục', 3, 3], ['bạo hành', 3, 3], ['bạo hành trẻ', 3, 3], ['ngược đãi', 3, 3], ['đánh trẻ', 3, 3],
    ['đánh vào đầu trẻ', 3, 3], ['bịt miệng', 2.5, 2.5], ['nhốt trẻ', 3, 3], ['trói tay', 2.5, 2.5], ['phạt quỳ', 2.5, 2.5],
    ['bắt quỳ', 2.5, 2.5], ['phạt học sinh', 2, 2], ['trù dập', 2.5, 2.5], ['xúc phạm học sinh', 2.5, 2.5], ['miệt thị', 2.5, 2.5],
    ['mắng chửi', 2.5, 2.5], ['lăng mạ', 2.5, 2.5], ['ép ăn', 2, 2], ['dụ dỗ', 2.5, 2.5], ['giao cấu', 3, 3], ['có thai', 1, 1],
    ['nhạy cảm', 1, 1], ['vùi dập', 2.5, 2.5], ['đối xử tệ', 2.5, 2.5],
  ],
  food_safety: [
    ['ngộ độc', 3, 3], ['ngộ độc thực phẩm', 3, 3], ['nghi ngộ độc', 3, 3], ['thực phẩm bẩn', 3, 3], ['thực phẩm không rõ nguồn gốc', 3, 3],
    ['thức ăn ôi thiu', 3, 3], ['ôi thiu', 2.5, 2.5], ['hết hạn sử dụng', 2.5, 2.5], ['bữa ăn bán trú', 1.5, 0], ['bữa trưa bán trú', 1.5, 0],
    ['suất ăn', 1.5, 0], ['bếp ăn', 1.5, 0], ['thực phẩm', 1, 0], ['thức ăn', 1, 0], ['đau bụng', 2, 1.5], ['nôn ói', 2, 1.5],
    ['nôn mửa', 2, 1.5], ['tiêu chảy', 2, 1.5], ['buồn nôn', 1.5, 1], ['lấy mẫu', 1.5, 0.5], ['mẫu thức ăn', 2, 0.5],
    ['sữa học đường', 1.5, 0], ['an toàn thực phẩm', 2, 0.5], ['mất an toàn thực phẩm', 3, 3], ['dị vật', 2, 2],
    ['cơm bán trú', 1.5, 0], ['căng tin', 1, 0], ['nhập viện', 1, 1.5], ['cấp cứu', 0.5, 1.5],
  ],
  exam: [
    ['gian lận thi', 3, 3], ['gian lận', 2, 2.5], ['lộ đề', 3, 3], ['bị lộ', 2, 2.5], ['đề thi bị lộ', 3, 3], ['tuồn đề', 3, 3],
    ['chụp đề', 2.5, 2.5], ['nâng điểm', 3, 3], ['sửa điểm', 3, 3], ['thi hộ', 3, 3], ['thi thuê', 3, 3], ['phao thi', 2.5, 2],
    ['quay cóp', 2.5, 2], ['sai sót đề thi', 3, 2.5], ['đề thi sai', 3, 2.5], ['đề thi', 1.5, 0], ['đề kiểm tra', 1.5, 0],
    ['kỳ thi', 1, 0], ['thi tốt nghiệp', 1.5, 0], ['thi vào lớp 10', 1.5, 0], ['tuyển sinh', 1, 0], ['điểm chuẩn', 1, 0],
    ['chấm thi', 1.5, 0], ['phúc khảo', 1.5, 0.5], ['điểm thi', 1, 0], ['đình chỉ thi', 2.5, 2], ['hủy kết quả thi', 3, 2.5],
    ['thí sinh', 1, 0], ['trước giờ thi', 1.5, 0.5], ['mua bằng', 3, 3], ['bằng giả', 3, 3], ['học bạ giả', 3, 3], ['sửa học bạ', 3, 3],
  ],
  accident: [
    ['tai nạn', 2, 2.5], ['tai nạn giao thông', 2.5, 3], ['đuối nước', 3, 3], ['chết đuối', 3, 3], ['tử vong', 2, 3],
    ['thiệt mạng', 2.5, 3], ['tử nạn', 3, 3], ['té ngã', 2, 2], ['rơi từ tầng', 3, 3], ['ngã từ tầng', 3, 3], ['bị thương', 2, 2],
    ['chấn thương', 1.5, 1.5], ['gãy chân', 2, 2], ['gãy tay', 2, 2], ['điện giật', 3, 3], ['hỏa hoạn', 2.5, 3], ['vụ cháy', 2, 2.5], ['bốc cháy', 2, 2.5], ['cháy lớn', 2, 2.5], ['cháy nổ', 2, 2.5],
    ['xe đưa đón', 1.5, 0.5], ['bỏ quên trên xe', 3, 3], ['bị xe tông', 3, 3], ['tắm sông', 2, 1.5], ['tắm suối', 2, 1.5],
    ['không qua khỏi', 2, 3], ['mất tích', 2, 2.5], ['cổng trường đổ', 3, 3], ['cây đổ', 2.5, 2.5], ['cây xanh đổ', 3, 3],
    ['bị bỏng', 2, 2], ['sét đánh', 2.5, 2.5], ['lật xe', 2, 2.5], ['va chạm', 1.5, 2],
  ],
  tutoring: [
    ['dạy thêm', 2.5, 1], ['học thêm', 2.5, 1], ['ép học thêm', 3, 3], ['ép học sinh học thêm', 3, 3], ['dạy thêm trái quy định', 3, 3],
    ['dạy thêm sai quy định', 3, 3], ['dạy thêm tràn lan', 3, 3], ['dạy thêm học thêm', 3, 1], ['lò luyện thi', 2, 1],
    ['trung tâm luyện thi', 1.5, 0], ['lớp học thêm', 2.5, 1], ['học thêm tại nhà', 2.5, 1.5], ['dạy thêm tại nhà', 2.5, 1.5],
    ['thông tư 29', 2, 0],
  ],
  textbook: [
    ['sách giáo khoa', 2.5, 0], ['SGK', 2.5, 0], ['bộ sách', 1.5, 0], ['sách tham khảo', 1.5, 0], ['sách bài tập', 1.5, 0],
    ['in sai', 2, 2.5], ['có sạn', 1.5, 1.5], ['sai sót', 1, 2], ['nhiều lỗi', 1, 2], ['lỗi in ấn', 2, 2], ['nội dung phản cảm', 2, 2.5],
    ['thiếu sách', 2.5, 2], ['giá sách', 2, 1], ['ép mua sách', 3, 3], ['chương trình giáo dục phổ thông', 1, 0],
    ['thu hồi sách', 3, 2.5], ['một bộ sách', 2, 0], ['Cánh Diều', 1.5, 0], ['Kết nối tri thức', 1.5, 0], ['Chân trời sáng tạo', 1.5, 0],
  ],
  staffing: [
    ['thiếu giáo viên', 3, 2.5], ['thiếu … giáo viên', 3, 2.5], ['thừa giáo viên', 3, 2], ['thiếu biên chế', 3, 2],
    ['tuyển dụng giáo viên', 2, 0], ['biên chế', 1.5, 0], ['giáo viên hợp đồng', 2, 0.5], ['hợp đồng lao động', 1, 0],
    ['nghỉ việc', 2, 1.5], ['bỏ nghề', 3, 2.5], ['bỏ việc', 2.5, 2], ['định biên', 2, 0], ['lớp ghép', 2, 1.5], ['phải ghép', 2, 1.5],
    ['không có giáo viên', 3, 2.5], ['chưa có giáo viên', 3, 2.5], ['thiếu nhân viên', 2.5, 2], ['thiếu cô', 2.5, 2],
    ['điều động giáo viên', 2, 0.5], ['luân chuyển giáo viên', 2, 0.5], ['dôi dư', 2.5, 1.5], ['tinh giản', 1.5, 0.5],
    ['cắt hợp đồng', 3, 2.5], ['chấm dứt hợp đồng', 2.5, 2],
  ],
  salary: [
    ['nợ lương', 3, 3], ['chậm lương', 3, 3], ['chậm trả lương', 3, 3], ['chưa nhận được lương', 3, 3], ['chưa được trả lương', 3, 3],
    ['chưa được nhận lương', 3, 3], ['chưa nhận lương', 3, 3], ['không được trả lương', 3, 3], ['nợ … lương', 3, 3],
    ['chưa được hưởng', 2, 2], ['chưa được nhận', 1.5, 2.5], ['chưa nhận được', 1.5, 2.5], ['tăng lương', 2, 0], ['tiền tăng lương', 2.5, 0], ['phụ cấp', 2, 0], ['phụ cấp ưu đãi', 2, 0], ['phụ cấp thâm niên', 2, 0], ['cắt phụ cấp', 3, 3],
    ['truy thu', 2.5, 2.5], ['truy thu phụ cấp', 3, 3], ['tiền lương', 2, 0], ['lương giáo viên', 2.5, 0], ['đời sống giáo viên', 2, 0.5],
    ['thu nhập tăng thêm', 2, 0], ['tiền thưởng', 1, 0], ['chế độ', 0.5, 0], ['nhận lương', 1.5, 0], ['trả lương', 1.5, 0], ['nợ tiền', 1.5, 2], ['nợ đọng', 2, 2.5],
  ],
  facilities: [
    ['cơ sở vật chất', 2, 0], ['xuống cấp', 3, 2.5], ['bị sập', 3, 3], ['vụ sập', 3, 3], ['sập trần', 3, 3], ['sập mái', 3, 3], ['sập tường', 3, 3],
    ['đổ sập', 3, 3], ['nứt tường', 3, 2.5], ['vết nứt', 2, 1.5], ['nứt nẻ', 2.5, 2], ['bong tróc', 3, 2.5], ['bong tróc trần', 3, 2.5], ['dột nát', 3, 2.5],
    ['thấm dột', 3, 2.5], ['phòng học tạm', 3, 2], ['thiếu phòng học', 3, 2.5], ['học nhờ', 2.5, 2], ['học ca ba', 2.5, 2],
    ['nhà vệ sinh', 1.5, 0], ['công trình', 1, 0], ['phòng học', 1, 0], ['mất an toàn', 2, 2], ['nguy hiểm', 1, 1.5],
    ['chậm tiến độ', 2, 2], ['bỏ hoang', 2.5, 2], ['hư hỏng', 2.5, 2], ['lụp xụp', 3, 2.5], ['tốc mái', 3, 2.5], ['ngập nước', 1.5, 1.5], ['ngập úng', 1.5, 1.5],
    ['thiếu bàn ghế', 3, 2], ['thiếu nước sạch', 3, 2],
  ],
  finance: [
    ['tham ô', 3, 3], ['tham nhũng', 3, 3], ['biển thủ', 3, 3], ['sai phạm', 2, 2.5], ['sai phạm tài chính', 3, 3], ['thất thoát', 3, 3],
    ['chiếm đoạt', 3, 3], ['lợi dụng chức vụ', 3, 3], ['nâng giá', 2.5, 2.5], ['thổi giá', 3, 3], ['gói thầu', 2, 0.5], ['đấu thầu', 1.5, 0.5],
    ['chỉ định thầu', 2, 1], ['quyết toán', 1.5, 0], ['chi sai', 3, 3], ['chi sai quy định', 3, 3], ['lập khống', 3, 3],
    ['thanh tra', 1, 0.5], ['kết luận thanh tra', 2, 1.5], ['kiểm toán', 1.5, 0.5], ['khởi tố', 1.5, 2.5],
    ['bắt giam', 1, 2.5], ['tạm giam', 1, 2.5], ['nhận hối lộ', 3, 3], ['đưa hối lộ', 3, 3], ['vi phạm quy định về', 1.5, 2],
    ['gây thiệt hại', 2, 2.5], ['thiết bị dạy học', 1.5, 0], ['mua sắm thiết bị', 2, 0.5], ['ngân sách', 1, 0],
  ],
  other: [
    ['tự tử', 3, 3], ['tự sát', 3, 3], ['nhảy lầu', 3, 3], ['trầm cảm', 2, 2], ['ma túy', 3, 3], ['thuốc lá điện tử', 2.5, 2],
    ['bỏ học', 2, 2], ['phát ngôn', 1, 1], ['phát ngôn phản cảm', 3, 3], ['ứng xử', 1, 0.5], ['kỷ luật', 2, 2], ['đình chỉ công tác', 2.5, 2.5],
    ['đình chỉ giảng dạy', 2.5, 2.5], ['cách chức', 2, 2.5], ['lừa đảo', 2.5, 3], ['bị lừa', 2, 2.5], ['bắt cóc', 3, 3],
    ['mất tích', 2, 2.5], ['áp lực học tập', 2, 1.5], ['bằng cấp giả', 3, 3], ['clip phản cảm', 2.5, 2.5], ['livestream', 1, 0.5],
  ],
};

/** Negative cues with no category (news in general). */
export const NEGATIVE_CUES: R[] = [
  ['bức xúc', 0, 2], ['phản ánh', 0, 1], ['bị tố', 0, 2.5], ['tố cáo', 0, 2], ['khiếu nại', 0, 1.5], ['sai phạm', 0, 2],
  ['vi phạm', 0, 2], ['nghiêm trọng', 0, 1.5], ['lo lắng', 0, 1], ['nỗi lo', 0, 1.5], ['trong nỗi lo', 0, 2], ['hoang mang', 0, 1.5],
  ['phẫn nộ', 0, 2.5], ['gây phẫn nộ', 0, 3], ['dư luận', 0, 1], ['lan truyền', 0, 1], ['xôn xao', 0, 1.5], ['yếu kém', 0, 2],
  ['ùn tắc', 0, 2], ['bị lật', 0, 2], ['chết', 0, 2.5], ['tử vong', 0, 3], ['thương vong', 0, 3], ['thiệt hại', 0, 2],
  ['lúng túng', 0, 1.5], ['bất cập', 0, 2], ['vất vả', 0, 1], ['khốn khó', 0, 1.5], ['bị phạt', 0, 2], ['xử phạt', 0, 2],
  ['nhập viện', 0, 1.5], ['cấp cứu', 0, 1.5], ['điều tra', 0, 1.5], ['bắt giữ', 0, 2.5], ['truy tìm', 0, 2], ['hậu quả', 0, 1.5],
  ['cơn bão', 0, 1], ['mưa bão', 0, 1], ['mưa lớn', 0, 1.5], ['ngập sâu', 0, 2], ['lũ', 0, 1.5], ['lũ lụt', 0, 2], ['sạt lở', 0, 2.5], ['thiên tai', 0, 1.5], ['ô nhiễm', 0, 2], ['khủng hoảng', 0, 2],
  ['mất điện', 0, 1.5], ['rúng động', 0, 2.5], ['bức xúc dư luận', 0, 3], ['tiêu cực', 0, 2], ['bê bối', 0, 3], ['tai tiếng', 0, 2.5],
  ['thất vọng', 0, 1.5], ['than trời', 0, 2], ['kêu cứu', 0, 2.5], ['đau lòng', 0, 2.5], ['thương tâm', 0, 2.5], ['nghi vấn', 0, 1.5],
  ['khuất tất', 0, 2.5], ['né tránh', 0, 1.5], ['đùn đẩy', 0, 2], ['trách nhiệm', 0, 0.5], ['làm rõ trách nhiệm', 0, 1.5],
  ['xử lý nghiêm', 0, 1.5], ['yêu cầu giải trình', 0, 1.5], ['không đạt', 0, 1], ['tăng giá', 0, 1], ['giảm sút', 0, 1.5],
  ['bị bắt', 0, 2.5], ['tạm giữ', 0, 2], ['truy nã', 0, 2.5], ['trộm cắp', 0, 2.5], ['cướp', 0, 2.5], ['sát hại', 0, 3], ['án mạng', 0, 3],
  ['giết', 0, 3], ['dịch bệnh', 0, 1.5], ['bùng phát', 0, 2], ['ổ dịch', 0, 2],
  ['sốt xuất huyết', 0, 2], ['tay chân miệng', 0, 2], ['thủy đậu', 0, 1.5], ['sụt giảm', 0, 1.5], ['thua lỗ', 0, 2], ['đình trệ', 0, 2],
  ['mất trắng', 0, 2.5], ['ngừng hoạt động', 0, 1.5], ['đóng cửa', 0, 1], ['quá tải', 0, 2], ['ách tắc', 0, 2], ['thiếu hụt', 0, 1.5],
];

/** Positive cues. */
export const POSITIVE_CUES: [phrase: string, pos: number][] = [
  ['khen thưởng', 2.5], ['được tuyên dương', 3], ['tuyên dương khen thưởng', 3], ['tuyên dương học sinh', 3], ['tuyên dương giáo viên', 3], ['tuyên dương các', 3], ['biểu dương', 3], ['đạt giải', 3], ['giành giải', 3], ['đoạt giải', 3], ['giải nhất', 2.5],
  ['giải nhì', 2], ['giải ba', 1.5], ['huy chương vàng', 3], ['huy chương bạc', 2.5], ['huy chương đồng', 2], ['huy chương', 2],
  ['đoạt huy chương', 3], ['giành huy chương', 3], ['vinh danh', 3], ['vinh dự', 2], ['tự hào', 2], ['khánh thành', 2.5],
  ['khai giảng', 2], ['lễ khai giảng', 2.5], ['đạt chuẩn quốc gia', 3], ['công nhận', 1.5], ['được công nhận', 2], ['dẫn đầu', 2.5],
  ['dẫn đầu cả nước', 3], ['thủ khoa', 2.5], ['xuất sắc', 2], ['điển hình', 2], ['gương sáng', 3], ['tấm gương', 2.5],
  ['tận tụy', 3], ['tận tâm', 3], ['vượt khó', 3], ['vượt lũ', 3], ['hiếu học', 2.5], ['học bổng', 2], ['trao tặng', 2], ['trao học bổng', 3],
  ['hỗ trợ', 1], ['chung tay', 2], ['ủng hộ', 1], ['thành công', 2], ['hiệu quả', 1.5], ['sáng tạo', 1.5], ['đổi mới', 1],
  ['đưa vào sử dụng', 2], ['ra mắt', 1.5], ['ngày hội', 2], ['STEM', 1], ['phòng học STEM', 2], ['thành tích', 2], ['đạt thành tích', 2.5],
  ['nâng cao chất lượng', 1.5], ['điểm sáng', 2.5], ['kỷ lục', 1.5], ['bằng khen', 3], ['danh hiệu', 2], ['chiến sĩ thi đua', 2.5],
  ['nhà giáo ưu tú', 2.5], ['nhà giáo nhân dân', 2.5], ['lan tỏa', 1.5], ['ý nghĩa', 1], ['sôi nổi', 1.5], ['hào hứng', 1.5],
  ['niềm vui', 2], ['vui mừng', 2], ['cảm động', 2], ['nghĩa cử', 2.5], ['quà tặng', 1.5], ['tặng quà', 2], ['miễn học phí', 2],
  ['chuyển đổi số', 1], ['olympic', 1.5], ['đạt chuẩn', 2], ['top', 0.5], ['đạt kết quả cao', 2.5], ['thi đua', 1], ['tuyên truyền', 0.5],
  ['an toàn', 0.5], ['giúp trẻ', 1.5], ['khai trương', 2], ['đón nhận', 1.5], ['hoàn thành xuất sắc', 3], ['tăng trưởng', 1], ['phục hồi', 1], ['làm quen', 1], ['trải nghiệm', 1.5], ['hoàn thành', 1], ['khởi công', 1.5], ['bàn giao', 1.5],
];

/**
 * Denials and corrections: the story says the bad thing did not happen.
 * Their presence keeps categories as context but stops the tone from being
 * negative (weighted by where they are: title or body).
 */
export const DENIAL_CUES: [phrase: string, weight: number][] = [
  ['không có chuyện', 3], ['không hề có', 3], ['không có việc', 2.5], ['bác tin', 3], ['bác bỏ', 3], ['bác bỏ thông tin', 3],
  ['thông tin sai sự thật', 3], ['sai sự thật', 3], ['không đúng sự thật', 3], ['tin đồn thất thiệt', 3], ['tin đồn', 1.5],
  ['tin giả', 2.5], ['đã xác minh không', 3], ['xác minh không có', 3], ['không phát hiện sai phạm', 3], ['chưa phát hiện sai phạm', 2.5],
  ['không có sai phạm', 3], ['không phát hiện', 2], ['phủ nhận', 2.5], ['khẳng định không', 3], ['lên tiếng bác bỏ', 3],
  ['đính chính', 2.5], ['cải chính', 2.5], ['đúng quy định', 2], ['thực hiện đúng quy định', 2.5], ['tự nguyện', 1.5],
  ['hoàn toàn tự nguyện', 2.5], ['không ép buộc', 2.5], ['không bắt buộc', 2], ['tung tin sai', 3], ['xuyên tạc', 2.5],
  ['không xảy ra', 2.5], ['không có hiện tượng', 2.5], ['không ghi nhận', 2], ['là giả mạo', 2.5], ['bị cắt ghép', 2.5],
];

/** Words that negate a cue right after them (within {@link NEGATION_SCOPE} words). */
export const NEGATORS = ['không', 'chưa', 'không hề', 'chưa hề', 'chẳng', 'không phải', 'không có', 'không còn'];
export const NEGATION_SCOPE = 2;
/** Phrases that contain a negator but do not negate what follows (they cover it, so it is dropped). */
export const NOT_NEGATORS = [
  'không may', 'không qua khỏi', 'không kịp', 'không ít', 'không chỉ', 'không những', 'chưa kể', 'không thể', 'không khỏi',
  'không được', 'chưa được', 'không lâu', 'không khí', 'không gian', 'không ngừng',
];

/** Intensifiers: multiply the negative evidence (capped). */
export const INTENSIFIERS: [phrase: string, factor: number][] = [
  ['hàng loạt', 1.3], ['hàng chục', 1.3], ['hàng trăm', 1.4], ['nhiều', 1.1], ['nghiêm trọng', 1.3], ['đặc biệt nghiêm trọng', 1.5],
  ['rúng động', 1.4], ['gây bức xúc', 1.3], ['lan truyền', 1.15], ['mạng xã hội', 1.1], ['tập thể', 1.2], ['liên tiếp', 1.2],
  ['kéo dài', 1.1], ['nhiều lần', 1.2],
];

/** Words that make a place name nearby an education context (for departments). */
export const EDUCATION_CUES = [
  'giáo viên', 'học sinh', 'sinh viên', 'nhà giáo', 'ngành giáo dục', 'giáo dục', 'giáo dục và đào tạo', 'trường học', 'nhà trường',
  'đề thi', 'đề kiểm tra', 'kỳ thi', 'thi tốt nghiệp', 'tuyển sinh', 'điểm chuẩn', 'sách giáo khoa', 'năm học', 'hiệu trưởng',
  'phụ huynh', 'lớp 10', 'lớp 12', 'lớp 9', 'lớp 6', 'lớp 1', 'học đường', 'mầm non', 'tiểu học', 'THCS', 'THPT', 'khai giảng',
  'học phí', 'dạy học', 'giảng dạy', 'thí sinh', 'sở giáo dục', 'sở GDĐT', 'trẻ mầm non', 'cán bộ quản lý giáo dục', 'đội ngũ giáo viên',
  'chương trình giáo dục', 'dạy thêm', 'học thêm', 'bán trú', 'giáo viên mầm non', 'ngành học', 'học kỳ', 'kiểm tra học kỳ',
];

/** Words right before a name that make it a street or an address, not an institution or a person. */
export const STREET_CUES = [
  'đường', 'phố', 'ngõ', 'hẻm', 'kiệt', 'ngách', 'đại lộ', 'quốc lộ', 'tỉnh lộ', 'tuyến đường', 'ngã tư', 'ngã ba', 'số nhà',
  'công viên', 'quảng trường', 'bến xe', 'chung cư', 'khu phố', 'tổ dân phố', 'vòng xoay', 'bùng binh', 'đầu đường',
  'cuối đường', 'mặt đường', 'trục đường', 'dọc đường', 'tên đường', 'con đường', 'phố đi bộ', 'đường số',
];
/** Words right before a name that make it a historical figure, an event or a work. */
export const HISTORY_CUES = [
  'vua', 'hoàng đế', 'anh hùng', 'anh hùng dân tộc', 'danh tướng', 'tướng', 'nữ tướng', 'nhà thơ', 'thi hào', 'đại thi hào',
  'danh nhân', 'tượng đài', 'đền thờ', 'lăng mộ', 'lễ hội', 'tưởng niệm', 'ngày sinh', 'ngày mất', 'khởi nghĩa', 'nghĩa quân',
  'chiến thắng', 'chiến dịch', 'triều', 'nhà', 'thời', 'tác phẩm', 'tư tưởng', 'lãnh tụ',
  'liệt sĩ', 'thánh', 'thái hậu', 'thượng tướng', 'đại tướng', 'danh sĩ', 'nhà văn', 'nhạc sĩ', 'đại tướng',
];
/** Names of events and works that contain place or school names. Matches inside them are dropped. */
export const BLOCKERS = [
  'Điện Biên Phủ', 'khởi nghĩa Lam Sơn', 'Lam Sơn tụ nghĩa', 'Bạch Đằng', 'ải Chi Lăng', 'Ngọc Hồi - Đống Đa', 'Rạch Gầm - Xoài Mút',
  'Thái Bình Dương', 'hòa bình thế giới', 'Truyện Kiều', 'Bình Ngô đại cáo', 'Hội nghị Paris', 'Hiệp định Paris',
  'Hồ Chí Minh lịch sử', 'chiến dịch Hồ Chí Minh', 'tư tưởng Hồ Chí Minh', 'Chủ tịch Hồ Chí Minh', 'Bác Hồ', 'lăng Bác',
  'Đường Hồ Chí Minh', 'đường mòn Hồ Chí Minh', 'Thành Cổ Quảng Trị', 'Mậu Thân', 'Điện Biên Phủ trên không', 'Vũng Tàu Ship',
];

/**
 * Titles and forms of address that make a name next to them a person we watch
 * (`Giám đốc Sở GDĐT Nguyễn Văn An`, `thầy Trần Minh`, `Lê Thị Hoa, Hiệu trưởng`):
 * within {@link PERSON_CUE_WINDOW} words before the name or right after it, same sentence.
 * Without one, a watched person counts only when their unit is named in the item.
 */
export const PERSON_TITLE_CUES = [
  'ông', 'bà', 'thầy', 'cô', 'thầy giáo', 'cô giáo', 'nhà giáo', 'đồng chí', 'anh', 'chị',
  'giám đốc', 'phó giám đốc', 'giám đốc sở', 'phó giám đốc sở', 'hiệu trưởng', 'phó hiệu trưởng', 'hiệu phó',
  'bộ trưởng', 'thứ trưởng', 'trưởng phòng', 'phó trưởng phòng', 'chánh văn phòng', 'chánh thanh tra',
  'chủ tịch', 'phó chủ tịch', 'bí thư', 'phó bí thư', 'người phát ngôn', 'giáo viên', 'tổng phụ trách',
  'TS', 'ThS', 'PGS', 'GS', 'tiến sĩ', 'thạc sĩ', 'NGƯT', 'NGND', 'nhà giáo ưu tú', 'nhà giáo nhân dân',
];
export const PERSON_CUE_WINDOW = 5;
