import ExcelJS from 'exceljs';
import { config } from '../../platform/config';
import { t } from '../../platform/i18n';
import type { Ranking } from './emulation.service';

/** The ranked table as XLSX: sheet 1 the ranking (value and points per criterion), sheet 2 every piece of evidence with its link. */
export async function rankingXlsx(r: Ranking): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Loa';
  const ws = wb.addWorksheet('Xếp hạng');
  const head = ['Hạng', 'Đơn vị', ...r.scheme.criteria.flatMap((c) => [`${c.label} — kết quả`, `${c.label} — điểm (tối đa ${c.weight})`]), `Tổng điểm (tối đa ${r.scheme.maxPoints})`];
  ws.addRow([`${t('emulation.export_title')}: ${r.scheme.title}`]);
  ws.addRow([`${r.scheme.unitName} · ${r.from.split('-').reverse().join('/')} – ${r.to.split('-').reverse().join('/')}`]);
  ws.addRow([]);
  const h = ws.addRow(head);
  h.font = { bold: true };
  for (const row of r.rows) {
    ws.addRow([row.rank, row.unitName, ...row.cells.flatMap((c) => [c.value, c.points]), row.total]);
  }
  ws.getColumn(2).width = 40;
  for (let i = 3; i <= head.length; i++) ws.getColumn(i).width = 18;
  const ev = wb.addWorksheet('Minh chứng');
  const eh = ev.addRow(['Đơn vị', 'Tiêu chí', 'Minh chứng', 'Đạt', 'Liên kết']);
  eh.font = { bold: true };
  const byId = new Map(r.scheme.criteria.map((c) => [c.id, c]));
  const base = config().publicUrl;
  for (const row of r.rows) {
    for (const c of row.cells) {
      for (const e of c.evidence) {
        const url = `${base}${e.url}`;
        ev.addRow([row.unitName, byId.get(c.criterionId)?.label ?? '', e.label, e.isMet === false ? 'Không' : 'Có', { text: url, hyperlink: url }]);
      }
    }
  }
  ev.getColumn(1).width = 36;
  ev.getColumn(2).width = 28;
  ev.getColumn(3).width = 60;
  ev.getColumn(5).width = 50;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
