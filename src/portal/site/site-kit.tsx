import crypto from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { PatternRouter } from 'hono/router/pattern-router';
import type { SiteRecord, SiteSettings, SiteUnit } from '../../modules/sites/sites.public';
import { config } from '../../platform/config';
import { portalVersion } from '../freshness';
import { HTML, isFresh, notModified, PUBLIC_CACHE, renderToString, weakEtag } from '../http-cache';
import { notFoundPage } from '../news.routes';
import { siteAssetsBuild, siteCss, siteCssHref, siteJs, siteJsHref, themeCss } from './site-assets';
import { couldBeSiteHost, redirectSlugFor, siteForHost, siteForSlug } from './site-resolve';
import { siteText, ts } from './site.text';

export type { SiteSettings, SiteUnit } from '../../modules/sites/sites.public';

/**
 * The unit-site kit. Every page of a unit's site is registered here with
 * `siteGet(subpath, handler)`: it answers at `/don-vi/<slug><subpath>` on the
 * portal and at `<subpath>` on any host name mapped to the unit. The handler
 * gets the resolved site (`SiteContext`) and renders inside `SiteLayout`.
 *
 * Pages are registered in an inner router (a PatternRouter, which accepts
 * routes at any time), so page modules may register before or after
 * `siteRoutes` is mounted. A request this kit has no page for — or a request
 * to `/<subpath>` whose Host is not a unit's domain — falls through to the
 * portal untouched.
 */
export type SiteContext = {
  unit: SiteUnit;
  settings: SiteSettings;
  /** '/don-vi/<slug>' on the portal, '' on the unit's own domain */
  base: string;
};
type Handler = (c: Context, s: SiteContext) => Response | Promise<Response>;

/** The strict policy of every site page: no inline script or style, nothing from elsewhere. */
export const SITE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

export const siteRoutes = new Hono();
const inner = new Hono({ router: new PatternRouter() });
const FALL = new WeakSet<Response>();
const fallThrough = () => {
  const r = new Response(null, { status: 404 });
  FALL.add(r);
  return r;
};
inner.notFound(() => fallThrough());
inner.onError((err) => {
  throw err;
});

function withSiteHeaders(res: Response): Response {
  try {
    res.headers.set('content-security-policy', SITE_CSP);
    res.headers.set('x-content-type-options', 'nosniff');
    res.headers.set('referrer-policy', 'strict-origin-when-cross-origin');
  } catch {
    // immutable headers (a fetched response): copy
    const copy = new Response(res.body, res);
    copy.headers.set('content-security-policy', SITE_CSP);
    return copy;
  }
  return res;
}

export function sitePath(s: SiteContext, subpath: string): string {
  return s.base + subpath || '/';
}

const toContext = (rec: SiteRecord, base: string): SiteContext => ({ unit: rec.unit, settings: rec.settings, base });

async function siteNotFound(): Promise<Response> {
  const out = await notFoundPage(ts('not_found_title'), ts('not_found'));
  return withSiteHeaders(new Response(out.body, { status: 404, headers: { 'content-type': HTML, 'cache-control': 'public, max-age=60' } }));
}

type RegisterOptions = { isCodeFallingThrough?: boolean };
function register(method: 'GET' | 'POST', subpath: string, handler: Handler, opts: RegisterOptions = {}) {
  if (subpath !== '' && !subpath.startsWith('/')) throw new Error(`site subpath must start with '/': ${subpath}`);
  // On the portal: /don-vi/<slug><subpath>
  inner.on(method, `/don-vi/:slug${subpath}`, async (c) => {
    const slug = c.req.param('slug');
    const rec = await siteForSlug(slug);
    if (rec) return withSiteHeaders(await handler(c, toContext(rec, `/don-vi/${rec.settings.slug}`)));
    // a path the portal itself answers by unit code (e.g. /don-vi/<code>/tin-tuc) stays the portal's
    if (opts.isCodeFallingThrough) return fallThrough();
    const now = await redirectSlugFor(slug);
    if (now && now !== slug) return redirectTo(now);
    return siteNotFound();
    function redirectTo(now: string) {
      const rest = c.req.path.slice(`/don-vi/${encodeURIComponent(slug)}`.length);
      const u = new URL(c.req.url);
      return new Response(null, { status: method === 'GET' ? 301 : 308, headers: { location: `/don-vi/${now}${rest}${u.search}`, 'cache-control': 'public, max-age=300' } });
    }
  });
  // On the unit's own domain: <subpath>
  inner.on(method, subpath || '/', async (c) => {
    const rec = await siteForHost(c);
    if (!rec) return fallThrough();
    return withSiteHeaders(await handler(c, toContext(rec, '')));
  });
}

