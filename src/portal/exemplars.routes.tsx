import type { Context } from 'hono';
import { Hono } from 'hono';
import { type ExemplarKind, exemplarPath } from '../modules/exemplars/exemplars.service';
import { type PublicExemplar, type PublicExemplarCard, exemplarSlugStatus, publishedExemplar, publishedExemplars } from '../modules/exemplars/public.service';
import { textOfHtml } from '../modules/newsroom/html';
import { type PublicImage, imageUrl } from '../modules/newsroom/public.service';
import { db } from '../platform/db';
import { type MessageKey, t } from '../platform/i18n';
import { portalVersion } from './freshness';
import { HTML, cached, renderToString } from './http-cache';
import { Layout } from './layout';
import { notFoundPage } from './news.routes';
import { Breadcrumbs, DateVi, Pager, absolute, jsonLd } from './news.views';

/**
 * Public pages of the exemplars (gương điển hình): the list with a filter by
 * kind, and each story with OpenGraph tags. Published ones only; cached under
 * the portal's change stamp, which a trigger on `exemplars` bumps, so an
 * approval, a publication or an archiving shows at once on every node.
 */
export const exemplarPortalRoutes = new Hono();

const BASE = '/guong-dien-hinh';
const PAGE_SIZE = 12;
/** Kinds in the address, in Vietnamese: /guong-dien-hinh?loai=ca-nhan */
const kindSlugs: Record<string, ExemplarKind> = { 'ca-nhan': 'person', 'tap-the': 'team', 'mo-hinh': 'model' };
const slugOfKind = Object.fromEntries(Object.entries(kindSlugs).map(([s, k]) => [k, s])) as Record<ExemplarKind, string>;
const kindLabel = (k: ExemplarKind) => t(`portal.exemplars.kind.${k}` as MessageKey);
const schoolYearLabel = (y: string) => t('portal.exemplars.school_year', { year: y.replace('-', '–') });

const pageOf = (c: Context) => {
  const n = Number(c.req.query('trang') ?? '1');
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
};
const listPath = (kind: ExemplarKind | null, page = 1) => {
  const qs = [kind ? `loai=${slugOfKind[kind]}` : '', page > 1 ? `trang=${page}` : ''].filter(Boolean).join('&');
  return qs ? `${BASE}?${qs}` : BASE;
};
const excerpt = (text: string, max = 200) => (text.length > max ? `${text.slice(0, max - 1).replace(/\s+\S*$/, '')}…` : text) || undefined;
const srcset = (img: PublicImage, sizes: ('small' | 'medium' | 'large')[]) => sizes.map((s) => `${imageUrl(img, s)} ${img.variants[s].width}w`).join(', ');

