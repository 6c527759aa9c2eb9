import crypto from 'node:crypto';
import { now } from '../../platform/clock';
import { config } from '../../platform/config';
import { type Queryable, db, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { enqueue } from '../../platform/jobs';
import { generateTotpSecret, totpUri, verifyTotp } from '../../platform/totp';
import { type Actor, recordAudit } from '../audit';
import type { Assignment, Role } from '../org';
import { sendMailJob } from './identity.jobs';
import { hashPassword, isPasswordAcceptable, verifyPassword } from './passwords';

/**
 * Sign-in, sessions, password resets and TOTP. Session tokens live only in the
 * cookie; the database keeps their SHA-256, so a leaked table opens nothing.
 */
export type SessionUser = {
  id: number;
  email: string;
  name: string;
  locale: 'vi' | 'en';
  unitId: number | null;
  isTotpEnabled: boolean;
  assignments: Assignment[];
};
export type Session = { id: string; csrfToken: string; isMfaPending: boolean; user: SessionUser };

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const FAILURE_WINDOW_MIN = 15;

export async function loadAssignments(q: Queryable, userId: number): Promise<Assignment[]> {
  const r = await q.query<{ role: Role; unitId: number; unitPath: string }>(
    `select r.role, r.unit_id as "unitId", u.path::text as "unitPath"
       from role_assignments r join units u on u.id = r.unit_id where r.user_id = $1 and u.status = 'active'`,
    [userId],
  );
  return r.rows;
}

/**
 * Resolves a cookie token to its session. The idle expiry slides, but at most
 * once a minute per session, so reading pages does not write a row each time.
 */
export async function findSession(token: string): Promise<Session | null> {
  const id = sha256(token);
  const at = now();
  const r = await db().query(
    `select s.id, s.csrf_token as "csrfToken", s.is_mfa_pending as "isMfaPending", s.last_seen_at as "lastSeenAt",
            p.id as "userId", p.email, p.name, p.locale, p.unit_id as "unitId", p.is_totp_enabled as "isTotpEnabled"
       from sessions s join users p on p.id = s.user_id
      where s.id = $1 and s.expires_at > $2 and p.is_active`,
    [id, at],
  );
  if (r.rows[0] && at.getTime() - new Date(r.rows[0].lastSeenAt).getTime() > 60_000) {
    await db().query('update sessions set last_seen_at = $2, expires_at = greatest(expires_at, $3) where id = $1', [
      id,
      at,
      new Date(at.getTime() + config().sessionHours * 3600_000),
    ]);
  }
  const s = r.rows[0];
  if (!s) return null;
  return {
    id: s.id,
    csrfToken: s.csrfToken,
    isMfaPending: s.isMfaPending,
    user: {
      id: s.userId,
      email: s.email,
      name: s.name,
      locale: s.locale,
      unitId: s.unitId,
      isTotpEnabled: s.isTotpEnabled,
      assignments: await loadAssignments(db(), s.userId),
    },
  };
}

async function createSession(userId: number, isMfaPending: boolean, ip: string | null, userAgent: string | null) {
  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  await db().query(
    `insert into sessions (id, user_id, csrf_token, is_mfa_pending, ip, user_agent, created_at, last_seen_at, expires_at)
     values ($1,$2,$3,$4,$5,$6,$7,$7,$8)`,
    [sha256(token), userId, csrfToken, isMfaPending, ip, userAgent?.slice(0, 300) ?? null, now(), new Date(now().getTime() + config().sessionHours * 3600_000)],
  );
  return { token, csrfToken };
}

async function assertNotRateLimited(email: string, ip: string | null) {
  const since = new Date(now().getTime() - FAILURE_WINDOW_MIN * 60_000);
  const r = await db().query<{ byEmail: number; byIp: number }>(
    `select count(*) filter (where key = $1)::int as "byEmail", count(*) filter (where key = $2)::int as "byIp"
       from login_attempts where key in ($1, $2) and not is_success and at > $3`,
    [`email:${email}`, `ip:${ip ?? '-'}`, since],
  );
  const max = config().loginMaxFailures;
  if (r.rows[0].byEmail >= max || r.rows[0].byIp >= max * 4) {
    throw new AppError('auth.rate_limited', 429, 'auth.rate_limited', { minutes: FAILURE_WINDOW_MIN });
  }
}

async function recordAttempt(email: string, ip: string | null, isSuccess: boolean) {
  await db().query('insert into login_attempts (key, is_success, at) values ($1,$3,$4), ($2,$3,$4)', [
    `email:${email}`,
    `ip:${ip ?? '-'}`,
    isSuccess,
    now(),
  ]);
  if (isSuccess) {
    await db().query(`delete from login_attempts where key = $1 and not is_success`, [`email:${email}`]);
  }
}

export async function login(input: { email: string; password: string; ip: string | null; userAgent: string | null }) {
  const email = input.email.trim().toLowerCase();
  await assertNotRateLimited(email, input.ip);
  const r = await db().query(
    'select id, password_hash, is_active, is_totp_enabled from users where lower(email) = $1',
    [email],
  );
  const user = r.rows[0];
  // Verify even for unknown users so response time does not reveal which e-mails exist.
  const isOk = await verifyPassword(user?.password_hash ?? (await dummyHash()), input.password);
  if (!user || !isOk) {
    await recordAttempt(email, input.ip, false);
    throw new AppError('auth.invalid_credentials', 401, 'auth.invalid_credentials');
  }
  if (!user.is_active) throw new AppError('auth.inactive', 403, 'auth.inactive');
  await recordAttempt(email, input.ip, true);
  const session = await createSession(user.id, user.is_totp_enabled, input.ip, input.userAgent);
  if (!user.is_totp_enabled) await markLogin(user.id, input.ip);
  return { ...session, isMfaPending: user.is_totp_enabled as boolean };
}
let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= hashPassword(crypto.randomBytes(16).toString('hex')));

