import { performance } from 'node:perf_hooks';
import AhoCorasick from 'modern-ahocorasick';
import {
  PROVINCES_2025, analyse, buildMatcher, builtinPlaces, foldForMatch, generateAliases, type WatchEntry,
} from '../src/modules/monitoring/analysis';
import type { BenchResult } from './index';

/**
 * `npm run bench -- monitor`: 20,000 synthetic Vietnamese articles of about
 * 2.5 KB against a national watch list of 60,000 units (34 departments,
 * communes from the gazetteer, schools named after people and places), all in
 * one process on one core:
 * - end to end: fold + match + context rules + tone/risk + story clustering
 *   (the bottom-k shingle sketch `analyse` returns, banded into an LSH table);
 * - matching only: our fused fold+match scan on the same folded text given to
 *   `modern-ahocorasick` (built on the same folded aliases);
 * - a naive baseline: `text.includes(alias)` for every alias on a sample, scaled;
 * - the limit: one pass that only reads every character (a `charCodeAt` sum over
 *   UTF-16 units); beside it the same pass written with `for…of` (code points),
 *   a slower reference the ratio is also given against.
 */
const people = [
  'Lê Lợi', 'Nguyễn Du', 'Trần Phú', 'Kim Đồng', 'Lý Tự Trọng', 'Chu Văn An', 'Nguyễn Trãi', 'Quang Trung', 'Võ Thị Sáu',
  'Hai Bà Trưng', 'Phan Bội Châu', 'Lê Quý Đôn', 'Nguyễn Huệ', 'Trần Hưng Đạo', 'Ngô Quyền', 'Đinh Tiên Hoàng', 'Lương Thế Vinh',
  'Hoàng Hoa Thám', 'Nguyễn Bỉnh Khiêm', 'Tô Hiệu', 'Nguyễn Văn Trỗi', 'Lê Hồng Phong', 'Nguyễn Thị Minh Khai', 'Phan Chu Trinh',
  'Huỳnh Thúc Kháng', 'Trần Quốc Toản', 'Nguyễn Đình Chiểu', 'Lê Văn Tám', 'Đoàn Thị Điểm', 'Hồ Xuân Hương', 'Nguyễn Khuyến',
  'Tôn Đức Thắng', 'Lê Thánh Tông', 'Trưng Vương', 'Bà Triệu', 'Mạc Đĩnh Chi', 'Chu Văn Sơn', 'Phạm Ngũ Lão', 'Yết Kiêu', 'Ngô Sĩ Liên',
];
const flowers = ['Hoa Sen', 'Hoa Mai', 'Hoa Hồng', 'Sơn Ca', 'Họa Mi', 'Vành Khuyên', 'Hướng Dương', 'Ánh Dương', 'Tuổi Thơ', 'Bông Sen', 'Măng Non', 'Hoa Phượng'];
const levels = ['Trường Mầm non', 'Trường Tiểu học', 'Trường THCS', 'Trường THPT', 'Trường TH&THCS', 'Trường PTDTBT TH'];
const risky = [
  'Phụ huynh phản ánh nhà trường lạm thu nhiều khoản đầu năm học, trong đó có quỹ xây dựng và tiền máy lạnh.',
  'Một nam sinh lớp 9 bị nhóm bạn vây đánh hội đồng ngay trước cổng trường, clip lan truyền trên mạng xã hội.',
  'Hàng chục học sinh có biểu hiện đau bụng, nôn ói sau bữa trưa bán trú, nghi ngộ độc thực phẩm.',
  'Đề kiểm tra học kỳ môn Toán bị lộ trước giờ thi, cơ quan chức năng đang xác minh.',
  'Giáo viên hợp đồng cho biết đã ba tháng chưa nhận được lương, đời sống rất khó khăn.',
  'Nhiều phòng học xuống cấp nghiêm trọng, tường nứt, trần bong tróc, học sinh học trong nỗi lo.',
  'Thanh tra phát hiện sai phạm tài chính trong mua sắm thiết bị dạy học, có dấu hiệu nâng giá.',
  'Năm học mới, trường vẫn thiếu 6 giáo viên, nhiều lớp phải ghép.',
  'Phụ huynh bức xúc vì con bị ép học thêm tại nhà giáo viên chủ nhiệm.',
];
const calm = [
  'Năm học này, nhà trường tiếp tục đổi mới phương pháp dạy học, chú trọng phát triển phẩm chất và năng lực học sinh.',
  'Sở Giáo dục và Đào tạo đã ban hành kế hoạch tổ chức kỳ thi tuyển sinh vào lớp 10 với nhiều điểm mới.',
  'Buổi sinh hoạt chuyên môn có sự tham gia của đông đảo giáo viên các trường trên địa bàn.',
  'Theo thống kê, toàn tỉnh có hơn 300 nghìn học sinh các cấp, tăng khoảng 2% so với năm học trước.',
  'Các đơn vị được yêu cầu rà soát cơ sở vật chất, bảo đảm an toàn trước mùa mưa bão.',
  'Học sinh được tham gia nhiều hoạt động trải nghiệm, ngày hội đọc sách và câu lạc bộ STEM.',
  'Hội nghị tổng kết năm học đã khen thưởng nhiều tập thể và cá nhân có thành tích xuất sắc.',
  'Xe tải chở vật liệu xây dựng lưu thông trên đường Lê Lợi vào giờ cao điểm khiến giao thông ùn tắc.',
  'Nhân kỷ niệm ngày sinh vua Lê Lợi, địa phương tổ chức lễ dâng hương tại đền thờ.',
  'Thời tiết hôm nay nắng nóng, chiều tối có mưa rào và dông vài nơi, nhiệt độ cao nhất 35 độ.',
  'Giá xăng dầu được điều chỉnh tăng nhẹ từ 15 giờ chiều nay theo quyết định của liên bộ.',
  'Ban đại diện cha mẹ học sinh đã họp bàn các nội dung phối hợp với nhà trường trong học kỳ I.',
  'Không có chuyện lạm thu như thông tin lan truyền trên mạng, lãnh đạo phòng khẳng định.',
];

