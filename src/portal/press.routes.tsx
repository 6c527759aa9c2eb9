import type { Context } from 'hono';
import { isSameOrigin } from './same-origin';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { clientIp } from '../http/auth';
import { textOfHtml } from '../modules/newsroom/html';
import { formToken } from '../modules/sitecontent';
import { publishedRebuttal, publishedRebuttals, publishedRelease, publishedReleases, rebuttalPath, releasePath } from '../modules/press/releases.service';
import { submitPressQuestion, unitsTakingQuestions } from '../modules/press/questions.service';
import { db } from '../platform/db';
import { AppError } from '../platform/errors';
import { t } from '../platform/i18n';
import { portalVersion } from './freshness';
import { HTML, cached, renderToString } from './http-cache';
import { Layout } from './layout';
import { notFoundPage } from './news.routes';
import { Breadcrumbs, DateVi, Pager, absolute, jsonLd } from './news.views';

/**
 * Public press pages: press releases (/thong-cao-bao-chi), rebuttals of false
 * information (/cai-chinh-thong-tin) with the coverage links of the monitoring
 * thread they answer, and the journalists' question form (/bao-chi/gui-cau-hoi),
 * which follows the site contact form's spam rules (honeypot, signed timing
 * token bound to the unit, per-IP hourly limit, link limit, same-origin post).
 * Published pages are cached under the portal stamp (triggers on both tables).
 */
export const pressPortalRoutes = new Hono();

const RELEASES = '/thong-cao-bao-chi';
const REBUTTALS = '/cai-chinh-thong-tin';
const FORM = '/bao-chi/gui-cau-hoi';
const PAGE_SIZE = 12;
const pageOf = (c: Context) => {
  const n = Number(c.req.query('trang') ?? '1');
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
};
const excerpt = (text: string, max = 200) => (text.length > max ? `${text.slice(0, max - 1).replace(/\s+\S*$/, '')}…` : text) || undefined;
const slugOk = (s: string) => /^[a-z0-9][a-z0-9-]{0,199}$/.test(s);

function PressLinks() {
  return (
    <ul class="chips">
      <li>
        <a href={RELEASES}>{t('portal.press.heading')}</a>
      </li>
      <li>
        <a href={REBUTTALS}>{t('portal.press.rebuttals_link')}</a>
      </li>
      <li>
        <a href={FORM}>{t('portal.press.ask_link')}</a>
      </li>
    </ul>
  );
}