async function markLogin(userId: number, ip: string | null) {
  await withTransaction(async (tx) => {
    await tx.query('update users set last_login_at = $2 where id = $1', [userId, now()]);
    await recordAudit(tx, { userId, ip }, { action: 'auth.login', entity: 'person', entityId: userId });
  });
}

/** Second step for administrators with TOTP: the session becomes full only with a valid code. */
export async function verifySessionTotp(session: Session, code: string, ip: string | null): Promise<void> {
  const key = `totp:${session.user.id}`;
  await assertNotRateLimited(key, ip);
  const r = await db().query('select totp_secret from users where id = $1', [session.user.id]);
  if (!r.rows[0]?.totp_secret || !verifyTotp(r.rows[0].totp_secret, code, now())) {
    await recordAttempt(key, ip, false);
    throw new AppError('auth.totp_invalid', 401, 'auth.totp_invalid');
  }
  await recordAttempt(key, ip, true);
  await db().query('update sessions set is_mfa_pending = false where id = $1', [session.id]);
  await markLogin(session.user.id, ip);
}

export async function logout(session: Session): Promise<void> {
  await db().query('delete from sessions where id = $1', [session.id]);
}

export async function beginTotpSetup(userId: number, email: string): Promise<{ secret: string; uri: string }> {
  const secret = generateTotpSecret();
  await db().query('update users set totp_secret = $2 where id = $1 and not is_totp_enabled', [userId, secret]);
  return { secret, uri: totpUri(secret, email) };
}

export async function enableTotp(actor: Actor, code: string): Promise<void> {
  const r = await db().query('select totp_secret, is_totp_enabled from users where id = $1', [actor.userId]);
  const row = r.rows[0];
  if (!row?.totp_secret || row.is_totp_enabled || !verifyTotp(row.totp_secret, code, now())) {
    throw new AppError('auth.totp_invalid', 422, 'auth.totp_invalid');
  }
  await withTransaction(async (tx) => {
    await tx.query('update users set is_totp_enabled = true where id = $1', [actor.userId]);
    await recordAudit(tx, actor, { action: 'auth.totp_enable', entity: 'person', entityId: actor.userId });
  });
}