/** mulberry32 */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(r: () => number, a: readonly T[]): T => a[Math.floor(r() * a.length)];
/** Common syllables, so filler sentences differ from article to article as real text does. */
const syllables = (
  'anh ba bạn bản bàn bảo bắt bên biết bình bộ bước cách cải cảm cần cao cấp cầu chăm chất chỉ chính chọn chung chuyên có con công cơ cụ cùng cuộc dân dạy dẫn dịp du dự đã đại đảm đánh đạo đạt đặc đầu đây để địa điểm định đình đọc đổi đồng động đơn được em gắn gia giá giải giảm giáo giờ giúp gửi hai hành hạn hết hiện hiệu hình hóa hỏi học hội hơn hợp hướng kế khả khác khai khi khó khoa không kiến kinh kỹ lại làm lãnh lần lên lịch liên lòng lớn lớp lực lượng mà mạnh mẫu mỗi mới một mục nay năm nâng nên nếu nghiệp ngày ngoài người nguồn nhà nhận nhằm nhất nhiều như những nội nước ổn phải phát phần phối phong phù phương quan quản quy quyết ra rõ rộng sách sát sau sẻ sinh số sở sự sức tác tài tạo tăng tâm tập tế thành thầy thể thêm theo thi thiết thời thông thu thực tích tiếp tiêu tìm tin tính tổ toàn tốt trao trên trong trung trước tuần từ tục tư ưu vai vào vẫn văn vật về việc viên vùng vừa vững xây xã xem xét ý yêu'
).split(' ');

