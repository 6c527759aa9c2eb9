import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { config } from '../../platform/config';
import { log } from '../../platform/log';

/**
 * Secrets at rest. Channel tokens (Facebook Page, Zalo OA) are stored encrypted
 * with AES-256-GCM; newsletter links are signed with HMAC-SHA256. Both keys are
 * derived (HKDF-SHA256, one label per use) from one master secret:
 *
 * - `LOA_SECRET_KEY` when set: 64 hex digits or base64 of 32 bytes are used as
 *   they are; any other string of 32+ characters is hashed into a key;
 * - otherwise `$LOA_DATA_DIR/secret.key`, created on first use with 32 random
 *   bytes and mode 0600, so a fresh clone works out of the box. Several machines
 *   must share one key: set LOA_SECRET_KEY on each (docs/OPERATIONS.md).
 */
let cached: { source: string; key: Buffer } | undefined;

function parseKey(text: string): Buffer {
  const s = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(s)) return Buffer.from(s, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(s)) {
    const b = Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (b.length === 32) return b;
  }
  return crypto.createHash('sha256').update(s, 'utf8').digest();
}

function keyFile(): string {
  return path.join(config().dataDir, 'secret.key');
}

/** Reads the key file, creating it (0600, exclusive) when missing; a racing process's file wins. */
function fileKey(): Buffer {
  const file = keyFile();
  try {
    return parseKey(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, `${crypto.randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
    fs.chmodSync(file, 0o600);
    log.info('generated a secret key for channel tokens and newsletter links', { file });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return parseKey(fs.readFileSync(file, 'utf8'));
}

export function masterKey(): Buffer {
  const source = config().secretKey ? `env:${config().secretKey}` : `file:${keyFile()}`;
  if (cached?.source !== source) cached = { source, key: config().secretKey ? parseKey(config().secretKey as string) : fileKey() };
  return cached.key;
}

function derived(label: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', masterKey(), Buffer.alloc(0), Buffer.from(`loa:${label}`), 32));
}

const b64 = (b: Buffer) => b.toString('base64url');

/** AES-256-GCM with a random 96-bit IV: "v1:<iv>:<tag>:<ciphertext>". */
export function encryptSecret(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', derived('channel-token:v1'), iv);
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `v1:${b64(iv)}:${b64(cipher.getAuthTag())}:${b64(ct)}`;
}

export function decryptSecret(stored: string): string {
  const [v, iv, tag, ct] = stored.split(':');
  if (v !== 'v1' || !iv || !tag || ct === undefined) throw new Error('unknown secret format');
  const decipher = crypto.createDecipheriv('aes-256-gcm', derived('channel-token:v1'), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
}

/** The last four characters, to tell two tokens apart without showing them. */
export function tokenHint(token: string): string {
  return token.length > 8 ? `…${token.slice(-4)}` : '…';
}

/** An HMAC-signed, URL-safe token: "<payload>.<signature>" (payload: dot-free ASCII). */
export function signToken(payload: string): string {
  const mac = crypto.createHmac('sha256', derived('signed-link:v1')).update(payload).digest().subarray(0, 18);
  return `${payload}.${b64(mac)}`;
}

/** The payload of a token this key signed, or null (constant-time comparison). */
export function verifyToken(token: string): string | null {
  const i = token.lastIndexOf('.');
  if (i <= 0) return null;
  const payload = token.slice(0, i);
  const expected = Buffer.from(signToken(payload).slice(i + 1));
  const given = Buffer.from(token.slice(i + 1));
  return expected.length === given.length && crypto.timingSafeEqual(expected, given) ? payload : null;
}
