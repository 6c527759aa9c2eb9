import { createScheme } from '../modules/emulation';
import { now } from '../platform/clock';
import { schoolYearOf } from '../text';

/**
 * A demo emulation scheme (thi đua) so a new user's first look at /admin/thi-dua shows a
 * ranked table: the Sở ranks its schools over the current school year on what the demo
 * data already holds (articles, weekly quota, deadlines, incidents, exemplars, events,
 * inspections). Through the real service, so the criteria are validated like a user's.
 */
export async function seedDemoEmulation(ids: ReadonlyMap<string, number>, users: ReadonlyMap<string, number>): Promise<void> {
  const so = ids.get('so') as number;
  const actor = { userId: users.get('daumoi.so@demo.loa.vn') ?? null };
  const y = schoolYearOf(now()).start;
  await createScheme(actor, so, {
    title: `Thi đua công tác truyền thông các trường năm học ${y}–${y + 1}`,
    unitType: 'school',
    periodKind: 'school_year',
    schoolYear: `${y}-${y + 1}`,
    criteria: [
      { label: 'Tin bài được đăng', metric: 'articles_published', weight: 30, target: 30 },
      { label: 'Tuần đạt chỉ tiêu tin bài', metric: 'weekly_quota_pct', weight: 25, target: 90 },
      { label: 'Báo cáo, nghĩa vụ nộp đúng hạn', metric: 'deadlines_on_time_pct', weight: 20, target: 100, noData: 'full' },
      { label: 'Sự cố xử lý đúng thời hạn', metric: 'incidents_on_clock_pct', weight: 10, target: 100, noData: 'full' },
      { label: 'Gương điển hình được đăng', metric: 'exemplars_published', weight: 5, target: 2 },
      { label: 'Điểm kiểm tra công tác truyền thông', metric: 'inspection_score', weight: 10, target: 90, noData: 'full' },
    ],
  });
}
