import { Hono } from 'hono';
import { db } from '../platform/db';
import { type MessageKey, t } from '../platform/i18n';
import { findUnit, listChildren, listSpokespersons, searchUnits, type Unit } from '../modules/org';
import { slugsByCode, unitSitePath } from '../modules/sites';
import { HTML, PUBLIC_CACHE, cached, renderToString } from './http-cache';
import { Layout, portalCss } from './layout';
import { homeNews, lastChange, newsRoutes, notFoundPage, unitsStamp } from './news.routes';
import { tn } from './news.text';
import { FeedLinks, NewsGrid, absolute } from './news.views';

/**
 * The public portal, server-rendered. Pages are plain HTML with short public
 * caching so a CDN can carry peak traffic; nothing here needs a session.
 */
export const portalRoutes = new Hono();

const cache = PUBLIC_CACHE;
const html = (node: unknown) => async () => ({ body: await renderToString(node), type: HTML });
const typeLabel = (type: string) => t(`unit.type.${type}` as MessageKey);

portalRoutes.get('/portal.css', (c) => c.body(portalCss, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' }));

portalRoutes.get('/robots.txt', (c) =>
  c.text(`User-agent: *\nAllow: /\nDisallow: /admin/\nDisallow: /api/\n`, 200, { 'cache-control': cache }),
);

// The most visited page: validated by the articles' and the units' stamps, rendered once per change.
portalRoutes.get('/', async (c) => {
  const [news, units] = await Promise.all([lastChange(), unitsStamp()]);
  return cached(c, `${news}|${units}`, homePage, '/');
});

async function homePage() {
  const count = await db().query<{ n: number }>(`select count(*)::int as n from units where status = 'active'`);
  const roots = await db().query<{ id: number }>(`select id from units where parent_id is null and status = 'active' order by name`);
  const top: Unit[] = [];
  for (const r of roots.rows) top.push(...(await listChildren(db(), r.id, false)).slice(0, 12));
  const news = await homeNews(6);
  const slugs = await slugsByCode(db(), top.map((u) => u.code));
  const feeds = { title: tn('feed.sector_title'), rss: '/rss.xml', atom: '/atom.xml' };
  return html(
    <Layout title={t('portal.nav.home')} description={t('portal.tagline')} path="/" meta={{ canonical: absolute('/'), feeds }}>
      <h1>{t('portal.title')}</h1>
      <section aria-labelledby="h-news">
        <h2 id="h-news">{tn('home.news_heading')}</h2>
        <NewsGrid items={news} level={3} />
        <p class="more">
          <a href="/tin-tuc">{tn('home.news_all')}</a>
        </p>
        <FeedLinks rss={feeds.rss} atom={feeds.atom} />
      </section>
      <section aria-labelledby="h-units">
        <h2 id="h-units">{t('portal.home.units_heading')}</h2>
        <p>{t('portal.home.units_lead')}</p>
        <p class="muted">{t('portal.home.count_units', { n: count.rows[0].n })}</p>
        <SearchForm q="" />
        <div class="cards">
          {top.map((u) => (
            <div class="card">
              <a href={unitSitePath(slugs, u.code)}>{u.name}</a>
              <div class="muted">{typeLabel(u.type)}</div>
            </div>
          ))}
        </div>
      </section>
      <section aria-labelledby="h-spokes">
        <h2 id="h-spokes">{t('portal.home.spokes_heading')}</h2>
        <p>
          {t('portal.home.spokes_lead')} <a href="/nguoi-phat-ngon">{t('portal.nav.spokespersons')}</a>
        </p>
      </section>
    </Layout>,
  )();
}

function SearchForm(props: { q: string }) {
  return (
    <form class="search" action="/don-vi" method="get" role="search">
      <label for="q" class="muted" style="flex-basis:100%">
        {t('portal.units.search_label')}
      </label>
      <input id="q" name="q" type="search" value={props.q} autocomplete="off" />
      <button type="submit">{t('portal.units.search_button')}</button>
    </form>
  );
}

portalRoutes.get('/don-vi', async (c) => {
  const q = (c.req.query('q') ?? '').slice(0, 200);
  if (q.trim()) {
    const hits = await searchUnits(db(), q, null, 50);
    const slugs = await slugsByCode(db(), hits.map((u) => u.code));
    return cached(c, null, html(
      <Layout title={t('portal.units.heading')} path="/don-vi">
        <h1>{t('portal.units.heading')}</h1>
        <SearchForm q={q} />
        <p role="status">{t('portal.units.results', { q, n: hits.length })}</p>
        {hits.length ? (
          <ul class="units">
            {hits.map((u) => (
              <li>
                <a href={unitSitePath(slugs, u.code)}>{u.name}</a>
                <div class="muted">{u.trail}</div>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('portal.units.none')}</p>
        )}
      </Layout>,
    ));
  }
  const roots = await db().query<{ id: number }>(`select id from units where parent_id is null and status = 'active' order by name`);
  const sections: { root: Unit; children: Unit[] }[] = [];
  for (const r of roots.rows) {
    const root = await findUnit(db(), r.id);
    if (root) sections.push({ root, children: await listChildren(db(), r.id, false) });
  }
  const slugs = await slugsByCode(db(), sections.flatMap((s) => [s.root.code, ...s.children.map((u) => u.code)]));
  return cached(c, null, html(
    <Layout title={t('portal.units.heading')} path="/don-vi">
      <h1>{t('portal.units.heading')}</h1>
      <SearchForm q="" />
      {sections.map((s) => (
        <section>
          <h2>
            <a href={unitSitePath(slugs, s.root.code)}>{s.root.name}</a>
          </h2>
          <UnitList units={s.children} slugs={slugs} />
        </section>
      ))}
    </Layout>,
  ));
});

function UnitList(props: { units: Unit[]; slugs: Map<string, string> }) {
  return (
    <ul class="units">
      {props.units.map((u) => (
        <li>
          <a href={unitSitePath(props.slugs, u.code)}>{u.name}</a> <span class="muted">· {typeLabel(u.type)}</span>
        </li>
      ))}
    </ul>
  );
}

// A unit's own page is its site: /don-vi/<slug> (src/portal/site/); /don-vi/<code> answers 301 to it.

function SpokesTable(props: { rows: Awaited<ReturnType<typeof listSpokespersons>>; isShowingUnit: boolean }) {
  return (
    <div class="table-wrap">
      <h2>{t('portal.spokes.heading')}</h2>
      <table class="stack">
        <thead>
          <tr>
            {props.isShowingUnit && <th scope="col">{t('portal.spokes.unit')}</th>}
            <th scope="col">{t('portal.spokes.name')}</th>
            <th scope="col">{t('portal.spokes.title')}</th>
            <th scope="col">{t('portal.spokes.phone')}</th>
            <th scope="col">{t('portal.spokes.email')}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((s) => (
            <tr>
              {props.isShowingUnit && <td>{s.unitName}</td>}
              <td>{s.name}</td>
              <td>{s.title ?? ''}</td>
              <td>{s.phone ? <a href={`tel:${s.phone}`}>{s.phone}</a> : ''}</td>
              <td>
                <a href={`mailto:${s.email}`}>{s.email}</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

portalRoutes.get('/nguoi-phat-ngon', async (c) => {
  const rows = await listSpokespersons(db());
  return cached(c, null, html(
    <Layout title={t('portal.spokes.heading')} path="/nguoi-phat-ngon">
      <h1>{t('portal.spokes.heading')}</h1>
      <p>{t('portal.spokes.lead')}</p>
      {rows.length ? <SpokesTable rows={rows} isShowingUnit /> : <p>{t('portal.spokes.none')}</p>}
    </Layout>,
  ));
});

portalRoutes.route('/', newsRoutes);

/**
 * Anything else is the portal's Vietnamese "not found" page. (A sub-app's
 * notFound handler is not used once mounted with app.route, hence a catch-all
 * route, registered last; /api keeps its own JSON answers.)
 */
const notFound = async (c: import('hono').Context) => {
  if (c.req.path === '/api' || c.req.path.startsWith('/api/')) return c.notFound();
  const out = await notFoundPage(t('portal.not_found'), tn('page.not_found'));
  return c.body(out.body, 404, { 'content-type': HTML });
};
portalRoutes.get('*', notFound);
portalRoutes.notFound(notFound);
