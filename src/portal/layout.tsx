import crypto from 'node:crypto';
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { t } from '../platform/i18n';
import { tn } from './news.text';

/** What a page tells link previews (OpenGraph, Twitter cards) and feed readers. */
export type PageMeta = {
  /** absolute URL of the page's one canonical address */
  canonical?: string;
  ogType?: 'website' | 'article';
  image?: { url: string; width?: number; height?: number; alt?: string };
  feeds?: { title: string; rss: string; atom: string };
  /** more tags for <head> (article:* properties, JSON-LD) */
  extra?: Child;
};

/** The portal's one accessible layout: skip link, landmarks, readable on a cheap phone, no client JS. */
export function Layout(props: { title: string; description?: string; children: Child; path: string; meta?: PageMeta }) {
  const nav = [
    ['/', t('portal.nav.home')],
    ['/tin-tuc', tn('nav.news')],
    ['/don-vi', t('portal.nav.units')],
    ['/guong-dien-hinh', t('portal.nav.exemplars')],
    ['/thong-cao-bao-chi', t('portal.nav.press')],
    ['/cong-khai-ket-qua-xu-ly', t('incident.portal.heading')],
    ['/gop-y', t('portal.fb.heading')],
    ['/van-ban', t('portal.nav.documents')],
    ['/nguoi-phat-ngon', t('portal.nav.spokespersons')],
    ['/tim-kiem', tn('nav.search')],
  ] as const;
  const m = props.meta ?? {};
  return (
    <>
    {raw('<!doctype html>')}
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>{`${props.title} — ${t('portal.title')}`}</title>
        {props.description && <meta name="description" content={props.description} />}
        {m.canonical && <link rel="canonical" href={m.canonical} />}
        <meta property="og:site_name" content={t('portal.title')} />
        <meta property="og:locale" content="vi_VN" />
        <meta property="og:type" content={m.ogType ?? 'website'} />
        <meta property="og:title" content={props.title} />
        {props.description && <meta property="og:description" content={props.description} />}
        {m.canonical && <meta property="og:url" content={m.canonical} />}
        {m.image && (
          <>
            <meta property="og:image" content={m.image.url} />
            {m.image.width && <meta property="og:image:width" content={String(m.image.width)} />}
            {m.image.height && <meta property="og:image:height" content={String(m.image.height)} />}
            {m.image.alt && <meta property="og:image:alt" content={m.image.alt} />}
          </>
        )}
        <meta name="twitter:card" content={m.image ? 'summary_large_image' : 'summary'} />
        <meta name="twitter:title" content={props.title} />
        {props.description && <meta name="twitter:description" content={props.description} />}
        {m.image && <meta name="twitter:image" content={m.image.url} />}
        {m.image?.alt && <meta name="twitter:image:alt" content={m.image.alt} />}
        {m.feeds && (
          <>
            <link rel="alternate" type="application/rss+xml" title={m.feeds.title} href={m.feeds.rss} />
            <link rel="alternate" type="application/atom+xml" title={m.feeds.title} href={m.feeds.atom} />
          </>
        )}
        {m.extra}
        <link rel="stylesheet" href={`/portal.css?v=${cssVersion()}`} />
      </head>
      <body>
        <a class="skip" href="#main">
          {t('portal.skip')}
        </a>
        <header class="top">
          <div class="wrap">
            <a class="brand" href="/">
              {t('portal.title')}
            </a>
            <p class="tagline">{t('portal.tagline')}</p>
            <nav aria-label={tn('nav.label')}>
              <ul>
                {nav.map(([href, label]) => (
                  <li>
                    <a href={href} aria-current={props.path === href ? 'page' : undefined}>
                      {label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" class="wrap">
          {props.children}
        </main>
        <footer class="wrap foot">
          <p>
            {t('portal.footer')} <a href="/admin/">{t('portal.nav.admin')}</a>
          </p>
        </footer>
      </body>
    </html>
    </>
  );
}

export const portalCss = `
*{box-sizing:border-box}body{margin:0;font-family:"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;line-height:1.55;color:#1a1d21;background:#fff;font-size:1.0625rem}
.wrap{max-width:68rem;margin:0 auto;padding:0 1rem}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:10}
.top{background:#0b4f8a;color:#fff;padding:.75rem 0}.top a{color:#fff}
.brand{font-weight:700;font-size:1.25rem;text-decoration:none}.tagline{margin:.1rem 0 .5rem;font-size:.95rem;opacity:.9}
nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:0;padding:0}
nav a{text-decoration:none;padding:.25rem 0;display:inline-block}nav a[aria-current=page]{border-bottom:2px solid #fff}
a{color:#0b4f8a}a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid #f0b400;outline-offset:2px}
h1{font-size:1.6rem;line-height:1.25}h2{font-size:1.25rem}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:1rem}
.card{border:1px solid #d5dbe1;border-radius:8px;padding:1rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.5rem;border-bottom:1px solid #d5dbe1;vertical-align:top}
.table-wrap{overflow-x:auto}
form.search{display:flex;gap:.5rem;flex-wrap:wrap;margin:1rem 0}form.search input{flex:1 1 14rem;padding:.6rem;font-size:1rem;border:1px solid #8a96a3;border-radius:6px}
button{padding:.6rem 1.2rem;font-size:1rem;background:#0b4f8a;color:#fff;border:0;border-radius:6px;cursor:pointer}
ul.units{list-style:none;padding:0}ul.units li{padding:.5rem 0;border-bottom:1px solid #eef1f4}
.muted{color:#56606b;font-size:.95rem}.notice{background:#fff4d6;padding:.75rem;border-radius:6px}
.foot{border-top:1px solid #d5dbe1;margin-top:2rem;padding:1rem;color:#56606b}
img{max-width:100%;height:auto}
.news-grid{list-style:none;padding:0;margin:1rem 0;display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:1.5rem 1.25rem}
.news-card{display:flex;flex-direction:column;gap:.3rem;min-width:0}
.news-card img{display:block;width:100%;aspect-ratio:3/2;object-fit:cover;border-radius:6px;background:#e8edf2}
.news-card h2,.news-card h3{font-size:1.08rem;line-height:1.35;margin:.35rem 0 0}
.news-card h2 a,.news-card h3 a{text-decoration:none;color:#13293d}.news-card a:hover{text-decoration:underline}
.news-card p{margin:0}.news-card .sum{color:#333b44;font-size:.98rem}
.meta{color:#56606b;font-size:.93rem;margin:.25rem 0}
.chips{list-style:none;padding:0;margin:.75rem 0;display:flex;flex-wrap:wrap;gap:.5rem}
.chips a{display:inline-block;padding:.3rem .8rem;border:1px solid #b8c4d0;border-radius:999px;text-decoration:none;font-size:.93rem}
.crumbs ol{list-style:none;padding:0;margin:1rem 0 0;display:flex;flex-wrap:wrap;gap:.2rem .4rem;font-size:.93rem}
.crumbs li+li::before{content:"›";margin-right:.4rem;color:#56606b}
.article{max-width:46rem}.article h1{font-size:1.7rem;margin:.75rem 0 .25rem}
.article .lead{font-weight:600;font-size:1.08rem}
.article figure{margin:1.25rem 0}.article figure img{display:block;width:100%;border-radius:4px}
.article figcaption{font-size:.92rem;color:#4a545e;font-style:italic;padding-top:.4rem;text-align:center}
.body{overflow-wrap:anywhere}.body table{display:block;overflow-x:auto}.body img{display:block;margin:1rem auto}
.body blockquote{border-left:4px solid #b8c4d0;margin:1rem 0;padding:.1rem 1rem;color:#333b44}
.author{text-align:right;font-weight:700}
.correction{background:#fff4d6;border-left:4px solid #f0b400;padding:.6rem .9rem;border-radius:4px}
.pager{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:.5rem 1rem;margin:1.5rem 0}
.pager a{display:inline-block;padding:.5rem 0}
.feeds{font-size:.93rem;color:#56606b}
.more{font-weight:600}
@media (max-width:40rem){.news-grid{gap:1.1rem}
.news-card.pic:not(:first-child){display:grid;grid-template-columns:7.5rem 1fr;column-gap:.8rem;align-content:start}
.news-card.pic:not(:first-child) img{grid-column:1;grid-row:1 / span 2;aspect-ratio:4/3}
.news-card.pic:not(:first-child) h2,.news-card.pic:not(:first-child) h3{margin:0;font-size:1rem}
.news-card.pic:not(:first-child) .sum{display:none}}
@media (min-width:48rem){h1{font-size:1.9rem}.article h1{font-size:2.1rem}}
.pf-form{display:grid;gap:.9rem;max-width:40rem}.pf-form label{display:block;font-weight:600;margin-bottom:.25rem}.pf-form input,.pf-form textarea,.pf-form select{width:100%;font:inherit;padding:.55rem;border:1px solid #6b7785;border-radius:4px;min-height:2.75rem}.pf-hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
@media (max-width:40rem){table.stack thead{display:none}table.stack tr{display:block;border-bottom:1px solid #d5dbe1;padding:.5rem 0}table.stack td{display:block;border:0;padding:.15rem 0}}
`;

/** The stylesheet's address changes with its content, so a deploy never pairs new pages with an hour-old cached stylesheet. */
let cssHash: string | undefined;
const cssVersion = () => (cssHash ??= crypto.createHash('sha1').update(portalCss).digest('hex').slice(0, 10));
