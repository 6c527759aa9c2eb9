import crypto from 'node:crypto';
import { type Queryable } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { formSecret } from '../sitecontent';

export const stances = ['agree', 'disagree', 'partly'] as const;
export type Stance = (typeof stances)[number];
export const visibilities = ['public', 'hidden', 'private'] as const;
export type Visibility = (typeof visibilities)[number];
export const channels = ['web', 'hotline', 'staff'] as const;
export type Channel = (typeof channels)[number];
export const consultationStatuses = ['draft', 'open', 'closed', 'answered'] as const;
export type ConsultationStatus = (typeof consultationStatuses)[number];

export const stanceLabel: Record<Stance, string> = { agree: 'Đồng ý', disagree: 'Không đồng ý', partly: 'Đồng ý một phần' };
export const statusLabel: Record<ConsultationStatus, string> = { draft: 'Chưa mở', open: 'Đang lấy ý kiến', closed: 'Đã đóng', answered: 'Đã trả lời' };
export const channelLabel: Record<Channel, string> = { web: 'Cổng thông tin', hotline: 'Đường dây nóng', staff: 'Cán bộ nhập' };

/** Version of the consent text shown next to the optional contact fields (bump when the text changes). */
export const CONSENT_VERSION = 'gop-y-2026-11';
/** Reports from distinct reporters that hide a comment until staff look at it. */
export const AUTO_HIDE_REPORTS = 3;
/** Submissions (comments, feedback, requests) per hashed IP per hour. */
export const FEEDBACK_PER_HOUR = 10;
/** Working days to answer a data-subject request. */
export const SUBJECT_REQUEST_WORKING_DAYS = 2;

/** Status derived from dates and the response, as a SQL expression over alias `a` (uses $now param when given). */
export function consultationStatusSql(a = 'c', nowExpr = 'now()'): string {
  return `(case when ${a}.response_published_at is not null then 'answered' when ${nowExpr} < ${a}.opens_at then 'draft' when ${nowExpr} < ${a}.closes_at then 'open' else 'closed' end)`;
}

export function consultationStatus(c: { opensAt: Date | string; closesAt: Date | string; responsePublishedAt: Date | string | null }, at: Date): ConsultationStatus {
  if (c.responsePublishedAt) return 'answered';
  if (at < new Date(c.opensAt)) return 'draft';
  if (at < new Date(c.closesAt)) return 'open';
  return 'closed';
}

export const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

/** Salted hash of an e-mail address (for blocks), never the address. */
export async function emailHash(q: Queryable, email: string | null | undefined): Promise<string | null> {
  const e = (email ?? '').trim().toLowerCase();
  if (!e) return null;
  return crypto.createHmac('sha256', await formSecret(q)).update(`email:${e}`).digest('hex').slice(0, 32);
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/;
const PHONE = /^\+?[0-9 .()-]{8,20}$/;

export type ContactInput = { name?: string | null; email?: string | null; phone?: string | null; consent?: boolean | null };
/** Cleans optional contact fields; any field given needs the consent box ticked. */
export function cleanContact(i: ContactInput): { name: string | null; email: string | null; phone: string | null } | null {
  const name = (i.name ?? '').trim() || null;
  const email = (i.email ?? '').trim().toLowerCase() || null;
  const phone = (i.phone ?? '').trim() || null;
  if (!name && !email && !phone) return null;
  if (email && !EMAIL.test(email)) throw new AppError('feedback.bad_email', 400, 'feedback.bad_email');
  if (phone && !PHONE.test(phone)) throw new AppError('feedback.bad_phone', 400, 'feedback.bad_phone');
  if ((name?.length ?? 0) > 120 || (email?.length ?? 0) > 254) throw new AppError('feedback.too_long', 400, 'feedback.too_long', { max: 254 });
  if (!i.consent) throw new AppError('feedback.consent_required', 400, 'feedback.consent_required');
  return { name, email, phone };
}

/** Masks e-mail addresses and phone numbers in free text (anonymisation). */
export function maskPersonalData(s: string): string {
  return s.replace(/[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}/g, '[đã xóa]').replace(/(\+?\d[\d .-]{7,}\d)/g, '[đã xóa]');
}

/**
 * Splits pasted draft text into paragraphs: on blank lines, and before every line that
 * starts an article ("Điều 5.", "Điều 5:"); a leading "Điều N" becomes the label.
 */
export function splitParagraphs(text: string): { label: string | null; body: string }[] {
  const norm = (text ?? '').replace(/\r\n?/g, '\n').replace(/\n(?=\s*Điều\s+\d+)/g, '\n\n');
  return norm
    .split(/\n\s*\n/)
    .map((p) => p.replace(/[ \t]+\n/g, '\n').trim())
    .filter(Boolean)
    .map((body) => {
      const m = /^(Điều\s+\d+[a-zđ]?)\b/.exec(body);
      return { label: m ? m[1].replace(/\s+/g, ' ') : null, body };
    });
}
