import { Hono } from 'hono';
import { type DisclosureHeading, type PublicDisclosureEntry, disclosureFile, disclosureSummary, headingLabel, headingOfSlug, headingSlugs, publishedDisclosure } from '../modules/disclosure';
import { fileHeaders } from '../modules/documents';
import { db } from '../platform/db';
import { readFile } from '../platform/files';
import { type MessageKey, t } from '../platform/i18n';
import { log } from '../platform/log';
import { HTML } from './http-cache';
import { notFoundPage } from './news.routes';
import { DateVi } from './news.views';
import { SiteLayout, type SiteContext, registerSiteMenuSection, siteCached, siteGet, sitePath } from './site/site-kit';

/**
 * A school's public disclosure (công khai, Thông tư 09/2024/TT-BGDĐT) on its
 * site: /cong-khai lists the eight headings with what each holds, and
 * /cong-khai/<heading> shows the published entries, newest school year first,
 * with their attachments (served from /cong-khai/tep/… like documents: sniffed
 * type, Content-Disposition, nosniff). Drafts never show.
 */
export const disclosurePortalRoutes = new Hono();
const BASE = '/cong-khai';
const pt = (k: string, params?: Record<string, string | number>) => t(`disclosure.page.${k}` as MessageKey, params);
const yearLabel = (y: string) => y.replace('-', '–');
const viDate = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

disclosurePortalRoutes.get(`${BASE}/tep/:id/:name?`, async (c) => {
  const id = Number(c.req.param('id'));
  const f = Number.isSafeInteger(id) && id > 0 ? await disclosureFile(db(), id, { publicOnly: true }) : null;
  if (!f) return c.body(null, 404, { 'cache-control': 'no-store' });
  try {
    return c.body(new Uint8Array(await readFile(f.key)), 200, fileHeaders(f));
  } catch (err) {
    log.error('disclosure file read failed', { id, err: (err as Error).message });
    return c.body(null, 404, { 'cache-control': 'no-store' });
  }
});

registerSiteMenuSection({ subpath: BASE, labelKey: 'disclosure.menu', order: 65, forTypes: ['school'] });

async function notSchool() {
  const out = await notFoundPage(pt('not_found_title'), pt('not_found'));
  return new Response(out.body, { status: 404, headers: { 'content-type': HTML } });
}

siteGet(BASE, async (c, s: SiteContext) => {
  if (s.unit.type !== 'school') return notSchool();
  return siteCached(c, s, async () => {
    const summary = await disclosureSummary(db(), s.unit.id);
    return (
      <SiteLayout s={s} title={pt('heading')} path={BASE} description={pt('lead', { unit: s.unit.name })}>
        <h1>{pt('heading')}</h1>
        <p>{pt('lead', { unit: s.unit.name })}</p>
        <ul class="quick">
          {summary.map((h) => (
            <li>
              <a href={sitePath(s, `${BASE}/${headingSlugs[h.heading]}`)}>{headingLabel(h.heading)}</a>
              <p class="muted">{h.count ? pt('heading_count', { n: h.count, year: yearLabel(h.lastYear ?? '') }) : pt('heading_empty')}</p>
            </li>
          ))}
        </ul>
        <p class="muted">{pt('rules')}</p>
      </SiteLayout>
    );
  });
});

function Entry(props: { e: PublicDisclosureEntry }) {
  const { e } = props;
  return (
    <article class="disclosure-entry">
      <h3>{e.title}</h3>
      <p class="updated">
        {pt('published_on')} <DateVi d={new Date(e.publishedAt)} />
        {e.changedOn && <> · {pt('changed_on', { date: viDate(e.changedOn) })}</>}
      </p>
      {/* the one unescaped output: sanitised when written and again when read (sanitizeArticleHtml) */}
      {e.bodyHtml && <div class="rich" dangerouslySetInnerHTML={{ __html: e.bodyHtml }} />}
      {e.files.length > 0 && (
        <ul>
          {e.files.map((f) => (
            <li>
              <a href={f.url}>{f.fileName}</a>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

siteGet(`${BASE}/:heading`, async (c, s: SiteContext) => {
  const heading: DisclosureHeading | null = headingOfSlug(c.req.param('heading') ?? '');
  if (s.unit.type !== 'school' || !heading) return notSchool();
  return siteCached(c, s, async () => {
    const entries = await publishedDisclosure(db(), s.unit.id, heading);
    const years = [...new Set(entries.map((e) => e.schoolYear))];
    const title = headingLabel(heading);
    return (
      <SiteLayout s={s} title={title} path={`${BASE}/${headingSlugs[heading]}`} description={pt('lead', { unit: s.unit.name })} crumbs={[[pt('heading'), sitePath(s, BASE)], [title, null]]}>
        <h1>{title}</h1>
        {heading === 'annual_report' && <p class="muted">{pt('annual_report_note')}</p>}
        {years.length ? (
          years.map((y) => (
            <section aria-labelledby={`y-${y}`}>
              <h2 id={`y-${y}`}>{pt('school_year', { year: yearLabel(y) })}</h2>
              {entries
                .filter((e) => e.schoolYear === y)
                .map((e) => (
                  <Entry e={e} />
                ))}
            </section>
          ))
        ) : (
          <p>{pt('empty')}</p>
        )}
        <p>
          <a href={sitePath(s, BASE)}>{pt('back')}</a>
        </p>
      </SiteLayout>
    );
  });
});
