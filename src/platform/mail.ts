import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { config } from './config';
import { log } from './log';

/**
 * Outbound e-mail. With LOA_SMTP_URL set it speaks SMTP; without, each message
 * is written to `$LOA_DATA_DIR/outbox/` as an .eml file, so a laptop install
 * still shows what would have been sent (password resets, reminders).
 */
export type Mail = { to: string; subject: string; text: string; html?: string };

type Transport = ReturnType<typeof nodemailer.createTransport>;
let transport: Transport | undefined;
function getTransport(): Transport {
  if (transport) return transport;
  const { smtpUrl, dataDir } = config();
  transport = smtpUrl
    ? nodemailer.createTransport(smtpUrl)
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  if (!smtpUrl) log.info('no LOA_SMTP_URL: mail goes to the outbox folder', { folder: path.join(dataDir, 'outbox') });
  return transport;
}
export function resetMailTransport(): void {
  transport = undefined;
}

export async function sendMail(mail: Mail): Promise<void> {
  const { smtpUrl, dataDir, mailFrom } = config();
  const info = await getTransport().sendMail({ from: mailFrom, ...mail });
  if (!smtpUrl) {
    const dir = path.join(dataDir, 'outbox');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${Date.now()}-${Math.random().toString(36).slice(2, 8)}.eml`);
    fs.writeFileSync(file, info.message as Buffer);
    log.info('mail written to outbox', { to: mail.to, subject: mail.subject, file });
  } else {
    log.info('mail sent', { to: mail.to, subject: mail.subject });
  }
}
