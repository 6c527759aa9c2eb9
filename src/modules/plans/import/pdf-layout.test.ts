// Text as a PDF's text layer gives it: no blank lines between paragraphs, a
// two-column header flattened line by line, running page numbers.
import { describe, expect, it } from 'vitest';
import { parsePlanText } from './parse';
import { dropPageNumber } from './read';

const header = (issuerLines: string[], motto = 'Độc lập - Tự do - Hạnh phúc') =>
  [
    'UBND HUYỆN TÂN HÒA CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    ...issuerLines.slice(0, -1),
    `${issuerLines[issuerLines.length - 1]} ${motto}`,
    'Số: 12/KH-PGDĐT Tân Hòa, ngày 09 tháng 3 năm 2026',
    'KẾ HOẠCH',
    'Truyền thông về công tác tuyển sinh năm học 2026 - 2027',
    'Căn cứ Công văn số 412/SGDĐT-VP ngày 02/03/2026 của Sở Giáo dục và Đào tạo về hướng dẫn truyền thông',
    'tuyển sinh đầu cấp năm học 2026 - 2027 của các đơn vị trong toàn tỉnh;',
  ].join('\n');

describe('PDF text layout', () => {
  it('reads an issuing body wrapped before its place', () => {
    const d = parsePlanText(header(['PHÒNG GIÁO DỤC VÀ ĐÀO TẠO', 'HUYỆN TÂN HÒA']));
    expect(d.issuer).toBe('PHÒNG GIÁO DỤC VÀ ĐÀO TẠO HUYỆN TÂN HÒA');
    expect(d.number).toBe('12/KH-PGDĐT');
    expect(d.date).toBe('2026-03-09');
  });

  it('keeps an issuing body on one line, and a parent body, as before', () => {
    expect(parsePlanText(header(['PHÒNG GIÁO DỤC VÀ ĐÀO TẠO'])).issuer).toBe('PHÒNG GIÁO DỤC VÀ ĐÀO TẠO');
    // A place line under a body that is not a unit (no Sở/Phòng/Trường) is not joined to it.
    expect(parsePlanText(header(['BAN CHỈ ĐẠO CÔNG TÁC TUYỂN SINH', 'HUYỆN TÂN HÒA'])).issuer).toBe('HUYỆN TÂN HÒA');
  });

  it('ends the line of the national title: the issuing body below is not joined to it', () => {
    // The first line is as long as the body lines, so width alone would join the next one.
    const d = parsePlanText(header(['PHÒNG GIÁO DỤC VÀ ĐÀO TẠO', 'HUYỆN TÂN HÒA']).replace('UBND HUYỆN TÂN HÒA', 'ỦY BAN NHÂN DÂN HUYỆN TÂN HÒA TỈNH LÂM HÀ'));
    expect(d.issuer).toBe('PHÒNG GIÁO DỤC VÀ ĐÀO TẠO HUYỆN TÂN HÒA');
  });

  it('starts the closing at "Trên đây là" even after a full line', () => {
    const text = [
      header(['PHÒNG GIÁO DỤC VÀ ĐÀO TẠO']),
      'I. TỔ CHỨC THỰC HIỆN',
      '1. Các trường tiểu học',
      '- Báo cáo số học sinh đăng ký dự tuyển vào lớp 1 về Phòng hằng tháng, trước ngày 25 của tháng.',
      'Trên đây là Kế hoạch truyền thông về công tác tuyển sinh năm học 2026 - 2027 của Phòng./.',
      'Nơi nhận: TRƯỞNG PHÒNG',
    ].join('\n');
    const d = parsePlanText(text);
    expect(d.obligations).toHaveLength(1);
    expect(d.obligations[0]!.what).toBe('Báo cáo số học sinh đăng ký dự tuyển vào lớp 1 về Phòng hằng tháng, trước ngày 25 của tháng');
  });

  it('drops a running page number from the top or bottom of a page', () => {
    expect(dropPageNumber('2\ndục và đào tạo trong tỉnh.\nII. NỘI DUNG', 2)).toBe('dục và đào tạo trong tỉnh.\nII. NỘI DUNG');
    expect(dropPageNumber('nội dung cuối trang\n- 3 -\n', 3)).toBe('nội dung cuối trang\n');
    // Another number (a table cell, a count) stays.
    expect(dropPageNumber('5\nCác trường', 2)).toBe('5\nCác trường');
  });
});
