import sharp from 'sharp';
import { systemActor } from '../modules/audit';
import { createLeader, getSiteAdmin, setDomains, updateSite, uploadSiteImage } from '../modules/sites';
import { db } from '../platform/db';
import { type Scene, renderScene } from './demo-photos';

/**
 * Demo unit sites (issue 5) for tỉnh Lam Sơn: the Sở and three schools get a
 * complete site — colours, a drawn logo and banner, menu, introduction,
 * history, functions and duties, leaders — and a mapped demo domain each
 * (`*.loa.test`, served by Host). All names and texts are fictional, written
 * for the demo. They go through the real services, so the audit log shows them.
 */
type DemoSite = {
  unit: string;
  domain: string;
  colour: string;
  initials: string;
  tagline: string;
  banner: Scene;
  menu: { label: string; href: string }[];
  intro: string;
  history: string;
  functions: string;
  leaders: { name: string; position: string; bio: string; duties: string }[];
};

const sites: DemoSite[] = [
  {
    unit: 'so',
    domain: 'sgddt-lamson.loa.test',
    colour: '#0b4f8a',
    initials: 'SGD',
    tagline: 'Cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh Lam Sơn',
    banner: { kind: 'hall', banner: ['SỞ GIÁO DỤC VÀ ĐÀO TẠO', 'TỈNH LAM SƠN'] },
    menu: [
      { label: 'Bộ Giáo dục và Đào tạo', href: 'https://moet.gov.vn' },
      { label: 'Cổng Dịch vụ công quốc gia', href: 'https://dichvucong.gov.vn' },
    ],
    intro:
      '<p>Sở Giáo dục và Đào tạo tỉnh Lam Sơn là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh, tham mưu, giúp Ủy ban nhân dân tỉnh quản lý nhà nước về giáo dục mầm non, giáo dục phổ thông, giáo dục thường xuyên và giáo dục nghề nghiệp trên địa bàn tỉnh.</p>' +
      '<p>Toàn ngành hiện có hơn 600 trường học với gần 300 nghìn học sinh và 21 nghìn cán bộ, giáo viên, nhân viên.</p>',
    history:
      '<h2>Những mốc chính</h2><ul><li><strong>1976:</strong> Thành lập Ty Giáo dục tỉnh Lam Sơn.</li><li><strong>1990:</strong> Hợp nhất thành Sở Giáo dục và Đào tạo.</li>' +
      '<li><strong>2015:</strong> Hoàn thành phổ cập giáo dục trung học cơ sở mức độ 3.</li><li><strong>2025:</strong> Tiếp nhận quản lý các trường sau sắp xếp chính quyền địa phương hai cấp.</li></ul>',
    functions:
      '<h2>Chức năng</h2><p>Tham mưu, giúp Ủy ban nhân dân tỉnh quản lý nhà nước về giáo dục; thực hiện các dịch vụ công thuộc lĩnh vực giáo dục theo quy định của pháp luật.</p>' +
      '<h2>Nhiệm vụ</h2><ol><li>Trình Ủy ban nhân dân tỉnh dự thảo quyết định, kế hoạch phát triển giáo dục của tỉnh.</li><li>Hướng dẫn, kiểm tra việc thực hiện chương trình giáo dục phổ thông.</li>' +
      '<li>Quản lý chất lượng giáo dục, kiểm định chất lượng và công nhận trường đạt chuẩn quốc gia.</li><li>Tổ chức các kỳ thi theo phân cấp.</li><li>Thanh tra, kiểm tra, giải quyết khiếu nại, tố cáo trong lĩnh vực giáo dục.</li></ol>',
    leaders: [
      { name: 'Nguyễn Văn Thành', position: 'Giám đốc Sở', bio: '<p>Sinh năm 1970, quê xã Tân Lập. Tiến sĩ Quản lý giáo dục. Nguyên Hiệu trưởng Trường THPT chuyên Lam Sơn.</p>', duties: '<p>Lãnh đạo, điều hành chung mọi hoạt động của Sở; phụ trách công tác tổ chức cán bộ, tài chính, thi đua khen thưởng.</p>' },
      { name: 'Phạm Thị Hoà', position: 'Phó Giám đốc Sở, Người phát ngôn', bio: '<p>Sinh năm 1974. Thạc sĩ Ngữ văn. Nguyên Trưởng phòng Giáo dục Trung học.</p>', duties: '<p>Phụ trách giáo dục trung học, giáo dục thường xuyên, công tác truyền thông và phát ngôn của Sở.</p>' },
      { name: 'Trần Quốc Bảo', position: 'Phó Giám đốc Sở', bio: '<p>Sinh năm 1976. Thạc sĩ Quản lý giáo dục.</p>', duties: '<p>Phụ trách giáo dục mầm non, giáo dục tiểu học, cơ sở vật chất và chuyển đổi số.</p>' },
    ],
  },
  {
    unit: 'leloi',
    domain: 'thcs-leloi.loa.test',
    colour: '#7a1f1f',
    initials: 'LL',
    tagline: 'Kỷ cương – Tình thương – Trách nhiệm',
    banner: { kind: 'school' },
    menu: [{ label: 'Hoạt động nhà trường', href: '/tin-tuc' }],
    intro:
      '<p>Trường THCS Lê Lợi nằm ở trung tâm phường Bình Minh, có 28 lớp với hơn 1.100 học sinh. Trường đạt chuẩn quốc gia mức độ 2 và kiểm định chất lượng giáo dục cấp độ 3.</p>',
    history:
      '<p>Trường được thành lập năm 1986 trên cơ sở tách từ Trường phổ thông cơ sở Bình Minh. Năm 2012, trường được công nhận đạt chuẩn quốc gia; năm 2023 được Chủ tịch Ủy ban nhân dân tỉnh tặng Cờ thi đua.</p>',
    functions:
      '<p>Tổ chức giảng dạy, học tập và các hoạt động giáo dục theo Chương trình giáo dục phổ thông 2018; quản lý giáo viên, nhân viên và học sinh; huy động, quản lý và sử dụng các nguồn lực theo quy định; phối hợp với gia đình và xã hội trong giáo dục học sinh.</p>',
    leaders: [
      { name: 'Đặng Thị Thuỷ', position: 'Hiệu trưởng', bio: '<p>Sinh năm 1978. Thạc sĩ Quản lý giáo dục; giáo viên Toán, 22 năm công tác.</p>', duties: '<p>Phụ trách chung; công tác tổ chức, tài chính, cơ sở vật chất.</p>' },
      { name: 'Lý Văn Khoa', position: 'Phó Hiệu trưởng', bio: '<p>Sinh năm 1982. Cử nhân Vật lý.</p>', duties: '<p>Phụ trách chuyên môn, kiểm định chất lượng và chuyển đổi số.</p>' },
    ],
  },
  {
    unit: 'thptls',
    domain: 'thpt-demo.loa.test',
    colour: '#1f5f3a',
    initials: 'CLS',
    tagline: 'Nơi ươm mầm tài năng trẻ tỉnh Lam Sơn',
    banner: { kind: 'lab' },
    menu: [{ label: 'Kỳ thi tốt nghiệp THPT', href: 'https://thisinh.thitotnghiepthpt.edu.vn' }],
    intro:
      '<p>Trường THPT chuyên Lam Sơn là trường chuyên của tỉnh, đào tạo học sinh năng khiếu ở 10 môn chuyên. Mỗi năm học, học sinh của trường giành hàng chục giải học sinh giỏi quốc gia.</p>',
    history:
      '<p>Trường được thành lập năm 1991 với 3 lớp chuyên Toán, Văn, Ngoại ngữ. Năm 2018, trường chuyển về khuôn viên mới rộng 5 ha với khu nội trú cho 400 học sinh.</p>',
    functions:
      '<p>Phát hiện, bồi dưỡng học sinh có năng khiếu; tạo nguồn nhân lực chất lượng cao cho tỉnh; thực hiện nhiệm vụ của trường trung học phổ thông theo Điều lệ trường trung học.</p>',
    leaders: [
      { name: 'Hoàng Minh Quân', position: 'Hiệu trưởng', bio: '<p>Sinh năm 1975. Tiến sĩ Toán học.</p>', duties: '<p>Phụ trách chung, công tác bồi dưỡng học sinh giỏi.</p>' },
    ],
  },
  {
    unit: 'kimdong',
    domain: 'th-kimdong.loa.test',
    colour: '#8a3b00',
    initials: 'KĐ',
    tagline: 'Mỗi ngày đến trường là một ngày vui',
    banner: { kind: 'classroom' },
    menu: [],
    intro: '<p>Trường Tiểu học Kim Đồng có 24 lớp với 850 học sinh, dạy học 2 buổi/ngày, có thư viện thân thiện và sân chơi an toàn.</p>',
    history: '<p>Trường được thành lập năm 1968, mang tên người anh hùng thiếu niên Kim Đồng. Năm 2019, trường đạt chuẩn quốc gia mức độ 2.</p>',
    functions: '<p>Tổ chức giáo dục tiểu học theo Chương trình giáo dục phổ thông 2018; chăm sóc, giáo dục học sinh, phối hợp với cha mẹ học sinh.</p>',
    leaders: [{ name: 'Võ Thị Kim Liên', position: 'Hiệu trưởng', bio: '<p>Sinh năm 1980. Cử nhân Giáo dục tiểu học.</p>', duties: '<p>Phụ trách chung.</p>' }],
  },
];

