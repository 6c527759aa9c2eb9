import type { Context } from 'hono';
import { Hono } from 'hono';
import { clientIp } from '../http/auth';
import { confirmSubjectRequest, subjectVerifyPath } from '../modules/feedback';
import { AppError } from '../platform/errors';
import { t } from '../platform/i18n';
import { HTML, renderToString } from './http-cache';
import { Layout } from './layout';
import { isSameOrigin } from './same-origin';

/**
 * /gop-y/xac-nhan-yeu-cau?token=…: the requester of a data-subject request opens the link
 * e-mailed to them (issue 8, D1). The GET only shows a confirm button, so a mail scanner
 * that prefetches links cannot verify a request on the owner's behalf; the same-origin POST
 * confirms, proving control of the address.
 */
export const feedbackVerifyPortalRoutes = new Hono();

async function page(body: () => unknown, status: number) {
  const html = await renderToString(
    <Layout title={t('portal.fb.request_heading')} path={subjectVerifyPath}>
      <h1>{t('portal.fb.request_heading')}</h1>
      {body() as never}
    </Layout>,
  );
  return new Response(html, { status, headers: { 'content-type': HTML, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' } });
}

feedbackVerifyPortalRoutes.get(subjectVerifyPath, (c) => {
  const token = (c.req.query('token') ?? '').slice(0, 100);
  return page(() => (
    <form method="post" action={subjectVerifyPath}>
      <p>{t('feedback.verify_prompt')}</p>
      <input type="hidden" name="token" value={token} />
      <button type="submit">{t('feedback.verify_button')}</button>
    </form>
  ), 200);
});

feedbackVerifyPortalRoutes.post(subjectVerifyPath, async (c: Context) => {
  if (!isSameOrigin(c)) return page(() => <p role="alert">{t('portal.fb.cross_site')}</p>, 403);
  const form = await c.req.parseBody();
  const token = typeof form.token === 'string' ? form.token : '';
  try {
    const r = await confirmSubjectRequest(token, clientIp(c));
    const [y, m, d] = r.dueDate.split('-');
    return page(() => <p role="status">{t('feedback.verify_done', { date: `${d}/${m}/${y}` })}</p>, 200);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return page(() => <p role="alert">{t(err.messageKey, err.params)}</p>, 400);
  }
});