const subjects = ['Ban giám hiệu', 'Nhiều phụ huynh', 'Đại diện nhà trường', 'Lãnh đạo địa phương', 'Giáo viên chủ nhiệm', 'Các em học sinh', 'Đoàn kiểm tra', 'Ông Nguyễn Văn Hải, hiệu trưởng,', 'Bà Trần Thị Thu, phó hiệu trưởng,', 'Hội phụ nữ xã', 'Công an xã', 'Trạm y tế', 'Ban đại diện cha mẹ học sinh', 'Chi đoàn thanh niên'];
const verbs = ['cho biết', 'đã làm việc với', 'tổ chức buổi gặp mặt', 'kiến nghị', 'thông tin thêm về', 'phối hợp rà soát', 'trao đổi với phóng viên về', 'đề xuất bổ sung', 'ghi nhận', 'tiếp tục theo dõi'];
const objects = ['kế hoạch năm học', 'công tác bán trú', 'việc sửa chữa phòng học', 'chương trình ngoại khóa', 'danh sách học sinh khó khăn', 'hoạt động câu lạc bộ', 'lịch kiểm tra định kỳ', 'quỹ khuyến học', 'đợt tập huấn chuyên môn', 'phong trào đọc sách', 'tiến độ xây dựng nhà đa năng', 'công tác phòng chống dịch bệnh'];
const times = ['sáng thứ Hai', 'chiều 12/10', 'trong tuần qua', 'đầu học kỳ', 'cuối tháng trước', 'tối qua', 'hôm 5/11', 'trong buổi họp chiều nay'];
const tails = ['với sự tham gia của hơn 200 người', 'nhằm bảo đảm quyền lợi của học sinh', 'theo chỉ đạo của cấp trên', 'trước khi báo cáo kết quả', 'và sẽ thông tin kết quả sớm', 'để kịp thời điều chỉnh', 'sau khi nhận được phản ánh', 'theo đúng kế hoạch đề ra'];
export function makeWatchlist(total: number): WatchEntry[] {
  const places = builtinPlaces();
  const out: WatchEntry[] = [];
  let id = 1;
  out.push({ kind: 'unit', id: id++, code: 'BO', name: 'Bộ Giáo dục và Đào tạo', unitType: 'ministry' });
  for (const p of PROVINCES_2025) {
    out.push({ kind: 'unit', id: id++, code: `S-${p.key}`, name: `Sở Giáo dục và Đào tạo ${p.city ? 'thành phố' : 'tỉnh'} ${p.name}`, unitType: 'department', provinceName: p.name });
  }
  const provName = new Map(PROVINCES_2025.map((p) => [p.key, p.name]));
  const communes: { name: string; province: string }[] = [];
  for (let i = 0; communes.length < 3321; i++) {
    const pl = places[i % places.length];
    const suffix = i < places.length ? '' : ` ${Math.floor(i / places.length) + 1}`;
    const name = `${i % 3 === 0 ? 'Phường' : 'Xã'} ${pl.name}${suffix}`;
    communes.push({ name, province: provName.get(pl.province)! });
    out.push({ kind: 'unit', id: id++, code: `X-${i}`, name, unitType: 'commune', provinceName: provName.get(pl.province), parentName: `Sở GDĐT ${provName.get(pl.province)}` });
  }
  const r = rng(7);
  const names = new Set<string>();
  for (let s = 0; out.length < total; s++) {
    const c = pick(r, communes);
    const level = levels[s % levels.length];
    const core = level === 'Trường Mầm non' && r() < 0.6 ? pick(r, flowers) : r() < 0.5 ? pick(r, people) : pick(r, places).name;
    const n = r() < 0.5 ? '' : r() < 0.5 ? ` ${pick(r, places).name}` : ` số ${1 + Math.floor(r() * 5)}`;
    const name = `${level} ${core}${n}`;
    if (names.has(`${name}|${c.province}`)) continue;
    names.add(`${name}|${c.province}`);
    out.push({ kind: 'unit', id: id++, code: `T-${s}`, name, unitType: 'school', provinceName: c.province, parentName: c.name });
  }
  return out;
}

