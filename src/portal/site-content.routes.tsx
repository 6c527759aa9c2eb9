import type { Context } from 'hono';
import { isSameOrigin } from './same-origin';
import { raw } from 'hono/html';
import {
  type Admission,
  type Faq,
  admissionPhase,
  cleanPagePath,
  formToken,
  listAdmissions,
  listAlbums,
  listFaqs,
  listLinks,
  listSchedule,
  listVideos,
  publicSiteFile,
  publishedAdmissionBySlug,
  publishedAlbumBySlug,
  scheduleIcs,
  submitContact,
  submitRating,
  vnDay,
  weekOf,
  youtubeUrl,
} from '../modules/sitecontent';
import { clientIp } from '../http/auth';
import { db } from '../platform/db';
import { AppError } from '../platform/errors';
import { t } from '../platform/i18n';
import { log } from '../platform/log';
import { readFile } from '../platform/files';
import { renderToString } from './http-cache';
import { type SiteContext, SiteLayout, registerSiteMenuSection, siteCached, siteGet, sitePath, sitePost, siteRoutes } from './site/site-kit';
import { RATING_PATH, RatingForm, SITE_CONTENT_CSS } from './site-content/rating';
import { siteContentCss } from './site-content/styles';
import { type SiteContentTextKey, dmy, tc, weekdayOf } from './site-content/text';

export { RatingForm } from './site-content/rating';

/**
 * Public pages of a unit's site for the site content (issue 5): admissions
 * notices, the work schedule (with an .ics per week), photo albums, videos,
 * FAQ, links, the contact form (/gui-y-kien; S1's /lien-he links to it) and
 * the page rating form. Server-rendered with no script; cached per node under
 * the portal change stamp (and today's date where "today" matters), except
 * the contact form, whose signed timestamp token is fresh on every request.
 */
registerSiteMenuSection({ subpath: '/tuyen-sinh', labelKey: 'sitecontent.menu.admissions', order: 70, forTypes: ['school'] });
registerSiteMenuSection({ subpath: '/lich-cong-tac', labelKey: 'sitecontent.menu.schedule', order: 75 });
registerSiteMenuSection({ subpath: '/thu-vien-anh', labelKey: 'sitecontent.menu.albums', order: 80 });
registerSiteMenuSection({ subpath: '/video', labelKey: 'sitecontent.menu.videos', order: 85 });
registerSiteMenuSection({ subpath: '/hoi-dap', labelKey: 'sitecontent.menu.faq', order: 90 });
registerSiteMenuSection({ subpath: '/lien-ket', labelKey: 'sitecontent.menu.links', order: 95 });
registerSiteMenuSection({ subpath: '/gui-y-kien', labelKey: 'sitecontent.menu.contact', order: 990 });

