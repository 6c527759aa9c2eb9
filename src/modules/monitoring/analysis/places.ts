/**
 * Places below the provinces, keyed by the (2025) province they lie in.
 *
 * Coverage, honestly: this is a hand-written list, not the official register.
 * It holds the former provincial cities and towns and most former districts
 * (the names the press still uses after the 2025 reform: `quận Hà Đông`,
 * `TP Biên Hòa`), and the larger urban wards of the big cities as they are named
 * since 1 July 2025. The register has 3,321 communes, wards and special zones;
 * load the full list with {@link parsePlacesCsv} + `buildMatcher(entries,
 * { places })` (see docs/MONITORING.md).
 *
 * Syntax: `h:` a former district-level unit or town (its bare name counts as a
 * place), `p:` ward, `x:` commune, `k:` special zone (these need their prefix in
 * the text — `phường Tân Định` — because bare commune names are often people's
 * or street names).
 */
export type PlaceKind = 'district' | 'ward' | 'commune' | 'zone';
export type PlaceRow = { name: string; kind: PlaceKind; province: string };

export const PLACES_BY_PROVINCE: Record<string, string> = {
  HNI:
    'h:Hoàn Kiếm|h:Ba Đình|h:Đống Đa|p:Hai Bà Trưng|h:Hoàng Mai|h:Thanh Xuân|h:Cầu Giấy|h:Tây Hồ|h:Long Biên|h:Hà Đông|' +
    'h:Bắc Từ Liêm|h:Nam Từ Liêm|h:Sơn Tây|h:Ba Vì|h:Chương Mỹ|h:Đan Phượng|h:Đông Anh|h:Gia Lâm|h:Hoài Đức|h:Mê Linh|' +
    'h:Mỹ Đức|h:Phú Xuyên|h:Phúc Thọ|h:Quốc Oai|h:Sóc Sơn|h:Thạch Thất|h:Thanh Oai|h:Thanh Trì|h:Thường Tín|h:Ứng Hòa|' +
    'p:Cửa Nam|p:Ngọc Hà|p:Giảng Võ|p:Vĩnh Tuy|p:Bạch Mai|p:Kim Liên|p:Văn Miếu - Quốc Tử Giám|p:Láng|p:Ô Chợ Dừa|p:Hồng Hà|' +
    'p:Lĩnh Nam|p:Vĩnh Hưng|p:Tương Mai|p:Định Công|p:Hoàng Liệt|p:Yên Sở|p:Khương Đình|p:Phương Liệt|p:Nghĩa Đô|p:Yên Hòa|' +
    'p:Phú Thượng|p:Tây Tựu|p:Phú Diễn|p:Xuân Đỉnh|p:Đông Ngạc|p:Thượng Cát|p:Từ Liêm|p:Xuân Phương|p:Tây Mỗ|p:Đại Mỗ|' +
    'p:Bồ Đề|p:Việt Hưng|p:Phúc Lợi|p:Dương Nội|p:Yên Nghĩa|p:Phú Lương|p:Kiến Hưng|p:Thanh Liệt|p:Tùng Thiện|p:Phúc Lợi',
  HCM:
    'h:Thủ Đức|h:Gò Vấp|h:Bình Thạnh|h:Phú Nhuận|h:Tân Bình|h:Tân Phú|h:Bình Tân|h:Củ Chi|h:Hóc Môn|h:Bình Chánh|h:Nhà Bè|' +
    'h:Cần Giờ|h:Thủ Dầu Một|h:Thuận An|h:Dĩ An|h:Tân Uyên|h:Bến Cát|h:Bàu Bàng|h:Dầu Tiếng|h:Phú Giáo|h:Bắc Tân Uyên|' +
    'h:Vũng Tàu|h:Bà Rịa|h:Phú Mỹ|h:Châu Đức|h:Xuyên Mộc|h:Long Đất|h:Côn Đảo|' +
    'p:Sài Gòn|p:Tân Định|p:Bến Thành|p:Cầu Ông Lãnh|p:Bàn Cờ|p:Xuân Hòa|p:Nhiêu Lộc|p:Xóm Chiếu|p:Khánh Hội|p:Vĩnh Hội|' +
    'p:Chợ Quán|p:An Đông|p:Chợ Lớn|p:Bình Tây|p:Bình Tiên|p:Bình Phú|p:Phú Lâm|p:Tân Thuận|p:Phú Thuận|p:Tân Mỹ|p:Tân Hưng|' +
    'p:Chánh Hưng|p:Phú Định|p:Bình Đông|p:Diên Hồng|p:Vườn Lài|p:Hòa Hưng|p:Minh Phụng|p:Bình Thới|p:Đông Hưng Thuận|' +
    'p:Trung Mỹ Tây|p:Tân Thới Hiệp|p:Thới An|p:An Phú Đông|p:An Lạc|p:Tân Tạo|p:Bình Trị Đông|p:Bình Hưng Hòa|p:Gia Định|' +
    'p:Bình Lợi Trung|p:Thạnh Mỹ Tây|p:Bình Quới|p:Hạnh Thông|p:An Nhơn|p:An Hội Đông|p:Thông Tây Hội|p:An Hội Tây|p:Đức Nhuận|' +
    'p:Cầu Kiệu|p:Tân Sơn Hòa|p:Tân Sơn Nhất|p:Tân Hòa|p:Bảy Hiền|p:Tân Sơn|p:Tây Thạnh|p:Tân Sơn Nhì|p:Phú Thọ Hòa|p:Phú Thạnh|' +
    'p:Hiệp Bình|p:Tam Bình|p:Linh Xuân|p:Tăng Nhơn Phú|p:Long Bình|p:Long Phước|p:Long Trường|p:Cát Lái|p:Bình Trưng|p:Phước Long|' +
    'p:An Khánh|p:Phú Lợi|p:Chánh Hiệp|p:Lái Thiêu|p:Thuận Giao|p:Đông Hòa|p:Tam Thắng|p:Rạch Dừa|p:Phước Thắng|p:Tân Thành|k:Côn Đảo',
  HPG:
    'h:Hồng Bàng|p:Ngô Quyền|p:Lê Chân|h:Hải An|h:Kiến An|h:Đồ Sơn|h:Dương Kinh|h:An Dương|h:An Lão|h:Kiến Thụy|h:Thủy Nguyên|' +
    'h:Tiên Lãng|h:Vĩnh Bảo|h:Cát Hải|h:Bạch Long Vĩ|h:Chí Linh|h:Kinh Môn|h:Nam Sách|h:Kim Thành|h:Thanh Hà|h:Cẩm Giàng|' +
    'h:Bình Giang|h:Gia Lộc|h:Tứ Kỳ|h:Ninh Giang|h:Thanh Miện|k:Cát Hải|k:Bạch Long Vĩ',
  DNG:
    'h:Hải Châu|h:Thanh Khê|h:Sơn Trà|h:Ngũ Hành Sơn|h:Liên Chiểu|h:Cẩm Lệ|h:Hòa Vang|h:Hoàng Sa|h:Hội An|h:Tam Kỳ|h:Điện Bàn|' +
    'h:Duy Xuyên|h:Đại Lộc|h:Quế Sơn|h:Thăng Bình|h:Núi Thành|h:Tiên Phước|h:Hiệp Đức|h:Nông Sơn|h:Phú Ninh|h:Bắc Trà My|' +
    'h:Nam Trà My|h:Phước Sơn|h:Nam Giang|h:Đông Giang|h:Tây Giang|k:Hoàng Sa|p:An Hải|p:Hòa Khánh|p:Hòa Cường|p:Thạc Gián',
  CTO:
    'h:Ninh Kiều|h:Bình Thủy|h:Cái Răng|h:Ô Môn|h:Thốt Nốt|h:Phong Điền|h:Cờ Đỏ|h:Thới Lai|h:Vĩnh Thạnh|h:Sóc Trăng|h:Vị Thanh|' +
    'h:Ngã Bảy|h:Long Mỹ|h:Châu Thành A|h:Phụng Hiệp|h:Vị Thủy|h:Kế Sách|h:Mỹ Tú|h:Cù Lao Dung|h:Long Phú|h:Mỹ Xuyên|h:Ngã Năm|' +
    'h:Thạnh Trị|h:Vĩnh Châu|h:Trần Đề|p:Tân An|p:An Bình',
  HUE: 'h:Phú Vang|h:Phú Lộc|h:Phong Điền|h:Quảng Điền|h:Hương Trà|h:Hương Thủy|h:A Lưới|h:Nam Đông|h:Thuận Hóa|h:Phú Xuân|p:Vỹ Dạ|p:Kim Long',
  LCH: 'h:Tam Đường|h:Phong Thổ|h:Sìn Hồ|h:Mường Tè|h:Than Uyên|h:Tân Uyên|h:Nậm Nhùn',
  DBN: 'h:Mường Lay|h:Mường Chà|h:Tủa Chùa|h:Tuần Giáo|h:Mường Ảng|h:Điện Biên Đông|h:Mường Nhé|h:Nậm Pồ|p:Mường Thanh',
  SLA: 'h:Mộc Châu|h:Vân Hồ|h:Mai Sơn|h:Yên Châu|h:Phù Yên|h:Bắc Yên|h:Mường La|h:Thuận Châu|h:Quỳnh Nhai|h:Sông Mã|h:Sốp Cộp',
  LSN: 'h:Cao Lộc|h:Lộc Bình|h:Đình Lập|h:Chi Lăng|h:Hữu Lũng|h:Bắc Sơn|h:Bình Gia|h:Văn Quan|h:Tràng Định|h:Văn Lãng|p:Đông Kinh|p:Tam Thanh',
  QNH:
    'h:Hạ Long|h:Cẩm Phả|h:Uông Bí|h:Móng Cái|h:Đông Triều|h:Quảng Yên|h:Vân Đồn|h:Cô Tô|h:Tiên Yên|h:Bình Liêu|h:Đầm Hà|' +
    'h:Hải Hà|h:Ba Chẽ|k:Vân Đồn|k:Cô Tô|p:Bãi Cháy|p:Hồng Gai|p:Hà Tu|p:Hoành Bồ',
  THA:
    'h:Sầm Sơn|h:Bỉm Sơn|h:Nghi Sơn|h:Tĩnh Gia|h:Hoằng Hóa|h:Hậu Lộc|h:Nga Sơn|h:Hà Trung|h:Hoằng Hoá|h:Quảng Xương|h:Nông Cống|' +
    'h:Đông Sơn|h:Triệu Sơn|h:Thọ Xuân|h:Yên Định|h:Vĩnh Lộc|h:Thiệu Hóa|h:Thạch Thành|h:Cẩm Thủy|h:Ngọc Lặc|h:Lang Chánh|' +
    'h:Bá Thước|h:Quan Hóa|h:Quan Sơn|h:Mường Lát|h:Thường Xuân|h:Như Xuân|h:Như Thanh|p:Hạc Thành',
  NAN:
    'p:Vinh|h:Cửa Lò|h:Hoàng Mai|h:Thái Hòa|h:Diễn Châu|h:Quỳnh Lưu|h:Yên Thành|h:Đô Lương|h:Nghi Lộc|h:Nam Đàn|h:Hưng Nguyên|' +
    'h:Thanh Chương|h:Anh Sơn|h:Con Cuông|h:Tương Dương|h:Kỳ Sơn|h:Quế Phong|h:Quỳ Châu|h:Quỳ Hợp|h:Nghĩa Đàn|h:Tân Kỳ|p:Trường Vinh|p:Thành Vinh',
  HTH: 'h:Hồng Lĩnh|h:Kỳ Anh|h:Can Lộc|h:Đức Thọ|h:Hương Sơn|h:Hương Khê|h:Nghi Xuân|h:Thạch Hà|h:Cẩm Xuyên|h:Lộc Hà|h:Vũ Quang|p:Thành Sen',
  CBG: 'h:Hòa An|h:Hà Quảng|h:Trùng Khánh|h:Quảng Hòa|h:Bảo Lạc|h:Bảo Lâm|h:Nguyên Bình|h:Thạch An|h:Hạ Lang',
  TQG:
    'h:Sơn Dương|h:Yên Sơn|h:Hàm Yên|h:Chiêm Hóa|h:Na Hang|h:Lâm Bình|h:Đồng Văn|h:Mèo Vạc|h:Yên Minh|h:Quản Bạ|h:Bắc Mê|' +
    'h:Vị Xuyên|h:Bắc Quang|h:Quang Bình|h:Hoàng Su Phì|h:Xín Mần|p:Hà Giang 1|p:Hà Giang 2',
  LCI:
    'h:Sa Pa|h:Bát Xát|h:Bảo Thắng|h:Bảo Yên|h:Bắc Hà|h:Mường Khương|h:Si Ma Cai|h:Văn Bàn|h:Nghĩa Lộ|h:Văn Chấn|h:Văn Yên|' +
    'h:Lục Yên|h:Trấn Yên|h:Mù Cang Chải|h:Trạm Tấu|h:Yên Bình',
  TNN: 'h:Sông Công|h:Phổ Yên|h:Đại Từ|h:Định Hóa|h:Phú Lương|h:Đồng Hỷ|h:Võ Nhai|h:Phú Bình|h:Ba Bể|h:Pác Nặm|h:Ngân Sơn|h:Chợ Đồn|h:Chợ Mới|h:Na Rì|h:Bạch Thông',
  PTO:
    'h:Việt Trì|h:Phú Thọ|h:Lâm Thao|h:Thanh Ba|h:Đoan Hùng|h:Hạ Hòa|h:Cẩm Khê|h:Yên Lập|h:Tam Nông|h:Thanh Thủy|h:Thanh Sơn|' +
    'h:Tân Sơn|h:Vĩnh Yên|h:Phúc Yên|h:Tam Đảo|h:Tam Dương|h:Bình Xuyên|h:Yên Lạc|h:Vĩnh Tường|h:Lập Thạch|h:Sông Lô|' +
    'h:Mai Châu|h:Lương Sơn|h:Kim Bôi|h:Lạc Sơn|h:Lạc Thủy|h:Yên Thủy|h:Tân Lạc|h:Cao Phong|h:Đà Bắc',
  BNH:
    'h:Từ Sơn|h:Quế Võ|h:Tiên Du|h:Yên Phong|h:Thuận Thành|h:Gia Bình|h:Lương Tài|h:Việt Yên|h:Hiệp Hòa|h:Lạng Giang|h:Lục Nam|' +
    'h:Lục Ngạn|h:Sơn Động|h:Tân Yên|h:Yên Dũng|h:Yên Thế',
  HYN: 'h:Mỹ Hào|h:Văn Lâm|h:Văn Giang|h:Yên Mỹ|h:Khoái Châu|h:Ân Thi|h:Kim Động|h:Phù Cừ|h:Tiên Lữ|h:Đông Hưng|h:Hưng Hà|h:Quỳnh Phụ|h:Thái Thụy|h:Tiền Hải|h:Kiến Xương|h:Vũ Thư',
  NBH:
    'h:Tam Điệp|h:Hoa Lư|h:Gia Viễn|h:Nho Quan|h:Yên Khánh|h:Yên Mô|h:Kim Sơn|h:Phủ Lý|h:Duy Tiên|h:Kim Bảng|h:Thanh Liêm|' +
    'h:Bình Lục|h:Lý Nhân|h:Mỹ Lộc|h:Vụ Bản|h:Ý Yên|h:Nam Trực|h:Trực Ninh|h:Xuân Trường|h:Giao Thủy|h:Hải Hậu|h:Nghĩa Hưng',
  QTI:
    'h:Đông Hà|h:Quảng Trị|h:Vĩnh Linh|h:Gio Linh|h:Cam Lộ|h:Triệu Phong|h:Hải Lăng|h:Hướng Hóa|h:Đakrông|h:Đồng Hới|' +
    'h:Ba Đồn|h:Bố Trạch|h:Lệ Thủy|h:Tuyên Hóa|h:Minh Hóa|h:Quảng Trạch|k:Cồn Cỏ',
  QNI: 'h:Bình Sơn|h:Sơn Tịnh|h:Tư Nghĩa|h:Nghĩa Hành|h:Mộ Đức|h:Đức Phổ|h:Ba Tơ|h:Minh Long|h:Sơn Hà|h:Sơn Tây|h:Trà Bồng|h:Lý Sơn|h:Đắk Hà|h:Đắk Tô|h:Ngọc Hồi|h:Đắk Glei|h:Sa Thầy|h:Kon Rẫy|h:Kon Plông|h:Tu Mơ Rông|h:Ia H\'Drai|k:Lý Sơn',
  GLI:
    'h:Pleiku|h:An Khê|h:Ayun Pa|h:Chư Păh|h:Chư Prông|h:Chư Sê|h:Đắk Đoa|h:Ia Grai|h:Kbang|h:Kông Chro|h:Krông Pa|h:Mang Yang|' +
    'h:Phú Thiện|h:Đức Cơ|h:Quy Nhơn|h:An Nhơn|h:Hoài Nhơn|h:Phù Cát|h:Phù Mỹ|h:Tuy Phước|h:Tây Sơn|h:Vân Canh|h:Vĩnh Thạnh|h:Hoài Ân|h:An Lão',
  KHA: 'h:Nha Trang|h:Cam Ranh|h:Ninh Hòa|h:Diên Khánh|h:Cam Lâm|h:Vạn Ninh|h:Khánh Vĩnh|h:Khánh Sơn|h:Trường Sa|h:Phan Rang|h:Phan Rang - Tháp Chàm|h:Ninh Hải|h:Ninh Phước|h:Ninh Sơn|h:Thuận Bắc|h:Thuận Nam|h:Bác Ái|k:Trường Sa',
  LDG:
    'h:Đà Lạt|h:Bảo Lộc|h:Đức Trọng|h:Di Linh|h:Lâm Hà|h:Đơn Dương|h:Lạc Dương|h:Đạ Huoai|h:Cát Tiên|h:Bảo Lâm|h:Gia Nghĩa|' +
    'h:Đắk Mil|h:Đắk Song|h:Đắk R\'lấp|h:Krông Nô|h:Cư Jút|h:Tuy Đức|h:Phan Thiết|h:La Gi|h:Tuy Phong|h:Bắc Bình|h:Hàm Thuận Bắc|' +
    'h:Hàm Thuận Nam|h:Hàm Tân|h:Đức Linh|h:Tánh Linh|h:Phú Quý|k:Phú Quý|p:Lang Biang',
  DLK:
    'h:Buôn Ma Thuột|h:Buôn Hồ|h:Ea H\'leo|h:Ea Súp|h:Krông Năng|h:Krông Búk|h:Cư M\'gar|h:Ea Kar|h:M\'Đrắk|h:Krông Pắc|h:Krông Bông|' +
    'h:Krông Ana|h:Cư Kuin|h:Buôn Đôn|h:Tuy Hòa|h:Sông Cầu|h:Đông Hòa|h:Tây Hòa|h:Phú Hòa|h:Tuy An|h:Đồng Xuân|h:Sơn Hòa|h:Sông Hinh',
  DNI: 'h:Biên Hòa|h:Long Khánh|h:Long Thành|h:Nhơn Trạch|h:Trảng Bom|h:Vĩnh Cửu|h:Định Quán|h:Tân Phú|h:Xuân Lộc|h:Cẩm Mỹ|h:Đồng Xoài|h:Bình Long|h:Phước Long|h:Chơn Thành|h:Bù Đăng|h:Bù Đốp|h:Bù Gia Mập|h:Lộc Ninh|h:Hớn Quản|h:Đồng Phú|p:Trấn Biên|p:Tam Hiệp',
  TNH: 'h:Hòa Thành|h:Trảng Bàng|h:Gò Dầu|h:Bến Cầu|p:Dương Minh Châu|h:Tân Biên|h:Tân Châu|h:Tân An|h:Kiến Tường|h:Bến Lức|h:Đức Hòa|h:Đức Huệ|h:Cần Giuộc|h:Cần Đước|h:Thủ Thừa|h:Tân Trụ|h:Thạnh Hóa|h:Tân Thạnh|h:Mộc Hóa|h:Vĩnh Hưng|h:Tân Hưng',
  VLG: 'p:Bình Minh|h:Long Hồ|h:Mang Thít|h:Vũng Liêm|h:Tam Bình|h:Trà Ôn|h:Bình Tân|h:Ba Tri|h:Bình Đại|h:Chợ Lách|h:Giồng Trôm|h:Mỏ Cày|h:Mỏ Cày Nam|h:Mỏ Cày Bắc|h:Thạnh Phú|h:Càng Long|h:Cầu Kè|h:Cầu Ngang|h:Duyên Hải|h:Tiểu Cần|h:Trà Cú',
  DTP: 'h:Sa Đéc|h:Cao Lãnh|h:Hồng Ngự|h:Tân Hồng|h:Tam Nông|h:Thanh Bình|h:Tháp Mười|h:Lấp Vò|h:Lai Vung|h:Mỹ Tho|h:Gò Công|h:Cai Lậy|h:Cái Bè|h:Chợ Gạo|h:Tân Phước|h:Gò Công Đông|h:Gò Công Tây|h:Tân Phú Đông|h:Mỹ Trà|h:Mỹ Phong|p:Đạo Thạnh|p:Thới Sơn|p:Mỹ Ngãi',
  CMU: 'h:Bạc Liêu|h:Giá Rai|h:Hồng Dân|h:Phước Long|h:Vĩnh Lợi|h:Đông Hải|h:Năm Căn|h:Ngọc Hiển|h:Đầm Dơi|h:Cái Nước|h:Thới Bình|h:U Minh|p:Trần Văn Thời|h:Phú Tân',
  AGG: 'h:Long Xuyên|h:Châu Đốc|h:Tân Châu|h:Tịnh Biên|h:Tri Tôn|h:An Phú|h:Chợ Mới|h:Phú Tân|h:Thoại Sơn|h:Châu Phú|h:Rạch Giá|h:Hà Tiên|h:Phú Quốc|h:Kiên Lương|h:Hòn Đất|h:Tân Hiệp|h:Giồng Riềng|h:Gò Quao|h:An Biên|h:An Minh|h:Vĩnh Thuận|h:U Minh Thượng|h:Kiên Hải|k:Phú Quốc|k:Kiên Hải|k:Thổ Châu',
};