/** A page of every unit's site (subpath '' is the site's home). */
export function siteGet(subpath: string, handler: Handler): void {
  register('GET', subpath, handler);
}
/** A form post of every unit's site (contact form, rating). */
export function sitePost(subpath: string, handler: Handler): void {
  register('POST', subpath, handler);
}
/** A page whose portal address by unit code is answered by the portal itself (the unit's news). */
export function siteGetBesidePortal(subpath: string, handler: Handler): void {
  register('GET', subpath, handler, { isCodeFallingThrough: true });
}

// ---- the menu ------------------------------------------------------------------------------------

type MenuSection = { subpath: string; labelKey: string; order: number; forTypes?: string[] };
const sections: MenuSection[] = [];
/** A default entry of every site's menu (those of other parts: documents, disclosure, admissions...). */
export function registerSiteMenuSection(entry: MenuSection): void {
  const i = sections.findIndex((x) => x.subpath === entry.subpath);
  if (i >= 0) sections.splice(i, 1);
  sections.push(entry);
  sections.sort((a, b) => a.order - b.order || a.subpath.localeCompare(b.subpath));
}

export type MenuLink = { href: string; label: string; isCurrent: boolean; isExternal: boolean };
/** The menu a site shows: default sections for its unit type, then the editor's own entries. */
export function siteMenu(s: SiteContext, currentSubpath: string): MenuLink[] {
  const out: MenuLink[] = sections
    .filter((x) => !x.forTypes || x.forTypes.includes(s.unit.type))
    .map((x) => ({
      href: sitePath(s, x.subpath),
      label: siteText(x.labelKey),
      isCurrent: x.subpath === currentSubpath || (x.subpath !== '' && currentSubpath.startsWith(`${x.subpath}/`)),
      isExternal: false,
    }));
  for (const m of s.settings.menu) {
    if (/^https:\/\//.test(m.href)) out.push({ href: m.href, label: m.label, isCurrent: false, isExternal: true });
    else if (/^\/[a-z0-9/-]*$/.test(m.href)) out.push({ href: sitePath(s, m.href === '/' ? '' : m.href), label: m.label, isCurrent: m.href === currentSubpath, isExternal: false });
  }
  return out;
}

// ---- the layout ----------------------------------------------------------------------------------

const portalHome = () => `${config().publicUrl}/`;
/** The page's one canonical address: on the unit's first own domain when it has one. */
export function siteCanonical(s: SiteContext, subpath: string): string {
  const domain = s.settings.domains[0];
  if (domain) return `${new URL(config().publicUrl).protocol}//${domain}${subpath || '/'}`;
  return `${config().publicUrl}/don-vi/${s.settings.slug}${subpath}`;
}

export function SiteLayout(props: { s: SiteContext; title: string; path: string; description?: string; children?: Child; crumbs?: [string, string | null][] }) {
  const { s } = props;
  const u = s.unit;
  const st = s.settings;
  const isHome = props.path === '';
  const menu = siteMenu(s, props.path);
  const contacts = u.contacts ?? {};
  const portal = s.base ? '' : config().publicUrl;
  const crumbs: [string, string | null][] = [
    [ts('crumbs.portal'), s.base ? '/' : portalHome()],
    ...(u.parentName && u.parentSlug ? [[u.parentName, `${portal}/don-vi/${u.parentSlug}`] as [string, string]] : []),
    [u.name, isHome ? null : sitePath(s, '')],
    ...(props.crumbs ?? (isHome ? [] : [[props.title, null] as [string, string | null]])),
  ];
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="vi">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width,initial-scale=1" />
          <title>{isHome ? u.name : `${props.title} — ${u.name}`}</title>
          {props.description && <meta name="description" content={props.description} />}
          <link rel="canonical" href={siteCanonical(s, props.path)} />
          <meta property="og:site_name" content={u.name} />
          <meta property="og:locale" content="vi_VN" />
          <meta property="og:type" content="website" />
          <meta property="og:title" content={props.title} />
          {props.description && <meta property="og:description" content={props.description} />}
          <link rel="stylesheet" href={siteCssHref} />
          <link rel="stylesheet" href={`/site-theme/${st.slug}.css?v=${st.version}-${hashColour(st.primaryColor)}`} />
          <script src={siteJsHref}></script>
        </head>
        <body>
          <a class="skip" href="#main">
            {ts('skip')}
          </a>
          <div class="tools">
            <div class="wrap">
              <a href={s.base ? '/' : portalHome()}>{ts('tools.portal')}</a>
              <div class="a11y" role="group" aria-label={ts('tools.label')} hidden>
                <button type="button" data-a11y="smaller" aria-label={`${ts('tools.smaller')} ${ts('tools.smaller_label')}`}>
                  {ts('tools.smaller')}
                </button>
                <button type="button" data-a11y="reset" aria-label={`${ts('tools.reset')} ${ts('tools.reset_label')}`}>
                  {ts('tools.reset')}
                </button>
                <button type="button" data-a11y="larger" aria-label={`${ts('tools.larger')} ${ts('tools.larger_label')}`}>
                  {ts('tools.larger')}
                </button>
                <button type="button" data-a11y="hc" aria-pressed="false">
                  {ts('tools.contrast')}
                </button>
              </div>
            </div>
          </div>
          <header class="site-head">
            {st.banner && (
              <img class="banner" src={st.banner.medium} srcset={`${st.banner.medium} 800w, ${st.banner.url} 1600w`} sizes="100vw" alt="" width={st.banner.width} height={st.banner.height} />
            )}
            <div class="wrap">
              <a class="brand" href={sitePath(s, '')}>
                {st.logo && <img src={st.logo.small} alt={ts('logo_alt', { unit: u.name })} width="64" height="64" />}
                <span>
                  <span class="n">{u.name}</span>
                  {st.tagline && <span class="t">{st.tagline}</span>}
                </span>
              </a>
              <nav class="site-menu" aria-label={ts('menu.label')}>
                <button type="button" class="menu-toggle" aria-expanded="false" aria-controls="site-menu-list" hidden>
                  {ts('menu.toggle')}
                </button>
                <ul id="site-menu-list">
                  {menu.map((m) => (
                    <li>
                      <a href={m.href} aria-current={m.isCurrent ? 'page' : undefined} rel={m.isExternal ? 'noopener nofollow' : undefined}>
                        {m.label}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            </div>
          </header>
          <div class="wrap">
            <nav class="crumbs" aria-label={ts('crumbs.label')}>
              <ol>
                {crumbs.map(([label, href], i) => (
                  <li>{href ? <a href={href}>{label}</a> : <span aria-current={i === crumbs.length - 1 ? 'page' : undefined}>{label}</span>}</li>
                ))}
              </ol>
            </nav>
          </div>
          <main id="main" class="wrap" tabindex={-1}>
            {u.status === 'closed' && <p class="notice">{ts('closed')}</p>}
            {u.status === 'merged' && <p class="notice">{ts('merged')}</p>}
            {props.children}
          </main>
          <footer class="site-foot">
            <div class="wrap">
              <p>
                <strong>{u.name}</strong>
              </p>
              {contacts.address && (
                <p>
                  {ts('foot.address')}: {contacts.address}
                </p>
              )}
              {contacts.phone && (
                <p>
                  {ts('foot.phone')}: <a href={`tel:${contacts.phone.replace(/[^0-9+]/g, '')}`}>{contacts.phone}</a>
                </p>
              )}
              {contacts.email && (
                <p>
                  {ts('foot.email')}: <a href={`mailto:${contacts.email}`}>{contacts.email}</a>
                </p>
              )}
              <p class="muted">
                {ts('foot.made', { unit: u.name })} <a href={`${s.base ? '' : config().publicUrl}/admin/`}>{ts('foot.admin')}</a>
              </p>
            </div>
          </footer>
        </body>
      </html>
    </>
  );
}
const hashColour = (c: string) => c.replace('#', '');

// ---- caching -------------------------------------------------------------------------------------

/**
 * Rendered site pages, per node, keyed by page and the portal change stamp
 * (which every site table bumps): a hit costs no query while this node hears
 * the database's notifications. Bounded by bytes, least recently used out;
 * an ETag answers revalidations with 304.
 */
type Rendered = { etag: string; body: Uint8Array<ArrayBuffer> };
const rendered = new Map<string, Rendered>();
const rendering = new Map<string, Promise<Rendered>>();
let renderedBytes = 0;
const RENDERED_MAX_BYTES = 64 * 1024 * 1024;
const encoder = new TextEncoder();

/** Answer a site page from the per-node cache or render it once (`render` returns hono/jsx or HTML). */
export async function siteCached(c: Context, s: SiteContext, render: () => unknown | Promise<unknown>, key?: string): Promise<Response> {
  const stamp = await portalVersion();
  const url = c.req.url;
  const q = url.indexOf('?');
  const k = `${stamp}|${s.base}|${s.settings.slug}|${key ?? c.req.path + (q >= 0 ? url.slice(q) : '')}`;
  let hit = rendered.get(k);
  if (hit) {
    rendered.delete(k); // most recently used goes last
    rendered.set(k, hit);
  } else {
    let pending = rendering.get(k);
    if (!pending) {
      // one render per page and stamp, however many requests arrive meanwhile
      pending = (async () => ({ etag: weakEtag('site', siteAssetsBuild, k), body: encoder.encode(await renderToString(await render())) }))().finally(() =>
        rendering.delete(k),
      );
      rendering.set(k, pending);
    }
    hit = await pending;
    if (!rendered.has(k)) {
      rendered.set(k, hit);
      renderedBytes += hit.body.byteLength;
      while (renderedBytes > RENDERED_MAX_BYTES && rendered.size) {
        const [oldK, oldV] = rendered.entries().next().value as [string, Rendered];
        rendered.delete(oldK);
        renderedBytes -= oldV.body.byteLength;
      }
    }
  }
  if (isFresh(c, hit.etag)) return notModified(c, hit.etag);
  return new Response(hit.body, { status: 200, headers: { 'content-type': HTML, etag: hit.etag, 'cache-control': PUBLIC_CACHE } });
}

// ---- the mount: assets, then the pages ---------------------------------------------------------

const longCache = 'public, max-age=31536000, immutable';
siteRoutes.get('/site-assets/site.css', (c) => c.body(siteCss, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': longCache }));
siteRoutes.get('/site-assets/site.js', (c) => c.body(siteJs, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': longCache }));
siteRoutes.get('/site-theme/:file', async (c) => {
  const m = /^([a-z0-9-]{1,100})\.css$/.exec(c.req.param('file'));
  const rec = m ? await siteForSlug(m[1]) : null;
  if (!rec) return c.body('/* */', 404, { 'content-type': 'text/css; charset=utf-8' });
  const css = themeCss(rec.settings.primaryColor);
  const etag = `W/"${crypto.createHash('sha1').update(css).digest('base64url').slice(0, 16)}"`;
  if (isFresh(c, etag)) return notModified(c, etag, 'public, max-age=86400');
  return c.body(css, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=86400', etag });
});

siteRoutes.on(['GET', 'HEAD', 'POST'], '*', async (c, next) => {
  const p = c.req.path;
  // Cheap exits for what is never a site page: the API, the admin SPA, media files.
  if (p.startsWith('/api/') || p === '/api' || p.startsWith('/admin') || p.startsWith('/media/')) return next();
  // the portal's own pages on the portal's host never reach the inner router
  if (!p.startsWith('/don-vi/') && !couldBeSiteHost(c)) return next();
  const res = await inner.fetch(c.req.raw, c.env);
  if (FALL.has(res)) return next();
  return res;
});
