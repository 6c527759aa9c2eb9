import type { Context } from 'hono';
import { Hono } from 'hono';
import {
  type PublicArticleCard,
  articlePath,
  articleStamp,
  feedItems,
  imageUrl,
  isMediaVariantKey,
  latestByThemes,
  latestForPortal,
  latestForUnit,
  publishedArticle,
  publishedThemes,
  searchPublished,
  sitemapEntries,
} from '../modules/newsroom/public.service';
import { exemplarSitemapEntries } from '../modules/exemplars';
import { resultSitemapEntries } from '../modules/incidents';
import { pressSitemapEntries } from '../modules/press/releases.service';
import { slugsByCode, unitSitePath } from '../modules/sites';
import { textOfHtml } from '../modules/newsroom/html';
import { db } from '../platform/db';
import { portalVersion } from './freshness';
import { readFile } from '../platform/files';
import { t } from '../platform/i18n';
import { log } from '../platform/log';
import { slugify } from '../text';
import { atom, rss, sitemap } from './feeds';
import { HTML, cached, isFresh, renderToString } from './http-cache';
import { Layout } from './layout';
import { tn } from './news.text';
import { ArticleView, Breadcrumbs, FeedLinks, NewsGrid, Pager, ThemeChips, absolute, articleHead, themePath, unitNewsPath } from './news.views';

/**
 * Public news: the sector's news list, article pages, a unit's news, themes,
 * search, RSS/Atom feeds, the sitemap and the photo files. Read-only, no
 * session, cacheable: every answer carries an ETag and answers 304 to a
 * matching If-None-Match.
 */
export const newsRoutes = new Hono();

const PAGE_SIZE = 12;
const pageOf = (c: Context) => {
  const n = Number(c.req.query('trang') ?? '1');
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
};
const pagesOf = (total: number) => Math.max(1, Math.ceil(total / PAGE_SIZE));
const withPage = (path: string, page: number, extra = '') => {
  const qs = [extra, page > 1 ? `trang=${page}` : ''].filter(Boolean).join('&');
  return qs ? `${path}?${qs}` : path;
};
const excerpt = (text: string, max = 200) => (text.length > max ? `${text.slice(0, max - 1).replace(/\s+\S*$/, '')}…` : text) || undefined;
const sectorFeeds = { title: tn('feed.sector_title'), rss: '/rss.xml', atom: '/atom.xml' };

/** The Vietnamese "not found" page, with a message saying what was not found. */
export async function notFoundPage(title: string, message: string, status: 404 | 410 = 404) {
  const body = await renderToString(
    <Layout title={title} path="">
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href="/tin-tuc">{tn('news.to_news')}</a> · <a href="/">{t('portal.nav.home')}</a>
      </p>
    </Layout>,
  );
  return { body, type: HTML, status };
}

/**
 * Single-flight: requests arriving while the same query is already on its way
 * to the database share its answer instead of queueing another. The answer is
 * at most one round trip old, so every node still revalidates against the
 * database on every request, but a burst on one page costs one query, not thousands.
 */
const inflight = new Map<string, Promise<unknown>>();
export function shared<T>(key: string, run: () => Promise<T>): Promise<T> {
  const pending = inflight.get(key) as Promise<T> | undefined;
  if (pending) return pending;
  const p = run().finally(() => inflight.delete(key));
  inflight.set(key, p);
  return p;
}
/**
 * What public pages are cached against: the portal's change stamp (src/portal/freshness.ts),
 * bumped by a trigger whenever an article, a photo or a unit changes. Known locally while
 * this node listens for its notifications; otherwise read once per burst of requests.
 */
export const lastChange = () => portalVersion();
/** Units are covered by the same stamp (a trigger on units bumps it too). */
export const unitsStamp = () => portalVersion();

async function unitByCode(code: string) {
  const r = await db().query<{ id: number; code: string; name: string }>(`select id, code, name from units where code = $1`, [code]);
  return r.rows[0] ?? null;
}

// ---- the sector's news -------------------------------------------------------------------

