import { Document, Packer, Paragraph, TextRun } from 'docx';
import { type DisclosureHeading, createEntry, currentSchoolYear, disclosureHeadings } from '../modules/disclosure';
import { type DocumentInput, addDocumentFile, createDocument, storeDocumentFile } from '../modules/documents';
import { addWorkingDays, iso, listHolidays } from '../modules/plans';
import { now } from '../platform/clock';
import { db } from '../platform/db';
import { addDaysVn } from '../text';

/**
 * Demo documents and public disclosure for tỉnh Lam Sơn (fictional; written
 * for the demo): a dozen documents of the Sở and three schools, some with a
 * DOCX file, and the disclosure of the schools for last school year and this
 * one — some on time, some late, some missing — so the library search, the
 * school pages and the compliance view have something to show. Issued plans
 * join the library by themselves (migration 0010).
 */
type DemoDoc = { unit: string; user: string; withFile?: boolean; input: DocumentInput };
const SO = 'Sở Giáo dục và Đào tạo tỉnh Lam Sơn';
const BO = 'Bộ Giáo dục và Đào tạo';

const docs: DemoDoc[] = [
  { unit: 'so', user: 'bientap.so@demo.loa.vn', withFile: true, input: { number: '1520', symbol: 'QĐ-SGDĐT', docType: 'quyet_dinh', issuer: SO, signer: 'Nguyễn Văn Thành', signerTitle: 'Giám đốc', issuedOn: '2026-03-10', field: 'Tuyển sinh', summary: 'Phê duyệt kế hoạch tuyển sinh vào lớp 10 trung học phổ thông năm học 2026-2027 trên địa bàn tỉnh Lam Sơn' } },
  { unit: 'so', user: 'bientap.so@demo.loa.vn', withFile: true, input: { number: '845', symbol: 'SGDĐT-VP', docType: 'cong_van', issuer: SO, signer: 'Phạm Thị Hoà', signerTitle: 'Phó Giám đốc', issuedOn: '2026-04-02', field: 'Chuyển đổi số', summary: 'Hướng dẫn triển khai học bạ số đối với học sinh tiểu học từ năm học 2026-2027' } },
  { unit: 'so', user: 'daumoi.so@demo.loa.vn', input: { number: '112', symbol: 'TB-SGDĐT', docType: 'thong_bao', issuer: SO, signer: 'Phạm Thị Hoà', signerTitle: 'Phó Giám đốc', issuedOn: '2026-04-20', field: 'Thi cử', summary: 'Lịch thi và địa điểm thi tuyển sinh lớp 10 trung học phổ thông năm học 2026-2027' } },
  { unit: 'so', user: 'daumoi.so@demo.loa.vn', input: { number: '2145', symbol: 'HD-SGDĐT', docType: 'huong_dan', issuer: SO, signer: 'Nguyễn Văn Thành', signerTitle: 'Giám đốc', issuedOn: '2025-09-12', field: 'Công khai', summary: 'Hướng dẫn thực hiện công khai đối với cơ sở giáo dục theo Thông tư số 09/2024/TT-BGDĐT' } },
  { unit: 'so', user: 'bientap.so@demo.loa.vn', input: { number: '09/2024', symbol: 'TT-BGDĐT', docType: 'thong_tu', issuer: BO, signer: 'Phạm Ngọc Thưởng', signerTitle: 'Thứ trưởng', issuedOn: '2024-06-03', effectiveOn: '2024-07-19', field: 'Công khai', summary: 'Quy định về công khai trong hoạt động của các cơ sở giáo dục thuộc hệ thống giáo dục quốc dân' } },
  { unit: 'so', user: 'bientap.so@demo.loa.vn', input: { number: '29/2024', symbol: 'TT-BGDĐT', docType: 'thong_tu', issuer: BO, signer: 'Phạm Ngọc Thưởng', signerTitle: 'Thứ trưởng', issuedOn: '2024-12-30', effectiveOn: '2025-02-14', field: 'Dạy thêm, học thêm', summary: 'Quy định về dạy thêm, học thêm' } },
  { unit: 'so', user: 'daumoi.so@demo.loa.vn', input: { number: '320', symbol: 'BC-SGDĐT', docType: 'bao_cao', issuer: SO, signer: 'Nguyễn Văn Thành', signerTitle: 'Giám đốc', issuedOn: '2025-08-05', field: 'Tổng kết năm học', summary: 'Tổng kết năm học 2024-2025 và phương hướng, nhiệm vụ năm học 2025-2026 của ngành Giáo dục tỉnh Lam Sơn' } },
  { unit: 'so', user: 'daumoi.so@demo.loa.vn', input: { number: '980', symbol: 'QĐ-SGDĐT', docType: 'quyet_dinh', issuer: SO, signer: 'Nguyễn Văn Thành', signerTitle: 'Giám đốc', issuedOn: '2023-06-15', effectiveOn: '2023-06-15', expiresOn: '2025-12-31', field: 'Truyền thông', summary: 'Ban hành Quy chế phát ngôn và cung cấp thông tin cho báo chí của Sở Giáo dục và Đào tạo' } },
  { unit: 'leloi', user: 'bientap.leloi@demo.loa.vn', withFile: true, input: { number: '15', symbol: 'TB-THCSLL', docType: 'thong_bao', issuer: 'Trường THCS Lê Lợi', signer: 'Đặng Thị Thuỷ', signerTitle: 'Hiệu trưởng', issuedOn: '2026-05-18', field: 'Tuyển sinh', summary: 'Tuyển sinh vào lớp 6 năm học 2026-2027: chỉ tiêu, hồ sơ và thời gian nhận hồ sơ trực tuyến' } },
  { unit: 'leloi', user: 'bientap.leloi@demo.loa.vn', input: { number: '22', symbol: 'KH-THCSLL', docType: 'ke_hoach', issuer: 'Trường THCS Lê Lợi', signer: 'Đặng Thị Thuỷ', signerTitle: 'Hiệu trưởng', issuedOn: '2026-04-01', field: 'Văn hóa đọc', summary: 'Tổ chức Ngày hội đọc sách và phát triển văn hóa đọc trong học sinh năm 2026' } },
  { unit: 'thptls', user: 'bientap.so@demo.loa.vn', input: { number: '45', symbol: 'QĐ-THPTCLS', docType: 'quyet_dinh', issuer: 'Trường THPT chuyên Lam Sơn', signer: 'Lê Hoàng Nam', signerTitle: 'Hiệu trưởng', issuedOn: '2026-05-04', field: 'Tuyển sinh', summary: 'Thành lập Hội đồng tuyển sinh lớp 10 chuyên năm học 2026-2027' } },
  { unit: 'kimdong', user: 'bientap.so@demo.loa.vn', input: { number: '08', symbol: 'TB-THKĐ', docType: 'thong_bao', issuer: 'Trường Tiểu học Kim Đồng', signer: 'Hà Thị Minh Nguyệt', signerTitle: 'Hiệu trưởng', issuedOn: '2026-08-25', field: 'Tài chính', summary: 'Các khoản thu, mức thu và thời gian thu năm học 2026-2027' } },
];

