import { describe, expect, it } from 'vitest';
import { canonicalHeader, parseUnitLevel, parseUnitType, validateUnitRows } from './unit-import';

const rows = (lines: Record<string, string>[]) => lines.map((values, i) => ({ row: i + 2, values }));
const existing = new Map([
  ['SO', { id: 1, parentCode: null, path: '1' }],
  ['XA', { id: 2, parentCode: 'SO', path: '1.2' }],
]);

describe('unit import validation (pure)', () => {
  it('maps Vietnamese headers and type names', () => {
    expect(canonicalHeader('Mã đơn vị')).toBe('code');
    expect(canonicalHeader('Tên')).toBe('name');
    expect(canonicalHeader('Đơn vị cấp trên')).toBe('parent');
    expect(parseUnitType('Trường')).toBe('school');
    expect(parseUnitType('sở')).toBe('department');
    expect(parseUnitType('Đơn vị trực thuộc')).toBe('affiliated');
    expect(parseUnitType('xã')).toBe('commune');
    expect(parseUnitType('trường học đại học')).toBeNull();
    expect(parseUnitLevel('THCS')).toBe('lower_secondary');
    expect(parseUnitLevel('Mầm non')).toBe('preschool');
  });

  it('accepts a valid file, with parents in the file or the database', () => {
    const r = validateUnitRows(
      rows([
        { code: 'A', name: 'Trường Tiểu học An Bình', type: 'school', parent: 'XA', aliases: 'TH An Bình; An Bình' },
        { code: 'B', name: 'Phòng GDĐT', type: 'phòng', parent: 'SO', aliases: '' },
        { code: 'C', name: 'Trường Mầm non Bé Ngoan', type: 'trường', parent: 'B', aliases: '' },
      ]),
      existing,
    );
    expect(r.errors).toEqual([]);
    expect(r.rows[0].aliases).toEqual(['TH An Bình', 'An Bình']);
  });

  it('lists every bad row with a Vietnamese message', () => {
    const r = validateUnitRows(
      rows([
        { code: 'A', name: 'Một', type: 'school', parent: 'KHONG-CO', aliases: '' },
        { code: 'B', name: 'Hai', type: 'trường đại học', parent: 'SO', aliases: '' },
        { code: 'B', name: 'Ba', type: 'school', parent: 'SO', aliases: '' },
        { code: '', name: 'Bốn', type: 'school', parent: 'SO', aliases: '' },
      ]),
      existing,
    );
    expect(r.errors.map((e) => [e.row, e.code])).toEqual([
      [2, 'unknown_parent'],
      [3, 'bad_type'],
      [4, 'duplicate_code'],
      [5, 'code_required'],
    ]);
    expect(r.errors[0].message).toBe('Không tìm thấy đơn vị cấp trên có mã "KHONG-CO".');
    expect(r.errors[2].message).toBe('Mã "B" bị trùng với dòng 3.');
    expect(r.rows).toEqual([]);
  });

  it('reports duplicate codes', () => {
    const r = validateUnitRows(
      rows([
        { code: 'A', name: 'Một', type: 'school', parent: 'SO', aliases: '' },
        { code: 'A', name: 'Hai', type: 'school', parent: 'SO', aliases: '' },
      ]),
      existing,
    );
    expect(r.errors).toMatchObject([{ row: 3, code: 'duplicate_code' }]);
  });

  it('detects cycles through the file and through stored units', () => {
    const inFile = validateUnitRows(
      rows([
        { code: 'A', name: 'Một', type: 'school', parent: 'B', aliases: '' },
        { code: 'B', name: 'Hai', type: 'school', parent: 'A', aliases: '' },
        { code: 'C', name: 'Ba', type: 'school', parent: 'A', aliases: '' },
      ]),
      existing,
    );
    expect(inFile.errors.map((e) => e.code)).toEqual(['cycle', 'cycle', 'unknown_parent']);
    // re-parenting the stored Sở under its own commune closes a loop
    const viaDb = validateUnitRows(rows([{ code: 'SO', name: 'Sở', type: 'sở', parent: 'XA', aliases: '' }]), existing);
    expect(viaDb.errors.map((e) => e.code)).toEqual(['cycle']);
  });

  it('refuses rows outside the importer scope', () => {
    const r = validateUnitRows(
      rows([
        { code: 'A', name: 'Một', type: 'school', parent: 'XA', aliases: '' },
        { code: 'SO', name: 'Sở đổi tên', type: 'sở', parent: '', aliases: '' },
      ]),
      existing,
      (path) => path === '1.2' || path.startsWith('1.2.'),
    );
    expect(r.errors.map((e) => [e.row, e.code])).toEqual([[3, 'out_of_scope']]);
  });
});