function KindChips(props: { current: ExemplarKind | null }) {
  const items: [ExemplarKind | null, string][] = [[null, t('portal.exemplars.all')], ...(['person', 'team', 'model'] as const).map((k) => [k, kindLabel(k)] as [ExemplarKind, string])];
  return (
    <nav aria-label={t('portal.exemplars.filter')}>
      <ul class="chips">
        {items.map(([k, label]) => (
          <li>
            <a href={listPath(k)} aria-current={props.current === k ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function ExemplarCard(props: { e: PublicExemplarCard }) {
  const { e } = props;
  return (
    <li class={e.photo ? 'news-card pic' : 'news-card'}>
      {e.photo && (
        <img
          src={imageUrl(e.photo, 'small')}
          srcset={srcset(e.photo, ['small', 'medium'])}
          sizes="(max-width: 40rem) calc(100vw - 2rem), 22rem"
          width={e.photo.variants.small.width}
          height={e.photo.variants.small.height}
          alt={e.photo.caption ?? e.name}
          loading="lazy"
          decoding="async"
        />
      )}
      <h2>
        <a href={exemplarPath(e.slug)}>{e.name}</a>
      </h2>
      <p class="meta">
        {kindLabel(e.kind)}
        {e.title && <> · {e.title}</>} · {e.unitName}
      </p>
      {e.summary && <p class="sum">{e.summary.length > 220 ? `${e.summary.slice(0, 217).replace(/\s+\S*$/, '')}…` : e.summary}</p>}
    </li>
  );
}

exemplarPortalRoutes.get(BASE, async (c) => {
  const kind = kindSlugs[c.req.query('loai') ?? ''] ?? null;
  const page = pageOf(c);
  return cached(c, await portalVersion(), async () => {
    const list = await publishedExemplars(db(), { kind: kind ?? undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
    const heading = t('portal.exemplars.heading');
    const body = await renderToString(
      <Layout
        title={kind ? `${heading} — ${kindLabel(kind)}` : heading}
        description={t('portal.exemplars.lead')}
        path={BASE}
        meta={{ canonical: absolute(listPath(kind, page)) }}
      >
        <h1>{heading}</h1>
        <p>{t('portal.exemplars.lead')}</p>
        <KindChips current={kind} />
        {list.items.length ? (
          <ul class="news-grid">
            {list.items.map((e) => (
              <ExemplarCard e={e} />
            ))}
          </ul>
        ) : (
          <p>{t('portal.exemplars.none')}</p>
        )}
        <Pager page={page} pages={pages} href={(p) => listPath(kind, p)} />
      </Layout>,
    );
    return { body, type: HTML };
  }, listPath(kind, page));
});

function exemplarHead(e: PublicExemplar) {
  const canonical = absolute(exemplarPath(e.slug));
  const data = {
    '@context': 'https://schema.org',
    '@type': 'Article',
    headline: e.name.slice(0, 110),
    ...(e.summary ? { description: e.summary } : {}),
    inLanguage: 'vi',
    datePublished: e.publishedAt.toISOString(),
    dateModified: e.updatedAt.toISOString(),
    mainEntityOfPage: { '@type': 'WebPage', '@id': canonical },
    url: canonical,
    ...(e.photo ? { image: [absolute(imageUrl(e.photo, 'large'))] } : {}),
    publisher: { '@type': 'Organization', name: e.unitName, url: absolute(`/don-vi/${encodeURIComponent(e.unitCode)}`) },
  };
  return (
    <>
      <meta property="article:published_time" content={e.publishedAt.toISOString()} />
      <meta property="article:modified_time" content={e.updatedAt.toISOString()} />
      {e.field && <meta property="article:section" content={e.field} />}
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLd(data) }} />
    </>
  );
}

exemplarPortalRoutes.get(`${BASE}/:slug`, async (c) => {
  const slug = c.req.param('slug');
  if (!/^[a-z0-9][a-z0-9-]{0,199}$/.test(slug)) {
    const out = await notFoundPage(t('portal.exemplars.not_found_title'), t('portal.exemplars.not_found'));
    return c.body(out.body, 404, { 'content-type': HTML });
  }
  return cached(c, await portalVersion(), async () => {
    const e = await publishedExemplar(db(), slug);
    if (!e) {
      return (await exemplarSlugStatus(db(), slug)) === 'archived'
        ? notFoundPage(t('portal.exemplars.archived_title'), t('portal.exemplars.archived'), 410)
        : notFoundPage(t('portal.exemplars.not_found_title'), t('portal.exemplars.not_found'));
    }
    const html = await renderToString(
      <Layout
        title={e.name}
        description={e.summary ?? excerpt(textOfHtml(e.storyHtml))}
        path={exemplarPath(e.slug)}
        meta={{
          canonical: absolute(exemplarPath(e.slug)),
          ogType: 'article',
          image: e.photo
            ? { url: absolute(imageUrl(e.photo, 'large')), width: e.photo.variants.large.width, height: e.photo.variants.large.height, alt: e.photo.caption ?? e.name }
            : undefined,
          extra: exemplarHead(e),
        }}
      >
        <Breadcrumbs items={[[t('portal.nav.home'), '/'], [t('portal.nav.exemplars'), BASE], [kindLabel(e.kind), listPath(e.kind)]]} />
        <article class="article">
          <header>
            <h1>{e.name}</h1>
            <p class="meta">
              {[kindLabel(e.kind), e.title, e.field].filter(Boolean).join(' · ')}
              <br />
              <a href={`/don-vi/${encodeURIComponent(e.unitCode)}`}>{e.unitName}</a> · {schoolYearLabel(e.schoolYear)} · <DateVi d={e.publishedAt} />
            </p>
          </header>
          {e.summary && <p class="lead">{e.summary}</p>}
          {e.photo && (
            <figure>
              <img
                src={imageUrl(e.photo, 'medium')}
                srcset={srcset(e.photo, ['small', 'medium', 'large'])}
                sizes="(max-width: 48rem) calc(100vw - 2rem), 46rem"
                width={e.photo.variants.medium.width}
                height={e.photo.variants.medium.height}
                alt={e.photo.caption ?? e.name}
                decoding="async"
              />
              {e.photo.caption && <figcaption>{e.photo.caption}</figcaption>}
            </figure>
          )}
          {/* the one unescaped output: sanitised when written and again when read (sanitizeArticleHtml) */}
          <div class="body" dangerouslySetInnerHTML={{ __html: e.storyHtml }} />
          {e.achievements.length > 0 && (
            <section aria-labelledby="h-achievements">
              <h2 id="h-achievements">{t('portal.exemplars.achievements')}</h2>
              <ul>
                {e.achievements.map((a) => (
                  <li>{a}</li>
                ))}
              </ul>
            </section>
          )}
          <footer>
            <p class="more">
              <a href={BASE}>{t('portal.exemplars.more')}</a>
            </p>
          </footer>
        </article>
      </Layout>,
    );
    return { body: html, type: HTML };
  }, exemplarPath(slug));
});
