import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { composePlan, convertDocxToPdf, isPdfAvailable, renderPlanDocx, type PlanDocument, type PlanDocumentSection } from '../src/modules/plans/export';
import { richPlan } from '../src/modules/plans/export/fixtures/rich-plan';
import { importPlanFile } from '../src/modules/plans/import';
import { toRoman } from '../src/text';
import { readDocx } from '../src/modules/plans/import/read';
import type { BenchResult } from './index';

/**
 * `npm run bench -- plans`: a ~30-page plan (many parts, long bodies, a long
 * task appendix) rendered by the export, then read back by the import.
 *   import_30_pages_s   importPlanFile on the DOCX (mammoth + parser); target < 2 s
 *   docx_export_s       renderPlanDocx on the same plan; target < 1 s
 * Baseline: the same plan imported from its plain text (.txt), i.e. the parser
 * without reading the DOCX; the ratio shows what reading the DOCX costs.
 * Each figure is the median of several runs after one warm-up.
 * `--size N` sets the number of pages aimed at (default 30).
 */
const SENTENCES = [
  'Tiếp tục đẩy mạnh công tác thông tin, truyền thông về các chủ trương, chính sách mới của ngành giáo dục, tạo sự đồng thuận của cán bộ, giáo viên, cha mẹ học sinh và nhân dân',
  'Chú trọng giới thiệu các mô hình hay, cách làm sáng tạo của các nhà trường trong đổi mới phương pháp dạy học và kiểm tra, đánh giá học sinh theo định hướng phát triển phẩm chất, năng lực',
  'Kịp thời phản ánh những khó khăn, vướng mắc trong quá trình tổ chức thực hiện để cơ quan quản lý có giải pháp tháo gỡ phù hợp với điều kiện thực tế của từng địa phương',
  'Nâng cao chất lượng nội dung và hình thức thể hiện, bảo đảm thông tin chính xác, khách quan, dễ hiểu, phù hợp với từng nhóm đối tượng tiếp nhận',
  'Phối hợp chặt chẽ giữa các phòng chuyên môn, các đơn vị trực thuộc và các cơ quan liên quan trong việc cung cấp thông tin, tổ chức các hoạt động truyền thông',
  'Tăng cường ứng dụng công nghệ thông tin, xây dựng kho học liệu số dùng chung và khai thác hiệu quả các nền tảng số trong quản lý, dạy học',
];
const TOPICS = ['Đổi mới chương trình giáo dục phổ thông', 'Chuyển đổi số trong giáo dục', 'Xây dựng trường học hạnh phúc', 'Giáo dục đạo đức, lối sống cho học sinh', 'Bồi dưỡng đội ngũ nhà giáo', 'Tuyển sinh đầu cấp', 'Phổ cập giáo dục, xóa mù chữ', 'Giáo dục hướng nghiệp và phân luồng'];
const UNITS = ['Phòng Giáo dục trung học', 'Phòng Giáo dục mầm non - tiểu học', 'Phòng Quản lý chất lượng', 'Văn phòng Sở', 'Thanh tra Sở', 'Phòng Tổ chức cán bộ', 'Phòng Kế hoạch - Tài chính'];

const para = (n: number, seed: number) =>
  Array.from({ length: n }, (_, i) => `${SENTENCES[(seed + i) % SENTENCES.length]}.`).join(' ');

