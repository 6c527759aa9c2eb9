import type { Child } from 'hono/jsx';
import { type PublicArticle, type PublicArticleCard, type PublicImage, articlePath, imageUrl } from '../modules/newsroom/public.service';
import { config } from '../platform/config';
import { t } from '../platform/i18n';
import { formatDateVi, slugify } from '../text';
import { tn } from './news.text';

/** Components of the public news pages (hono/jsx: everything escaped unless said otherwise). */

export const themePath = (theme: string) => `/chu-de/${slugify(theme) || 'khac'}`;
export const unitNewsPath = (code: string) => `/don-vi/${encodeURIComponent(code)}/tin-tuc`;
export const absolute = (path: string) => config().publicUrl + path;

export function DateVi(props: { d: Date }) {
  return <time datetime={props.d.toISOString()}>{formatDateVi(props.d)}</time>;
}

const srcset = (img: PublicImage, sizes: ('small' | 'medium' | 'large')[]) =>
  sizes.map((s) => `${imageUrl(img, s)} ${img.variants[s].width}w`).join(', ');

export function NewsCard(props: { a: PublicArticleCard; level: 2 | 3; isShowingUnit?: boolean }) {
  const { a } = props;
  const Heading = props.level === 2 ? 'h2' : 'h3';
  return (
    <li class={a.cover ? 'news-card pic' : 'news-card'}>
      {a.cover && (
        <img
          src={imageUrl(a.cover, 'small')}
          srcset={srcset(a.cover, ['small', 'medium'])}
          sizes="(max-width: 40rem) calc(100vw - 2rem), 22rem"
          width={a.cover.variants.small.width}
          height={a.cover.variants.small.height}
          alt={a.cover.caption ?? ''}
          loading="lazy"
          decoding="async"
        />
      )}
      <Heading>
        <a href={articlePath(a.slug)}>{a.title}</a>
      </Heading>
      <p class="meta">
        <DateVi d={a.publishedAt} />
        {props.isShowingUnit !== false && <> · {a.unitName}</>}
      </p>
      {a.summary && <p class="sum">{a.summary.length > 220 ? `${a.summary.slice(0, 217).replace(/\s+\S*$/, '')}…` : a.summary}</p>}
    </li>
  );
}

export function NewsGrid(props: { items: PublicArticleCard[]; level: 2 | 3; isShowingUnit?: boolean }) {
  if (!props.items.length) return <p>{tn('news.none')}</p>;
  return (
    <ul class="news-grid">
      {props.items.map((a) => (
        <NewsCard a={a} level={props.level} isShowingUnit={props.isShowingUnit} />
      ))}
    </ul>
  );
}

export function Pager(props: { page: number; pages: number; href: (page: number) => string }) {
  if (props.pages <= 1) return <></>;
  return (
    <nav class="pager" aria-label={tn('news.pages')}>
      <span>{props.page > 1 && <a href={props.href(props.page - 1)} rel="prev">{tn('news.prev')}</a>}</span>
      <span class="muted">{tn('news.page_of', { page: props.page, pages: props.pages })}</span>
      <span>{props.page < props.pages && <a href={props.href(props.page + 1)} rel="next">{tn('news.next')}</a>}</span>
    </nav>
  );
}

