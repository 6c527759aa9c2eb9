import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { foldForMatch } from '../../../text';
import { ocrMisreads, splitTableAcrossPages, stripDiacritics } from './fixtures/degrade';
import { parsePlanText, type PlanDraft, type PlanSection } from './parse';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');
const f = (s: string | null | undefined) => foldForMatch(s ?? '');
const flat = (secs: PlanSection[]): string[] => secs.flatMap((s) => [`${s.number} ${f(s.title)}`, ...flat(s.children)]);
const kinds = (d: PlanDraft) => d.channels.map((c) => c.kind).sort();
const duties = (d: PlanDraft) => d.obligations.map((o) => `${f(o.who)}|${o.recurrence}|${o.dueDate ?? ''}|${o.dayOfMonth ?? ''}|${o.quantity ?? ''}`).sort();

// Each fixture is checked as written, without diacritics, and with OCR misreads on top.
const variants: [string, (s: string) => string][] = [
  ['as written', (s) => s],
  ['without diacritics', stripDiacritics],
  ['OCR: no diacritics, Đ→P, II→I1', (s) => ocrMisreads(stripDiacritics(s))],
];

describe.each(variants)('Sở plan (%s)', (_name, degrade) => {
  const d = parsePlanText(degrade(splitTableAcrossPages(fixture('so-gddt-2025.txt'))));
  it('reads the header', () => {
    expect(f(d.title)).toBe(f('Công tác truyền thông giáo dục và đào tạo năm 2025'));
    expect(f(d.number)).toBe(f('215/KH-SGDĐT'));
    expect(f(d.issuer)).toBe(f('SỞ GIÁO DỤC VÀ ĐÀO TẠO'));
    expect(f(d.place)).toBe(f('Hòa An'));
    expect(d.date).toBe('2025-01-14');
    expect(d.period).toEqual({ year: 2025 });
  });
  it('lists the basis with dates', () => {
    expect(d.basis.map((b) => [f(b.ref), b.date])).toEqual([
      [f('36/2023/QĐ-UBND'), '2023-06-12'],
      [f('52/KH-BGDĐT'), '2025-01-10'],
      [f('118/UBND-VX'), '2025-01-08'],
    ]);
    expect(f(d.basis[1]!.issuer)).toBe(f('Bộ Giáo dục và Đào tạo'));
    expect(f(d.basis[1]!.summary)).toBe(f('truyền thông giáo dục năm 2025'));
  });
  it('nests the headings', () => {
    expect(flat(d.sections)).toEqual([
      'I muc dich yeu cau', '1 muc dich', '2 yeu cau',
      'II noi dung va hinh thuc truyen thong', '1 noi dung truyen thong', '2 kenh truyen thong',
      'III to chuc thuc hien', '1 van phong so', '2 phong giao duc va dao tao cac huyen thanh pho', '3 cac truong trung hoc pho thong',
    ]);
  });
  it('classifies the channels, with addresses', () => {
    expect(kinds(d)).toEqual(['email', 'event', 'fanpage', 'hotline', 'newsletter', 'portal', 'press', 'website', 'zalo']);
    expect(d.channels.find((c) => c.kind === 'portal')!.address).toBe('https://sogddt.hoaan.gov.vn');
    expect(d.channels.find((c) => c.kind === 'hotline')!.address).toBe('0203 3812 345');
    expect(d.channels.find((c) => c.kind === 'email')!.address).toBe('vanphong@hoaan.edu.vn');
  });
  it('finds the obligations and their time rules', () => {
    expect(duties(d)).toEqual([
      'cac truong trung hoc pho thong|monthly|||4',
      'cac truong trung hoc pho thong|on_request|||',
      'phong giao duc va dao tao cac huyen thanh pho|monthly||25|',
      'phong giao duc va dao tao cac huyen thanh pho|on_event|||',
      'phong giao duc va dao tao cac huyen thanh pho|once|2025-02-15||',
      'van phong so|quarterly|||',
    ]);
  });
  it('reads the appendix table as one table across pages', () => {
    expect(d.tasks.map((t) => [t.group, f(t.topic), t.quarters])).toEqual([
      ['I', f('Chương trình giáo dục phổ thông 2018'), [1, 2]],
      ['I', f('Tuyển sinh đầu cấp năm học 2025 - 2026'), [2, 3]],
      ['II', f('Kỳ thi tốt nghiệp THPT năm 2025'), [2, 3]],
      ['III', f('Chuyển đổi số trong quản lý và dạy học'), [1, 2, 3, 4]],
    ]);
    expect(d.tasks[1]!.lead.map(f)).toEqual([f('Phòng Giáo dục trung học'), f('Phòng Giáo dục mầm non - tiểu học')]);
    // The row continued on the next page adds its product and lead to the same task.
    expect(d.tasks[2]!.lead.map(f)).toEqual([f('Phòng Quản lý chất lượng'), f('Văn phòng Sở')]);
    expect(f(d.tasks[2]!.products)).toContain('toa dam truc tuyen');
    expect(d.tasks[0]!.partners.map(f)).toEqual([f('Văn phòng Sở'), f('Các trường THPT')]);
  });
  it('reads the signature and recipients', () => {
    expect(d.signer && { ...d.signer, name: f(d.signer.name) }).toEqual({ authority: 'KT.', title: 'GIÁM ĐỐC', deputyTitle: 'PHÓ GIÁM ĐỐC', name: f('Trần Thị Minh Thu') });
    expect(d.recipients.map(f)).toEqual(['Bộ GDĐT (để b/c)', 'UBND tỉnh (để b/c)', 'Phòng GDĐT các huyện, thành phố', 'Các trường THPT', 'Lưu: VT, VP'].map(f));
  });
});

