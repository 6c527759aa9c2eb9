import type { ImportKind } from '../../api/types';

/** Header rows and one example line per kind; the server also accepts the Vietnamese type names. */
const templates: Record<ImportKind, string[][]> = {
  units: [
    ['code', 'name', 'type', 'parent', 'aliases', 'level', 'short_name', 'doc_abbr', 'address', 'phone', 'email', 'website'],
    ['TH-HOABINH', 'Trường Tiểu học Hòa Bình', 'Trường', 'MA-DON-VI-CAP-TREN', 'TH Hòa Bình;Tiểu học Hòa Bình', 'Tiểu học', 'TH Hòa Bình', '', '', '', '', ''],
  ],
  people: [
    ['email', 'name', 'unit', 'roles', 'title', 'phone'],
    ['nguyen.van.a@example.edu.vn', 'Nguyễn Văn A', 'MA-DON-VI', 'Cộng tác viên', 'Giáo viên', '0912345678'],
  ],
};

function csvCell(value: string): string {
  return /[",\n;]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function templateCsv(kind: ImportKind): string {
  return templates[kind].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Offer the template as a download (UTF-8 with BOM so spreadsheet programs keep the diacritics). */
export function downloadTemplate(kind: ImportKind): void {
  const blob = new Blob(['\uFEFF', templateCsv(kind)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = kind === 'units' ? 'mau-nhap-don-vi.csv' : 'mau-nhap-nguoi-dung.csv';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
