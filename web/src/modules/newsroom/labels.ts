import type { ArticleStatus } from '../../api/newsroom';
import { t, tOr } from '../../i18n';

/** Vietnamese names and colours for the newsroom API's values. */
export const articleStatusLabel = (s: string) => tOr(`articleStatus.${s}`, s);
export const articleStatusColors: Record<ArticleStatus, string> = {
  draft: 'gray',
  submitted: 'yellow',
  rejected: 'orange',
  approved: 'blue',
  scheduled: 'grape',
  published: 'teal',
  withdrawn: 'red',
};
export const articleStatusColor = (s: string) => articleStatusColors[s as ArticleStatus] ?? 'gray';
/** Chart/calendar colours (Mantine's grape.6 and teal.6). */
export const articleStatusHex: Record<string, string> = { scheduled: '#be4bdb', published: '#12b886' };

/** Themes offered while typing (any other theme may be typed). */
export const themeSuggestions = () => [
  t('articleTheme.digital'),
  t('articleTheme.admissions'),
  t('articleTheme.goodDeeds'),
  t('articleTheme.professional'),
  t('articleTheme.emulation'),
  t('articleTheme.safety'),
];

const vnDateTime = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const vnTime = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hour12: false });
const vnDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });

/** "dd/mm/yyyy hh:mm" in Vietnam's time, whatever the browser's time zone. */
export function formatVnDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = Object.fromEntries(vnDateTime.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}
/** "hh:mm" in Vietnam's time. */
export function formatVnTime(iso: string | Date): string {
  return vnTime.format(typeof iso === 'string' ? new Date(iso) : iso);
}
/** The day ("yyyy-mm-dd") an instant falls on in Vietnam. */
export function vnDayOf(iso: string | Date): string {
  return vnDay.format(typeof iso === 'string' ? new Date(iso) : iso);
}
/** A wall-clock time picked as "yyyy-mm-dd hh:mm[:ss]" read in Vietnam's time (UTC+7, no daylight saving) → ISO with offset. */
export function vnWallClockToIso(value: string): string {
  const [day, time = '00:00'] = value.trim().split(/[ T]/);
  const hm = time.split(':');
  return `${day}T${hm[0].padStart(2, '0')}:${(hm[1] ?? '00').padStart(2, '0')}:00+07:00`;
}
