import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { t } from '../platform/i18n';

/** The portal's one accessible layout: skip link, landmarks, readable on a cheap phone, no client JS. */
export function Layout(props: { title: string; description?: string; children: Child; path: string }) {
  const nav = [
    ['/', t('portal.nav.home')],
    ['/don-vi', t('portal.nav.units')],
    ['/nguoi-phat-ngon', t('portal.nav.spokespersons')],
  ] as const;
  return (
    <>
    {raw('<!doctype html>')}
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>{`${props.title} — ${t('portal.title')}`}</title>
        {props.description && <meta name="description" content={props.description} />}
        <meta property="og:title" content={props.title} />
        <link rel="stylesheet" href="/portal.css" />
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
            <nav aria-label={t('portal.nav.home')}>
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
@media (max-width:40rem){table.stack thead{display:none}table.stack tr{display:block;border-bottom:1px solid #d5dbe1;padding:.5rem 0}table.stack td{display:block;border:0;padding:.15rem 0}}
`;
