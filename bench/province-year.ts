import type pg from 'pg';
import { now } from '../src/platform/clock';
import { addDaysVn, foldVietnamese, startOfWeekVn } from '../src/text';

/**
 * A province with a year of data, bulk-written for the `reports` bench (and the
 * province dashboard figure): a Sở, ~100 commune offices, 1,000 schools, and the
 * 12 months ending today (the clock's now()) in every module the reports and
 * dashboards read — published articles (most schools ≥ 1 a week, some laggards),
 * monitoring sources/stories/items with tone and unit matches, incidents opened
 * from negative stories with their clocks, an issued Sở plan cascaded to every
 * commune office and school with quarter progress, obligation deadlines (weekly
 * articles, the monthly report before the 20th, semester and year reports) with
 * some fulfilled late and some never, and press questions.
 *
 * A bench is not a module, so it writes the tables directly, set-based
 * (generate_series / unnest), in one transaction; deterministic (setseed).
 * About 10–20 s on the dev machine for the default size.
 */
export type ProvinceYearOptions = {
  schools?: number; // default 1000
  communes?: number; // default schools / 10
  /** calendar year to fill instead of the 12 months ending today */
  year?: number;
  /** unit code prefix, so several provinces can live in one database (default 'PY') */
  prefix?: string;
};
export type ProvinceYear = {
  rootUnitId: number;
  sizes: Record<string, number>;
  /** the filled range, ISO timestamps */
  from: string;
  to: string;
  communeIds: number[];
  schoolIds: number[];
};

const A = ['Hòa', 'Tân', 'Phú', 'Bình', 'Thạnh', 'Long', 'Phước', 'Vĩnh', 'Đức', 'Quảng'];
const B = ['An', 'Lợi', 'Thành', 'Hưng', 'Mỹ', 'Lộc', 'Thuận', 'Khánh', 'Phong', 'Sơn', 'Hải'];
const LEVELS: { level: string; label: string }[] = [
  { level: 'preschool', label: 'Mầm non' },
  { level: 'primary', label: 'Tiểu học' },
  { level: 'lower_secondary', label: 'THCS' },
  { level: 'primary', label: 'Tiểu học' },
  { level: 'preschool', label: 'Mầm non' },
  { level: 'lower_secondary', label: 'THCS' },
  { level: 'upper_secondary', label: 'THPT' },
  { level: 'primary', label: 'Tiểu học' },
  { level: 'preschool', label: 'Mầm non' },
  { level: 'primary', label: 'Tiểu học' },
];
const ACTIONS = [
  'tổ chức lễ khai giảng năm học mới',
  'hưởng ứng Ngày hội đọc sách',
  'tổ chức chuyên đề đổi mới phương pháp dạy học',
  'ra quân hưởng ứng phong trào vệ sinh trường lớp',
  'tổ chức hội thi giáo viên dạy giỏi cấp trường',
  'tuyên truyền phòng chống đuối nước cho học sinh',
  'tổ chức ngày hội trải nghiệm sáng tạo',
  'trao học bổng cho học sinh vượt khó học tốt',
  'sinh hoạt chuyên đề kỹ năng sống',
  'tổ chức tọa đàm kỷ niệm Ngày Nhà giáo Việt Nam',
  'phát động phong trào kế hoạch nhỏ',
  'tổ chức giải bóng đá học sinh',
];
const OUTLETS = [
  'Báo Giáo dục và Thời đại', 'Báo Tỉnh Thử Nghiệm', 'Đài Phát thanh - Truyền hình tỉnh', 'Tạp chí Giáo dục địa phương',
  'Báo điện tử Tin Nhanh', 'Cổng thông tin Dân sinh', 'Báo Tuổi Xanh', 'Báo Lao động Thủ đô', 'Trang tin Phụ huynh 24h', 'Báo Người Thầy',
];
const STORY_TOPICS = [
  ['phụ huynh phản ánh thu chi đầu năm học', 'negative'],
  ['học sinh bị bắt nạt trong giờ ra chơi', 'negative'],
  ['bếp ăn bán trú không bảo đảm vệ sinh', 'negative'],
  ['giáo viên bị tố ép học thêm', 'negative'],
  ['khai giảng năm học mới trang trọng', 'positive'],
  ['học sinh đoạt giải học sinh giỏi cấp tỉnh', 'positive'],
  ['mô hình thư viện xanh thu hút học sinh', 'positive'],
  ['tuyển sinh lớp 1 và lớp 6 trực tuyến', 'neutral'],
  ['lịch nghỉ Tết Nguyên đán của học sinh', 'neutral'],
  ['sáp nhập điểm trường lẻ', 'neutral'],
  ['sửa chữa phòng học xuống cấp', 'neutral'],
  ['thiếu giáo viên tiếng Anh đầu năm học', 'negative'],
] as const;
const JOURNALISTS = ['Nguyễn Thu Hà', 'Trần Minh Khôi', 'Lê Bảo Ngọc', 'Phạm Quốc Việt', 'Hoàng Thị Lan', 'Vũ Đức Anh', 'Đặng Hải Yến', 'Bùi Tuấn Kiệt'];
const TASKS = [
  'Tuyên truyền các ngày lễ lớn và sự kiện của ngành',
  'Cập nhật tin bài trên trang thông tin điện tử',
  'Tuyên truyền đổi mới chương trình giáo dục phổ thông',
  'Nêu gương người tốt, việc tốt trong nhà trường',
  'Tuyên truyền công tác tuyển sinh',
  'Phòng chống bạo lực học đường',
  'Bảo đảm an toàn thực phẩm bếp ăn bán trú',
  'Truyền thông chuyển đổi số trong giáo dục',
  'Tập huấn kỹ năng truyền thông cho đầu mối',
  'Theo dõi, xử lý thông tin trên báo chí và mạng xã hội',
];

