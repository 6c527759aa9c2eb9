import type { Context } from 'hono';
import { Hono } from 'hono';
import {
  type DocumentQuery,
  type DocumentType,
  type LibraryDocument,
  type Validity,
  documentFacets,
  documentFile,
  documentTypeLabel,
  documentTypes,
  fileHeaders,
  getDocument,
  planFileOfDocument,
  searchDocuments,
} from '../modules/documents';
import { iso } from '../modules/plans';
import { now } from '../platform/clock';
import { db } from '../platform/db';
import { readFile } from '../platform/files';
import { type MessageKey, t } from '../platform/i18n';
import { log } from '../platform/log';
import { portalVersion } from './freshness';
import { HTML, cached, renderToString } from './http-cache';
import { Layout } from './layout';
import { notFoundPage } from './news.routes';
import { Breadcrumbs, Pager, absolute } from './news.views';
import { SiteLayout, type SiteContext, registerSiteMenuSection, siteCached, siteGet, sitePath } from './site/site-kit';

/**
 * Public pages of the documents library: the sector-wide library on the portal
 * (/van-ban, every unit's public documents) and each unit's own library on its
 * site (/don-vi/<slug>/van-ban, or /van-ban on its domain), with the search
 * form (words with or without diacritics, number, issuer, field, type, year,
 * validity), and a page per document. Files are served from /van-ban/tep/…
 * with their sniffed type, a Content-Disposition and nosniff.
 */
export const documentPortalRoutes = new Hono();

const PAGE_SIZE = 20;
const BASE = '/van-ban';
const dt = (k: string, params?: Record<string, string | number>) => t(`documents.page.${k}` as MessageKey, params);
const viDate = (d: string | null) => (d ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : '—');
const validityLabel = (v: Validity) => t(`documents.validity.${v}` as MessageKey);

