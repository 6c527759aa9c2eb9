/**
 * The public news pages' own strings (Vietnamese). Kept next to the pages
 * while the server catalogue (src/platform/i18n/vi.ts) is being edited by the
 * newsroom's other parts; they can move there as `portal.news.*` keys.
 */
const vi = {
  'nav.label': 'Điều hướng chính',
  'nav.news': 'Tin tức',
  'nav.search': 'Tìm tin bài',
  'home.news_heading': 'Tin tức mới',
  'home.news_all': 'Xem tất cả tin tức',
  'news.heading': 'Tin tức ngành Giáo dục',
  'news.lead': 'Tin, bài của các đơn vị trong ngành do Ban biên tập Sở chọn đăng trên cổng.',
  'news.none': 'Chưa có tin bài nào.',
  'news.unit_heading': 'Tin tức — {unit}',
  'news.unit_lead': 'Tin, bài của {unit} và các đơn vị trực thuộc.',
  'news.unit_link': 'Tin tức của đơn vị',
  'news.theme_heading': 'Chủ đề: {theme}',
  'news.theme_lead': 'Tin, bài thuộc chủ đề “{theme}”.',
  'news.themes': 'Chủ đề',
  'news.published_on': 'Đăng ngày',
  'news.correction': 'Đính chính ngày {date}:',
  'news.author': 'Người viết: {name}',
  'news.photos': 'Hình ảnh',
  'news.more_from_unit': 'Xem thêm tin của {unit}',
  'news.withdrawn_title': 'Tin bài đã được gỡ',
  'news.withdrawn': 'Tin bài này đã được đơn vị gỡ xuống và không còn được công bố.',
  'news.not_found_title': 'Không tìm thấy tin bài',
  'news.not_found': 'Không tìm thấy tin bài này. Có thể địa chỉ chưa đúng hoặc tin bài chưa được đăng.',
  'news.unit_not_found_title': 'Không tìm thấy đơn vị',
  'news.unit_not_found': 'Không có đơn vị nào mang mã này trong danh bạ.',
  'news.theme_not_found_title': 'Không tìm thấy chủ đề',
  'news.theme_not_found': 'Chưa có tin bài nào thuộc chủ đề này.',
  'news.to_news': 'Về trang Tin tức',
  'page.not_found': 'Địa chỉ này không có trên cổng thông tin. Mời bạn về trang chủ hoặc xem tin tức.',
  'news.breadcrumb': 'Bạn đang ở',
  'news.pages': 'Phân trang',
  'news.prev': '← Trang trước',
  'news.next': 'Trang sau →',
  'news.page_of': 'Trang {page}/{pages}',
  'news.follow': 'Theo dõi tin mới:',
  'news.rss': 'RSS',
  'news.atom': 'Atom',
  'search.heading': 'Tìm tin bài',
  'search.label': 'Từ khóa (gõ có dấu hoặc không dấu)',
  'search.button': 'Tìm',
  'search.hint': 'Nhập từ khóa để tìm trong các tin, bài đã đăng, ví dụ: “tuyển sinh lớp 10”, “hoc sinh gioi”.',
  'search.results': 'Tìm thấy {n} tin bài cho “{q}”.',
  'search.none': 'Không tìm thấy tin bài nào cho “{q}”. Hãy thử từ khóa ngắn hơn hoặc khác đi.',
  'feed.sector_title': 'Tin tức ngành Giáo dục',
  'feed.sector_description': 'Tin, bài mới trên Cổng thông tin ngành Giáo dục.',
  'feed.unit_title': 'Tin tức — {unit}',
  'feed.unit_description': 'Tin, bài mới của {unit} và các đơn vị trực thuộc.',
} as const;

export type NewsKey = keyof typeof vi;

export function tn(key: NewsKey, params: Record<string, string | number> = {}): string {
  return vi[key].replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}
