import crypto from 'node:crypto';
import { type ParsedMail, simpleParser } from 'mailparser';
import { now } from '../../platform/clock';
import { type Queryable, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { textOfHtml } from '../newsroom';
import { insertQuestion } from './questions.service';

/**
 * Press questions received by e-mail (issue 7). Each unit has a press address
 * `<local>+<unit code>@<LOA_INBOUND_DOMAIN>` (local part `press` unless
 * LOA_INBOUND_LOCAL says otherwise; matched case-insensitively). The SMTP
 * listener (`inbound.smtp.ts`) checks recipients with `unitForPressAddress` and
 * hands each accepted message to `storeInboundMail`, which — in ONE transaction —
 * keeps the raw message (`press_inbound_mails`, unique per unit × Message-ID, so
 * a resend after a lost acknowledgement is a no-op) and records the press
 * question (channel `email`): the sender's name and address, the outlet guessed
 * from the sender's domain among the press outlets of the unit and the units
 * above it (a journalist of that outlet with the same address is recognised), the
 * subject and the text body; deadline: EMAILED_QUESTION_DEADLINE_HOURS after
 * receipt. Only after the commit does the listener answer 250 (write, then ack).
 */
export const EMAILED_QUESTION_DEADLINE_HOURS = 24;

export type InboundSettings = { domain: string; local: string; maxBytes: number; maxRecipients: number };
export function inboundSettings(env: NodeJS.ProcessEnv = process.env): InboundSettings {
  return {
    domain: (env.LOA_INBOUND_DOMAIN ?? '').trim().toLowerCase(),
    local: (env.LOA_INBOUND_LOCAL ?? 'press').trim().toLowerCase(),
    maxBytes: Math.round(Number(env.LOA_INBOUND_MAX_MB ?? 10) * 1024 * 1024),
    maxRecipients: 10,
  };
}

/** The press address of a unit (null when no inbound domain is configured). */
export function pressAddressOf(code: string, s: InboundSettings = inboundSettings()): string | null {
  return s.domain ? `${s.local}+${code.toLowerCase()}@${s.domain}` : null;
}

/** The active unit a press address belongs to, or null (unknown recipient). */
export async function unitForPressAddress(q: Queryable, address: string, s: InboundSettings = inboundSettings()): Promise<{ id: number; name: string; code: string } | null> {
  const m = /^([^@+]+)\+([^@]+)@(.+)$/.exec(address.trim().toLowerCase());
  if (!m || m[1] !== s.local || m[3] !== s.domain || !s.domain) return null;
  const r = await q.query<{ id: number; name: string; code: string }>(`select id, name, code from units where lower(code) = $1 and status = 'active' limit 1`, [m[2]]);
  return r.rows[0] ? { ...r.rows[0], id: Number(r.rows[0].id) } : null;
}

/** The outlet (and journalist) a sender's address points to, among the outlets of the unit and above; the nearest unit wins. */
export async function guessOutlet(q: Queryable, unitId: number, email: string): Promise<{ outletId: number; outletUnitId: number; outletName: string; journalistId: number | null; journalistName: string | null } | null> {
  const domain = email.split('@')[1]?.toLowerCase().replace(/^www\./, '');
  if (!domain) return null;
  const r = await q.query(
    `select o.id as "outletId", o.unit_id as "outletUnitId", o.name as "outletName", j.id as "journalistId", j.name as "journalistName"
       from press_outlets o join units ou on ou.id = o.unit_id join units u on u.id = $1
       left join press_journalists j on j.outlet_id = o.id and lower(j.email) = $3
      where u.path <@ ou.path and o.host is not null and ($2 = o.host or $2 like '%.' || o.host)
      order by (j.id is null), nlevel(ou.path) desc, length(o.host) desc, o.id limit 1`,
    [unitId, domain, email.toLowerCase()],
  );
  const x = r.rows[0];
  return x ? { outletId: Number(x.outletId), outletUnitId: Number(x.outletUnitId), outletName: x.outletName, journalistId: x.journalistId == null ? null : Number(x.journalistId), journalistName: x.journalistName } : null;
}

function bodyOf(p: ParsedMail): string {
  const text = (p.text ?? (typeof p.html === 'string' ? textOfHtml(p.html) : '')).replace(/\r\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  return text.length > 8000 ? `${text.slice(0, 7990)}…` : text;
}

export type StoredMail = { unitId: number; questionId: number | null; isDuplicate: boolean };

/**
 * Keeps the raw message and records the press question for each recipient unit,
 * in one transaction. A message that cannot become a question (e.g. no sender
 * address) is still kept, with no question.
 */
export async function storeInboundMail(raw: Buffer, env: { mailFrom: string | null; recipients: { address: string; unitId: number }[] }): Promise<StoredMail[]> {
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const messageId = (parsed.messageId ?? '').slice(0, 500) || `sha256:${crypto.createHash('sha256').update(raw).digest('hex')}`;
  const from = parsed.from?.value?.[0];
  const email = (from?.address ?? env.mailFrom ?? '').trim().toLowerCase() || null;
  const fromName = (from?.name ?? '').trim();
  return withTransaction(async (tx) => {
    const out: StoredMail[] = [];
    const at = now();
    for (const rcpt of env.recipients) {
      const ins = await tx.query<{ id: number }>(
        `insert into press_inbound_mails (unit_id, recipient, mail_from, message_id, size_bytes, raw, received_at) values ($1,$2,$3,$4,$5,$6,$7)
         on conflict (unit_id, message_id) do nothing returning id`,
        [rcpt.unitId, rcpt.address, env.mailFrom, messageId, raw.length, raw, at],
      );
      if (!ins.rowCount) {
        out.push({ unitId: rcpt.unitId, questionId: null, isDuplicate: true });
        continue;
      }
      let questionId: number | null = null;
      if (email) {
        const outlet = await guessOutlet(tx, rcpt.unitId, email);
        // a question refers to its own unit's outlets by id; an outlet of a unit above is named only
        const isOwn = outlet != null && outlet.outletUnitId === rcpt.unitId;
        const subject = (parsed.subject ?? '').trim().slice(0, 200) || t('press.inbound_no_subject');
        let question = bodyOf(parsed);
        if (question.length < 10) question = `${subject}\n\n${question || t('press.inbound_no_body')}`.trim();
        const name = (outlet?.journalistName ?? fromName) || email;
        try {
          await tx.query('savepoint inbound_question');
          questionId = await insertQuestion(tx, { userId: null, ip: null }, {
            unitId: rcpt.unitId, channel: 'email', outletId: isOwn ? outlet.outletId : null, journalistId: isOwn ? outlet.journalistId : null,
            outletName: outlet?.outletName ?? null, journalistName: name.slice(0, 120), email: email.length <= 254 ? email : null, subject, question,
            deadlineAt: new Date(at.getTime() + EMAILED_QUESTION_DEADLINE_HOURS * 3600_000).toISOString(),
          }, null);
          await tx.query('release savepoint inbound_question');
        } catch (err) {
          // refused by the question's rules (e.g. a malformed address): keep the mail, no question
          if (!(err instanceof AppError)) throw err;
          await tx.query('rollback to savepoint inbound_question');
        }
        if (questionId != null) await tx.query('update press_inbound_mails set question_id = $2 where id = $1', [ins.rows[0].id, questionId]);
      }
      out.push({ unitId: rcpt.unitId, questionId, isDuplicate: false });
    }
    return out;
  });
}
