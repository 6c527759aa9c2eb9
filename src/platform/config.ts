import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting Loa reads comes from the environment and is validated here,
 * once. docs/OPERATIONS.md lists them; keep the two in step.
 */
const boolish = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : ['1', 'true', 'yes'].includes(v)));

const envSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  LOA_DATA_DIR: z.string().default('./data'),
  LOA_PUBLIC_URL: z.string().url().optional(),
  LOA_ROLE: z.enum(['all', 'web', 'worker']).default('all'),
  LOA_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  LOA_LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  LOA_COOKIE_SECURE: boolish,
  LOA_SESSION_HOURS: z.coerce.number().positive().default(12),
  LOA_SMTP_URL: z.string().optional(),
  LOA_MAIL_FROM: z.string().default('Loa <no-reply@loa.local>'),
  LOA_UPLOAD_MAX_MB: z.coerce.number().positive().default(20),
  LOA_LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOA_DB_POOL_MAX: z.coerce.number().int().positive().default(10),
  LOA_TRUST_PROXY: boolish,
  LOA_DEMO_PASSWORD: z.string().min(8).default('Loa@2025demo'),
  LOA_SECRET_KEY: z.string().min(32, 'at least 32 characters (64 hex digits or 44 base64 recommended)').optional(),
  LOA_FACEBOOK_GRAPH_URL: z.string().url().default('https://graph.facebook.com/v21.0'),
  LOA_ZALO_API_URL: z.string().url().default('https://openapi.zalo.me'),
  LOA_ZALO_OAUTH_URL: z.string().url().default('https://oauth.zaloapp.com'),
  LOA_DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(6),
  LOA_DELIVERY_TIMEOUT_SECONDS: z.coerce.number().positive().default(20),
  LOA_DELIVERY_LEASE_SECONDS: z.coerce.number().int().min(10).default(300),
});

export type Config = {
  databaseUrl?: string;
  port: number;
  host: string;
  dataDir: string;
  publicUrl: string;
  role: 'all' | 'web' | 'worker';
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  logFormat: 'json' | 'pretty';
  cookieSecure: boolean;
  sessionHours: number;
  smtpUrl?: string;
  mailFrom: string;
  uploadMaxBytes: number;
  loginMaxFailures: number;
  dbPoolMax: number;
  demoPassword: string;
  isTrustingProxy: boolean;
  secretKey?: string;
  facebookGraphUrl: string;
  zaloApiUrl: string;
  zaloOauthUrl: string;
  deliveryMaxAttempts: number;
  deliveryTimeoutMs: number;
  deliveryLeaseSeconds: number;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const publicUrl = (e.LOA_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    databaseUrl: e.DATABASE_URL,
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.LOA_DATA_DIR),
    publicUrl,
    role: e.LOA_ROLE,
    logLevel: e.LOA_LOG_LEVEL,
    logFormat: e.LOA_LOG_FORMAT ?? (process.stderr.isTTY ? 'pretty' : 'json'),
    cookieSecure: e.LOA_COOKIE_SECURE ?? publicUrl.startsWith('https://'),
    sessionHours: e.LOA_SESSION_HOURS,
    smtpUrl: e.LOA_SMTP_URL || undefined,
    mailFrom: e.LOA_MAIL_FROM,
    uploadMaxBytes: Math.round(e.LOA_UPLOAD_MAX_MB * 1024 * 1024),
    loginMaxFailures: e.LOA_LOGIN_MAX_FAILURES,
    dbPoolMax: e.LOA_DB_POOL_MAX,
    demoPassword: e.LOA_DEMO_PASSWORD,
    isTrustingProxy: e.LOA_TRUST_PROXY ?? false,
    secretKey: e.LOA_SECRET_KEY || undefined,
    facebookGraphUrl: e.LOA_FACEBOOK_GRAPH_URL.replace(/\/$/, ''),
    zaloApiUrl: e.LOA_ZALO_API_URL.replace(/\/$/, ''),
    zaloOauthUrl: e.LOA_ZALO_OAUTH_URL.replace(/\/$/, ''),
    deliveryMaxAttempts: e.LOA_DELIVERY_MAX_ATTEMPTS,
    deliveryTimeoutMs: Math.round(e.LOA_DELIVERY_TIMEOUT_SECONDS * 1000),
    deliveryLeaseSeconds: e.LOA_DELIVERY_LEASE_SECONDS,
  };
}

let current: Config | undefined;
export function config(): Config {
  current ??= loadConfig();
  return current;
}
/** Tests and the CLI override settings through here, never by mutating process.env later. */
export function setConfig(next: Config): void {
  current = next;
}
