/**
 * The seeded topic list (chủ đề) for coding feedback in the education sector. The same
 * keys are inserted by migrations/0020_feedback_analysis.sql as the shared topics
 * (unit_id null) and used by the labelled set (labelled-feedback.json). Units add their own.
 */
export const defaultTopics = [
  { key: 'hoc-phi', label: 'Học phí và các khoản thu' },
  { key: 'chuong-trinh-sgk', label: 'Chương trình – sách giáo khoa' },
  { key: 'doi-ngu-giao-vien', label: 'Đội ngũ giáo viên' },
  { key: 'co-so-vat-chat', label: 'Cơ sở vật chất' },
  { key: 'an-toan-truong-hoc', label: 'An toàn trường học' },
  { key: 'thi-cu-tuyen-sinh', label: 'Thi cử – tuyển sinh' },
  { key: 'day-them-hoc-them', label: 'Dạy thêm học thêm' },
  { key: 'ban-tru-bua-an', label: 'Bán trú – bữa ăn' },
  { key: 'chuyen-doi-so', label: 'Chuyển đổi số' },
  { key: 'khac', label: 'Khác' },
] as const;

export const feedbackTones = ['negative', 'neutral', 'positive'] as const;
export type FeedbackTone = (typeof feedbackTones)[number];
export const toneLabel: Record<FeedbackTone, string> = { negative: 'Tiêu cực', neutral: 'Trung lập', positive: 'Tích cực' };