async function docxOf(title: string, lines: string[]): Promise<Buffer> {
  const doc = new Document({
    sections: [{ children: [new Paragraph({ children: [new TextRun({ text: title, bold: true })] }), ...lines.map((l) => new Paragraph(l))] }],
  });
  return Packer.toBuffer(doc);
}

/** Entries a school keeps under a heading (title and a short body). */
const bodies: Record<DisclosureHeading, [string, string]> = {
  general: ['Thông tin chung về nhà trường', '<p>Tên trường, địa chỉ, điện thoại, thư điện tử; quyết định thành lập; sứ mạng, tầm nhìn và mục tiêu giáo dục; cơ cấu tổ chức và danh sách lãnh đạo nhà trường.</p>'],
  finance: ['Thu, chi tài chính', '<p>Dự toán thu, chi được giao; các khoản thu và mức thu đối với người học; chính sách miễn, giảm học phí và hỗ trợ chi phí học tập.</p><table><tr><th>Khoản thu</th><th>Mức thu</th></tr><tr><td>Bảo hiểm y tế học sinh</td><td>Theo quy định</td></tr></table>'],
  staff: ['Đội ngũ nhà giáo, cán bộ quản lý và nhân viên', '<p>Số lượng, trình độ đào tạo và chuẩn nghề nghiệp của cán bộ quản lý, giáo viên và nhân viên; kết quả bồi dưỡng thường xuyên trong năm học.</p>'],
  facilities: ['Cơ sở vật chất và tài liệu học tập', '<p>Số phòng học, phòng học bộ môn, thư viện, thiết bị dạy học; danh mục sách giáo khoa và tài liệu học tập được sử dụng.</p>'],
  quality: ['Kiểm định chất lượng và đảm bảo chất lượng', '<p>Kết quả tự đánh giá, đánh giá ngoài; cấp độ kiểm định chất lượng và mức đạt chuẩn quốc gia; kế hoạch cải tiến chất lượng.</p>'],
  education_plan: ['Kế hoạch giáo dục và tuyển sinh', '<p>Kế hoạch giáo dục của nhà trường; kế hoạch tuyển sinh: chỉ tiêu, đối tượng, phương thức và thời gian tuyển sinh.</p>'],
  results: ['Kết quả năm học trước', '<p>Tỷ lệ học sinh hoàn thành chương trình, lên lớp, tốt nghiệp; kết quả các cuộc thi; số học sinh được khen thưởng.</p>'],
  annual_report: ['Báo cáo thường niên', '<p>Báo cáo thường niên của nhà trường theo mẫu tại Thông tư 09/2024/TT-BGDĐT.</p>'],
};