type Filters = { q: string; loai: DocumentType | null; linhVuc: string; coQuan: string; so: string; nam: number | null; hieuLuc: Validity | null; trang: number };
function filtersOf(c: Context): Filters {
  const s = (k: string, max = 200) => (c.req.query(k) ?? '').trim().slice(0, max);
  const type = s('loai') as DocumentType;
  const year = Number(s('nam'));
  const page = Number(s('trang') || '1');
  const v = s('hieu-luc') as Validity;
  return {
    q: s('q'),
    loai: documentTypes.includes(type) ? type : null,
    linhVuc: s('linh-vuc', 120),
    coQuan: s('co-quan'),
    so: s('so', 80),
    nam: Number.isInteger(year) && year >= 1945 && year <= 2100 ? year : null,
    hieuLuc: ['in_force', 'not_yet', 'expired'].includes(v) ? v : null,
    trang: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}
function queryString(f: Filters, page = f.trang): string {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  if (f.loai) p.set('loai', f.loai);
  if (f.linhVuc) p.set('linh-vuc', f.linhVuc);
  if (f.coQuan) p.set('co-quan', f.coQuan);
  if (f.so) p.set('so', f.so);
  if (f.nam) p.set('nam', String(f.nam));
  if (f.hieuLuc) p.set('hieu-luc', f.hieuLuc);
  if (page > 1) p.set('trang', String(page));
  const s = p.toString();
  return s ? `?${s}` : '';
}
const toQuery = (f: Filters): Omit<DocumentQuery, 'unitId' | 'unitPath'> => ({
  isPublicOnly: true,
  text: f.q,
  docType: f.loai ?? undefined,
  field: f.linhVuc,
  issuer: f.coQuan,
  number: f.so,
  year: f.nam ?? undefined,
  validity: f.hieuLuc ?? undefined,
  limit: PAGE_SIZE,
  offset: (f.trang - 1) * PAGE_SIZE,
});

function SearchForm(props: { action: string; f: Filters; fields: string[]; issuers: string[] }) {
  const { f } = props;
  return (
    <form method="get" action={props.action} role="search" aria-label={dt('search_label')} class="doc-search">
      <p>
        <label for="doc-q">{dt('words')}</label>
        <br />
        <input id="doc-q" name="q" type="search" value={f.q} placeholder={dt('words_placeholder')} maxlength={200} />
      </p>
      <details open={!!(f.loai || f.linhVuc || f.coQuan || f.so || f.nam || f.hieuLuc) || undefined}>
        <summary>{dt('more_filters')}</summary>
        <p>
          <label for="doc-so">{dt('number')}</label>
          <br />
          <input id="doc-so" name="so" value={f.so} placeholder={dt('number_placeholder')} maxlength={80} />
        </p>
        <p>
          <label for="doc-loai">{dt('type')}</label>
          <br />
          <select id="doc-loai" name="loai">
            <option value="">{dt('all_types')}</option>
            {documentTypes.map((k) => (
              <option value={k} selected={f.loai === k || undefined}>
                {documentTypeLabel(k)}
              </option>
            ))}
          </select>
        </p>
        <p>
          <label for="doc-co-quan">{dt('issuer')}</label>
          <br />
          <input id="doc-co-quan" name="co-quan" value={f.coQuan} list="doc-issuers" maxlength={200} />
          <datalist id="doc-issuers">
            {props.issuers.slice(0, 50).map((x) => (
              <option value={x} />
            ))}
          </datalist>
        </p>
        <p>
          <label for="doc-linh-vuc">{dt('field')}</label>
          <br />
          <input id="doc-linh-vuc" name="linh-vuc" value={f.linhVuc} list="doc-fields" maxlength={120} />
          <datalist id="doc-fields">
            {props.fields.slice(0, 50).map((x) => (
              <option value={x} />
            ))}
          </datalist>
        </p>
        <p>
          <label for="doc-nam">{dt('year')}</label>
          <br />
          <input id="doc-nam" name="nam" type="number" inputmode="numeric" min={1945} max={2100} value={f.nam ? String(f.nam) : ''} />
        </p>
        <p>
          <label for="doc-hieu-luc">{dt('validity')}</label>
          <br />
          <select id="doc-hieu-luc" name="hieu-luc">
            <option value="">{dt('all_validity')}</option>
            {(['in_force', 'not_yet', 'expired'] as const).map((v) => (
              <option value={v} selected={f.hieuLuc === v || undefined}>
                {validityLabel(v)}
              </option>
            ))}
          </select>
        </p>
      </details>
      <p>
        <button type="submit" class="btn">
          {dt('search')}
        </button>
      </p>
    </form>
  );
}

function DocumentTable(props: { items: LibraryDocument[]; href: (d: LibraryDocument) => string; isShowingUnit: boolean }) {
  return (
    <div class="table-wrap">
      <table class="stack doc-list">
        <caption class="muted">{dt('table_caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{dt('number')}</th>
            <th scope="col">{dt('issued_on')}</th>
            <th scope="col">{dt('summary')}</th>
            <th scope="col">{dt('issuer')}</th>
            <th scope="col">{dt('validity')}</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((d) => (
            <tr>
              <td>
                <a href={props.href(d)}>{d.numberLabel ?? dt('no_number')}</a>
                <br />
                <span class="muted">{d.docTypeLabel}</span>
              </td>
              <td>{viDate(d.issuedOn)}</td>
              <td>
                <a href={props.href(d)}>{d.summary}</a>
                {d.field && <span class="muted"> · {d.field}</span>}
              </td>
              <td>
                {d.issuer}
                {props.isShowingUnit && d.issuer !== d.unitName && <span class="muted"> ({d.unitName})</span>}
              </td>
              <td>{validityLabel(d.validity)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DocumentView(props: { d: LibraryDocument }) {
  const { d } = props;
  const rows: [string, string | null][] = [
    [dt('number'), d.numberLabel],
    [dt('type'), d.docTypeLabel],
    [dt('issuer'), d.issuer],
    [dt('signer'), [d.signerTitle, d.signer].filter(Boolean).join(' ') || null],
    [dt('issued_on'), d.issuedOn ? viDate(d.issuedOn) : null],
    [dt('effective_on'), d.effectiveOn ? viDate(d.effectiveOn) : null],
    [dt('expires_on'), d.expiresOn ? viDate(d.expiresOn) : d.supersededOn ? viDate(d.supersededOn) : null],
    [dt('validity'), validityLabel(d.validity)],
    [dt('field'), d.field],
  ];
  return (
    <article class="document">
      <h1>{d.summary}</h1>
      <dl class="contacts">
        {rows
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </>
          ))}
      </dl>
      <h2>{dt('files')}</h2>
      {d.files.length || d.planFileUrl ? (
        <ul class="doc-files">
          {d.planFileUrl && (
            <li>
              <a href={d.planFileUrl}>{dt('plan_file')}</a>
            </li>
          )}
          {d.files.map((f) => (
            <li>
              <a href={f.url}>{f.fileName}</a> <span class="muted">({fileKind(f.mime)}, {sizeLabel(f.size)})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{dt('no_files')}</p>
      )}
    </article>
  );
}
const fileKind = (mime: string) => (mime === 'application/pdf' ? 'PDF' : mime.includes('word') ? 'DOCX' : 'XLSX');
const sizeLabel = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(1).replace('.', ',')} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);
const refId = (ref: string) => {
  const m = /^(\d{1,12})(-[a-z0-9-]{0,120})?$/.exec(ref);
  return m ? Number(m[1]) : null;
};

async function loadPublic(id: number): Promise<LibraryDocument | null> {
  try {
    const d = await getDocument(db(), id);
    return d.isPublic ? d : null;
  } catch {
    return null;
  }
}

// ---- the portal: every unit's public documents -----------------------------------------------------

documentPortalRoutes.get(BASE, async (c) => {
  const f = filtersOf(c);
  return cached(c, await portalVersion(), async () => {
    const [list, facets] = await Promise.all([searchDocuments(db(), toQuery(f)), documentFacets(db(), { isPublicOnly: true })]);
    const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
    const body = await renderToString(
      <Layout title={dt('heading')} description={dt('lead')} path={BASE} meta={{ canonical: absolute(BASE + queryString(f)) }}>
        <Breadcrumbs items={[[t('portal.nav.home'), '/'], [dt('heading'), null]]} />
        <h1>{dt('heading')}</h1>
        <p>{dt('lead')}</p>
        <SearchForm action={BASE} f={f} fields={facets.fields} issuers={facets.issuers} />
        <p class="muted" role="status">
          {dt('count', { n: list.total })}
        </p>
        {list.items.length ? <DocumentTable items={list.items} href={(d) => `${BASE}/${d.ref}`} isShowingUnit /> : <p>{dt('none')}</p>}
        <Pager page={f.trang} pages={pages} href={(p) => BASE + queryString(f, p)} />
      </Layout>,
    );
    return { body, type: HTML };
  }, `${BASE}${queryString(f)}|${iso(now())}`);
});

// files first: /van-ban/tep/<id>/<name>
documentPortalRoutes.get(`${BASE}/tep/:id/:name?`, async (c) => {
  const id = Number(c.req.param('id'));
  const f = Number.isSafeInteger(id) && id > 0 ? await documentFile(db(), id, { publicOnly: true }) : null;
  if (!f) return c.body(null, 404, { 'cache-control': 'no-store' });
  try {
    return c.body(new Uint8Array(await readFile(f.key)), 200, fileHeaders(f));
  } catch (err) {
    log.error('document file read failed', { id, err: (err as Error).message });
    return c.body(null, 404, { 'cache-control': 'no-store' });
  }
});

documentPortalRoutes.get(`${BASE}/:id/ban-ke-hoach`, async (c) => {
  const id = Number(c.req.param('id'));
  const f = Number.isSafeInteger(id) && id > 0 ? await planFileOfDocument(db(), id, { publicOnly: true }) : null;
  if (!f) return c.body(null, 404, { 'cache-control': 'no-store' });
  return c.body(new Uint8Array(f.data), 200, fileHeaders(f));
});

documentPortalRoutes.get(`${BASE}/:ref`, async (c) => {
  const id = refId(c.req.param('ref'));
  const notFound = async () => {
    const out = await notFoundPage(dt('not_found_title'), dt('not_found'));
    return c.body(out.body, 404, { 'content-type': HTML });
  };
  if (!id) return notFound();
  const d = await loadPublic(id);
  if (!d) return notFound();
  if (c.req.param('ref') !== d.ref) return c.redirect(`${BASE}/${d.ref}`, 301);
  return cached(c, await portalVersion(), async () => {
    const body = await renderToString(
      <Layout title={d.numberLabel ? `${d.docTypeLabel} ${d.numberLabel}` : d.summary} description={d.summary} path={`${BASE}/${d.ref}`} meta={{ canonical: absolute(`${BASE}/${d.ref}`) }}>
        <Breadcrumbs items={[[t('portal.nav.home'), '/'], [dt('heading'), BASE], [d.numberLabel ?? d.docTypeLabel, null]]} />
        <DocumentView d={d} />
        <p>
          <a href={`/don-vi/${encodeURIComponent(d.unitCode)}`}>{d.unitName}</a>
        </p>
      </Layout>,
    );
    return { body, type: HTML };
  }, `${BASE}/${d.ref}|${iso(now())}`);
});

// ---- each unit's site: its own documents -------------------------------------------------------------

registerSiteMenuSection({ subpath: BASE, labelKey: 'documents.menu', order: 60 });

siteGet(BASE, async (c, s: SiteContext) => {
  const f = filtersOf(c);
  return siteCached(c, s, async () => {
    const scope = { unitId: s.unit.id };
    const [list, facets] = await Promise.all([searchDocuments(db(), { ...toQuery(f), ...scope }), documentFacets(db(), { ...scope, isPublicOnly: true })]);
    const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
    const action = sitePath(s, BASE);
    return (
      <SiteLayout s={s} title={dt('heading')} path={BASE} description={dt('site_lead', { unit: s.unit.name })}>
        <h1>{dt('heading')}</h1>
        <p>{dt('site_lead', { unit: s.unit.name })}</p>
        <SearchForm action={action} f={f} fields={facets.fields} issuers={facets.issuers} />
        <p class="muted" role="status">
          {dt('count', { n: list.total })}
        </p>
        {list.items.length ? <DocumentTable items={list.items} href={(d) => sitePath(s, `${BASE}/${d.ref}`)} isShowingUnit={false} /> : <p>{dt('none')}</p>}
        <Pager page={f.trang} pages={pages} href={(p) => action + queryString(f, p)} />
      </SiteLayout>
    );
  }, `${BASE}${queryString(f)}|${iso(now())}`);
});

siteGet(`${BASE}/:ref`, async (c, s: SiteContext) => {
  const id = refId(c.req.param('ref') ?? '');
  const d = id ? await loadPublic(id) : null;
  if (!d || d.unitId !== s.unit.id) {
    const out = await notFoundPage(dt('not_found_title'), dt('not_found'));
    return c.body(out.body, 404, { 'content-type': HTML });
  }
  return siteCached(c, s, () => (
    <SiteLayout s={s} title={d.numberLabel ? `${d.docTypeLabel} ${d.numberLabel}` : d.summary} path={`${BASE}/${d.ref}`} description={d.summary} crumbs={[[dt('heading'), sitePath(s, BASE)], [d.numberLabel ?? d.docTypeLabel, null]]}>
      <DocumentView d={d} />
    </SiteLayout>
  ), `${BASE}/${d.ref}|${iso(now())}`);
});