newsRoutes.get('/tin-tuc', async (c) => {
  const page = pageOf(c);
  const stamp = await lastChange();
  return cached(c, stamp, async () => {
    const [list, themes] = await Promise.all([
      latestForPortal(db(), { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
      themesCached(stamp),
    ]);
    const body = await renderToString(
      <Layout
        title={page > 1 ? `${tn('news.heading')} — ${tn('news.page_of', { page, pages: pagesOf(list.total) })}` : tn('news.heading')}
        description={tn('news.lead')}
        path="/tin-tuc"
        meta={{ canonical: absolute(withPage('/tin-tuc', page)), feeds: sectorFeeds }}
      >
        <h1>{tn('news.heading')}</h1>
        <p>{tn('news.lead')}</p>
        <ThemeChips themes={themes} />
        <NewsGrid items={list.items} level={2} />
        <Pager page={page} pages={pagesOf(list.total)} href={(p) => withPage('/tin-tuc', p)} />
        <FeedLinks rss={sectorFeeds.rss} atom={sectorFeeds.atom} />
      </Layout>,
    );
    return { body, type: HTML };
  }, `/tin-tuc?trang=${page}`);
});

/** Themes for the chips, recomputed only when something public changed (per node, revalidated by the stamp). */
let themeMemo: { stamp: string; themes: string[] } | null = null;
async function themesCached(stamp: string): Promise<string[]> {
  if (themeMemo?.stamp !== stamp) themeMemo = { stamp, themes: (await publishedThemes(db(), 12)).map((x) => x.name) };
  return themeMemo.themes;
}

// ---- one article ----------------------------------------------------------------------------

newsRoutes.get('/tin-tuc/:slug', async (c) => {
  const slug = c.req.param('slug');
  if (!/^[a-z0-9][a-z0-9-]{0,199}$/.test(slug)) {
    const out = await notFoundPage(tn('news.not_found_title'), tn('news.not_found'));
    return c.body(out.body, 404, { 'content-type': HTML });
  }
  // The rendered page is kept per node under the portal's change stamp: a cache hit
  // costs no query while this node hears the database's notifications, and a
  // correction or a withdrawal made through any node reaches every node at once.
  // Unknown and withdrawn slugs are answered (404/410) and never kept.
  return cached(c, await lastChange(), async () => {
    const a = await publishedArticle(db(), slug);
    if (!a) {
      const key = await shared(`a:${slug}`, () => articleStamp(db(), slug));
      return key?.status === 'withdrawn'
        ? notFoundPage(tn('news.withdrawn_title'), tn('news.withdrawn'), 410)
        : notFoundPage(tn('news.not_found_title'), tn('news.not_found'));
    }
    const cover = a.cover ?? a.media[0] ?? null;
    const html = await renderToString(
      <Layout
        title={a.title}
        description={a.summary ?? excerpt(textOfHtml(a.bodyHtml))}
        path={articlePath(a.slug)}
        meta={{
          canonical: absolute(articlePath(a.slug)),
          ogType: 'article',
          image: cover
            ? { url: absolute(imageUrl(cover, 'large')), width: cover.variants.large.width, height: cover.variants.large.height, alt: cover.caption ?? a.title }
            : undefined,
          feeds: sectorFeeds,
          extra: articleHead(a),
        }}
      >
        <ArticleView a={a} />
      </Layout>,
    );
    return { body: html, type: HTML };
  }, articlePath(slug));
});

// ---- a unit's news ----------------------------------------------------------------------------

newsRoutes.get('/don-vi/:code/tin-tuc', async (c) => {
  const unit = await unitByCode(c.req.param('code'));
  if (!unit) {
    const out = await notFoundPage(tn('news.unit_not_found_title'), tn('news.unit_not_found'));
    return c.body(out.body, 404, { 'content-type': HTML });
  }
  const page = pageOf(c);
  return cached(c, `${unit.id}.${unit.name}.${await lastChange()}`, async () => {
    const list = await latestForUnit(db(), unit.id, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const base = unitNewsPath(unit.code);
    const feeds = { title: tn('feed.unit_title', { unit: unit.name }), rss: `/don-vi/${encodeURIComponent(unit.code)}/rss.xml`, atom: `/don-vi/${encodeURIComponent(unit.code)}/atom.xml` };
    const body = await renderToString(
      <Layout
        title={tn('news.unit_heading', { unit: unit.name })}
        description={tn('news.unit_lead', { unit: unit.name })}
        path={base}
        meta={{ canonical: absolute(withPage(base, page)), feeds }}
      >
        <Breadcrumbs
          items={[
            [t('portal.nav.home'), '/'],
            [unit.name, `/don-vi/${encodeURIComponent(unit.code)}`],
            [tn('nav.news'), null],
          ]}
        />
        <h1>{tn('news.unit_heading', { unit: unit.name })}</h1>
        <p>{tn('news.unit_lead', { unit: unit.name })}</p>
        <NewsGrid items={list.items} level={2} />
        <Pager page={page} pages={pagesOf(list.total)} href={(p) => withPage(base, p)} />
        <FeedLinks rss={feeds.rss} atom={feeds.atom} />
      </Layout>,
    );
    return { body, type: HTML };
  }, `${unitNewsPath(unit.code)}?trang=${page}`);
});

// ---- themes -------------------------------------------------------------------------------------

newsRoutes.get('/chu-de/:theme', async (c) => {
  const slug = c.req.param('theme');
  const page = pageOf(c);
  return cached(c, await lastChange(), async () => {
    const names = /^[a-z0-9-]{1,120}$/.test(slug)
      ? (await publishedThemes(db(), 1000)).map((x) => x.name).filter((n) => (slugify(n) || 'khac') === slug)
      : [];
    if (!names.length) return notFoundPage(tn('news.theme_not_found_title'), tn('news.theme_not_found'));
    const list = await latestByThemes(db(), names, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const theme = names[0];
    const body = await renderToString(
      <Layout
        title={tn('news.theme_heading', { theme })}
        description={tn('news.theme_lead', { theme })}
        path={themePath(theme)}
        meta={{ canonical: absolute(withPage(themePath(theme), page)), feeds: sectorFeeds }}
      >
        <Breadcrumbs items={[[t('portal.nav.home'), '/'], [tn('nav.news'), '/tin-tuc'], [theme, null]]} />
        <h1>{tn('news.theme_heading', { theme })}</h1>
        <p>{tn('news.theme_lead', { theme })}</p>
        <NewsGrid items={list.items} level={2} />
        <Pager page={page} pages={pagesOf(list.total)} href={(p) => withPage(themePath(theme), p)} />
      </Layout>,
    );
    return { body, type: HTML };
  }, `/chu-de/${slug}?trang=${page}`);
});

// ---- search ---------------------------------------------------------------------------------------

newsRoutes.get('/tim-kiem', async (c) => {
  const q = (c.req.query('q') ?? '').slice(0, 200);
  const page = pageOf(c);
  return cached(c, await lastChange(), async () => {
    const hits = q.trim() ? await searchPublished(db(), q, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }) : null;
    const body = await renderToString(
      <Layout title={q.trim() ? `${tn('search.heading')}: ${q}` : tn('search.heading')} path="/tim-kiem">
        <h1>{tn('search.heading')}</h1>
        <form class="search" action="/tim-kiem" method="get" role="search">
          <label for="q" class="muted" style="flex-basis:100%">
            {tn('search.label')}
          </label>
          <input id="q" name="q" type="search" value={q} autocomplete="off" enterkeyhint="search" />
          <button type="submit">{tn('search.button')}</button>
        </form>
        {!hits && <p>{tn('search.hint')}</p>}
        {hits && (
          <>
            <p role="status">{hits.total ? tn('search.results', { n: hits.total, q }) : tn('search.none', { q })}</p>
            {hits.items.length > 0 && <NewsGrid items={hits.items} level={2} />}
            <Pager page={page} pages={pagesOf(hits.total)} href={(p) => withPage('/tim-kiem', p, `q=${encodeURIComponent(q)}`)} />
          </>
        )}
      </Layout>,
    );
    return { body, type: HTML };
  }, `/tim-kiem?${new URLSearchParams({ q, trang: String(page) })}`, !q.trim());
});

// ---- feeds and sitemap ----------------------------------------------------------------------------

const RSS = 'application/rss+xml; charset=utf-8';
const ATOM = 'application/atom+xml; charset=utf-8';

newsRoutes.get('/rss.xml', async (c) =>
  cached(c, await lastChange(), async () => ({ body: rss(await sectorChannel(c.req.path)), type: RSS }), '/rss.xml'),
);
newsRoutes.get('/atom.xml', async (c) =>
  cached(c, await lastChange(), async () => ({ body: atom(await sectorChannel(c.req.path)), type: ATOM }), '/atom.xml'),
);

async function sectorChannel(selfPath: string) {
  return {
    title: tn('feed.sector_title'),
    description: tn('feed.sector_description'),
    siteUrl: absolute('/tin-tuc'),
    selfUrl: absolute(selfPath),
    base: absolute(''),
    items: await feedItems(db(), 'portal'),
    updated: new Date(0),
  };
}

for (const [file, render, type] of [['rss.xml', rss, RSS], ['atom.xml', atom, ATOM]] as const) {
  newsRoutes.get(`/don-vi/:code/${file}`, async (c) => {
    const unit = await unitByCode(c.req.param('code'));
    if (!unit) return c.body(null, 404);
    return cached(c, `${unit.id}.${unit.name}.${await lastChange()}`, async () => ({
      body: render({
        title: tn('feed.unit_title', { unit: unit.name }),
        description: tn('feed.unit_description', { unit: unit.name }),
        siteUrl: absolute(unitNewsPath(unit.code)),
        selfUrl: absolute(`/don-vi/${encodeURIComponent(unit.code)}/${file}`),
        base: absolute(''),
        items: await feedItems(db(), { unitId: unit.id }),
        updated: new Date(0),
      }),
      type,
    }), `/don-vi/${unit.id}/${file}`);
  });
}

newsRoutes.get('/sitemap.xml', async (c) =>
  // units change too (added, closed): validated by both stamps
  cached(c, `${await lastChange()}|${await unitsStamp()}`, async () => {
    const e = await sitemapEntries(db());
    const exemplars = await exemplarSitemapEntries(db());
    const press = await pressSitemapEntries(db());
    const results = await resultSitemapEntries(db());
    const slugs = await slugsByCode(db(), e.units.map((u) => u.code));
    const newest = e.articles[0]?.lastmod;
    const urls = [
      { loc: absolute('/'), lastmod: newest },
      { loc: absolute('/tin-tuc'), lastmod: newest },
      { loc: absolute('/don-vi') },
      { loc: absolute('/nguoi-phat-ngon') },
      ...e.articles.map((a) => ({ loc: absolute(articlePath(a.slug)), lastmod: a.lastmod })),
      ...e.themes.map((th) => ({ loc: absolute(themePath(th)) })),
      ...(exemplars.length ? [{ loc: absolute('/guong-dien-hinh'), lastmod: exemplars[0]!.lastmod }] : []),
      ...exemplars.map((x) => ({ loc: absolute(`/guong-dien-hinh/${x.slug}`), lastmod: x.lastmod })),
      ...press.map((x) => ({ loc: absolute(x.path), lastmod: x.lastmod })),
      ...results.map((x) => ({ loc: absolute(`/cong-khai-ket-qua-xu-ly/${x.slug}`), lastmod: x.lastmod })),
      ...e.units.flatMap((u) => [
        { loc: absolute(unitSitePath(slugs, u.code)), lastmod: u.lastmod },
        ...(u.hasNews ? [{ loc: absolute(`${unitSitePath(slugs, u.code)}/tin-tuc`) }] : []),
      ]),
    ];
    const seen = new Set<string>();
    const unique = urls.filter((u) => {
      if (seen.has(u.loc)) return false;
      seen.add(u.loc);
      return true;
    });
    return { body: sitemap(unique), type: 'application/xml; charset=utf-8' };
  }, '/sitemap.xml'),
);

// ---- photos ---------------------------------------------------------------------------------------

/** Keys already checked to be photo variants (content-addressed, so a key's bytes never change). */
const knownMedia = new Set<string>();
const IMMUTABLE = 'public, max-age=31536000, immutable';

newsRoutes.get('/media/:key', async (c) => {
  const key = c.req.param('key');
  if (!/^[0-9a-f]{64}$/.test(key)) return c.body(null, 404, { 'cache-control': 'no-store' });
  const etag = `"${key}"`;
  if (!knownMedia.has(key)) {
    if (!(await isMediaVariantKey(db(), key))) return c.body(null, 404, { 'cache-control': 'no-store' });
    if (knownMedia.size > 20_000) knownMedia.clear();
    knownMedia.add(key);
  }
  const headers = { etag, 'cache-control': IMMUTABLE, 'x-content-type-options': 'nosniff' };
  if (isFresh(c, etag)) return new Response(null, { status: 304, headers });
  let data: Buffer;
  try {
    data = await readFile(key);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') log.error('media read failed', { key, err: (err as Error).message });
    knownMedia.delete(key);
    return c.body(null, 404, { 'cache-control': 'no-store' });
  }
  return new Response(new Uint8Array(data), {
    status: 200,
    headers: { ...headers, 'content-type': 'image/jpeg', 'content-length': String(data.length) },
  });
});

// ---- for the home page and the unit page ----------------------------------------------------------

export async function homeNews(limit = 6): Promise<PublicArticleCard[]> {
  return (await latestForPortal(db(), { limit })).items;
}