export async function seedProvinceYear(pool: pg.Pool, opts: ProvinceYearOptions = {}): Promise<ProvinceYear> {
  const schoolCount = opts.schools ?? 1000;
  const communeCount = opts.communes ?? Math.max(1, Math.round(schoolCount / 10));
  const prefix = opts.prefix ?? 'PY';
  const at = now();
  const to = opts.year != null ? new Date(Date.UTC(opts.year, 11, 31, 16, 59, 59)) : at; // 31/12 23:59:59 UTC+7
  const firstWeek = addDaysVn(startOfWeekVn(to), -7 * 51);
  const from = opts.year != null ? new Date(Date.UTC(opts.year - 1, 11, 31, 17)) : firstWeek;
  const weekStart = opts.year != null ? startOfWeekVn(from) : firstWeek;
  const weeks = Math.ceil((to.getTime() - weekStart.getTime()) / (7 * 86400_000));
  const c = await pool.connect();
  try {
    await c.query('begin');
    await c.query('set local max_parallel_workers_per_gather = 0');
    await c.query('select setseed(0.2026)');
    // ---- units ------------------------------------------------------------------------
    const ministry = await c.query<{ id: number; path: string }>(`select id, path::text as path from units where type = 'ministry' order by id limit 1`);
    const seq = `pg_get_serial_sequence('units', 'id')`;
    const n = 1 + communeCount + schoolCount;
    const ids = (await c.query<{ id: string }>(`select nextval(${seq}) as id from generate_series(1, $1)`, [n])).rows.map((r) => Number(r.id));
    const soId = ids[0];
    const soPath = ministry.rows[0] ? `${ministry.rows[0].path}.${soId}` : String(soId);
    const units: { id: number; code: string; name: string; type: string; level: string | null; parent: number | null; path: string; short: string | null }[] = [
      { id: soId, code: `${prefix}-SO`, name: 'Sở Giáo dục và Đào tạo tỉnh Thử Nghiệm', type: 'department', level: null, parent: ministry.rows[0]?.id ?? null, path: soPath, short: 'Sở GDĐT' },
    ];
    const communes: { id: number; name: string; path: string }[] = [];
    for (let i = 0; i < communeCount; i++) {
      const place = `${A[i % A.length]} ${B[i % B.length]}${i >= A.length * B.length ? ` ${Math.floor(i / (A.length * B.length)) + 1}` : ''}`;
      const id = ids[1 + i];
      const path = `${soPath}.${id}`;
      communes.push({ id, name: place, path });
      units.push({ id, code: `${prefix}-X${String(i + 1).padStart(3, '0')}`, name: `Phòng Văn hóa - Xã hội xã ${place}`, type: 'commune', level: null, parent: soId, path, short: `xã ${place}` });
    }
    const schoolIds: number[] = [];
    for (let i = 0; i < schoolCount; i++) {
      const cm = communes[i % communeCount];
      const k = Math.floor(i / communeCount);
      const lv = LEVELS[k % LEVELS.length];
      const nth = LEVELS.slice(0, (k % LEVELS.length) + 1).filter((x) => x.label === lv.label).length + Math.floor(k / LEVELS.length) * 4;
      const id = ids[1 + communeCount + i];
      schoolIds.push(id);
      units.push({ id, code: `${prefix}-T${String(i + 1).padStart(4, '0')}`, name: `Trường ${lv.label} ${cm.name}${nth > 1 ? ` số ${nth}` : ''}`, type: 'school', level: lv.level, parent: cm.id, path: `${cm.path}.${id}`, short: null });
    }
    await c.query(
      `insert into units (id, code, name, type, level, parent_id, path, short_name, search_text, established_on)
       overriding system value
       select u.id, u.code, u.name, u.type, u.level, u.parent, u.path::ltree, u.short, u.st, date '2020-01-01'
         from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::text[])
              as u(id, code, name, type, level, parent, path, short, st)`,
      [
        units.map((u) => u.id), units.map((u) => u.code), units.map((u) => u.name), units.map((u) => u.type), units.map((u) => u.level),
        units.map((u) => u.parent), units.map((u) => u.path), units.map((u) => u.short),
        units.map((u) => foldVietnamese([u.name, u.short ?? '', u.code].join(' '))),
      ],
    );
    await c.query(`create temp table py_units on commit drop as select id, type, path, name, parent_id from units where path <@ $1::ltree`, [soPath]);
    // ~14 % of schools are laggards (fewer articles, more late reports)
    await c.query(`alter table py_units add column lag boolean; update py_units set lag = (id % 7 = 3)`);

    // ---- plans: the Sở's, cascaded to every commune office and school -----------------
    const midYear = new Date((from.getTime() + to.getTime()) / 2);
    const syStart = midYear.getUTCMonth() >= 7 ? midYear.getUTCFullYear() : midYear.getUTCFullYear() - 1;
    const schoolYear = `${syStart}-${syStart + 1}`;
    const issuedOn = `${from.toISOString().slice(0, 10)}`;
    const plan = await c.query<{ id: number }>(
      `insert into plans (unit_id, status, number, number_year, symbol, title, period, place, issued_on, issued_at, signer, subplan_due_on)
       values ($1, 'issued', 91, $2, 'KH-SGDĐT', $3, $4, 'Thử Nghiệm', $5::date, $5::date, $6, $5::date + 30) returning id`,
      [soId, Number(issuedOn.slice(0, 4)), `Công tác truyền thông giáo dục năm học ${schoolYear}`, JSON.stringify({ schoolYear }), issuedOn,
        JSON.stringify({ authority: 'KT.', title: 'GIÁM ĐỐC', deputyTitle: 'PHÓ GIÁM ĐỐC', name: 'Nguyễn Văn Bình' })],
    );
    const planId = Number(plan.rows[0].id);
    await c.query(
      `insert into plan_tasks (plan_id, position, task_group, topic, quarters, unit_types)
       select $1, t.i, case when t.i <= 5 then 'Tuyên truyền' else 'Nâng cao năng lực' end, t.topic,
              case when t.i % 3 = 0 then '{1,2,3,4}'::int[] when t.i % 3 = 1 then '{1,3}'::int[] else '{2,4}'::int[] end, '{}'
         from unnest($2::text[]) with ordinality t(topic, i)`,
      [planId, TASKS],
    );
    await c.query(
      `insert into plan_obligations (plan_id, who, unit_types, what, recurrence, day_of_month, is_before_day, quantity, reminder_days) values
        ($1, 'Các trường', '{school}', 'Đăng tin bài về hoạt động của đơn vị', 'weekly', null, false, 1, 2),
        ($1, 'Phòng Văn hóa - Xã hội các xã; các trường', '{commune,school}', 'Báo cáo tình hình dư luận xã hội hằng tháng', 'monthly', 20, true, null, 3),
        ($1, 'Phòng Văn hóa - Xã hội các xã; các trường', '{commune,school}', 'Báo cáo sơ kết, tổng kết công tác truyền thông', 'semester', null, false, null, 5),
        ($1, 'Phòng Văn hóa - Xã hội các xã', '{commune}', 'Báo cáo kết quả thực hiện kế hoạch năm', 'yearly', null, false, null, 7)`,
      [planId],
    );
    // sub-plans: one per commune office (from the Sở's), one per school (from its commune office's)
    for (const [type, parentSql] of [
      ['commune', `select $1::bigint`],
      ['school', `select p.id from plans p where p.unit_id = u.parent_id and p.parent_plan_id = $1`],
    ] as const) {
      await c.query(
        `insert into plans (unit_id, parent_plan_id, status, number, number_year, symbol, title, period, issued_on, issued_at)
         select u.id, (${parentSql}), 'issued', 1 + (u.id % 40)::int, $2, 'KH', $3, $4, $5::date + (7 + u.id % 40)::int, $5::date + (7 + u.id % 40)::int
           from py_units u where u.type = $6`,
        [planId, Number(issuedOn.slice(0, 4)), `Công tác truyền thông năm học ${schoolYear}`, JSON.stringify({ schoolYear }), issuedOn, type],
      );
      await c.query(
        `insert into plan_tasks (plan_id, parent_task_id, position, task_group, topic, quarters)
         select p.id, pt.id, pt.position, pt.task_group, pt.topic, pt.quarters
           from py_units u join plans p on p.unit_id = u.id and p.parent_plan_id is not null
           join plan_tasks pt on pt.plan_id = p.parent_plan_id
          where u.type = $1`,
        [type],
      );
    }
    // progress on the leaves (school tasks): calendar quarters up to the current one
    const curQuarter = Math.floor(new Date(to.getTime() + 7 * 3600_000).getUTCMonth() / 3) + 1;
    await c.query(
      `insert into plan_task_progress (task_id, quarter, status, note, updated_at)
       select t.id, q.q, case when q.q < $1 then (case when r < (case when u.lag then 0.5 else 0.8 end) then 'done' when r < 0.9 then 'in_progress' when r < 0.95 then 'at_risk' else 'not_started' end)
                              else (case when r < 0.25 then 'done' when r < 0.8 then 'in_progress' when r < 0.88 then 'at_risk' else 'not_started' end) end,
              null, $2::timestamptz - ((4 - q.q) * 20 || ' days')::interval
         from py_units u join plans p on p.unit_id = u.id join plan_tasks t on t.plan_id = p.id
        cross join generate_series(1, $1::int) q(q)
        cross join lateral (select random() + 0 * t.id + 0 * q.q as r) x
        where u.type = 'school' and (cardinality(t.quarters) = 0 or q.q = any(t.quarters))`,
      [curQuarter, to],
    );

    // ---- articles ---------------------------------------------------------------------
    await c.query(
      `insert into articles (unit_id, status, title, slug, summary, body_html, themes, submitted_at, approved_at, published_at, search_text, created_at, updated_at)
       select u.id, 'published', x.title, $4 || '-' || u.id || '-' || w.i || '-' || k.k, 'Tin hoạt động của ' || u.name || '.',
              '<p>' || x.title || '. Hoạt động góp phần nâng cao chất lượng giáo dục toàn diện cho học sinh.</p>',
              array[case when w.i % 3 = 0 then 'su-kien' else 'hoat-dong' end], ts.t, ts.t + interval '2 hours', ts.t + interval '3 hours',
              loa_fold(x.title), ts.t, ts.t + interval '3 hours'
         from py_units u
        cross join generate_series(0, $1::int - 1) w(i)
        cross join lateral generate_series(1, (case
              when u.type = 'department' then 3
              when u.type = 'commune' then (case when random() + 0 * w.i < 0.5 then 1 else 0 end)
              when u.lag then (case when random() + 0 * w.i < 0.45 then 1 else 0 end)
              else (case when random() + 0 * w.i < 0.06 then 0 when random() + 0 * w.i < 0.7 then 1 else 2 end) end)) k(k)
        cross join lateral (select $2::timestamptz + (w.i * 7) * interval '1 day' + (random() * 6.9 + 0 * k.k) * interval '1 day' as t) ts
        cross join lateral (select u.name || ' ' || ($3::text[])[1 + ((u.id + w.i * 5 + k.k) % cardinality($3::text[]))] as title) x
        where ts.t <= $5::timestamptz`,
      [weeks, weekStart, ACTIONS, `${prefix.toLowerCase()}-tin`, to],
    );
    // a tenth of the school articles are evidence of a plan task
    await c.query(
      `insert into article_plan_tasks (article_id, task_id)
       select a.id, t.id from articles a join py_units u on u.id = a.unit_id and u.type = 'school'
         join plans p on p.unit_id = a.unit_id join plan_tasks t on t.plan_id = p.id and t.position = 1 + (a.id % 10)
        where a.id % 10 = 0`,
    );

    // ---- monitoring -------------------------------------------------------------------
    const src = await c.query<{ id: number }>(
      `insert into monitor_sources (unit_id, kind, name, url, next_poll_at)
       select $1, 'feed', o.name, 'https://' || $3 || '-nguon-' || o.i || '.example.vn/rss', now() + interval '1 year'
         from unnest($2::text[]) with ordinality o(name, i) returning id`,
      [soId, OUTLETS, prefix.toLowerCase()],
    );
    const sourceIds = src.rows.map((r) => Number(r.id));
    const days = Math.max(1, Math.round((to.getTime() - from.getTime()) / 86400_000));
    // ~14 stories a day for 1,000 schools; unit: a school (80 %), a commune office (15 %) or the Sở (5 %)
    await c.query(
      `create temp table py_story on commit drop as
       select nextval(pg_get_serial_sequence('monitor_stories', 'id')) as id, s.*,
              1 + floor(power(random(), 2) * 8)::int as n
         from (select d.t + random() * interval '1 day' as t,
                      case when r2 < 0.8 then ($4::bigint[])[1 + floor(random() * cardinality($4::bigint[]))::int]
                           when r2 < 0.95 then ($5::bigint[])[1 + floor(random() * cardinality($5::bigint[]))::int] else $6::bigint end as unit_id,
                      floor(random() * $3)::int as topic
                 from generate_series($1::timestamptz, $2::timestamptz - interval '1 day', interval '1 day') d(t)
                cross join generate_series(1, $7::int) k
                cross join lateral (select random() + 0 * k as r2) rr) s`,
      [from, to, STORY_TOPICS.length, schoolIds, communes.map((x) => x.id), soId, Math.max(1, Math.round(schoolCount / 70))],
    );
    await c.query(
      `insert into monitor_stories (id, title, item_count, source_count, unit_ids, categories, tone, max_risk, first_seen_at, last_seen_at, triage_status)
       overriding system value
       select s.id, u.name || ': ' || ($1::text[])[1 + s.topic], s.n, least(s.n, $3::int), array[s.unit_id], array['giao-duc'], ($2::text[])[1 + s.topic],
              case when ($2::text[])[1 + s.topic] = 'negative' then 0.4 + random() * 0.6 else random() * 0.3 end,
              s.t, s.t + (s.n - 1) * interval '3 hours', case when s.t < $4::timestamptz - interval '7 days' then 'closed' else 'new' end
         from py_story s join units u on u.id = s.unit_id`,
      [STORY_TOPICS.map((x) => x[0]), STORY_TOPICS.map((x) => x[1]), sourceIds.length, to],
    );
    await c.query(
      `insert into monitor_items (source_id, guid, link, title, body, published_at, fetched_at, content_hash, story_id, tone, categories, risk_score, analysed_at, alerts_checked_at)
       select ($1::bigint[])[1 + ((s.id + k) % cardinality($1::bigint[]))], 'py-' || s.id || '-' || k,
              'https://tin.example.vn/' || s.id || '-' || k, st.title, 'Nội dung bài báo: ' || st.title || '.',
              s.t + (k - 1) * interval '3 hours', s.t + (k - 1) * interval '3 hours' + interval '10 minutes', md5(st.title || s.id || '-' || k),
              s.id, st.tone, st.categories, st.max_risk, s.t + (k - 1) * interval '3 hours' + interval '11 minutes', s.t + (k - 1) * interval '3 hours' + interval '12 minutes'
         from py_story s join monitor_stories st on st.id = s.id cross join generate_series(1, s.n) k`,
      [sourceIds],
    );
    await c.query(
      `insert into monitor_item_units (item_id, unit_id, via, origin)
       select i.id, s.unit_id, 'tên đơn vị', 'rules' from monitor_items i join py_story s on s.id = i.story_id`,
    );
    await c.query(`update monitor_stories st set first_item_id = (select min(i.id) from monitor_items i where i.story_id = st.id) where st.id in (select id from py_story)`);

    // ---- incidents: a share of the negative stories became incidents -------------------
    await c.query(
      `insert into incidents (unit_id, title, summary, severity, status, story_id, detected_at, opened_at, active_at, contained_at, first_statement_at,
                              resolved_at, review_at, closed_at, first_statement_due_at, fast_report_due_at, update_every_hours, search_text, created_at, updated_at)
       select x.unit_id, x.title, 'Thông tin trên báo chí: ' || x.title, x.sev,
              case when x.res > $1 then (case when x.fs is null or x.fs > $1 then 'triage' else 'active' end)
                   when x.res + interval '5 days' > $1 then 'resolved' else 'closed' end,
              x.id, x.det, x.op, x.op + interval '30 minutes', case when x.res <= $1 then greatest(x.fs, x.res - interval '1 day') end,
              case when x.fs <= $1 then x.fs end, case when x.res <= $1 then x.res end,
              case when x.res + interval '5 days' <= $1 then x.res + interval '2 days' end,
              case when x.res + interval '5 days' <= $1 then x.res + interval '5 days' end,
              x.op + (array[48, 24, 8, 4])[x.sev] * interval '1 hour', x.op + (array[72, 24, 12, 4])[x.sev] * interval '1 hour', (array[48, 24, 12, 4])[x.sev],
              loa_fold(x.title), x.op, x.op
         from (select st.id, st.unit_ids[1] as unit_id, 'Sự cố: ' || st.title as title,
                      1 + floor(power(random(), 2) * 4)::int as sev,
                      st.first_seen_at + random() * interval '8 hours' as det, d.op, d.fs, d.fs + (1 + random() * 12) * interval '1 day' as res
                 from monitor_stories st
                 cross join lateral (select st.first_seen_at + (8 + random() * 10) * interval '1 hour' as op) o
                 cross join lateral (select o.op as op, o.op + (1 + power(random(), 2) * 40) * interval '1 hour' as fs) d
                where st.id in (select id from py_story) and st.tone = 'negative' and st.max_risk > 0.75 and st.id % 3 = 0) x`,
      [to],
    );

    // ---- obligation deadlines ---------------------------------------------------------
    const ob = (await c.query<{ id: number; recurrence: string }>('select id, recurrence from plan_obligations where plan_id = $1', [planId])).rows;
    const obOf = (r: string) => Number(ob.find((o) => o.recurrence === r)!.id);
    const endOfDay = `(d.due + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh' - interval '1 millisecond'`;
    // weekly: every school, every week to 4 weeks ahead; fulfilled by the week's first article
    await c.query(
      `insert into obligation_deadlines (obligation_id, unit_id, label, due_date, due_at, fulfilled_at)
       select $1, u.id, 'Tuần ' || to_char(d.due, 'IW/IYYY'), d.due, ${endOfDay}, null
         from py_units u cross join lateral (select (($2::timestamptz at time zone 'Asia/Ho_Chi_Minh')::date + 6 + 7 * g) as due from generate_series(0, $3::int + 3) g) d
        where u.type = 'school'`,
      [obOf('weekly'), weekStart, weeks],
    );
    await c.query(
      `update obligation_deadlines d set fulfilled_at = f.t
         from (select d2.id, min(a.submitted_at) as t from obligation_deadlines d2
                 join articles a on a.unit_id = d2.unit_id and a.submitted_at >= d2.due_at - interval '7 days' and a.submitted_at <= d2.due_at
                where d2.obligation_id = $1 group by d2.id) f
        where f.id = d.id`,
      [obOf('weekly')],
    );
    // monthly (before the 20th: the 19th), semester (15/01, 31/05), yearly (15/08)
    const dueDates = (kind: string): string[] => {
      const out: string[] = [];
      const end = new Date(to.getTime() + 62 * 86400_000);
      for (let y = from.getUTCFullYear(); y <= end.getUTCFullYear(); y++) {
        const cands = kind === 'monthly' ? Array.from({ length: 12 }, (_, m) => `${y}-${String(m + 1).padStart(2, '0')}-19`) : kind === 'semester' ? [`${y}-01-15`, `${y}-05-31`] : [`${y}-08-15`];
        for (const d of cands) {
          const t = Date.parse(`${d}T00:00:00+07:00`);
          if (t >= from.getTime() && t <= end.getTime()) out.push(d);
        }
      }
      return out;
    };
    for (const [kind, types] of [['monthly', ['commune', 'school']], ['semester', ['commune', 'school']], ['yearly', ['commune']]] as const) {
      await c.query(
        `insert into obligation_deadlines (obligation_id, unit_id, label, due_date, due_at, fulfilled_at)
         select $1, u.id, $4 || ' ' || to_char(d.due, 'MM/YYYY'), d.due, ${endOfDay},
                case when ${endOfDay} > $5 then null
                     when r < (case when u.lag then 0.5 else 0.8 end) then ${endOfDay} - random() * interval '5 days'
                     when r < 0.93 then least($5, ${endOfDay} + (0.1 + random() * 9) * interval '1 day')
                end
           from py_units u cross join unnest($2::date[]) d(due) cross join lateral (select random() + 0 * u.id as r) x
          where u.type = any($3::text[])`,
        [obOf(kind), dueDates(kind), types, kind === 'monthly' ? 'Báo cáo tháng' : kind === 'semester' ? 'Báo cáo học kỳ' : 'Báo cáo năm', to],
      );
    }

    // ---- press questions --------------------------------------------------------------
    await c.query(
      `insert into press_questions (unit_id, channel, outlet_name, journalist_name, email, subject, question, deadline_at, status, answer, answered_at, decline_reason, created_at, updated_at)
       select q.unit_id, (array['form','email','phone'])[1 + (q.g % 3)], ($4::text[])[1 + (q.g % cardinality($4::text[]))],
              ($3::text[])[1 + (q.g % cardinality($3::text[]))], 'phong.vien' || q.g || '@bao.example.vn',
              'Đề nghị cung cấp thông tin về ' || ($5::text[])[1 + (q.g % cardinality($5::text[]))],
              'Xin quý cơ quan cho biết thông tin chính thức về ' || ($5::text[])[1 + (q.g % cardinality($5::text[]))] || '.',
              q.t + (1 + q.g % 3) * interval '1 day',
              case when q.t > $2::timestamptz - interval '3 days' and r < 0.6 then 'received' when r < 0.93 then 'answered' else 'declined' end,
              case when not (q.t > $2::timestamptz - interval '3 days' and r < 0.6) and r < 0.93 then 'Trả lời bằng văn bản của cơ quan.' end,
              case when not (q.t > $2::timestamptz - interval '3 days' and r < 0.6) and r < 0.93 then least($2::timestamptz, q.t + (2 + power(random(), 2) * 100) * interval '1 hour') end,
              case when not (q.t > $2::timestamptz - interval '3 days' and r < 0.6) and r >= 0.93 then 'Nội dung thuộc thẩm quyền cơ quan khác.' end,
              q.t, q.t
         from (select g, $1::timestamptz + random() * ($2::timestamptz - $1::timestamptz) as t,
                              case when r3 < 0.4 then $8::bigint when r3 < 0.8 then ($7::bigint[])[1 + floor(random() * cardinality($7::bigint[]))::int]
                           else ($6::bigint[])[1 + floor(random() * cardinality($6::bigint[]))::int] end as unit_id
                 from generate_series(1, $9::int) g cross join lateral (select random() + 0 * g as r3) rr) q
        cross join lateral (select random() + 0 * q.g as r) x`,
      [from, to, JOURNALISTS, OUTLETS, STORY_TOPICS.map((x) => x[0]), schoolIds, communes.map((x) => x.id), soId, Math.max(20, Math.round(schoolCount * 0.52))],
    );

    await c.query('commit');
  } catch (e) {
    await c.query('rollback').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
  await pool.query('vacuum analyze'); // a settled database: visibility map set, statistics fresh
  const soPathRow = await pool.query<{ id: number; path: string }>(`select id, path::text as path from units where code = $1`, [`${prefix}-SO`]);
  const root = soPathRow.rows[0];
  const count = async (sql: string) => Number((await pool.query(sql, [root.path])).rows[0].n);
  const inTree = `join units u on u.id = t.unit_id and u.path <@ $1::ltree`;
  const sizes: Record<string, number> = {
    units: await count(`select count(*) as n from units where path <@ $1::ltree`),
    communes: await count(`select count(*) as n from units where path <@ $1::ltree and type = 'commune'`),
    schools: await count(`select count(*) as n from units where path <@ $1::ltree and type = 'school'`),
    weeks,
    articles: await count(`select count(*) as n from articles t ${inTree}`),
    monitorStories: await count(`select count(distinct i.story_id) as n from monitor_item_units t ${inTree} join monitor_items i on i.id = t.item_id`),
    monitorItems: await count(`select count(*) as n from monitor_item_units t ${inTree}`),
    incidents: await count(`select count(*) as n from incidents t ${inTree}`),
    plans: await count(`select count(*) as n from plans t ${inTree}`),
    planTasks: await count(`select count(*) as n from plan_tasks pt join plans t on t.id = pt.plan_id ${inTree}`),
    taskProgress: await count(`select count(*) as n from plan_task_progress g join plan_tasks pt on pt.id = g.task_id join plans t on t.id = pt.plan_id ${inTree}`),
    deadlines: await count(`select count(*) as n from obligation_deadlines t ${inTree}`),
    pressQuestions: await count(`select count(*) as n from press_questions t ${inTree}`),
  };
  const units = await pool.query<{ id: string; type: string }>(`select id, type from units where path <@ $1::ltree and type in ('commune','school') order by id`, [root.path]);
  return {
    rootUnitId: Number(root.id),
    sizes,
    from: from.toISOString(),
    to: to.toISOString(),
    communeIds: units.rows.filter((u) => u.type === 'commune').map((u) => Number(u.id)),
    schoolIds: units.rows.filter((u) => u.type === 'school').map((u) => Number(u.id)),
  };
}
