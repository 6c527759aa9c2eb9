import { describe, expect, it } from 'vitest';
import { type TrainingSet, type UnitExample, blend, crossValidate, fromStored, toStored, trainModel, unitProbability } from '../../src/modules/monitoring/learning/model';

const LE_LOI = 101;
const street = (i: number) => ({
  title: [`Sửa chữa mặt đường Lê Lợi kéo dài ${i + 2} tháng`, `Ùn tắc trên đường Lê Lợi giờ cao điểm`, `Cấm xe tải qua đường Lê Lợi từ tuần tới`, `Cây xanh đổ chắn ngang đường Lê Lợi`, `Phố đi bộ đường Lê Lợi mở cửa cuối tuần`, `Đèn tín hiệu hỏng ở ngã tư đường Lê Lợi`][i % 6],
  body: `Người dân sống hai bên đường Lê Lợi phản ánh tình trạng bụi bẩn và tiếng ồn. Ban quản lý dự án cho biết công trình sẽ hoàn thành trước Tết (bài ${i}).`,
});
const school = (i: number) => ({
  title: [`Trường THCS Lê Lợi tổ chức hội thi khoa học kỹ thuật`, `Học sinh THCS Lê Lợi giành giải nhất cờ vua`, `THCS Lê Lợi khánh thành thư viện xanh`, `Giáo viên THCS Lê Lợi được khen thưởng`, `THCS Lê Lợi đón đoàn kiểm tra của Sở`, `Phụ huynh THCS Lê Lợi góp ý về bữa ăn bán trú`][i % 6],
  body: `Ban giám hiệu Trường THCS Lê Lợi cho biết năm học này nhà trường có ${20 + i} lớp với hơn nghìn học sinh.`,
});

describe('learning from corrections', () => {
  it('stops repeating a false match after a handful of corrections, and keeps the true matches', () => {
    const rules = (text: { title: string; body: string }) => ({
      units: [{ id: LE_LOI, code: 'THCS-LELOI', via: text.title.includes('THCS') ? 'THCS Lê Lợi' : 'Lê Lợi' }],
      tone: 'neutral' as const,
      categories: [],
      reasons: [],
    });
    // before any correction, the rules take the street for the school
    const unseenStreet = { title: 'Ngập sâu trên đường Lê Lợi sau cơn mưa lớn', body: 'Nhiều xe chết máy khi đi qua đường Lê Lợi chiều qua.' };
    expect(blend(null, unseenStreet, rules(unseenStreet)).units).toHaveLength(1);
    expect(unitProbability(null, unseenStreet, LE_LOI, 'Lê Lợi')).toBeGreaterThan(0.5);

    // five people remove the street match; a few real mentions are confirmed on the way
    const units: UnitExample[] = [
      ...[0, 1, 2, 3, 4].map((i) => ({ text: street(i), unitId: LE_LOI, via: 'Lê Lợi', isTrue: false })),
      ...[0, 1, 2].map((i) => ({ text: school(i), unitId: LE_LOI, via: 'THCS Lê Lợi', isTrue: true })),
    ];
    const model = fromStored(JSON.parse(JSON.stringify(toStored(trainModel({ units, tone: [], categories: [] })))));
    const after = blend(model, unseenStreet, rules(unseenStreet));
    expect(after.units).toHaveLength(0);
    expect(after.reasons.join(' ')).toContain('Mô hình học');
    // an unseen real mention still matches
    const unseenSchool = { title: 'THCS Lê Lợi tuyên dương học sinh tiêu biểu', body: 'Trường THCS Lê Lợi trao 40 suất học bổng.' };
    expect(blend(model, unseenSchool, rules(unseenSchool)).units.map((u) => u.id)).toEqual([LE_LOI]);
    // another school's name after "đường" is not hurt: its own matches stand without corrections about it
    const other = { title: 'Trường Tiểu học Kim Đồng khai giảng', body: 'Trường Tiểu học Kim Đồng đón 300 học sinh lớp 1.' };
    expect(unitProbability(model, other, 202, 'Tiểu học Kim Đồng')).toBeGreaterThan(0.5);
  });

  it('learns tone and categories from corrections and blends them with the rules', () => {
    const denial = (i: number) => ({
      title: `Sở Giáo dục bác tin lạm thu tại trường ${['Hòa Bình', 'Quang Trung', 'Trần Phú', 'Nguyễn Trãi', 'Lý Thường Kiệt', 'Hùng Vương'][i % 6]}`,
      body: 'Sở khẳng định không có chuyện lạm thu; các khoản thu đều được phụ huynh thống nhất từ đầu năm.',
    });
    const set: TrainingSet = {
      units: [],
      tone: [0, 1, 2, 3, 4, 5].map((i) => ({ text: denial(i), ruleTone: 'negative' as const, tone: 'neutral' as const })),
      categories: [0, 1, 2, 3, 4, 5].map((i) => ({ text: denial(i), ruleCategories: ['fees'], categories: [] })),
    };
    const m = trainModel(set);
    const fresh = { title: 'Phòng Giáo dục bác tin lạm thu tại trường Lê Lợi', body: 'Không có chuyện lạm thu, phòng cho biết.' };
    const out = blend(m, fresh, { units: [], tone: 'negative', categories: ['fees'], reasons: [] });
    expect(out.tone).toBe('neutral');
    expect(out.categories).toEqual([]);
  });

  it('reports cross-validated accuracy beside the rules-only baseline', () => {
    const units: UnitExample[] = [
      ...Array.from({ length: 12 }, (_, i) => ({ text: street(i), unitId: LE_LOI, via: 'Lê Lợi', isTrue: false })),
      ...Array.from({ length: 12 }, (_, i) => ({ text: school(i), unitId: LE_LOI, via: 'THCS Lê Lợi', isTrue: true })),
    ];
    const m = crossValidate({ units, tone: [], categories: [] });
    expect(m.units.n).toBe(24);
    expect(m.units.rules).toBeCloseTo(0.5);
    expect(m.units.model as number).toBeGreaterThanOrEqual(0.9);
    expect(m.overall.model as number).toBeGreaterThan(m.overall.rules as number);
  });
});