/** A plan of about `pages` A4 pages: the rich fixture with many more parts and tasks. */
export function bigPlan(pages = 30): PlanDocument {
  const doc = richPlan();
  const parts = Math.max(1, Math.round(pages / 5.5));
  const [purpose, content, funding, implementation] = doc.sections as [PlanDocumentSection, PlanDocumentSection, PlanDocumentSection, PlanDocumentSection];
  // The long parts go between the plan's own "Nội dung" and "Kinh phí"; everything after is renumbered.
  const extra: PlanDocumentSection[] = Array.from({ length: parts }, (_, p) => ({
    number: toRoman(p + 3),
    title: `NHIỆM VỤ TRỌNG TÂM VỀ ${TOPICS[p % TOPICS.length]!.toLocaleUpperCase('vi')}`,
    body: para(2, p),
    children: Array.from({ length: 3 }, (_, c) => ({
      number: String(c + 1),
      title: `${TOPICS[(p + c) % TOPICS.length]} (nhóm ${c + 1})`,
      body: `${para(3, p + c)}\n${para(2, p + c + 1)}`,
      children: Array.from({ length: 2 }, (_, g) => ({
        number: `${c + 1}.${g + 1}`,
        title: `Hoạt động ${g + 1} về ${TOPICS[(p + c + g) % TOPICS.length]!.toLocaleLowerCase('vi')}`,
        body: `${para(3, p + g)}\n- ${SENTENCES[(p + g + 2) % SENTENCES.length]};\n- ${SENTENCES[(p + g + 3) % SENTENCES.length]}.`,
        children: [],
      })),
    })),
  }));
  doc.sections = [purpose, content, ...extra, { ...funding, number: toRoman(parts + 3) }, { ...implementation, number: toRoman(parts + 4) }];
  doc.tasks = Array.from({ length: pages * 2 }, (_, k) => ({
    group: toRoman(Math.floor(k / 10) + 1),
    topic: `${TOPICS[k % TOPICS.length]}: ${SENTENCES[k % SENTENCES.length]!.slice(0, 90).replace(/\s\S*$/, '')}`,
    products: ['Tin, bài, video clip', 'Phóng sự, tọa đàm', 'Infographic, ấn phẩm', 'Chuyên mục trên Cổng thông tin điện tử'][k % 4]!,
    lead: [UNITS[k % UNITS.length]!],
    quarters: [[1, 2], [2, 3], [3, 4], [1, 2, 3, 4]][k % 4]!,
    partners: [UNITS[(k + 2) % UNITS.length]!, 'Các trường trung học phổ thông'],
  }));
  return doc;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function timeRuns<T>(n: number, fn: () => Promise<T>): Promise<{ s: number; last: T }> {
  let last = await fn(); // warm-up (module loading, JIT)
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    last = await fn();
    times.push((performance.now() - t0) / 1000);
  }
  return { s: median(times), last };
}

const round = (n: number, d = 3) => Number(n.toFixed(d));

export async function run(opts: { size?: number }): Promise<BenchResult> {
  const pages = opts.size ?? 30;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loa-bench-plans-'));
  try {
    const doc = bigPlan(pages);
    process.stderr.write(`bench plans: a ${pages}-page plan (${doc.sections.length} parts, ${doc.tasks.length} tasks)…\n`);
    const exp = await timeRuns(5, () => renderPlanDocx(doc));
    const compose = await timeRuns(5, async () => composePlan(doc));
    const docxFile = path.join(dir, 'plan.docx');
    fs.writeFileSync(docxFile, exp.last);
    const imp = await timeRuns(5, () => importPlanFile(docxFile));
    // Baseline: the same document as plain text (what mammoth gives), parsed without reading a DOCX.
    const txtFile = path.join(dir, 'plan.txt');
    fs.writeFileSync(txtFile, await readDocx(docxFile));
    const txt = await timeRuns(5, () => importPlanFile(txtFile));
    const draft = imp.last;
    const notes: Record<string, unknown> = {
      sections: draft.sections.length,
      tasksReadBack: `${draft.tasks.length}/${doc.tasks.length}`,
      obligationsReadBack: `${draft.obligations.length}/${doc.obligations.length}`,
      titleReadBack: draft.title === doc.title,
    };
    // Page count, when LibreOffice is here to lay the document out (one conversion).
    if (isPdfAvailable()) {
      const pdfFile = path.join(dir, 'plan.pdf');
      const t0 = performance.now();
      fs.writeFileSync(pdfFile, await convertDocxToPdf(exp.last));
      notes.pdfConversionS = round((performance.now() - t0) / 1000, 2);
      const info = spawnSync('pdfinfo', [pdfFile], { encoding: 'utf8' });
      const m = info.stdout?.match(/Pages:\s+(\d+)/);
      if (m) notes.pages = Number(m[1]);
    }
    return {
      bench: 'plans',
      measures: [
        { name: 'pages_target', value: pages, unit: 'pages' },
        { name: 'docx_bytes', value: exp.last.length, unit: 'B' },
        { name: 'import_30_pages_s', value: round(imp.s), unit: 's' },
        { name: 'import_text_baseline_s', value: round(txt.s), unit: 's' },
        { name: 'import_docx_vs_text', value: round(imp.s / txt.s, 2), unit: 'x' },
        { name: 'docx_export_s', value: round(exp.s), unit: 's' },
        { name: 'compose_s', value: round(compose.s), unit: 's' },
      ],
      notes,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
