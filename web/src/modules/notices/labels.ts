import type { NoticeKind, NoticeStatus } from '../../api/notices';
import { type MessageKey, t } from '../../i18n';

const kindLabels: Record<NoticeKind, MessageKey> = {
  line_to_take: 'nt.kind.line_to_take',
  guidance: 'nt.kind.guidance',
  instruction: 'nt.kind.instruction',
  notice: 'nt.kind.notice',
};
const statusLabels: Record<NoticeStatus, MessageKey> = {
  draft: 'nt.status.draft',
  approved: 'nt.status.approved',
  sent: 'nt.status.sent',
  withdrawn: 'nt.status.withdrawn',
  superseded: 'nt.status.superseded',
};
const statusColors: Record<NoticeStatus, string> = { draft: 'gray', approved: 'teal', sent: 'indigo', withdrawn: 'red', superseded: 'orange' };
const kindColors: Record<NoticeKind, string> = { line_to_take: 'grape', guidance: 'blue', instruction: 'red', notice: 'cyan' };
const roleLabels: Record<string, MessageKey> = {
  focal_point: 'nt.role.focal_point',
  leader: 'nt.role.leader',
  spokesperson: 'nt.role.spokesperson',
  editor: 'nt.role.editor',
  administrator: 'nt.role.administrator',
};
const unitTypeLabels: Record<string, MessageKey> = {
  department: 'nt.unitType.department',
  office: 'nt.unitType.office',
  commune: 'nt.unitType.commune',
  school: 'nt.unitType.school',
  affiliated: 'nt.unitType.affiliated',
};

export const noticeKindLabel = (k: NoticeKind) => (kindLabels[k] ? t(kindLabels[k]) : k);
export const noticeKindColor = (k: NoticeKind) => kindColors[k] ?? 'gray';
export const noticeStatusLabel = (s: NoticeStatus) => (statusLabels[s] ? t(statusLabels[s]) : s);
export const noticeStatusColor = (s: NoticeStatus) => statusColors[s] ?? 'gray';
export const noticeRoleLabel = (r: string) => (roleLabels[r] ? t(roleLabels[r]) : r);
export const noticeUnitTypeLabel = (r: string) => (unitTypeLabels[r] ? t(unitTypeLabels[r]) : r);
export const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : 0);

/** Paragraphs typed in a text box → the HTML the server sanitises; and back for editing. */
export function textToHtml(text: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${esc(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}
export function htmlToText(html: string): string {
  if (!html) return '';
  const doc = new DOMParser().parseFromString(html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/p>\s*/gi, '</p>\n\n'), 'text/html');
  return (doc.body.textContent ?? '').replace(/\n{3,}/g, '\n\n').trim();
}