export function ThemeChips(props: { themes: string[]; label?: string }) {
  if (!props.themes.length) return <></>;
  return (
    <nav aria-label={props.label ?? tn('news.themes')}>
      <ul class="chips">
        {props.themes.map((th) => (
          <li>
            <a href={themePath(th)}>{th}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function FeedLinks(props: { rss: string; atom: string }) {
  return (
    <p class="feeds">
      {tn('news.follow')} <a href={props.rss}>{tn('news.rss')}</a> · <a href={props.atom}>{tn('news.atom')}</a>
    </p>
  );
}

export function Breadcrumbs(props: { items: [string, string | null][] }) {
  return (
    <nav class="crumbs" aria-label={tn('news.breadcrumb')}>
      <ol>
        {props.items.map(([label, href]) => (
          <li>{href ? <a href={href}>{label}</a> : <span aria-current="page">{label}</span>}</li>
        ))}
      </ol>
    </nav>
  );
}

function Photo(props: { img: PublicImage; isLead: boolean }) {
  const { img } = props;
  return (
    <figure>
      <img
        src={imageUrl(img, 'medium')}
        srcset={srcset(img, ['small', 'medium', 'large'])}
        sizes="(max-width: 48rem) calc(100vw - 2rem), 46rem"
        width={img.variants.medium.width}
        height={img.variants.medium.height}
        alt={img.caption ?? ''}
        loading={props.isLead ? undefined : 'lazy'}
        decoding="async"
      />
      {img.caption && <figcaption>{img.caption}</figcaption>}
    </figure>
  );
}

/** JSON for a <script type="application/ld+json">, safe inside HTML (no `</script>`, no `<!--`). */
export function jsonLd(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function articleHead(a: PublicArticle): Child {
  const canonical = absolute(articlePath(a.slug));
  const images = [a.cover, ...a.media.filter((m) => m.id !== a.cover?.id)].filter((x): x is PublicImage => !!x);
  const data = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: a.title.slice(0, 110),
    ...(a.summary ? { description: a.summary } : {}),
    inLanguage: 'vi',
    datePublished: a.publishedAt.toISOString(),
    dateModified: (a.correctedAt && a.correctedAt > a.updatedAt ? a.correctedAt : a.updatedAt).toISOString(),
    mainEntityOfPage: { '@type': 'WebPage', '@id': canonical },
    url: canonical,
    ...(images.length ? { image: images.map((i) => absolute(imageUrl(i, 'large'))) } : {}),
    author: a.authorName ? [{ '@type': 'Person', name: a.authorName }] : [{ '@type': 'Organization', name: a.unitName }],
    publisher: { '@type': 'Organization', name: a.unitName, url: absolute(`/don-vi/${encodeURIComponent(a.unitCode)}`) },
    ...(a.themes.length ? { keywords: a.themes.join(', '), articleSection: a.themes[0] } : {}),
  };
  return (
    <>
      <meta property="article:published_time" content={a.publishedAt.toISOString()} />
      <meta property="article:modified_time" content={a.updatedAt.toISOString()} />
      {a.themes[0] && <meta property="article:section" content={a.themes[0]} />}
      {a.themes.map((th) => (
        <meta property="article:tag" content={th} />
      ))}
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLd(data) }} />
    </>
  );
}

export function ArticleView(props: { a: PublicArticle }) {
  const { a } = props;
  const lead = a.cover ?? a.media[0] ?? null;
  const others = a.media.filter((m) => m.id !== lead?.id);
  return (
    <>
      <Breadcrumbs
        items={[
          [t('portal.nav.home'), '/'],
          [tn('nav.news'), '/tin-tuc'],
          [a.unitName, unitNewsPath(a.unitCode)],
        ]}
      />
      <article class="article">
        <header>
          <h1>{a.title}</h1>
          <p class="meta">
            <a href={`/don-vi/${encodeURIComponent(a.unitCode)}`}>{a.unitName}</a> · {tn('news.published_on')} <DateVi d={a.publishedAt} />
          </p>
        </header>
        {a.correctionNote && (
          <p class="correction" role="note">
            <strong>{tn('news.correction', { date: formatDateVi(a.correctedAt ?? a.updatedAt) })}</strong> {a.correctionNote}
          </p>
        )}
        {a.summary && <p class="lead">{a.summary}</p>}
        {lead && <Photo img={lead} isLead />}
        {/* the one unescaped output: sanitised when written and again here (sanitizeArticleHtml in the service) */}
        <div class="body" dangerouslySetInnerHTML={{ __html: a.bodyHtml }} />
        {others.length > 0 && (
          <section aria-label={tn('news.photos')}>
            {others.map((m) => (
              <Photo img={m} isLead={false} />
            ))}
          </section>
        )}
        {a.authorName && <p class="author">{tn('news.author', { name: a.authorName })}</p>}
        <footer>
          <ThemeChips themes={a.themes} />
          <p class="more">
            <a href={unitNewsPath(a.unitCode)}>{tn('news.more_from_unit', { unit: a.unitName })}</a>
          </p>
        </footer>
      </article>
    </>
  );
}
