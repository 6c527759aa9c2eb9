import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError } from './errors';

/**
 * Reads the spreadsheets offices already keep (CSV in UTF-8, with or without a
 * BOM, comma or semicolon separated; or the first sheet of an XLSX) into rows
 * keyed by the header line. Row numbers are the spreadsheet's own (header = 1).
 */
export type SheetRow = { row: number; values: Record<string, string> };
export type Sheet = { headers: string[]; rows: SheetRow[] };

export async function readSpreadsheet(data: Buffer, fileName: string): Promise<Sheet> {
  const isXlsx = /\.xlsx$/i.test(fileName) || (data[0] === 0x50 && data[1] === 0x4b);
  try {
    return isXlsx ? await readXlsx(data) : readCsv(data);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('import.bad_file', 400, 'import.bad_file');
  }
}

function readCsv(data: Buffer): Sheet {
  let text = data.toString('utf8');
  if (text.includes('\uFFFD')) throw new AppError('import.bad_file', 400, 'import.bad_file');
  text = text.replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records: string[][] = parse(text, {
    delimiter,
    relax_column_count: true,
    skip_empty_lines: false,
    trim: true,
    bom: true,
  });
  return toSheet(records);
}

async function readXlsx(data: Buffer): Promise<Sheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) return { headers: [], rows: [] };
  const records: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    records[rowNumber - 1] = Array.from(cells, (c) => c ?? '');
  });
  return toSheet(Array.from(records, (r) => r ?? []));
}

function cellText(v: ExcelJS.CellValue): string {
  if (v == null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((p) => p.text).join('').trim();
    if ('text' in v) return String(v.text).trim();
    if ('result' in v) return String(v.result ?? '').trim();
    return '';
  }
  return String(v).trim();
}

function toSheet(records: string[][]): Sheet {
  const [header = [], ...body] = records;
  const headers = header.map((h) => h.trim());
  const rows: SheetRow[] = [];
  body.forEach((cells, i) => {
    if (!cells || cells.every((c) => !c?.trim())) return;
    const values: Record<string, string> = {};
    headers.forEach((h, j) => {
      if (h) values[h] = (cells[j] ?? '').trim();
    });
    rows.push({ row: i + 2, values });
  });
  return { headers, rows };
}
