/**
 * iCalendar (RFC 5545) writer for events, by hand: CRLF line ends, content lines folded
 * at 75 octets without splitting a UTF-8 sequence (Vietnamese text is mostly multi-byte),
 * TEXT values escaped (`\`, `;`, `,`, newlines), times in UTC (`...Z`, no VTIMEZONE needed).
 * The module has no all-day events (every event has a start time), so DATE values are not used.
 */
const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma, newlines; drops other control characters. */
export function escapeText(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

/**
 * Folds one content line (RFC 5545 §3.1): no line longer than 75 octets (CRLF excluded);
 * continuation lines begin with one space, which counts. Cuts only between code points,
 * so a multi-byte UTF-8 character is never split.
 */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= MAX_OCTETS) return line;
  const out: string[] = [];
  let cur = '';
  let octets = 0;
  let limit = MAX_OCTETS;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (octets + n > limit) {
      out.push(cur);
      cur = ' ';
      octets = 1;
      limit = MAX_OCTETS;
    }
    cur += ch;
    octets += n;
  }
  out.push(cur);
  return out.join(CRLF);
}

/** A UTC DATE-TIME value: 20261125T013000Z. */
export function utcStamp(d: Date | string): string {
  return new Date(d).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export type IcsEvent = {
  id: number;
  kind: 'conference' | 'training' | 'contest' | 'other';
  title: string;
  description?: string | null;
  startsAt: string;
  endsAt?: string | null;
  place?: string | null;
  onlineUrl?: string | null;
  status: 'planned' | 'held' | 'cancelled';
  version?: number;
  updatedAt?: string | null;
  unitName?: string | null;
};

const kindLabel = { conference: 'Hội nghị', training: 'Tập huấn', contest: 'Hội thi', other: 'Sự kiện' } as const;

/** The stable UID of an event: the same in the single download and in every feed, so calendar apps update rather than duplicate. */
export const eventUid = (id: number, host: string) => `loa-event-${id}@${host}`;

function vevent(e: IcsEvent, opts: { host: string; baseUrl: string; stamp: Date }): string[] {
  const link = `${opts.baseUrl}/admin/su-kien/${e.id}`;
  const desc = [
    e.unitName ? `Đơn vị tổ chức: ${e.unitName}` : null,
    e.description?.trim() || null,
    e.onlineUrl ? `Tham gia trực tuyến: ${e.onlineUrl}` : null,
    `Chi tiết: ${link}`,
  ].filter(Boolean).join('\n');
  const lines = [
    'BEGIN:VEVENT',
    `UID:${eventUid(e.id, opts.host)}`,
    `DTSTAMP:${utcStamp(opts.stamp)}`,
    `DTSTART:${utcStamp(e.startsAt)}`,
  ];
  // no end: RFC 5545 says the event ends when it starts (better than inventing a length)
  if (e.endsAt) lines.push(`DTEND:${utcStamp(e.endsAt)}`);
  lines.push(`SUMMARY:${escapeText(`${kindLabel[e.kind] ?? 'Sự kiện'}: ${e.title}`)}`);
  if (e.place || e.onlineUrl) lines.push(`LOCATION:${escapeText(e.place || e.onlineUrl || '')}`);
  lines.push(`DESCRIPTION:${escapeText(desc)}`);
  lines.push(`URL:${link}`);
  lines.push(`CATEGORIES:${escapeText(kindLabel[e.kind] ?? 'Sự kiện')}`);
  lines.push(`STATUS:${e.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`);
  lines.push(`SEQUENCE:${Math.max((e.version ?? 1) - 1, 0)}`);
  if (e.updatedAt) lines.push(`LAST-MODIFIED:${utcStamp(e.updatedAt)}`);
  lines.push('TRANSP:OPAQUE', 'END:VEVENT');
  return lines;
}

/** A whole VCALENDAR: each line folded, CRLF after every line (the last one too). */
export function buildCalendar(events: IcsEvent[], opts: { host: string; baseUrl: string; name?: string; stamp: Date }): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Loa//Su kien//VI', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  if (opts.name) {
    lines.push(`X-WR-CALNAME:${escapeText(opts.name)}`, `NAME:${escapeText(opts.name)}`);
    lines.push('REFRESH-INTERVAL;VALUE=DURATION:PT1H', 'X-PUBLISHED-TTL:PT1H');
  }
  for (const e of events) lines.push(...vevent(e, opts));
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}