pressPortalRoutes.get(RELEASES, async (c) => {
  const page = pageOf(c);
  const path = page > 1 ? `${RELEASES}?trang=${page}` : RELEASES;
  return cached(c, await portalVersion(), async () => {
    const list = await publishedReleases(db(), { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const body = await renderToString(
      <Layout title={t('portal.press.heading')} description={t('portal.press.lead')} path={RELEASES} meta={{ canonical: absolute(path) }}>
        <h1>{t('portal.press.heading')}</h1>
        <p>{t('portal.press.lead')}</p>
        <PressLinks />
        {list.items.length ? (
          <ul class="news-grid">
            {list.items.map((r) => (
              <li class="news-card">
                <h2>
                  <a href={releasePath(r.slug)}>{r.title}</a>
                </h2>
                <p class="meta">
                  {r.unitName} · <DateVi d={r.publishedAt} />
                </p>
                {r.summary && <p class="sum">{excerpt(r.summary, 220)}</p>}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('portal.press.none')}</p>
        )}
        <Pager page={page} pages={Math.max(1, Math.ceil(list.total / PAGE_SIZE))} href={(p) => (p > 1 ? `${RELEASES}?trang=${p}` : RELEASES)} />
      </Layout>,
    );
    return { body, type: HTML };
  }, path);
});

pressPortalRoutes.get(`${RELEASES}/:slug`, async (c) => {
  const slug = c.req.param('slug');
  if (!slugOk(slug)) {
    const out = await notFoundPage(t('portal.press.not_found_title'), t('portal.press.not_found'));
    return c.body(out.body, 404, { 'content-type': HTML });
  }
  return cached(c, await portalVersion(), async () => {
    const r = await publishedRelease(db(), slug);
    if (!r) return notFoundPage(t('portal.press.not_found_title'), t('portal.press.not_found'));
    const canonical = absolute(releasePath(r.slug));
    const data = {
      '@context': 'https://schema.org', '@type': 'NewsArticle', headline: r.title.slice(0, 110), inLanguage: 'vi',
      datePublished: r.publishedAt.toISOString(), dateModified: r.updatedAt.toISOString(), url: canonical, publisher: { '@type': 'Organization', name: r.unitName },
    };
    const body = await renderToString(
      <Layout
        title={r.title}
        description={r.summary ?? excerpt(textOfHtml(r.bodyHtml))}
        path={releasePath(r.slug)}
        meta={{
          canonical,
          ogType: 'article',
          extra: (
            <>
              <meta property="article:published_time" content={r.publishedAt.toISOString()} />
              <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLd(data) }} />
            </>
          ),
        }}
      >
        <Breadcrumbs items={[[t('portal.nav.home'), '/'], [t('portal.press.heading'), RELEASES]]} />
        <article class="article">
          <header>
            <h1>{r.title}</h1>
            <p class="meta">
              {r.unitName} · {t('portal.press.published')} <DateVi d={r.publishedAt} />
            </p>
          </header>
          {r.summary && <p class="lead">{r.summary}</p>}
          {/* sanitised when written (sanitizeArticleHtml) */}
          <div class="body" dangerouslySetInnerHTML={{ __html: r.bodyHtml }} />
        </article>
      </Layout>,
    );
    return { body, type: HTML };
  }, releasePath(slug));
});

pressPortalRoutes.get(REBUTTALS, async (c) => {
  const page = pageOf(c);
  const path = page > 1 ? `${REBUTTALS}?trang=${page}` : REBUTTALS;
  return cached(c, await portalVersion(), async () => {
    const list = await publishedRebuttals(db(), { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const body = await renderToString(
      <Layout title={t('portal.rebuttal.heading')} description={t('portal.rebuttal.lead')} path={REBUTTALS} meta={{ canonical: absolute(path) }}>
        <h1>{t('portal.rebuttal.heading')}</h1>
        <p>{t('portal.rebuttal.lead')}</p>
        <PressLinks />
        {list.items.length ? (
          <ul class="news-grid">
            {list.items.map((r) => (
              <li class="news-card">
                <h2>
                  <a href={rebuttalPath(r.slug)}>{r.title}</a>
                </h2>
                <p class="meta">
                  {r.unitName} · <DateVi d={r.publishedAt} />
                </p>
                <p class="sum">{excerpt(r.falseClaim, 220)}</p>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('portal.rebuttal.none')}</p>
        )}
        <Pager page={page} pages={Math.max(1, Math.ceil(list.total / PAGE_SIZE))} href={(p) => (p > 1 ? `${REBUTTALS}?trang=${p}` : REBUTTALS)} />
      </Layout>,
    );
    return { body, type: HTML };
  }, path);
});

pressPortalRoutes.get(`${REBUTTALS}/:slug`, async (c) => {
  const slug = c.req.param('slug');
  if (!slugOk(slug)) {
    const out = await notFoundPage(t('portal.rebuttal.not_found_title'), t('portal.rebuttal.not_found'));
    return c.body(out.body, 404, { 'content-type': HTML });
  }
  return cached(c, await portalVersion(), async () => {
    const r = await publishedRebuttal(db(), slug);
    if (!r) return notFoundPage(t('portal.rebuttal.not_found_title'), t('portal.rebuttal.not_found'));
    const body = await renderToString(
      <Layout title={r.title} description={excerpt(r.falseClaim)} path={rebuttalPath(r.slug)} meta={{ canonical: absolute(rebuttalPath(r.slug)), ogType: 'article' }}>
        <Breadcrumbs items={[[t('portal.nav.home'), '/'], [t('portal.rebuttal.heading'), REBUTTALS]]} />
        <article class="article">
          <header>
            <h1>{r.title}</h1>
            <p class="meta">
              {r.unitName} · <DateVi d={r.publishedAt} />
            </p>
          </header>
          <section aria-labelledby="h-claim" class="correction">
            <h2 id="h-claim">{t('portal.rebuttal.claim')}</h2>
            <p>{r.falseClaim}</p>
          </section>
          <section aria-labelledby="h-facts">
            <h2 id="h-facts">{t('portal.rebuttal.facts')}</h2>
            <div class="body" dangerouslySetInnerHTML={{ __html: r.bodyHtml }} />
          </section>
          {r.coverage.length > 0 && (
            <section aria-labelledby="h-cov">
              <h2 id="h-cov">{t('portal.rebuttal.coverage')}</h2>
              <ul>
                {r.coverage.map((x) => (
                  <li>
                    <a href={x.url} rel="nofollow noopener">
                      {x.title || x.url}
                    </a>{' '}
                    <span class="muted">
                      ({x.sourceName}, <DateVi d={new Date(x.publishedAt)} />)
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </article>
      </Layout>,
    );
    return { body, type: HTML };
  }, rebuttalPath(slug));
});

// ---- the journalists' question form -------------------------------------------------------------


type Values = { unitId: string; name: string; outlet: string; email: string; phone: string; subject: string; question: string; deadline: string };
const empty: Values = { unitId: '', name: '', outlet: '', email: '', phone: '', subject: '', question: '', deadline: '' };

/** The form's token is bound to the unit chosen; one token per unit on the page would leak nothing, so the page carries one per unit. */
async function formPage(values: Values, error: string | null, status: 200 | 400 | 403 | 413 | 429): Promise<Response> {
  const units = await unitsTakingQuestions(db());
  const tokens = await Promise.all(units.map(async (u) => `${u.id}:${await formToken(db(), u.id)}`));
  const selected = values.unitId || String(units[0]?.id ?? '');
  const body = await renderToString(
    <Layout title={t('portal.pressq.heading')} description={t('portal.pressq.lead')} path={FORM}>
      <h1>{t('portal.pressq.heading')}</h1>
      <p>{t('portal.pressq.lead')}</p>
      {error && (
        <div class="notice" role="alert" id="loi">
          <p>
            <strong>{t('portal.pressq.error_title')}</strong>
          </p>
          <p>{error}</p>
        </div>
      )}
      {units.length === 0 ? (
        <p>{t('portal.pressq.none')}</p>
      ) : (
        <form class="pf-form" method="post" action={FORM}>
          <input type="hidden" name="tokens" value={tokens.join(' ')} />
          <p class="muted">{t('portal.pressq.required')}</p>
          <div class="pf-hp" aria-hidden="true">
            <label for="pq-website">{t('portal.pressq.website')}</label>
            <input id="pq-website" type="text" name="website" tabindex={-1} autocomplete="off" value="" />
          </div>
          <div>
            <label for="pq-unit">{`${t('portal.pressq.unit')} *`}</label>
            <select id="pq-unit" name="unitId" required>
              {units.map((u) => (
                <option value={String(u.id)} selected={String(u.id) === selected}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="pq-name">{`${t('portal.pressq.name')} *`}</label>
            <input id="pq-name" type="text" name="name" required maxlength={120} autocomplete="name" value={values.name} />
          </div>
          <div>
            <label for="pq-outlet">{t('portal.pressq.outlet')}</label>
            <input id="pq-outlet" type="text" name="outlet" maxlength={200} autocomplete="organization" value={values.outlet} />
          </div>
          <div>
            <label for="pq-email">{t('portal.pressq.email')}</label>
            <input id="pq-email" type="email" name="email" maxlength={254} autocomplete="email" value={values.email} aria-describedby="pq-reach" />
          </div>
          <div>
            <label for="pq-phone">{t('portal.pressq.phone')}</label>
            <input id="pq-phone" type="tel" name="phone" maxlength={20} autocomplete="tel" value={values.phone} aria-describedby="pq-reach" />
            <p class="muted" id="pq-reach">
              {t('portal.pressq.reach_hint')}
            </p>
          </div>
          <div>
            <label for="pq-subject">{`${t('portal.pressq.subject')} *`}</label>
            <input id="pq-subject" type="text" name="subject" required maxlength={200} value={values.subject} />
          </div>
          <div>
            <label for="pq-question">{`${t('portal.pressq.question')} *`}</label>
            <textarea id="pq-question" name="question" required minlength={10} maxlength={8000} rows={7}>
              {values.question}
            </textarea>
          </div>
          <div>
            <label for="pq-deadline">{t('portal.pressq.deadline')}</label>
            <input id="pq-deadline" type="date" name="deadline" value={values.deadline} />
          </div>
          <p class="muted">{t('portal.pressq.privacy')}</p>
          <div>
            <button type="submit">{t('portal.pressq.send')}</button>
          </div>
        </form>
      )}
    </Layout>,
  );
  return new Response(body, { status, headers: { 'content-type': HTML, 'cache-control': 'no-store' } });
}

pressPortalRoutes.get(FORM, () => formPage(empty, null, 200));

const FORM_MAX_BYTES = 64 * 1024;
// Content-Length alone is not enough (a chunked body has none): bodyLimit also counts while reading
const formLimit = bodyLimit({ maxSize: FORM_MAX_BYTES, onError: () => formPage(empty, t('portal.form_too_big', { kb: FORM_MAX_BYTES / 1024 }), 413) });
pressPortalRoutes.post(FORM, formLimit, async (c) => {
  if (Number(c.req.header('content-length') ?? 0) > FORM_MAX_BYTES) return formPage(empty, t('press.too_long'), 400);
  let form: Record<string, unknown> = {};
  try {
    form = Object.fromEntries((await c.req.formData()).entries());
  } catch {
    form = {};
  }
  const f = (k: string, max: number) => (typeof form[k] === 'string' ? (form[k] as string).slice(0, max) : '');
  const values: Values = {
    unitId: f('unitId', 20), name: f('name', 200), outlet: f('outlet', 300), email: f('email', 300), phone: f('phone', 40),
    subject: f('subject', 400), question: f('question', 10_000), deadline: f('deadline', 20),
  };
  if (!isSameOrigin(c)) return formPage(values, t('contact.cross_site'), 403);
  const unitId = Number(values.unitId);
  const token = f('tokens', 20_000).split(' ').find((x) => x.startsWith(`${unitId}:`))?.slice(String(unitId).length + 1) ?? '';
  try {
    if (!Number.isInteger(unitId) || unitId <= 0) throw new AppError('press.bad_unit', 400, 'press.bad_unit');
    await submitPressQuestion(clientIp(c), {
      unitId, journalistName: values.name, outletName: values.outlet, email: values.email, phone: values.phone, subject: values.subject,
      question: values.question, deadlineAt: /^\d{4}-\d{2}-\d{2}$/.test(values.deadline) ? values.deadline : null, website: f('website', 200), token,
    });
  } catch (err) {
    if (err instanceof AppError && err.status < 500) return formPage(values, t(err.messageKey, err.params), err.status === 429 ? 429 : 400);
    throw err;
  }
  const body = await renderToString(
    <Layout title={t('portal.pressq.sent_title')} path={FORM}>
      <h1>{t('portal.pressq.sent_title')}</h1>
      <p role="status">{t('portal.pressq.sent')}</p>
      <PressLinks />
    </Layout>,
  );
  return new Response(body, { status: 200, headers: { 'content-type': HTML, 'cache-control': 'no-store' } });
});