siteRoutes.get(SITE_CONTENT_CSS, (c) => c.body(siteContentCss, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=86400' }));

const Css = () => <link rel="stylesheet" href={SITE_CONTENT_CSS} />;
const unitName = (s: SiteContext) => s.unit.shortName || s.unit.name;

function Page(props: { s: SiteContext; title: string; path: string; description?: string; children?: unknown; crumbs?: [string, string | null][]; isRated?: boolean }) {
  return (
    <SiteLayout s={props.s} title={props.title} path={props.path} description={props.description} crumbs={props.crumbs}>
      <Css />
      {props.children as never}
      {props.isRated !== false && <RatingForm s={props.s} path={props.path} />}
    </SiteLayout>
  );
}

// ---- admissions ----------------------------------------------------------------------------------

const phaseLabel = (p: Admission['phase']) => tc(`adm.phase.${p}` as SiteContentTextKey);
const Phase = (props: { a: Admission }) => {
  const p = admissionPhase(props.a, vnDay());
  return <span class={`sc-badge sc-${p}`}>{phaseLabel(p)}</span>;
};
function applyText(a: Admission): string | null {
  if (a.applyFrom && a.applyTo) return tc('adm.apply_range', { from: dmy(a.applyFrom), to: dmy(a.applyTo) });
  if (a.applyFrom) return tc('adm.apply_from', { from: dmy(a.applyFrom) });
  if (a.applyTo) return tc('adm.apply_to', { to: dmy(a.applyTo) });
  return null;
}

function AdmissionItem(props: { s: SiteContext; a: Admission }) {
  const { a } = props;
  const apply = applyText(a);
  return (
    <li>
      <Phase a={a} />
      <h3>
        <a href={sitePath(props.s, `/tuyen-sinh/${a.slug}`)}>{a.title}</a>
      </h3>
      <p class="muted">
        {tc('adm.year', { year: a.schoolYear.replace('-', '–') })}
        {a.grade && <> · {a.grade}</>}
        {apply && (
          <>
            {' '}
            · {tc('adm.apply')} {apply}
          </>
        )}
      </p>
      {a.summary && <p>{a.summary}</p>}
    </li>
  );
}

siteGet('/tuyen-sinh', (c, s) =>
  siteCached(c, s, async () => {
    const today = vnDay();
    const all = await listAdmissions(db(), s.unit.id, { isPublishedOnly: true });
    const current = all.filter((a) => admissionPhase(a, today) !== 'closed');
    const past = all.filter((a) => admissionPhase(a, today) === 'closed');
    return (
      <Page s={s} title={tc('adm.heading')} path="/tuyen-sinh" description={tc('adm.lead', { unit: unitName(s) })}>
        <h1>{tc('adm.heading')}</h1>
        <p>{tc('adm.lead', { unit: unitName(s) })}</p>
        {!all.length && <p>{tc('adm.none')}</p>}
        {current.length > 0 && (
          <section aria-labelledby="h-adm-cur">
            <h2 id="h-adm-cur">{tc('adm.current')}</h2>
            <ul class="sc-list">
              {current.map((a) => (
                <AdmissionItem s={s} a={a} />
              ))}
            </ul>
          </section>
        )}
        {past.length > 0 && (
          <section aria-labelledby="h-adm-past">
            <h2 id="h-adm-past">{tc('adm.past')}</h2>
            <ul class="sc-list">
              {past.map((a) => (
                <AdmissionItem s={s} a={a} />
              ))}
            </ul>
          </section>
        )}
      </Page>
    );
  }, `/tuyen-sinh|${vnDay()}`),
);

siteGet('/tuyen-sinh/:notice', async (c, s) => {
  const slug = c.req.param('notice') ?? '';
  const a = await publishedAdmissionBySlug(db(), s.unit.id, slug);
  if (!a) return notFound(s, tc('adm.heading'), tc('adm.not_found'), '/tuyen-sinh', tc('adm.back'));
  return siteCached(c, s, () => {
    const apply = applyText(a);
    const path = `/tuyen-sinh/${a.slug}`;
    return (
      <Page s={s} title={a.title} path={path} description={a.summary ?? undefined} crumbs={[[tc('adm.heading'), sitePath(s, '/tuyen-sinh')], [a.title, null]]}>
        <article>
          <h1>{a.title}</h1>
          <p>
            <Phase a={a} />{' '}
            <span class="muted">
              {tc('adm.year', { year: a.schoolYear.replace('-', '–') })}
              {a.grade && <> · {a.grade}</>}
            </span>
          </p>
          {(apply || a.examOn || a.resultOn) && (
            <section aria-labelledby="h-adm-dates">
              <h2 id="h-adm-dates">{tc('adm.dates')}</h2>
              <dl class="sc-dates">
                {apply && (
                  <>
                    <dt>{tc('adm.apply')}</dt>
                    <dd>{apply}</dd>
                  </>
                )}
                {a.examOn && (
                  <>
                    <dt>{tc('adm.exam')}</dt>
                    <dd>{`${weekdayOf(a.examOn)}, ${dmy(a.examOn)}`}</dd>
                  </>
                )}
                {a.resultOn && (
                  <>
                    <dt>{tc('adm.result')}</dt>
                    <dd>{`${weekdayOf(a.resultOn)}, ${dmy(a.resultOn)}`}</dd>
                  </>
                )}
              </dl>
            </section>
          )}
          {a.summary && <p><strong>{a.summary}</strong></p>}
          {/* sanitised on the way in (sanitizeArticleHtml) */}
          <div class="rich">{raw(a.bodyHtml)}</div>
          {a.attachments.length > 0 && (
            <section aria-labelledby="h-adm-files">
              <h2 id="h-adm-files">{tc('adm.files')}</h2>
              <ul>
                {a.attachments.map((f) => (
                  <li>
                    <a href={sitePath(s, `/tep/${f.key}`)} download={f.name}>
                      {f.name}
                    </a>{' '}
                    <span class="muted">({formatSize(f.size)})</span>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <p>
            <a href={sitePath(s, '/tuyen-sinh')}>{tc('adm.back')}</a>
          </p>
        </article>
      </Page>
    );
  }, `/tuyen-sinh/${slug}|${vnDay()}`);
});

const formatSize = (n: number) => (n >= 1_048_576 ? `${(n / 1_048_576).toFixed(1).replace('.', ',')} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

async function notFound(s: SiteContext, title: string, message: string, backPath: string, backLabel: string): Promise<Response> {
  const body = await renderToString(
    <Page s={s} title={title} path={backPath} isRated={false}>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href={sitePath(s, backPath)}>{backLabel}</a>
      </p>
    </Page>,
  );
  return new Response(body, { status: 404, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=60' } });
}

// ---- files (attachments, videos) -------------------------------------------------------------------

siteGet('/tep/:key', async (c, s) => {
  const f = await publicSiteFile(db(), s.unit.id, c.req.param('key') ?? '');
  if (!f) return c.body(null, 404, { 'cache-control': 'no-store' });
  let data: Buffer;
  try {
    data = await readFile(f.key);
  } catch (err) {
    log.error('site file read failed', { key: f.key, err: (err as Error).message });
    return c.body(null, 404, { 'cache-control': 'no-store' });
  }
  const isInline = f.mime.startsWith('video/') || f.mime.startsWith('image/') || f.mime === 'application/pdf';
  const headers: Record<string, string> = {
    'content-type': f.mime,
    'accept-ranges': 'bytes',
    etag: `"${f.key}"`,
    'cache-control': 'public, max-age=3600',
    'x-content-type-options': 'nosniff',
    'content-disposition': `${isInline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(f.name)}`,
  };
  const range = /^bytes=(\d*)-(\d*)$/.exec(c.req.header('range') ?? '');
  if (range && (range[1] || range[2])) {
    let start = range[1] ? Number(range[1]) : Math.max(0, data.length - Number(range[2]));
    let end = range[1] && range[2] ? Math.min(Number(range[2]), data.length - 1) : data.length - 1;
    if (start >= data.length || start > end) return new Response(null, { status: 416, headers: { 'content-range': `bytes */${data.length}` } });
    start = Math.max(0, start);
    end = Math.max(start, end);
    return new Response(new Uint8Array(data.subarray(start, end + 1)), { status: 206, headers: { ...headers, 'content-range': `bytes ${start}-${end}/${data.length}`, 'content-length': String(end - start + 1) } });
  }
  return new Response(new Uint8Array(data), { status: 200, headers: { ...headers, 'content-length': String(data.length) } });
});

// ---- work schedule ---------------------------------------------------------------------------------

const weekParam = (c: Context) => {
  const w = c.req.query('tuan') ?? '';
  return /^\d{4}-\d{2}-\d{2}$/.test(w) && !Number.isNaN(Date.parse(`${w}T00:00:00Z`)) ? w : null;
};

siteGet('/lich-cong-tac', (c, s) => {
  const today = vnDay();
  const w = weekOf(weekParam(c) ?? today);
  return siteCached(c, s, async () => {
    const items = await listSchedule(db(), s.unit.id, w.from, w.to);
    const thisWeek = weekOf(today).from;
    const href = (from: string) => sitePath(s, `/lich-cong-tac${from === thisWeek ? '' : `?tuan=${from}`}`);
    const weekLabel = tc('sch.week', { from: dmy(w.from), to: dmy(w.to) });
    return (
      <Page s={s} title={tc('sch.heading')} path="/lich-cong-tac" description={tc('sch.lead', { unit: unitName(s) })}>
        <h1>{tc('sch.heading')}</h1>
        <p>{tc('sch.lead', { unit: unitName(s) })}</p>
        <h2>{weekLabel}</h2>
        <nav class="sc-week-nav" aria-label={tc('sch.nav')}>
          <a href={href(w.prev)} rel="prev">
            {`← ${tc('sch.prev')}`}
          </a>
          {w.from !== thisWeek && <a href={href(thisWeek)}>{tc('sch.this')}</a>}
          <a href={href(w.next)} rel="next">
            {`${tc('sch.next')} →`}
          </a>
          <a href={sitePath(s, `/lich-cong-tac.ics?tuan=${w.from}`)}>{tc('sch.ics')}</a>
        </nav>
        {w.days.map((d) => {
          const list = items.filter((i) => i.day === d);
          return (
            <section class="sc-day" aria-labelledby={`d-${d}`}>
              <h2 id={`d-${d}`}>
                {`${weekdayOf(d)}, ${dmy(d)}`}
                {d === today && <span class="muted">{` (${tc('sch.today')})`}</span>}
              </h2>
              {list.length ? (
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{tc('sch.time')}</th>
                      <th scope="col">{tc('sch.content')}</th>
                      <th scope="col">{tc('sch.chair')}</th>
                      <th scope="col">{tc('sch.participants')}</th>
                      <th scope="col">{tc('sch.place')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((i) => (
                      <tr>
                        <td data-label={tc('sch.time')}>{i.endTime ? `${i.startTime}–${i.endTime}` : i.startTime}</td>
                        <td data-label={tc('sch.content')}>{i.content}</td>
                        <td data-label={tc('sch.chair')}>{i.chair ?? ''}</td>
                        <td data-label={tc('sch.participants')}>{i.participants ?? ''}</td>
                        <td data-label={tc('sch.place')}>{i.place ?? ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : (
                <p class="muted">{tc('sch.none_day')}</p>
              )}
            </section>
          );
        })}
      </Page>
    );
  }, `/lich-cong-tac|${w.from}|${today}`);
});

siteGet('/lich-cong-tac.ics', async (c, s) => {
  const w = weekOf(weekParam(c) ?? vnDay());
  const items = await listSchedule(db(), s.unit.id, w.from, w.to);
  const host = new URL(c.req.url).hostname;
  return new Response(scheduleIcs(s.unit.name, host, items), {
    status: 200,
    headers: { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `attachment; filename="lich-cong-tac-${w.from}.ics"`, 'cache-control': 'public, max-age=300' },
  });
});

// ---- albums and videos -------------------------------------------------------------------------------

siteGet('/thu-vien-anh', (c, s) =>
  siteCached(c, s, async () => {
    const list = await listAlbums(db(), s.unit.id, { isPublishedOnly: true, limit: 60 });
    return (
      <Page s={s} title={tc('alb.heading')} path="/thu-vien-anh" description={tc('alb.lead', { unit: unitName(s) })}>
        <h1>{tc('alb.heading')}</h1>
        <p>{tc('alb.lead', { unit: unitName(s) })}</p>
        {list.items.length ? (
          <ul class="sc-grid">
            {list.items.map((a) => (
              <li>
                {a.cover && !a.cover.isIdentifyingPupils && (
                  <img src={a.cover.urls.small} alt="" width={400} height={a.cover.width && a.cover.height ? Math.round((400 * a.cover.height) / a.cover.width) : 300} loading="lazy" decoding="async" />
                )}
                <h2>
                  <a href={sitePath(s, `/thu-vien-anh/${a.slug}`)}>{a.title}</a>
                </h2>
                <p class="muted">
                  {a.takenOn && <>{dmy(a.takenOn)} · </>}
                  {tc('alb.count', { n: a.photoCount })}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p>{tc('alb.none')}</p>
        )}
      </Page>
    );
  }),
);

siteGet('/thu-vien-anh/:album', async (c, s) => {
  const slug = c.req.param('album') ?? '';
  const a = await publishedAlbumBySlug(db(), s.unit.id, slug);
  if (!a) return notFound(s, tc('alb.heading'), tc('alb.not_found'), '/thu-vien-anh', tc('alb.back'));
  return siteCached(c, s, () => (
    <Page s={s} title={a.title} path={`/thu-vien-anh/${a.slug}`} description={a.description ?? undefined} crumbs={[[tc('alb.heading'), sitePath(s, '/thu-vien-anh')], [a.title, null]]}>
      <h1>{a.title}</h1>
      {a.takenOn && <p class="muted">{dmy(a.takenOn)}</p>}
      {a.description && <p>{a.description}</p>}
      {a.photos.length ? (
        <ul class="sc-grid">
          {a.photos.map((p, i) => (
            <li>
              <figure>
                <a href={p.urls.large} aria-label={`${tc('alb.large')}: ${p.caption ?? `${a.title} (${i + 1})`}`}>
                  <img src={p.urls.small} srcset={`${p.urls.small} 400w, ${p.urls.medium} 800w`} sizes="(max-width: 40rem) calc(100vw - 2rem), 15rem" alt={p.caption ?? `${a.title} (${i + 1})`} width={400} height={p.width && p.height ? Math.round((400 * p.height) / p.width) : 300} loading="lazy" decoding="async" />
                </a>
                {p.caption && <figcaption>{p.caption}</figcaption>}
              </figure>
            </li>
          ))}
        </ul>
      ) : (
        <p>{tc('alb.empty')}</p>
      )}
      <p>
        <a href={sitePath(s, '/thu-vien-anh')}>{tc('alb.back')}</a>
      </p>
    </Page>
  ));
});

siteGet('/video', (c, s) =>
  siteCached(c, s, async () => {
    const list = await listVideos(db(), s.unit.id, { isPublishedOnly: true });
    return (
      <Page s={s} title={tc('vid.heading')} path="/video" description={tc('vid.lead', { unit: unitName(s) })}>
        <h1>{tc('vid.heading')}</h1>
        <p>{tc('vid.lead', { unit: unitName(s) })}</p>
        {list.length ? (
          <ul class="sc-list">
            {list.map((v) => (
              <li>
                <h2 id={`v-${v.id}`}>{v.title}</h2>
                {v.description && <p>{v.description}</p>}
                {v.source === 'file' && v.fileKey ? (
                  <>
                    <video controls preload="none" aria-labelledby={`v-${v.id}`} src={sitePath(s, `/tep/${v.fileKey}`)}>
                      {tc('vid.no_player')}
                    </video>
                    <p>
                      <a href={sitePath(s, `/tep/${v.fileKey}`)}>{tc('vid.download')}</a>
                    </p>
                  </>
                ) : (
                  v.youtubeId && (
                    <p>
                      <a href={youtubeUrl(v.youtubeId)} rel="noopener nofollow external">
                        {tc('vid.youtube')}
                      </a>
                    </p>
                  )
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p>{tc('vid.none')}</p>
        )}
      </Page>
    );
  }),
);

// ---- FAQ and links ---------------------------------------------------------------------------------

function groupBy<T extends { groupName: string | null }>(xs: T[]): [string | null, T[]][] {
  const m = new Map<string | null, T[]>();
  for (const x of xs) m.set(x.groupName, [...(m.get(x.groupName) ?? []), x]);
  return [...m.entries()];
}
const paragraphs = (text: string) => text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);

siteGet('/hoi-dap', (c, s) => {
  const q = (c.req.query('q') ?? '').trim().slice(0, 100);
  return siteCached(c, s, async () => {
    const items: Faq[] = await listFaqs(db(), s.unit.id, { isPublishedOnly: true, text: q });
    const groups = groupBy(items);
    return (
      <Page s={s} title={tc('faq.heading')} path="/hoi-dap" description={tc('faq.lead', { unit: unitName(s) })}>
        <h1>{tc('faq.heading')}</h1>
        <p>{tc('faq.lead', { unit: unitName(s) })}</p>
        <form class="sc-search sc-form" method="get" action={sitePath(s, '/hoi-dap')} role="search">
          <div>
            <label for="faq-q">{tc('faq.search')}</label>
            <input id="faq-q" type="search" name="q" value={q} maxlength={100} />
          </div>
          <button type="submit">{tc('faq.search_button')}</button>
        </form>
        {q && <p role="status">{items.length ? tc('faq.results', { n: items.length, q }) : tc('faq.no_match', { q })}</p>}
        {!q && !items.length && <p>{tc('faq.none')}</p>}
        <div class="sc-faq">
          {groups.map(([g, list], gi) => (
            <section aria-labelledby={`faq-g-${gi}`}>
              <h2 id={`faq-g-${gi}`}>{g ?? tc('faq.other')}</h2>
              {list.map((f) => (
                <details id={`cau-hoi-${f.id}`} open={!!q || undefined}>
                  <summary>{f.question}</summary>
                  {paragraphs(f.answer).map((p) => (
                    <p>{p}</p>
                  ))}
                </details>
              ))}
            </section>
          ))}
        </div>
        {q && (
          <p>
            <a href={sitePath(s, '/hoi-dap')}>{tc('faq.all')}</a>
          </p>
        )}
        <p>
          <a href={sitePath(s, '/gui-y-kien')}>{tc('faq.ask')}</a>
        </p>
      </Page>
    );
  });
});

siteGet('/lien-ket', (c, s) =>
  siteCached(c, s, async () => {
    const groups = groupBy(await listLinks(db(), s.unit.id));
    return (
      <Page s={s} title={tc('links.heading')} path="/lien-ket" description={tc('links.lead')}>
        <h1>{tc('links.heading')}</h1>
        <p>{tc('links.lead')}</p>
        {!groups.length && <p>{tc('links.none')}</p>}
        {groups.map(([g, list], gi) => (
          <section aria-labelledby={`lk-g-${gi}`}>
            <h2 id={`lk-g-${gi}`}>{g ?? tc('links.other')}</h2>
            <ul>
              {list.map((l) => (
                <li>
                  <a href={l.url} rel="noopener nofollow external">
                    {l.title}
                  </a>{' '}
                  <span class="muted">({new URL(l.url).hostname})</span>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </Page>
    );
  }),
);

// ---- the contact form ------------------------------------------------------------------------------


type ContactValues = { name: string; email: string; phone: string; subject: string; message: string };
const empty: ContactValues = { name: '', email: '', phone: '', subject: '', message: '' };

async function contactPage(s: SiteContext, values: ContactValues, error: string | null, status: 200 | 400 | 403 | 429): Promise<Response> {
  const token = await formToken(db(), s.unit.id);
  const body = await renderToString(
    <Page s={s} title={tc('ct.heading')} path="/gui-y-kien" description={tc('ct.lead', { unit: unitName(s) })} isRated={false}>
      <h1>{tc('ct.heading')}</h1>
      <p>{tc('ct.lead', { unit: s.unit.name })}</p>
      {error && (
        <div class="sc-error" role="alert" id="loi">
          <p>
            <strong>{tc('ct.error_title')}</strong>
          </p>
          <p>{error}</p>
        </div>
      )}
      <p class="muted">{tc('ct.required')}</p>
      <form class="sc-form" method="post" action={sitePath(s, '/gui-y-kien')}>
        <input type="hidden" name="token" value={token} />
        <div class="sc-hp" aria-hidden="true">
          <label for="ct-website">{tc('ct.website')}</label>
          <input id="ct-website" type="text" name="website" tabindex={-1} autocomplete="off" value="" />
        </div>
        <div>
          <label for="ct-name">{`${tc('ct.name')} *`}</label>
          <input id="ct-name" type="text" name="name" required maxlength={100} autocomplete="name" value={values.name} />
        </div>
        <div>
          <label for="ct-email">{tc('ct.email')}</label>
          <input id="ct-email" type="email" name="email" maxlength={254} autocomplete="email" value={values.email} aria-describedby="ct-reach" />
        </div>
        <div>
          <label for="ct-phone">{tc('ct.phone')}</label>
          <input id="ct-phone" type="tel" name="phone" maxlength={20} autocomplete="tel" value={values.phone} aria-describedby="ct-reach" />
          <p class="sc-hint" id="ct-reach">
            {tc('ct.reach_hint')}
          </p>
        </div>
        <div>
          <label for="ct-subject">{`${tc('ct.subject')} *`}</label>
          <input id="ct-subject" type="text" name="subject" required maxlength={200} value={values.subject} />
        </div>
        <div>
          <label for="ct-message">{`${tc('ct.message')} *`}</label>
          <textarea id="ct-message" name="message" required minlength={10} maxlength={5000} rows={7} aria-describedby="ct-message-hint">
            {values.message}
          </textarea>
          <p class="sc-hint" id="ct-message-hint">
            {tc('ct.message_hint')}
          </p>
        </div>
        <p class="muted">{tc('ct.privacy')}</p>
        <div>
          <button type="submit">{tc('ct.send')}</button>
        </div>
      </form>
    </Page>,
  );
  return new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
}

siteGet('/gui-y-kien', (_c, s) => contactPage(s, empty, null, 200));

/** Public form posts are small: a body over 64 KB is refused (by its length, or while it is read). */
const FORM_MAX_BYTES = 64 * 1024;
const isTooBig = (c: Context) => Number(c.req.header('content-length') ?? 0) > FORM_MAX_BYTES;
async function readForm(c: Context): Promise<Record<string, unknown> | null> {
  if (isTooBig(c)) return null;
  const reader = c.req.raw.body?.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const part = reader ? await reader.read() : { done: true as const, value: undefined };
    if (part.done) break;
    total += part.value.byteLength;
    if (total > FORM_MAX_BYTES) {
      await reader?.cancel().catch(() => {});
      return null;
    }
    chunks.push(part.value);
  }
  try {
    const req = new Request(c.req.url, { method: 'POST', headers: c.req.raw.headers, body: Buffer.concat(chunks) });
    return Object.fromEntries((await req.formData()).entries());
  } catch {
    return {};
  }
}

const field = (form: Record<string, unknown>, k: string, max: number) => (typeof form[k] === 'string' ? (form[k] as string).slice(0, max) : '');

sitePost('/gui-y-kien', async (c, s) => {
  const form = await readForm(c);
  if (!form) return contactPage(s, empty, t('contact.too_long', { max: 5000 }), 400);
  const values: ContactValues = { name: field(form, 'name', 200), email: field(form, 'email', 300), phone: field(form, 'phone', 40), subject: field(form, 'subject', 400), message: field(form, 'message', 10_000) };
  if (!isSameOrigin(c)) return contactPage(s, values, t('contact.cross_site'), 403);
  try {
    await submitContact(s.unit.id, clientIp(c), { ...values, website: field(form, 'website', 200), token: field(form, 'token', 200), pagePath: sitePath(s, '/gui-y-kien') });
  } catch (err) {
    if (err instanceof AppError && err.status < 500) return contactPage(s, values, t(err.messageKey, err.params), err.status === 429 ? 429 : 400);
    throw err;
  }
  const body = await renderToString(
    <Page s={s} title={tc('ct.sent_title')} path="/gui-y-kien" isRated={false}>
      <h1>{tc('ct.sent_title')}</h1>
      <p class="sc-ok" role="status">
        {tc('ct.sent', { unit: s.unit.name })}
      </p>
      <p>
        <a href={sitePath(s, '')}>{tc('ct.back_home')}</a>
      </p>
    </Page>,
  );
  return new Response(body, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
});

// ---- the page rating ----------------------------------------------------------------------------------

sitePost(RATING_PATH, async (c, s) => {
  const form = (await readForm(c)) ?? {};
  const page = cleanPagePath(field(form, 'trang', 300)) ?? '/';
  const back = sitePath(s, page === '/' ? '' : page);
  let error: string | null = null;
  if (!isSameOrigin(c)) error = t('contact.cross_site');
  else {
    try {
      await submitRating(s.unit.id, clientIp(c), { pagePath: page, score: Number(field(form, 'diem', 2)), comment: field(form, 'gop-y', 2000) });
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      error = t(err.messageKey, err.params);
    }
  }
  if (!error) return new Response(null, { status: 303, headers: { location: `${back}#cam-on-danh-gia`, 'cache-control': 'no-store' } });
  const body = await renderToString(
    <Page s={s} title={tc('rt.error_title')} path={page} isRated={false}>
      <h1>{tc('rt.error_title')}</h1>
      <p class="sc-error" role="alert">
        {error}
      </p>
      <p>
        <a href={back}>{tc('rt.back')}</a>
      </p>
    </Page>,
  );
  return new Response(body, { status: 400, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
});