export async function seedDemoDocuments(ids: Map<string, number>, userIds: Map<string, number>): Promise<void> {
  for (const d of docs) {
    const actor = { userId: userIds.get(d.user) ?? null };
    const created = await createDocument(actor, { ...d.input, unitId: ids.get(d.unit) as number });
    if (d.withFile) {
      const data = await docxOf(`${created.docTypeLabel} số ${created.numberLabel ?? ''}`, [d.input.summary, `${d.input.issuer}, ngày ${created.issuedOn ?? ''}.`]);
      await addDocumentFile(actor, created.id, await storeDocumentFile(data, `${created.docTypeLabel} ${created.numberLabel ?? ''}.docx`));
    }
  }

  // Disclosure: last school year graded against 30 June; this year partly done.
  const year = currentSchoolYear();
  const startYear = Number(year.slice(0, 4));
  const lastYear = `${startYear - 1}-${startYear}`;
  const actor = { userId: userIds.get('hieutruong.leloi@demo.loa.vn') ?? null };
  const at = (day: string) => new Date(`${day}T09:00:00+07:00`);
  // per school: how many headings were on time, how many late; the rest never published (overdue)
  const plan: [string, number, number][] = [
    ['leloi', 8, 0],
    ['thptls', 8, 0],
    ['kimdong', 6, 2],
    ['nguyendu', 4, 0],
    ['hoasen', 0, 3],
    ['chuvanan', 5, 1],
  ];
  for (const [key, onTime, late] of plan) {
    const unitId = ids.get(key) as number;
    for (const [i, h] of disclosureHeadings.entries()) {
      if (i >= onTime + late) break;
      const [title, body] = bodies[h];
      const e = await createEntry(actor, { unitId, heading: h, schoolYear: lastYear, title: `${title} năm học ${lastYear.replace('-', '–')}`, bodyHtml: body, isPublished: true });
      // when it went up: in June, or in July for the late ones
      const day = i < onTime ? `${startYear}-06-${String(10 + i).padStart(2, '0')}` : `${startYear}-07-${String(5 + i).padStart(2, '0')}`;
      await db().query('update disclosure_entries set published_at = $2, created_at = $2, updated_at = $2 where id = $1', [e.id, at(day)]);
    }
  }

  // This school year: the general information and the admissions plan are up at two schools;
  // one update still within its 10 working days, and one whose 10 days are gone.
  const today = iso(now());
  const holidays = new Set([...(await listHolidays(db(), startYear)), ...(await listHolidays(db(), startYear + 1))].map((h) => h.day));
  for (const key of ['leloi', 'thptls']) {
    const unitId = ids.get(key) as number;
    for (const h of ['general', 'education_plan'] as const) {
      const [title, body] = bodies[h];
      await createEntry(actor, { unitId, heading: h, schoolYear: year, title: `${title} năm học ${year.replace('-', '–')}`, bodyHtml: body, isPublished: true });
    }
  }
  const recent = iso(addDaysVn(now(), -3));
  const old = iso(addDaysVn(now(), -30));
  if (addWorkingDays(recent, 10, holidays) >= today) {
    await createEntry(actor, { unitId: ids.get('leloi') as number, heading: 'staff', schoolYear: year, title: 'Thay đổi Phó Hiệu trưởng phụ trách chuyên môn', bodyHtml: '<p>Từ ngày thay đổi, thầy Lý Văn Khoa được phân công phụ trách chuyên môn.</p>', changedOn: recent });
  }
  await createEntry(actor, { unitId: ids.get('kimdong') as number, heading: 'finance', schoolYear: year, title: 'Điều chỉnh mức thu tiền ăn bán trú', bodyHtml: '<p>Mức thu tiền ăn bán trú điều chỉnh theo giá thực phẩm.</p>', changedOn: old });
}
