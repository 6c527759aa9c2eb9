import { describe, expect, it } from 'vitest';
import { parsePlanText } from './import';
import { draftToInput, resolveUnitMentions, unitTypesNamed } from './plan-import.service';
import { rollUp } from './tracking.service';

describe('unitTypesNamed', () => {
  it.each([
    ['Các trường THCS, tiểu học', ['school']],
    ['Phòng Văn hóa - Xã hội các xã, phường', ['office', 'commune']],
    ['Các cơ sở giáo dục mầm non', ['school']],
    ['Văn phòng Sở', []],
    [null, []],
  ])('%s', (who, types) => expect(unitTypesNamed(who)).toEqual(types));
});

describe('resolveUnitMentions', () => {
  const units = [
    { id: 1, name: 'Sở Giáo dục và Đào tạo tỉnh Lâm Hà', shortName: 'Sở GDĐT Lâm Hà', aliases: [] },
    { id: 2, name: 'Trường THCS Lê Lợi', shortName: null, aliases: ['THCS Lê Lợi'] },
    { id: 3, name: 'Trường Tiểu học Lê Lợi', shortName: null, aliases: [] },
    { id: 4, name: 'Phòng Văn hóa - Xã hội phường Bình Minh', shortName: null, aliases: [] },
  ];
  it('matches names with or without diacritics, the longest name first, and leaves generic mentions open', () => {
    expect(resolveUnitMentions(['truong thcs le loi', 'Trường Tiểu học Lê Lợi chủ trì', 'Các trường', 'Sở GDĐT Lâm Hà', 'Các trường'], units)).toEqual([
      { text: 'truong thcs le loi', unitId: 2, unitName: 'Trường THCS Lê Lợi' },
      { text: 'Trường Tiểu học Lê Lợi chủ trì', unitId: 3, unitName: 'Trường Tiểu học Lê Lợi' },
      { text: 'Các trường', unitId: null, unitName: null },
      { text: 'Sở GDĐT Lâm Hà', unitId: 1, unitName: 'Sở Giáo dục và Đào tạo tỉnh Lâm Hà' },
    ]);
  });
});

describe('draftToInput', () => {
  it('turns a parsed plan into the editor input: symbol from the number, bound unit types from "who"', () => {
    const draft = parsePlanText(
      [
        'SỞ GIÁO DỤC VÀ ĐÀO TẠO\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Số: 15/KH-SGDĐT\tLâm Hà, ngày 12 tháng 01 năm 2026',
        'KẾ HOẠCH',
        'Truyền thông về giáo dục và đào tạo năm 2026',
        'I. MỤC ĐÍCH, YÊU CẦU',
        'Thông tin kịp thời, chính xác về hoạt động của ngành.',
        'II. TỔ CHỨC THỰC HIỆN',
        '1. Các trường THCS',
        'Gửi báo cáo kết quả công tác truyền thông về Sở trước ngày 20 hằng tháng.',
      ].join('\n'),
      { isKeepingBodies: true },
    );
    const input = draftToInput(draft);
    expect(input.symbol).toBe('KH-SGDĐT');
    expect(input.period).toEqual({ year: 2026 });
    expect(input.sections?.[0]).toMatchObject({ number: 'I', body: 'Thông tin kịp thời, chính xác về hoạt động của ngành.', children: [] });
    expect(input.obligations).toEqual([expect.objectContaining({ recurrence: 'monthly', dayOfMonth: 20, isBeforeDay: true, unitTypes: ['school'] })]);
  });
});

describe('rollUp', () => {
  it('follows the documented rule', () => {
    expect(rollUp([])).toEqual({ status: 'not_started', done: 0, total: 0 });
    expect(rollUp(['done', 'done'])).toEqual({ status: 'done', done: 2, total: 2 });
    expect(rollUp(['done', null])).toEqual({ status: 'in_progress', done: 1, total: 2 });
    expect(rollUp(['done', 'at_risk', 'in_progress']).status).toBe('at_risk');
    expect(rollUp([null, 'not_started']).status).toBe('not_started');
  });
});
