import net from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';
import { now } from '../../platform/clock';
import { db } from '../../platform/db';
import { log } from '../../platform/log';
import { type InboundSettings, inboundSettings, storeInboundMail, unitForPressAddress } from './inbound.service';

/**
 * The inbound SMTP listener for press questions (started by the worker when
 * LOA_INBOUND_SMTP_PORT is set; run it on ONE machine, behind the MX / relay,
 * which does TLS, SPF/DKIM and spam filtering). It only accepts mail to a known
 * unit's press address (550 otherwise), at most `maxRecipients` recipients and
 * `maxBytes` per message (552 beyond). The message is written to PostgreSQL —
 * raw and as a press question — BEFORE the 250 answer; when the database is not
 * reachable the answer is 451 (temporary), so the relay keeps the message and
 * retries. Nothing is lost if the process dies: either the relay got 250 after
 * the commit, or it did not and will resend (the unique Message-ID per unit
 * makes the resend a no-op).
 *
 * Exposure: it listens on 127.0.0.1 unless LOA_INBOUND_SMTP_HOST says otherwise;
 * with LOA_INBOUND_SMTP_ALLOW (comma-separated IPs / CIDRs of the relay) any other
 * client is refused at connect (554); one sender address may hand over at most
 * LOA_INBOUND_SMTP_SENDER_HOURLY messages (default 30) per clock hour — beyond, MAIL
 * FROM answers 451 so a legitimate relay retries later.
 */
export type SmtpGuard = { allow: string[]; senderHourly: number };

/** The allowlist as a BlockList (null: everyone may connect); throws on an entry that is not an IP or CIDR. */
export function allowListOf(entries: string[]): net.BlockList | null {
  if (!entries.length) return null;
  const list = new net.BlockList();
  for (const e of entries) {
    const [ip, bits] = e.split('/');
    const family = net.isIP(ip);
    if (!family || (bits !== undefined && !/^\d{1,3}$/.test(bits))) throw new Error(`LOA_INBOUND_SMTP_ALLOW: not an IP or CIDR: ${e}`);
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(ip, type);
    else list.addSubnet(ip, Number(bits), type);
  }
  return list;
}
const isAllowed = (list: net.BlockList, addr: string) => {
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(addr)?.[1];
  if (v4) return list.check(v4, 'ipv4');
  return net.isIP(addr) === 6 ? list.check(addr, 'ipv6') : net.isIP(addr) === 4 && list.check(addr, 'ipv4');
};
export function smtpGuardOf(env: NodeJS.ProcessEnv = process.env): SmtpGuard {
  const n = Number(env.LOA_INBOUND_SMTP_SENDER_HOURLY ?? 30);
  return {
    allow: (env.LOA_INBOUND_SMTP_ALLOW ?? '').split(',').map((x) => x.trim()).filter(Boolean),
    senderHourly: Number.isInteger(n) && n > 0 ? n : 30,
  };
}
type Session = SMTPServerSession & { pressUnits?: { address: string; unitId: number }[] };
const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

export function createInboundSmtpServer(settings: InboundSettings = inboundSettings(), guard: SmtpGuard = smtpGuardOf()): SMTPServer {
  const allow = allowListOf(guard.allow);
  // per sender address, messages begun in the current clock hour
  let hour = -1;
  const perSender = new Map<string, number>();
  return new SMTPServer({
    name: settings.domain || 'loa',
    banner: 'Loa press inbox',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: settings.maxBytes,
    maxClients: 50,
    socketTimeout: 60_000,
    onConnect(session, cb) {
      if (allow && !isAllowed(allow, session.remoteAddress)) {
        log.warn('inbound smtp: connection refused (not in LOA_INBOUND_SMTP_ALLOW)', { ip: session.remoteAddress });
        return cb(smtpError(554, '5.7.1 Connection refused'));
      }
      cb();
    },
    onMailFrom(address: SMTPServerAddress, session: Session, cb) {
      session.pressUnits = [];
      const h = Math.floor(now().getTime() / 3600_000);
      if (h !== hour) {
        hour = h;
        perSender.clear();
      }
      const sender = address.address.toLowerCase();
      const n = perSender.get(sender) ?? 0;
      if (n >= guard.senderHourly) return cb(smtpError(451, '4.7.1 Too many messages from this sender, try again later'));
      perSender.set(sender, n + 1);
      const args = address.args as Record<string, string> | false | undefined;
      const declared = Number((args && args.SIZE) || 0);
      if (declared > settings.maxBytes) return cb(smtpError(552, `5.3.4 Message too big (max ${settings.maxBytes} bytes)`));
      cb();
    },
    onRcptTo(address: SMTPServerAddress, session: Session, cb) {
      if ((session.pressUnits?.length ?? 0) >= settings.maxRecipients) return cb(smtpError(452, '4.5.3 Too many recipients'));
      unitForPressAddress(db(), address.address, settings).then(
        (unit) => {
          if (!unit) return cb(smtpError(550, '5.1.1 No such press mailbox / Hop thu bao chi khong ton tai'));
          (session.pressUnits ??= []).push({ address: address.address.toLowerCase(), unitId: unit.id });
          cb();
        },
        (err: Error) => {
          log.warn('inbound smtp: recipient check failed', { reason: err.message });
          cb(smtpError(451, '4.3.0 Temporary failure, try again later'));
        },
      );
    },
    onData(stream, session: Session, cb) {
      const chunks: Buffer[] = [];
      let bytes = 0;
      stream.on('data', (d: Buffer) => {
        bytes += d.length;
        if (bytes <= settings.maxBytes) chunks.push(d);
      });
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded || bytes > settings.maxBytes) {
          return cb(smtpError(552, `5.3.4 Message too big (max ${settings.maxBytes} bytes)`));
        }
        const recipients = session.pressUnits ?? [];
        const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
        storeInboundMail(Buffer.concat(chunks), { mailFrom, recipients }).then(
          (stored) => {
            log.info('inbound smtp: press mail stored', { from: mailFrom, units: stored.map((s) => s.unitId), questions: stored.map((s) => s.questionId) });
            cb(null, 'OK: received / Da nhan');
          },
          (err: Error) => {
            log.error('inbound smtp: could not store a press mail', { reason: err.message });
            cb(smtpError(451, '4.3.0 Temporary failure, try again later'));
          },
        );
      });
    },
  });
}

/** Starts the listener on LOA_INBOUND_SMTP_PORT (host LOA_INBOUND_SMTP_HOST, default 127.0.0.1); null when not configured. */
export async function startInboundSmtp(env: NodeJS.ProcessEnv = process.env): Promise<{ port: number; close: () => Promise<void> } | null> {
  const port = Number(env.LOA_INBOUND_SMTP_PORT ?? '');
  if (!env.LOA_INBOUND_SMTP_PORT || !Number.isInteger(port) || port < 0) return null;
  const settings = inboundSettings(env);
  if (!settings.domain) {
    log.warn('inbound smtp: LOA_INBOUND_SMTP_PORT is set but LOA_INBOUND_DOMAIN is not; not started');
    return null;
  }
  const server = createInboundSmtpServer(settings, smtpGuardOf(env));
  server.on('error', (err) => log.warn('inbound smtp error', { reason: err.message }));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, env.LOA_INBOUND_SMTP_HOST || '127.0.0.1', () => resolve());
  });
  const actual = (server.server.address() as { port: number }).port;
  log.info('inbound smtp listening', { port: actual, domain: settings.domain });
  return { port: actual, close: () => new Promise<void>((r) => server.close(() => r())) };
}