/** Articles: a lead about one school (40 % with a risk), then varied filler sentences; 10 % are copies of an earlier article (syndication, some without diacritics). */
export function makeArticles(n: number, units: WatchEntry[], bytes = 2500): { title: string; body: string }[] {
  const r = rng(11);
  const schools = units.filter((u) => u.unitType === 'school');
  const out: { title: string; body: string }[] = [];
  const words = (k: number) => Array.from({ length: k }, () => pick(r, syllables)).join(' ');
  const sentence = () => `${pick(r, subjects)} ${pick(r, verbs)} ${pick(r, objects)} ${words(4 + Math.floor(r() * 6))} ${pick(r, times)}, ${pick(r, tails)} ${words(3 + Math.floor(r() * 5))} (${Math.floor(r() * 1000)}).`;
  for (let i = 0; i < n; i++) {
    if (i > 10 && r() < 0.1) {
      const src = out[Math.floor(r() * out.length)];
      const strip = r() < 0.5;
      const t = strip ? src.title.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D') : src.title;
      const b = strip ? src.body.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D') : src.body;
      out.push({ title: t, body: b });
      continue;
    }
    const school = pick(r, schools);
    const isRisky = r() < 0.4;
    const lead = isRisky ? pick(r, risky) : pick(r, calm);
    const title = `${school.provinceName}: ${school.name} ${isRisky ? 'bị phản ánh' : 'tổ chức hoạt động'} ${lead.split(' ').slice(0, 6).join(' ')}`;
    let body = `${school.name} (${school.parentName}, ${school.provinceName}). ${lead} `;
    while (body.length < bytes * 0.85) {
      const x = r();
      body += `${x < 0.08 ? pick(r, risky) : x < 0.2 ? pick(r, calm) : sentence()} `;
    }
    out.push({ title, body });
  }
  return out;
}

/** Jaccard estimate from two bottom-k sketches (sorted ascending). */
function sketchJaccard(a: number[], b: number[]): number {
  const k = Math.min(a.length, b.length);
  if (k === 0) return 0;
  let i = 0;
  let j = 0;
  let both = 0;
  for (let n = 0; n < k; n++) {
    if (a[i] === b[j]) { both++; i++; j++; } else if (a[i] < b[j]) i++; else j++;
  }
  return both / k;
}

/** The median (by CPU time) of three runs of a timed loop. */
function median3(run: () => { cpuMs: number; wallMs: number }): { cpuMs: number; wallMs: number } {
  return [run(), run(), run()].sort((x, y) => x.cpuMs - y.cpuMs)[1];
}

function rate(n: number, ms: number): number {
  return n / (ms / 1000);
}

/**
 * Runs `fn` and returns the milliseconds it took on the CPU (user + system of
 * this process, so other work on a shared machine does not count) and on the
 * wall clock. Rates below use CPU time; every rate is measured the same way.
 */
function timed(fn: () => void): { cpuMs: number; wallMs: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { cpuMs: (c.user + c.system) / 1000, wallMs };
}

