import { type MessageKey, t } from '../../platform/i18n';
import { vi as serverVi } from '../../platform/i18n/vi';

/**
 * The unit sites' own strings (Vietnamese), kept next to the pages like
 * src/portal/news.text.ts. `siteText` also answers keys of the server
 * catalogue, so other parts can register menu entries with their own keys.
 */
const vi = {
  'skip': 'Bỏ qua, đến nội dung chính',
  'tools.portal': 'Cổng thông tin ngành Giáo dục',
  'tools.label': 'Tùy chỉnh hiển thị',
  'tools.smaller': 'A-',
  'tools.smaller_label': 'Giảm cỡ chữ',
  'tools.reset': 'A',
  'tools.reset_label': 'Cỡ chữ mặc định',
  'tools.larger': 'A+',
  'tools.larger_label': 'Tăng cỡ chữ',
  'tools.contrast': 'Tương phản cao',
  'menu.label': 'Chuyên mục của đơn vị',
  'menu.toggle': 'Chuyên mục',
  'menu.home': 'Trang chủ',
  'menu.about': 'Giới thiệu',
  'menu.org': 'Sơ đồ tổ chức',
  'menu.leaders': 'Lãnh đạo',
  'menu.functions': 'Chức năng, nhiệm vụ',
  'menu.children': 'Đơn vị trực thuộc',
  'menu.news': 'Tin tức',
  'menu.contact': 'Liên hệ',
  'crumbs.label': 'Vị trí trang',
  'crumbs.portal': 'Cổng ngành',
  'foot.contacts': 'Liên hệ',
  'foot.address': 'Địa chỉ',
  'foot.phone': 'Điện thoại',
  'foot.email': 'Thư điện tử',
  'foot.website': 'Trang web',
  'foot.made': 'Trang thông tin điện tử của {unit}, vận hành trên nền tảng Loa của ngành Giáo dục.',
  'foot.admin': 'Quản trị',
  'logo_alt': 'Biểu trưng của {unit}',
  'banner_alt': 'Ảnh bìa của {unit}',
  'home.news': 'Tin tức mới',
  'home.news_subtree': 'Tin tức của {unit} và các đơn vị trực thuộc',
  'home.news_selected': 'Tin nổi bật của ngành',
  'home.news_all': 'Xem tất cả tin tức',
  'home.no_news': 'Đơn vị chưa có tin bài nào được đăng.',
  'home.quick': 'Các chuyên mục',
  'home.intro': 'Giới thiệu chung',
  'home.intro_more': 'Đọc tiếp phần giới thiệu',
  'about.heading': 'Giới thiệu',
  'about.intro': 'Giới thiệu chung',
  'about.history': 'Lịch sử hình thành và phát triển',
  'about.empty': 'Đơn vị chưa đăng nội dung giới thiệu.',
  'org.heading': 'Sơ đồ tổ chức',
  'org.lead': 'Cơ cấu tổ chức của {unit} theo danh mục đơn vị của ngành (cập nhật tự động khi đơn vị thay đổi).',
  'org.leaders': 'Lãnh đạo đơn vị',
  'org.units': 'Các đơn vị',
  'leaders.heading': 'Lãnh đạo',
  'leaders.empty': 'Đơn vị chưa đăng thông tin lãnh đạo.',
  'leaders.bio': 'Tóm tắt tiểu sử',
  'leaders.duties': 'Nhiệm vụ được phân công',
  'leaders.photo_alt': 'Ảnh chân dung {name}',
  'updated': 'Cập nhật ngày {date}',
  'functions.heading': 'Chức năng, nhiệm vụ',
  'functions.empty': 'Đơn vị chưa đăng chức năng, nhiệm vụ.',
  'children.heading': 'Đơn vị trực thuộc',
  'children.empty': 'Đơn vị không có đơn vị trực thuộc.',
  'children.count': '{n} đơn vị',
  'contact.heading': 'Liên hệ',
  'contact.unit': 'Thông tin liên hệ',
  'contact.spokes': 'Người phát ngôn',
  'contact.spokes_none': 'Đơn vị chưa công bố người phát ngôn.',
  'contact.spokes_name': 'Họ và tên',
  'contact.spokes_title': 'Chức vụ',
  'contact.spokes_phone': 'Điện thoại',
  'contact.spokes_email': 'Thư điện tử',
  'contact.none': 'Đơn vị chưa công bố thông tin liên hệ.',
  'contact.parent': 'Đơn vị chủ quản',
  'contact.channels': 'Kênh thông tin chính thức',
  'news.heading': 'Tin tức',
  'news.lead': 'Tin, bài của {unit}.',
  'news.older': 'Tin cũ hơn',
  'news.newer': 'Tin mới hơn',
  'closed': 'Đơn vị đã ngừng hoạt động.',
  'merged': 'Đơn vị đã được sáp nhập.',
  'not_found_title': 'Không tìm thấy trang',
  'not_found': 'Không tìm thấy trang thông tin điện tử của đơn vị này. Có thể địa chỉ chưa đúng.',
  'page_not_found': 'Không tìm thấy trang này trên trang thông tin điện tử của đơn vị.',
  'external': '(liên kết ngoài)',
} as const;
export type SiteTextKey = keyof typeof vi;

export function ts(key: SiteTextKey, params: Record<string, string | number> = {}): string {
  return (vi[key] as string).replace(/\{(\w+)\}/g, (_, n: string) => (n in params ? String(params[n]) : `{${n}}`));
}

/** A label by key: the sites' strings first, then the server catalogue (keys other parts registered). */
export function siteText(key: string, params: Record<string, string | number> = {}): string {
  if (key in vi) return ts(key as SiteTextKey, params);
  if (key in serverVi) return t(key as MessageKey, params);
  return key;
}
