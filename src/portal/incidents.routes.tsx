import type { Context } from 'hono';
import { Hono } from 'hono';
import { type PublicResult, type PublicResultCard, publishedResult, publishedResults } from '../modules/incidents/public.service';
import { incidentResultPath } from '../modules/incidents/incidents.service';
import { db } from '../platform/db';
import { t } from '../platform/i18n';
import { formatDateVi } from '../text';
import { portalVersion } from './freshness';
import { HTML, cached, renderToString } from './http-cache';
import { Layout } from './layout';
import { notFoundPage } from './news.routes';
import { Breadcrumbs, Pager, absolute } from './news.views';
import { SiteLayout, type SiteContext, registerSiteMenuSection, siteCached, siteGet, sitePath } from './site/site-kit';

/**
 * Công khai kết quả xử lý: the published results of incidents' handling, on
 * the portal (/cong-khai-ket-qua-xu-ly, every unit) and on each unit's site
 * (the results of that unit and the units under it). Published results only;
 * cached under the portal's change stamp, which a trigger on `incidents` bumps.
 * Each result lists the press articles of the monitoring thread it answers.
 */
export const incidentPortalRoutes = new Hono();

const BASE = '/cong-khai-ket-qua-xu-ly';
const PAGE_SIZE = 20;
const pageOf = (c: Context) => {
  const n = Number(c.req.query('trang') ?? '1');
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
};
const listPath = (page: number) => (page > 1 ? `${BASE}?trang=${page}` : BASE);

function ResultList(props: { items: PublicResultCard[]; href: (slug: string) => string }) {
  if (!props.items.length) return <p>{t('incident.portal.empty')}</p>;
  return (
    <ul class="news-list">
      {props.items.map((r) => (
        <li>
          <h2>
            <a href={props.href(r.slug)}>{r.title}</a>
          </h2>
          <p class="meta">
            {r.unitName} · {t('incident.portal.published_on', { date: formatDateVi(new Date(r.publishedAt)) })}
          </p>
        </li>
      ))}
    </ul>
  );
}

function ResultBody(props: { r: PublicResult }) {
  const { r } = props;
  return (
    <article class="article">
      <header>
        <h1>{r.title}</h1>
        <p class="meta">
          {r.unitName} · {t('incident.portal.published_on', { date: formatDateVi(new Date(r.publishedAt)) })}
        </p>
      </header>
      {/* the one unescaped output: sanitised when written and again when read (sanitizeArticleHtml) */}
      <div class="body" dangerouslySetInnerHTML={{ __html: r.html }} />
      {r.sources.length > 0 && (
        <section aria-labelledby="h-sources">
          <h2 id="h-sources">{t('incident.portal.sources')}</h2>
          <ul>
            {r.sources.map((s) => (
              <li>
                <a href={s.link} rel="nofollow noopener" target="_blank">
                  {s.title}
                </a>
                {s.source && <> — {s.source}</>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}

incidentPortalRoutes.get(BASE, async (c) => {
  const page = pageOf(c);
  return cached(c, await portalVersion(), async () => {
    const list = await publishedResults(db(), { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const heading = t('incident.portal.heading');
    const body = await renderToString(
      <Layout title={heading} description={t('incident.portal.lead')} path={BASE} meta={{ canonical: absolute(listPath(page)) }}>
        <Breadcrumbs items={[[t('portal.nav.home'), '/'], [heading, null]]} />
        <h1>{heading}</h1>
        <p>{t('incident.portal.lead')}</p>
        <ResultList items={list.items} href={incidentResultPath} />
        <Pager page={page} pages={Math.max(1, Math.ceil(list.total / PAGE_SIZE))} href={listPath} />
      </Layout>,
    );
    return { body, type: HTML };
  }, listPath(page));
});

const slugOk = (slug: string) => /^[a-z0-9][a-z0-9-]{0,199}$/.test(slug);

incidentPortalRoutes.get(`${BASE}/:slug`, async (c) => {
  const slug = c.req.param('slug');
  const notFound = async () => {
    const out = await notFoundPage(t('incident.portal.heading'), t('incident.portal.not_found'));
    return c.body(out.body, 404, { 'content-type': HTML });
  };
  if (!slugOk(slug)) return notFound();
  const r = await publishedResult(db(), slug);
  if (!r) return notFound();
  return cached(c, await portalVersion(), async () => {
    const body = await renderToString(
      <Layout title={r.title} description={t('incident.portal.lead')} path={incidentResultPath(r.slug)} meta={{ canonical: absolute(incidentResultPath(r.slug)), ogType: 'article' }}>
        <Breadcrumbs items={[[t('portal.nav.home'), '/'], [t('incident.portal.heading'), BASE], [r.title, null]]} />
        <ResultBody r={r} />
        <p class="more">
          <a href={BASE}>{t('incident.portal.back')}</a>
        </p>
      </Layout>,
    );
    return { body, type: HTML };
  }, incidentResultPath(slug));
});

// ---- on a unit's site: the results of the unit and the units under it

registerSiteMenuSection({ subpath: BASE, labelKey: 'incident.portal.heading', order: 70 });

siteGet(BASE, async (c, s: SiteContext) => {
  return siteCached(c, s, async () => {
    const list = await publishedResults(db(), { unitId: s.unit.id, limit: 50 });
    return (
      <SiteLayout s={s} title={t('incident.portal.heading')} path={BASE} description={t('incident.portal.lead')}>
        <h1>{t('incident.portal.heading')}</h1>
        <ResultList items={list.items} href={(slug) => sitePath(s, `${BASE}/${slug}`)} />
      </SiteLayout>
    );
  });
});

siteGet(`${BASE}/:result`, async (c, s: SiteContext) => {
  const slug = c.req.param('result') ?? '';
  const r = slugOk(slug) ? await publishedResult(db(), slug) : null;
  // only results of the site's unit or a unit under it
  if (!r || !(`.${r.unitPath}.`.includes(`.${s.unit.id}.`))) {
    const out = await notFoundPage(t('incident.portal.heading'), t('incident.portal.not_found'));
    return new Response(out.body, { status: 404, headers: { 'content-type': HTML } });
  }
  return siteCached(c, s, async () => (
    <SiteLayout s={s} title={r.title} path={`${BASE}/${slug}`} crumbs={[[t('incident.portal.heading'), sitePath(s, BASE)], [r.title, null]]}>
      <ResultBody r={r} />
    </SiteLayout>
  ));
});