const KIND: Record<string, PlaceKind> = { h: 'district', p: 'ward', x: 'commune', k: 'zone' };

/** The built-in places as rows. */
export function builtinPlaces(): PlaceRow[] {
  const out: PlaceRow[] = [];
  for (const [province, list] of Object.entries(PLACES_BY_PROVINCE)) {
    for (const item of list.split('|')) {
      const m = /^([hpxk]):(.+)$/.exec(item.trim());
      if (m) out.push({ name: m[2].trim(), kind: KIND[m[1]], province });
    }
  }
  return out;
}

/**
 * Reads a full register as CSV `name,kind,province` (kind: ward|commune|zone|
 * district; province: a 2025 province key such as `DTP`, or its name). Pure:
 * the caller reads the file.
 */
export function parsePlacesCsv(csv: string, provinceKeyOf: (nameOrKey: string) => string | null): PlaceRow[] {
  const out: PlaceRow[] = [];
  for (const line of csv.split(/\r?\n/)) {
    const cells = line.split(',').map((c) => c.trim());
    if (cells.length < 3 || cells[0] === 'name' || !cells[0]) continue;
    const kind = (['ward', 'commune', 'zone', 'district'] as const).find((k) => k === cells[1]) ?? 'commune';
    const province = provinceKeyOf(cells[2]);
    if (province) out.push({ name: cells[0], kind, province });
  }
  return out;
}