/** A round seal-like logo with the unit's initials, drawn in-process (no files shipped). */
async function logoPng(initials: string, colour: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><circle cx="128" cy="128" r="124" fill="${colour}"/>
<circle cx="128" cy="128" r="104" fill="none" stroke="#fff" stroke-width="6"/>
<text x="128" y="150" font-family="DejaVu Sans, Arial, sans-serif" font-size="${initials.length > 2 ? 58 : 76}" font-weight="700" fill="#fff" text-anchor="middle">${initials}</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

export async function seedDemoSites(ids: Map<string, number>): Promise<void> {
  let seed = 500;
  for (const s of sites) {
    const unitId = ids.get(s.unit);
    if (!unitId) continue;
    const logo = await uploadSiteImage(systemActor, unitId, { data: await logoPng(s.initials, s.colour), fileName: 'bieu-trung.png', mime: 'image/png' });
    const banner = await uploadSiteImage(systemActor, unitId, {
      data: await renderScene(s.banner, `Ảnh bìa minh họa — ${s.tagline}`, seed++),
      fileName: 'anh-bia.png',
      mime: 'image/png',
    });
    const current = await getSiteAdmin(db(), unitId);
    await updateSite(systemActor, unitId, {
      version: current.version,
      primaryColor: s.colour,
      tagline: s.tagline,
      logoMediaId: logo.mediaId,
      bannerMediaId: banner.mediaId,
      menu: s.menu,
      introHtml: s.intro,
      historyHtml: s.history,
      functionsHtml: s.functions,
    });
    await setDomains(systemActor, unitId, [s.domain]);
    let order = 1;
    for (const l of s.leaders) {
      await createLeader(systemActor, unitId, { name: l.name, position: l.position, bioHtml: l.bio, dutiesHtml: l.duties, sortOrder: order++ });
    }
  }
}