export async function run(opts: { size?: number }): Promise<BenchResult> {
  const nArticles = opts.size ?? 20_000;
  const nUnits = 60_000;
  const say = (s: string) => process.stderr.write(`bench monitor: ${s}\n`);
  const watch = makeWatchlist(nUnits);
  // flat strings, as text read from a feed or the database is (not the rope `+=` builds)
  const flat = (x: string) => Buffer.from(x, 'utf8').toString('utf8');
  // the measured articles, then 3,000 others (the same generator continued) for the warm-up
  const generated = makeArticles(nArticles + 3000, watch).map((a) => ({ title: flat(a.title), body: flat(a.body) }));
  const articles = generated.slice(0, nArticles);
  const warmup = generated.slice(nArticles);
  const avgBytes = Math.round(articles.reduce((a, x) => a + Buffer.byteLength(x.title) + Buffer.byteLength(x.body), 0) / articles.length);
  say(`${watch.length} units, ${articles.length} articles of ~${avgBytes} bytes`);

  let t0 = performance.now();
  const matcher = buildMatcher(watch);
  const buildS = (performance.now() - t0) / 1000;
  const m = matcher as unknown as { ac: { scan(parts: string[]): { nHits: number }; patternText: string[]; nStates: number; vocabularySize: number } };
  say(`matcher built in ${buildS.toFixed(2)} s (${m.ac.patternText.length} patterns, ${m.ac.nStates} states)`);

  // warm-up (JIT) on other articles, not counted: the measured ones are not seen before they are timed
  for (let i = 0; i < warmup.length; i++) analyse(matcher, warmup[i]);
  const heapMb = Math.round(process.memoryUsage().heapUsed / 1e6);

  // end to end: analyse + clustering: LSH over the sketch (bands of 2 values), candidates verified by the estimated Jaccard.
  // Three passes over the 20,000 articles, each with fresh clustering state; the median pass counts (a pass is about a
  // second, and whether a major collection of the ~400 MB heap falls inside it moved single-pass figures by ±25 %).
  let stories = 0;
  let matchedUnits = 0;
  let negatives = 0;
  const e2ePass = () => {
    const bands = new Map<number, number>();
    const storySketch: number[][] = [];
    stories = 0;
    matchedUnits = 0;
    negatives = 0;
    return timed(() => {
      for (let i = 0; i < articles.length; i++) {
        const a = analyse(matcher, articles[i]);
        matchedUnits += a.units.length;
        if (a.tone === 'negative') negatives++;
        const sk = a.sketch;
        let story = -1;
        for (let b = 0; b + 1 < sk.length && story < 0; b += 2) {
          const key = (Math.imul(sk[b], 31) ^ sk[b + 1]) | 0;
          const s = bands.get(key);
          if (s !== undefined && sketchJaccard(sk, storySketch[s]) >= 0.5) story = s;
        }
        if (story < 0) { story = stories++; storySketch.push(sk); }
        for (let b = 0; b + 1 < sk.length; b += 2) bands.set((Math.imul(sk[b], 31) ^ sk[b + 1]) | 0, story);
      }
    });
  };
  const passes = [e2ePass(), e2ePass(), e2ePass()];
  const e2e = [...passes].sort((x, y) => x.cpuMs - y.cpuMs)[1];
  const articlesPerS = rate(articles.length, e2e.cpuMs);
  const articlesPerSWall = rate(articles.length, e2e.wallMs);
  const firstPassPerS = rate(articles.length, passes[0].cpuMs);
  say(`end to end passes ${passes.map((x) => rate(articles.length, x.cpuMs).toFixed(0)).join(', ')} articles/s`);
  say(`end to end ${articlesPerS.toFixed(0)} articles/s`);

  // our fused fold + match scan alone, on the raw text (what analyse adds the rules to)
  const scanRaw = timed(() => { for (let i = 0; i < articles.length; i++) m.ac.scan([articles[i].title, articles[i].body]); });
  const scanRawPerS = rate(articles.length, scanRaw.cpuMs);

  // single pass over every character (the limit)
  const texts = articles.map((a) => flat(`${a.title}\n${a.body}`));
  let sink = 0;
  for (let i = 0; i < 2000; i++) { const t = texts[i]; for (let j = 0; j < t.length; j++) sink = (sink + t.charCodeAt(j)) | 0; }
  const single = median3(() => timed(() => {
    for (let i = 0; i < texts.length; i++) {
      const t = texts[i];
      let h = 0;
      for (let j = 0; j < t.length; j++) h = (h + t.charCodeAt(j)) | 0;
      sink ^= h;
    }
  }));
  const singlePerS = rate(texts.length, single.cpuMs);
  say(`single pass ${singlePerS.toFixed(0)} articles/s`);
  // the same, reading characters (code points) the idiomatic way, `for…of`: a second, slower reference
  for (let i = 0; i < 2000; i++) { for (const ch of texts[i]) sink = (sink + ch.charCodeAt(0)) | 0; }
  const singleForOf = median3(() => timed(() => {
    for (let i = 0; i < texts.length; i++) {
      let h = 0;
      for (const ch of texts[i]) h = (h + ch.charCodeAt(0)) | 0;
      sink ^= h;
    }
  }));
  const singleForOfPerS = rate(texts.length, singleForOf.cpuMs);
  say(`single pass (for…of) ${singleForOfPerS.toFixed(0)} articles/s`);

  // folding alone (reference vs ours) on a sample
  const sampleN = Math.min(4000, texts.length);
  const folded: string[] = [];
  const fold = timed(() => { for (let i = 0; i < texts.length; i++) folded.push(foldForMatch(texts[i])); });
  const foldPerS = rate(texts.length, fold.cpuMs);

  // matching on the same folded text: ours vs modern-ahocorasick
  for (let i = 0; i < 500; i++) m.ac.scan([folded[i]]);
  let ourHits = 0;
  const ours = timed(() => { for (let i = 0; i < folded.length; i++) ourHits += m.ac.scan([folded[i]]).nHits; });
  const oursMatchPerS = rate(folded.length, ours.cpuMs);
  say(`ours on folded text ${oursMatchPerS.toFixed(0)} articles/s`);

  const aliasSet = new Set<string>();
  for (const e of watch) for (const a of generateAliases(e)) aliasSet.add(foldForMatch(a.text));
  const aliasList = [...aliasSet];
  t0 = performance.now();
  const mac = new AhoCorasick(aliasList);
  const macBuildS = (performance.now() - t0) / 1000;
  say(`modern-ahocorasick built in ${macBuildS.toFixed(1)} s on ${aliasList.length} aliases`);
  for (let i = 0; i < 200; i++) mac.search(folded[i]);
  const macN = Math.min(folded.length, sampleN);
  let macHits = 0;
  const macT = timed(() => { for (let i = 0; i < macN; i++) macHits += mac.search(folded[i]).length; });
  const macPerS = rate(macN, macT.cpuMs);
  say(`modern-ahocorasick ${macPerS.toFixed(0)} articles/s`);

  // naive: every alias with includes() on a small sample, scaled
  const naiveN = 20;
  let naiveHits = 0;
  const naive = timed(() => {
    for (let i = 0; i < naiveN; i++) {
      const t = ` ${folded[i]} `;
      for (const a of aliasList) if (t.includes(` ${a} `)) naiveHits++;
    }
  });
  const naivePerS = rate(naiveN, naive.cpuMs);
  say(`naive ${naivePerS.toFixed(1)} articles/s`);

  return {
    bench: 'monitor',
    measures: [
      { name: 'articles', value: articles.length, unit: 'count' },
      { name: 'watchlist_units', value: watch.length, unit: 'count' },
      { name: 'avg_article_bytes', value: avgBytes, unit: 'B' },
      { name: 'matcher_build_s', value: Number(buildS.toFixed(2)), unit: 's' },
      { name: 'articles_per_s', value: Math.round(articlesPerS), unit: '/s' },
      { name: 'articles_per_s_wall_clock', value: Math.round(articlesPerSWall), unit: '/s' },
      { name: 'articles_per_s_first_pass', value: Math.round(firstPassPerS), unit: '/s' },
      { name: 'single_pass_articles_per_s', value: Math.round(singlePerS), unit: '/s' },
      { name: 'ratio_vs_single_pass', value: Number((articlesPerS / singlePerS).toFixed(3)), unit: 'x' },
      { name: 'single_pass_for_of_articles_per_s', value: Math.round(singleForOfPerS), unit: '/s' },
      { name: 'ratio_vs_single_pass_for_of', value: Number((articlesPerS / singleForOfPerS).toFixed(3)), unit: 'x' },
      { name: 'scan_ratio_vs_single_pass', value: Number((scanRawPerS / singlePerS).toFixed(3)), unit: 'x' },
      { name: 'fold_only_articles_per_s', value: Math.round(foldPerS), unit: '/s' },
      { name: 'ours_scan_raw_per_s', value: Math.round(scanRawPerS), unit: '/s' },
      { name: 'ours_matching_folded_per_s', value: Math.round(oursMatchPerS), unit: '/s' },
      { name: 'modern_ahocorasick_per_s', value: Math.round(macPerS), unit: '/s' },
      { name: 'matching_ratio_vs_modern_ahocorasick', value: Number((oursMatchPerS / macPerS).toFixed(2)), unit: 'x' },
      { name: 'e2e_ratio_vs_modern_ahocorasick_matching', value: Number((articlesPerS / macPerS).toFixed(2)), unit: 'x' },
      { name: 'naive_articles_per_s', value: Number(naivePerS.toFixed(2)), unit: '/s' },
      { name: 'ratio_vs_naive', value: Math.round(articlesPerS / naivePerS), unit: 'x' },
    ],
    notes: {
      heapUsedMbAfterBuild: heapMb, patterns: m.ac.patternText.length, automatonStates: m.ac.nStates, vocabulary: m.ac.vocabularySize, aliases: aliasList.length,
      stories, matchedUnitsPerArticle: Number((matchedUnits / articles.length).toFixed(2)), negativeShare: Number((negatives / articles.length).toFixed(2)),
      ourHitsOnFolded: ourHits, modernAhoCorasickHitsOnSample: macHits, naiveHitsOnSample: naiveHits, modernAhoCorasickBuildS: Number(macBuildS.toFixed(1)),
      sink: sink & 1,
    },
  };
}