export async function disableTotp(actor: Actor, password: string): Promise<void> {
  const r = await db().query('select password_hash from users where id = $1', [actor.userId]);
  if (!(await verifyPassword(r.rows[0]?.password_hash, password))) {
    throw new AppError('auth.invalid_credentials', 401, 'auth.invalid_credentials');
  }
  await withTransaction(async (tx) => {
    await tx.query('update users set is_totp_enabled = false, totp_secret = null where id = $1', [actor.userId]);
    await recordAudit(tx, actor, { action: 'auth.totp_disable', entity: 'person', entityId: actor.userId });
  });
}

/** Always answers the same way, so the form does not reveal who has an account. */
export async function requestPasswordReset(emailInput: string): Promise<void> {
  const email = emailInput.trim().toLowerCase();
  const r = await db().query('select id, name, email from users where lower(email) = $1 and is_active', [email]);
  const user = r.rows[0];
  if (!user) return;
  const token = crypto.randomBytes(32).toString('base64url');
  await db().query('insert into password_resets (token_hash, user_id, expires_at) values ($1,$2,$3)', [
    sha256(token),
    user.id,
    new Date(now().getTime() + 3600_000),
  ]);
  const link = `${config().publicUrl}/admin/dat-lai-mat-khau?token=${token}`;
  await enqueue(sendMailJob, {
    to: user.email,
    subject: t('auth.reset_mail_subject'),
    text: t('auth.reset_mail_body', { name: user.name, link }),
  });
}

export async function resetPassword(token: string, password: string): Promise<void> {
  if (!isPasswordAcceptable(password)) throw new AppError('auth.password_weak', 422, 'auth.password_weak');
  const passwordHash = await hashPassword(password);
  await withTransaction(async (tx) => {
    const r = await tx.query<{ userId: number }>(
      `update password_resets set used_at = $2 where token_hash = $1 and used_at is null and expires_at > $2
       returning user_id as "userId"`,
      [sha256(token), now()],
    );
    const userId = r.rows[0]?.userId;
    if (!userId) throw new AppError('auth.reset_invalid', 400, 'auth.reset_invalid');
    await tx.query('update users set password_hash = $2, updated_at = now() where id = $1', [userId, passwordHash]);
    await tx.query('delete from sessions where user_id = $1', [userId]);
    await recordAudit(tx, { userId, ip: null }, { action: 'auth.password_reset', entity: 'person', entityId: userId });
  });
}

export async function changePassword(actor: Actor, current: string, next: string): Promise<void> {
  const r = await db().query('select password_hash from users where id = $1', [actor.userId]);
  if (!(await verifyPassword(r.rows[0]?.password_hash, current))) {
    throw new AppError('auth.invalid_credentials', 401, 'auth.invalid_credentials');
  }
  await setPassword(actor, actor.userId as number, next);
}

export async function setPassword(actor: Actor, userId: number, password: string): Promise<void> {
  if (!isPasswordAcceptable(password)) throw new AppError('auth.password_weak', 422, 'auth.password_weak');
  const passwordHash = await hashPassword(password);
  await withTransaction(async (tx) => {
    await tx.query('update users set password_hash = $2, updated_at = now() where id = $1', [userId, passwordHash]);
    await recordAudit(tx, actor, { action: 'auth.password_set', entity: 'person', entityId: userId });
  });
}

export async function purgeExpiredSessions(): Promise<void> {
  await db().query('delete from sessions where expires_at < $1', [now()]);
  await db().query(`delete from login_attempts where at < $1`, [new Date(now().getTime() - 86_400_000)]);
}
