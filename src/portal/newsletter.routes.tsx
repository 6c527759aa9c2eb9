import { Hono } from 'hono';
import type { Context } from 'hono';
import { csrf } from 'hono/csrf';
import type { Child } from 'hono/jsx';
import { z } from 'zod';
import { getConnInfo } from '@hono/node-server/conninfo';
import {
  confirmSubscription,
  describeUnsubscribe,
  newsletterUnitByCode,
  subscribe,
  unsubscribe,
} from '../modules/distribution/newsletter.service';
import { config } from '../platform/config';
import { db } from '../platform/db';
import { AppError } from '../platform/errors';
import { t } from '../platform/i18n';
import { Layout } from './layout';

/**
 * The newsletter's public pages (no session, no client JS): the subscribe form
 * of a unit, the confirmation link, and the unsubscribe link from every issue.
 * Opening an unsubscribe link shows a button rather than acting at once, since
 * mail scanners open links; the POST needs no sign-in, only the signed token.
 */
export const newsletterRoutes = new Hono();
newsletterRoutes.use('/ban-tin/*', csrf());

const noStore = { 'cache-control': 'no-store', 'content-type': 'text/html; charset=utf-8' };
async function page(c: Context, status: 200 | 400 | 404, title: string, children: Child) {
  const node = (
    <Layout title={title} path="">
      <div class="article">
        <h1>{title}</h1>
        {children}
      </div>
    </Layout>
  );
  const body = String(await Promise.resolve((node as unknown as { toString(): string | Promise<string> }).toString()));
  return c.body(body, status, noStore);
}

function ip(c: Context): string | null {
  if (config().isTrustingProxy) {
    const fwd = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (fwd) return fwd;
  }
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null;
  }
}

function maskEmail(email: string): string {
  const [name, domain] = email.split('@');
  return `${name.slice(0, 2)}${'•'.repeat(Math.max(1, Math.min(6, name.length - 2)))}@${domain ?? ''}`;
}

const badLink = (c: Context) => page(c, 400, t('newsletter.page.bad_link_title'), <p>{t('newsletter.bad_link')}</p>);

function SubscribeForm(props: { code: string; unitName: string; email?: string; error?: string }) {
  return (
    <>
      <p>{t('newsletter.page.lead', { unit: props.unitName })}</p>
      <form class="search" method="post" action={`/ban-tin/${encodeURIComponent(props.code)}`}>
        <label for="email" class="muted" style="flex-basis:100%">
          {t('newsletter.page.email_label')}
        </label>
        <input id="email" name="email" type="email" required autocomplete="email" value={props.email ?? ''} aria-invalid={props.error ? 'true' : undefined} aria-describedby={props.error ? 'email-error' : undefined} />
        <button type="submit">{t('newsletter.page.subscribe')}</button>
      </form>
      {props.error && (
        <p id="email-error" class="notice" role="alert">
          {props.error}
        </p>
      )}
      <p class="muted">{t('newsletter.page.privacy')}</p>
    </>
  );
}

// Fixed paths first: a unit code never shadows them.
newsletterRoutes.get('/ban-tin/xac-nhan', async (c) => {
  try {
    const r = await confirmSubscription(c.req.query('token') ?? '');
    return page(c, 200, t('newsletter.page.confirmed_title'), <p>{t('newsletter.page.confirmed', { unit: r.unitName })}</p>);
  } catch (err) {
    if (err instanceof AppError && err.code === 'newsletter.bad_link') return badLink(c);
    throw err;
  }
});

newsletterRoutes.get('/ban-tin/huy-dang-ky', async (c) => {
  const token = c.req.query('token') ?? '';
  let who: Awaited<ReturnType<typeof describeUnsubscribe>>;
  try {
    who = await describeUnsubscribe(db(), token);
  } catch (err) {
    if (err instanceof AppError) return badLink(c);
    throw err;
  }
  if (who.status === 'unsubscribed') {
    return page(c, 200, t('newsletter.page.unsubscribed_title'), <p>{t('newsletter.page.unsubscribed', { unit: who.unitName })}</p>);
  }
  return page(
    c,
    200,
    t('newsletter.page.unsubscribe_title'),
    <>
      <p>{t('newsletter.page.unsubscribe_lead', { email: maskEmail(who.email), unit: who.unitName })}</p>
      <form method="post" action="/ban-tin/huy-dang-ky">
        <input type="hidden" name="token" value={token} />
        <button type="submit">{t('newsletter.page.unsubscribe')}</button>
      </form>
    </>,
  );
});

newsletterRoutes.post('/ban-tin/huy-dang-ky', async (c) => {
  const form = await c.req.parseBody();
  try {
    const r = await unsubscribe(typeof form.token === 'string' ? form.token : '');
    return page(c, 200, t('newsletter.page.unsubscribed_title'), <p>{t('newsletter.page.unsubscribed', { unit: r.unitName })}</p>);
  } catch (err) {
    if (err instanceof AppError) return badLink(c);
    throw err;
  }
});

newsletterRoutes.get('/ban-tin/:code', async (c) => {
  const unit = await newsletterUnitByCode(db(), c.req.param('code'));
  if (!unit) return page(c, 404, t('newsletter.page.unavailable_title'), <p>{t('newsletter.unavailable')}</p>);
  return page(c, 200, t('newsletter.page.title', { unit: unit.name }), <SubscribeForm code={unit.code} unitName={unit.name} />);
});

const EmailSchema = z.string().trim().max(254).email();

newsletterRoutes.post('/ban-tin/:code', async (c) => {
  const unit = await newsletterUnitByCode(db(), c.req.param('code'));
  if (!unit) return page(c, 404, t('newsletter.page.unavailable_title'), <p>{t('newsletter.unavailable')}</p>);
  const form = await c.req.parseBody();
  const email = EmailSchema.safeParse(typeof form.email === 'string' ? form.email : '');
  if (!email.success) {
    return page(
      c,
      400,
      t('newsletter.page.title', { unit: unit.name }),
      <SubscribeForm code={unit.code} unitName={unit.name} email={typeof form.email === 'string' ? form.email.slice(0, 254) : ''} error={t('newsletter.page.bad_email')} />,
    );
  }
  await subscribe(unit.id, email.data, ip(c));
  return page(c, 200, t('newsletter.page.check_title'), <p>{t('newsletter.page.check', { email: email.data, unit: unit.name })}</p>);
});