describe.each(variants)('district office plan in Markdown (%s)', (_name, degrade) => {
  const d = parsePlanText(degrade(fixture('phong-gddt-2024-2025.txt')));
  it('reads header, school year and basis', () => {
    expect(f(d.title)).toBe(f('Truyền thông về giáo dục năm học 2024 - 2025'));
    expect(d.period).toEqual({ schoolYear: '2024-2025' });
    expect(f(d.number)).toBe(f('87/KH-PGDĐT'));
    expect(f(d.issuer)).toBe(f('PHÒNG GIÁO DỤC VÀ ĐÀO TẠO'));
    expect(d.date).toBe('2024-09-20');
    expect(d.basis.map((b) => [f(b.ref), b.date, b.kind])).toEqual([
      [f('305/KH-SGDĐT'), '2024-09-10', 'Kế hoạch'],
      [f('12/CT-UBND'), '2024-08-02', 'Chỉ thị'],
    ]);
  });
  it('keeps numbered sentences and lettered items out of the headings', () => {
    expect(flat(d.sections)).toEqual([
      'I can cu xay dung ke hoach', 'II muc tieu', '1 muc tieu chung', '2 chi tieu cu the', 'III nhiem vu va giai phap',
      'IV to chuc thuc hien', '1 phong giao duc va dao tao', '2 hieu truong cac truong mam non tieu hoc trung hoc co so',
    ]);
  });
  it('finds semester, once, on_request and on_event duties, but not the issuer’s own plan', () => {
    expect(duties(d)).toEqual([
      'hieu truong cac truong mam non tieu hoc trung hoc co so|on_event|||',
      'hieu truong cac truong mam non tieu hoc trung hoc co so|on_request|||',
      'hieu truong cac truong mam non tieu hoc trung hoc co so|once|||',
      'hieu truong cac truong mam non tieu hoc trung hoc co so|semester|||',
      'phong giao duc va dao tao|semester|||',
    ]);
  });
  it('reads channels, signer without authority, recipients', () => {
    expect(kinds(d)).toEqual(expect.arrayContaining(['email', 'portal']));
    expect(d.signer && { ...d.signer, name: f(d.signer.name) }).toEqual({ authority: null, title: 'TRƯỞNG PHÒNG', deputyTitle: null, name: f('Lê Văn Hậu') });
    expect(d.recipients.map(f)).toEqual(['Sở GDĐT (để b/c)', 'UBND huyện (để b/c)', 'Các trường MN, TH, THCS (để th/h)', 'Lưu: VT'].map(f));
    expect(d.tasks).toEqual([]);
  });
});

describe.each(variants)('school plan in HTML (%s)', (_name, degrade) => {
  const d = parsePlanText(degrade(fixture('truong-thcs-2025.txt')));
  it('reads the header and basis', () => {
    expect(f(d.title)).toBe(f('Truyền thông của nhà trường năm 2025'));
    expect(f(d.issuer)).toBe(f('TRƯỜNG THCS NGUYỄN TRÃI'));
    expect(d.period).toEqual({ year: 2025 });
    expect(d.basis.map((b) => f(b.ref))).toEqual([f('41/KH-PGDĐT')]);
    expect(flat(d.sections)).toEqual(['I muc dich', 'II kenh truyen thong', 'III to chuc thuc hien', '1 to van phong', '2 giao vien chu nhiem']);
  });
  it("reads the school's own site as its portal, fanpage address, zalo group and bulletin board", () => {
    expect(kinds(d)).toEqual(['fanpage', 'newsletter', 'portal', 'zalo']);
    expect(d.channels.find((c) => c.kind === 'portal')!.address).toBe('thcsnguyentrai.edu.vn');
    expect(d.channels.find((c) => c.kind === 'fanpage')!.address).toBe('https://www.facebook.com/thcsnguyentrai');
  });
  it('reads weekly quotas and event reports', () => {
    expect(duties(d)).toEqual(['giao vien chu nhiem|on_event|||', 'to van phong|weekly|||', 'to van phong|weekly|||3']);
    expect(d.signer?.title).toBe('HIỆU TRƯỞNG');
    expect(f(d.signer?.name)).toBe(f('Phạm Quốc Bảo'));
    expect(d.recipients.map(f)).toEqual(['Phòng GDĐT (để b/c)', 'Các tổ chuyên môn', 'Lưu: VT'].map(f));
  });
});

describe('parsePlanText edge cases', () => {
  it('returns an empty draft for empty input', () => {
    const d = parsePlanText('');
    expect(d).toMatchObject({ title: '', basis: [], sections: [], signer: null, recipients: [] });
  });
  it('joins a sentence broken by a page break', () => {
    const d = parsePlanText('KẾ HOẠCH\nTruyền thông năm 2025\n\nI. TỔ CHỨC THỰC HIỆN\n\n1. Các trường\n\n- Định kỳ báo cáo kết quả về Phòng\n\ntrước ngày 5 hằng tháng.');
    expect(d.obligations).toMatchObject([{ who: 'Các trường', recurrence: 'monthly', dayOfMonth: 5 }]);
  });
});
