import path from 'node:path';
import sharp from 'sharp';
import { type Queryable, type Tx, db, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { config } from '../../platform/config';
import { t } from '../../platform/i18n';
import type { MessageKey } from '../../platform/i18n';
import { enqueue } from '../../platform/jobs';
import { log } from '../../platform/log';
import { SafeFetchError, type SafeFetchResult, safeFetch } from '../../platform/safe-fetch';
import { type Actor, recordAudit } from '../audit';
import { type DocumentType, type StoredDocumentFile, addDocumentFile, createDocument, getDocument, storeDocumentFile } from '../documents';
import { insertImportedArticle, insertImportedMedia, makeImageVariants, mediaUrl } from '../newsroom';
import {
  type AttachmentRef,
  type SourceItem,
  absoluteUrl,
  decodeBody,
  detectSourceKind,
  extractArticle,
  isLikelyListingUrl,
  isSameSite,
  parseFeedItems,
  parseSitemap,
  rewriteImages,
} from './extract';

/**
 * Moving in from an old website. A run is started with the old site's feed or
 * sitemap; the `siteimport.run` job reads the list of pages once (the plan),
 * then takes the pages one by one: fetch (through safeFetch, so only public
 * addresses), extract, download and re-encode the images, and create the
 * article. Each page's article, media, de-duplication row, report line and the
 * run's cursor are committed together, so a worker killed at any moment
 * resumes at the first page not committed, and a page is never taken twice —
 * in the same run or a later one (site_import_sources, per unit and address).
 */
export const runKinds = ['rss', 'sitemap'] as const;
export type RunKind = (typeof runKinds)[number];
export const runModes = ['publish', 'draft'] as const;
export type RunMode = (typeof runModes)[number];
export const runStatuses = ['queued', 'running', 'done', 'failed'] as const;
export type RunStatus = (typeof runStatuses)[number];
export type Outcome = 'taken' | 'skipped' | 'failed';
export type ReportAttachment = { url: string; name: string; status: 'taken' | 'not_imported'; documentId?: number; reason?: string };
export type ReportItem = {
  url: string;
  outcome: Outcome;
  reason: string | null;
  title?: string | null;
  articleId?: number;
  images?: number;
  attachments?: ReportAttachment[];
  notes?: string[];
};

export const LIMITS = {
  feedBytes: 5 * 1024 * 1024,
  pageBytes: 3 * 1024 * 1024,
  imageBytes: 8 * 1024 * 1024,
  timeoutMs: 20_000,
  imagesPerArticle: 20,
  attachmentsPerArticle: 10,
  childSitemaps: 20,
  maxItems: 2000,
};

const ACCEPT_FEED = 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.5, */*;q=0.1';
const ACCEPT_PAGE = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1';

/* ---------------------------------------------------------------- sources */

async function fetchSource(url: string): Promise<{ res: SafeFetchResult; text: string }> {
  const res = await safeFetch(url, { accept: ACCEPT_FEED, maxBytes: LIMITS.feedBytes, timeoutMs: LIMITS.timeoutMs });
  if (res.status >= 400) throw new AppError('siteimport.source_status', 422, 'siteimport.source_status', { status: res.status, url });
  return { res, text: decodeBody(res.body, res.contentType) };
}

/** The feed an HTML page announces with <link rel="alternate" type="application/rss+xml">. */
function feedLinkOf(html: string, base: string): string | null {
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const tag = m[0];
    if (/rel=["']?alternate/i.test(tag) && /type=["']?application\/(rss|atom)\+xml/i.test(tag)) {
      const href = /href=["']([^"']+)["']/i.exec(tag)?.[1];
      const u = absoluteUrl(href, base);
      if (u) return u;
    }
  }
  return null;
}

/**
 * The pages a source lists, newest first where the source says, at most `limit`.
 * A home page given as an RSS source is followed to the feed it announces; given
 * as a sitemap source, to its /sitemap.xml. Refuses what is not a feed/sitemap.
 */
export async function discoverSource(sourceUrl: string, kind: RunKind, limit: number): Promise<{ url: string; items: SourceItem[] }> {
  let { res, text } = await fetchSource(sourceUrl);
  let detected = detectSourceKind(text);
  if (kind === 'rss') {
    if (detected === 'html') {
      const feed = feedLinkOf(text, res.url);
      if (feed && isSameSite(feed, res.url)) ({ res, text } = await fetchSource(feed));
      detected = detectSourceKind(text);
    }
    if (detected !== 'rss' && detected !== 'atom') throw new AppError('siteimport.not_a_feed', 422, 'siteimport.not_a_feed', { url: sourceUrl });
    const items = parseFeedItems(text, res.url);
    if (!items.length) throw new AppError('siteimport.empty', 422, 'siteimport.empty', { url: sourceUrl });
    return { url: res.url, items: items.slice(0, limit) };
  }
  if (detected === 'html') {
    ({ res, text } = await fetchSource(new URL('/sitemap.xml', res.url).href));
    detected = detectSourceKind(text);
  }
  if (detected !== 'sitemap' && detected !== 'sitemapindex') throw new AppError('siteimport.not_a_sitemap', 422, 'siteimport.not_a_sitemap', { url: sourceUrl });
  const top = parseSitemap(text, res.url);
  const items = [...top.items];
  const queue = top.sitemaps.filter((s) => isSameSite(s, res.url)).slice(0, LIMITS.childSitemaps);
  for (let i = 0; i < queue.length; i++) {
    try {
      const child = await fetchSource(queue[i]);
      const parsed = parseSitemap(child.text, child.res.url);
      items.push(...parsed.items);
      // one more level (an index of indexes), within the same cap
      for (const s of parsed.sitemaps) if (queue.length < LIMITS.childSitemaps && isSameSite(s, res.url) && !queue.includes(s)) queue.push(s);
    } catch (err) {
      log.warn('site import: child sitemap unreadable', { url: queue[i], err: (err as Error).message });
    }
  }
  const seen = new Set<string>();
  const unique = items.filter((x) => (seen.has(x.url) ? false : (seen.add(x.url), true)));
  // likely articles first (newest first), then listing pages (reported as skipped, never fetched)
  unique.sort((a, b) => Number(isLikelyListingUrl(a.url)) - Number(isLikelyListingUrl(b.url)) || (b.date ?? '').localeCompare(a.date ?? ''));
  if (!unique.length) throw new AppError('siteimport.empty', 422, 'siteimport.empty', { url: sourceUrl });
  return { url: res.url, items: unique.slice(0, limit) };
}

/** What the UI shows before starting: how many pages the source lists, and the first few. */
export async function previewSource(sourceUrl: string, kind: RunKind, limit = LIMITS.maxItems) {
  const { url, items } = await discoverSource(sourceUrl, kind, limit);
  return { sourceUrl: url, kind, total: items.length, items: items.slice(0, 10) };
}

/* ------------------------------------------------------------------- runs */

const runColumns = `r.id, r.unit_id as "unitId", u.name as "unitName", r.source_url as "sourceUrl", r.kind, r.mode, r.item_limit as "limit",
  r.status, r.total, r.done, r.taken, r.skipped, r.failed, r.error, r.created_by as "createdBy", cu.name as "createdByName",
  r.created_at as "createdAt", r.started_at as "startedAt", r.finished_at as "finishedAt"`;
const runFrom = 'from site_import_runs r join units u on u.id = r.unit_id left join users cu on cu.id = r.created_by';
const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

type RunRow = {
  id: number; unitId: number; unitName: string; sourceUrl: string; kind: RunKind; mode: RunMode; limit: number; status: RunStatus;
  total: number; done: number; taken: number; skipped: number; failed: number; error: string | null; createdBy: number | null;
  createdByName: string | null; createdAt: string; startedAt: string | null; finishedAt: string | null;
};
function presentRun(r: Record<string, unknown>): RunRow & { percent: number } {
  const row = { ...r, createdAt: iso(r.createdAt as Date) as string, startedAt: iso(r.startedAt as Date), finishedAt: iso(r.finishedAt as Date) } as RunRow;
  const percent = row.status === 'done' ? 100 : row.total ? Math.floor((row.done / row.total) * 100) : 0;
  return { ...row, percent };
}

export async function getSiteImport(q: Queryable, id: number) {
  const r = await q.query(`select ${runColumns}, r.report ${runFrom} where r.id = $1`, [id]);
  if (!r.rowCount) throw new AppError('siteimport.not_found', 404, 'siteimport.not_found');
  const { report, ...rest } = r.rows[0];
  return { ...presentRun(rest), report: report as ReportItem[] };
}
export type SiteImportRun = Awaited<ReturnType<typeof getSiteImport>>;

export async function siteImportUnit(q: Queryable, id: number): Promise<number> {
  const r = await q.query<{ unitId: number }>('select unit_id as "unitId" from site_import_runs where id = $1', [id]);
  if (!r.rowCount) throw new AppError('siteimport.not_found', 404, 'siteimport.not_found');
  return r.rows[0].unitId;
}

export async function listSiteImports(q: Queryable, unitId: number, limit = 50) {
  const r = await q.query(`select ${runColumns} ${runFrom} where r.unit_id = $1 order by r.id desc limit $2`, [unitId, limit]);
  return r.rows.map(presentRun);
}

export type StartInput = { unitId: number; url: string; kind: RunKind; mode: RunMode; limit?: number };

/** Records a run and queues its job in the same transaction. One unfinished run per unit at a time. */
export async function startSiteImport(actor: Actor, input: StartInput) {
  let url: URL;
  try {
    url = new URL(input.url.trim());
  } catch {
    throw new AppError('fetch.bad_url', 400, 'fetch.bad_url', { url: input.url });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AppError('fetch.bad_url', 400, 'fetch.bad_url', { url: input.url });
  const { siteImportJob } = await import('./siteimport.jobs'); // lazily: the jobs file imports this one
  const id = await withTransaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`siteimport:${input.unitId}`]);
    const busy = await tx.query(
      `select 1 from site_import_runs where unit_id = $1 and status in ('queued','running') and created_at > now() - interval '6 hours'`,
      [input.unitId],
    );
    if (busy.rowCount) throw new AppError('siteimport.busy', 409, 'siteimport.busy');
    const r = await tx.query<{ id: number }>(
      `insert into site_import_runs (unit_id, source_url, kind, mode, item_limit, created_by) values ($1,$2,$3,$4,$5,$6) returning id`,
      [input.unitId, url.href, input.kind, input.mode, Math.min(input.limit ?? 200, LIMITS.maxItems), actor.userId],
    );
    const runId = r.rows[0].id;
    await recordAudit(tx, actor, { action: 'siteimport.start', entity: 'site_import', entityId: runId, unitId: input.unitId, after: { url: url.href, kind: input.kind, mode: input.mode, limit: input.limit ?? 200 } });
    await enqueue(siteImportJob, { runId }, { tx, singletonKey: `siteimport-${runId}` });
    return runId;
  });
  return getSiteImport(db(), id);
}

/* ------------------------------------------------------------ one page */

type Prepared =
  | { outcome: 'skipped' | 'failed'; reason: string; title?: string | null }
  | {
      outcome: 'article';
      title: string;
      date: Date | null;
      summary: string | null;
      bodyHtml: string;
      images: { src: string; alt: string | null; fileName: string; size: number; image: Awaited<ReturnType<typeof makeImageVariants>> }[];
      imagesFailed: number;
      attachments: (AttachmentRef & { file?: StoredDocumentFile; reason?: string })[];
      spam: number;
    };

const fetchReason: Record<string, MessageKey> = {
  'fetch.bad_url': 'siteimport.reason.bad_url',
  'fetch.blocked_address': 'siteimport.reason.blocked',
  'fetch.timeout': 'siteimport.reason.timeout',
  'fetch.too_large': 'siteimport.reason.too_large',
  'fetch.too_many_redirects': 'siteimport.reason.too_many_redirects',
  'fetch.network': 'siteimport.reason.network',
};

async function isAlreadyTaken(q: Queryable, unitId: number, url: string): Promise<boolean> {
  return !!(await q.query('select 1 from site_import_sources where unit_id = $1 and url = $2', [unitId, url])).rowCount;
}

async function downloadImage(src: string) {
  const res = await safeFetch(src, { accept: 'image/*', maxBytes: LIMITS.imageBytes, timeoutMs: LIMITS.timeoutMs });
  if (res.status !== 200) return null;
  // the type is sniffed from the bytes (sharp decodes them), never trusted from the header or the name
  const meta = await sharp(res.body, { failOn: 'error' }).metadata().catch(() => null);
  if (!meta?.width || !meta.height) return null;
  if (meta.width < 48 || meta.height < 48) return 'tiny' as const;
  const image = await makeImageVariants(res.body);
  const base = decodeURIComponent(path.basename(new URL(res.url).pathname)) || 'anh.jpg';
  return { fileName: base, size: res.body.length, image };
}

async function preparePage(run: { unitId: number; sourceUrl: string; kind: RunKind }, item: SourceItem): Promise<Prepared> {
  if (!isSameSite(item.url, run.sourceUrl)) return { outcome: 'skipped', reason: t('siteimport.reason.other_site'), title: item.title };
  if (await isAlreadyTaken(db(), run.unitId, item.url)) return { outcome: 'skipped', reason: t('siteimport.reason.duplicate'), title: item.title };
  if (run.kind === 'sitemap' && isLikelyListingUrl(item.url)) return { outcome: 'skipped', reason: t('siteimport.reason.listing'), title: item.title };
  let res: SafeFetchResult;
  try {
    res = await safeFetch(item.url, { accept: ACCEPT_PAGE, maxBytes: LIMITS.pageBytes, timeoutMs: LIMITS.timeoutMs });
  } catch (err) {
    if (err instanceof SafeFetchError) {
      return { outcome: 'failed', reason: t(fetchReason[err.code] ?? 'siteimport.reason.network', { mb: LIMITS.pageBytes / 1048576 }), title: item.title };
    }
    throw err;
  }
  if (res.status >= 400) return { outcome: 'failed', reason: t('siteimport.reason.http_status', { status: res.status }), title: item.title };
  const type = res.contentType.split(';')[0].trim().toLowerCase();
  if (type && !/html|xml/.test(type)) return { outcome: 'skipped', reason: t('siteimport.reason.not_html', { type }), title: item.title };
  const page = extractArticle(decodeBody(res.body, res.contentType), res.url);
  const title = page.title ?? item.title;
  if (!title || (page.text.length < 80 && !page.images.length)) return { outcome: 'skipped', reason: t('siteimport.reason.not_article'), title };
  const images: Extract<Prepared, { outcome: 'article' }>['images'] = [];
  let imagesFailed = 0;
  for (const img of page.images.slice(0, LIMITS.imagesPerArticle)) {
    try {
      const got = await downloadImage(img.src);
      if (got === 'tiny') continue;
      if (!got) imagesFailed++;
      else images.push({ src: img.src, alt: img.alt, ...got });
    } catch (err) {
      if (!(err instanceof AppError)) log.warn('site import: image failed', { url: img.src, err: (err as Error).message });
      imagesFailed++;
    }
  }
  const attachments: Extract<Prepared, { outcome: 'article' }>['attachments'] = [];
  for (const a of page.attachments.slice(0, LIMITS.attachmentsPerArticle)) {
    if (await isAlreadyTaken(db(), run.unitId, a.url)) {
      attachments.push(a); // a document from an earlier page or run: linked below
      continue;
    }
    try {
      const got = await safeFetch(a.url, { maxBytes: config().uploadMaxBytes, timeoutMs: LIMITS.timeoutMs });
      if (got.status !== 200) attachments.push({ ...a, reason: t('siteimport.reason.http_status', { status: got.status }) });
      else attachments.push({ ...a, file: await storeDocumentFile(got.body, decodeURIComponent(path.basename(new URL(got.url).pathname)) || a.name) });
    } catch (err) {
      const reason = err instanceof SafeFetchError ? t(fetchReason[err.code] ?? 'siteimport.reason.network', { mb: Math.round(config().uploadMaxBytes / 1048576) })
        : err instanceof AppError ? t(err.messageKey, err.params) : (err as Error).message;
      attachments.push({ ...a, reason });
    }
  }
  return {
    outcome: 'article',
    title: title.slice(0, 500),
    date: page.date ?? (item.date ? new Date(item.date) : null),
    summary: page.summary ?? item.summary,
    bodyHtml: page.bodyHtml,
    images,
    imagesFailed,
    attachments,
    spam: page.spamLinksRemoved,
  };
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Writes one prepared page (article, media, de-duplication row) and returns its report line. */
async function commitPage(
  tx: Tx,
  actor: Actor,
  run: { id: number; unitId: number; mode: RunMode },
  item: SourceItem,
  p: Prepared,
  documents: Map<string, { documentId: number; href: string }>,
): Promise<ReportItem> {
  if (p.outcome !== 'article') return { url: item.url, outcome: p.outcome, reason: p.reason, title: p.title ?? null };
  const claimed = await tx.query('insert into site_import_sources (unit_id, url, run_id) values ($1,$2,$3) on conflict do nothing', [run.unitId, item.url, run.id]);
  if (!claimed.rowCount) return { url: item.url, outcome: 'skipped', reason: t('siteimport.reason.duplicate'), title: p.title };
  const stored = new Map<string, string>();
  const mediaIds: number[] = [];
  for (const img of p.images) {
    const id = await insertImportedMedia(tx, actor, { unitId: run.unitId, fileName: img.fileName, size: img.size, image: img.image, caption: img.alt });
    mediaIds.push(id);
    stored.set(img.src, mediaUrl(img.image.variants.large.key));
  }
  let body = rewriteImages(p.bodyHtml, stored);
  // a lead photo printed outside the text (NukeViet, portals) goes first
  const lead = p.images.find((img) => !p.bodyHtml.includes(img.src));
  if (lead) body = `<figure><img src="${stored.get(lead.src)}" alt="${escapeHtml(lead.alt ?? '')}"></figure>${body}`;
  const notes: string[] = [];
  const attachments: ReportAttachment[] = [];
  const links: { url: string; name: string; href: string }[] = [];
  for (const a of p.attachments) {
    const doc = documents.get(a.url);
    if (doc) {
      attachments.push({ url: a.url, name: a.name, status: 'taken', documentId: doc.documentId });
      links.push({ url: a.url, name: a.name, href: doc.href });
    } else {
      attachments.push({ url: a.url, name: a.name, status: 'not_imported', reason: a.reason });
    }
  }
  // links to the old files now point at the library's copies
  for (const l of links) body = body.split(`href="${escapeHtml(l.url)}"`).join(`href="${escapeHtml(l.href)}"`);
  const unlinked = links.filter((l) => !p.bodyHtml.includes(`href="${escapeHtml(l.url)}"`));
  if (unlinked.length) body += `<ul>${unlinked.map((l) => `<li><a href="${escapeHtml(l.href)}">${escapeHtml(l.name)}</a></li>`).join('')}</ul>`;
  const taken = attachments.filter((a) => a.status === 'taken').length;
  if (taken) notes.push(t('siteimport.note.documents_taken', { count: taken }));
  const missed = attachments.filter((a) => a.status === 'not_imported');
  if (missed.length) notes.push(t('siteimport.note.documents', { names: missed.map((a) => (a.reason ? `${a.name} (${a.reason})` : a.name)).join('; ') }));
  body += `<p><em>${t('siteimport.source_label')}: <a href="${escapeHtml(item.url)}">${escapeHtml(item.url)}</a></em></p>`;
  if (p.imagesFailed) notes.push(t('siteimport.note.images_failed', { count: p.imagesFailed }));
  if (p.spam) notes.push(t('siteimport.note.spam', { count: p.spam }));
  const article = await insertImportedArticle(tx, actor, {
    unitId: run.unitId,
    title: p.title,
    summary: p.summary,
    bodyHtml: body,
    isPublished: run.mode === 'publish',
    publishedAt: p.date,
    mediaIds,
    sourceUrl: item.url,
  });
  await tx.query('update site_import_sources set article_id = $3 where unit_id = $1 and url = $2', [run.unitId, item.url, article.id]);
  return { url: item.url, outcome: 'taken', reason: null, title: p.title, articleId: article.id, images: mediaIds.length, attachments, notes };
}

const docTypeWords: [RegExp, DocumentType][] = [
  [/^k[eế] ho[aạ]ch/i, 'ke_hoach'],
  [/^quy[eế]t đ[iị]nh/i, 'quyet_dinh'],
  [/^c[oô]ng v[aă]n/i, 'cong_van'],
  [/^th[oô]ng b[aá]o/i, 'thong_bao'],
  [/^h[uư][oớ]ng d[aẫ]n/i, 'huong_dan'],
  [/^b[aá]o c[aá]o/i, 'bao_cao'],
  [/^t[oờ] tr[iì]nh/i, 'to_trinh'],
  [/^bi[eê]n b[aả]n/i, 'bien_ban'],
];

/**
 * Attached files become documents of the unit's library (type guessed from the
 * link text, the unit as issuer, the page's date as issue date, public). Each is
 * recorded in site_import_sources at once, so a later page or run linking the same
 * file reuses the document. The library's services commit on their own: a worker
 * killed between creating a document and recording it can leave one duplicate.
 */
async function bringDocuments(actor: Actor, run: { id: number; unitId: number }, p: Extract<Prepared, { outcome: 'article' }>) {
  const out = new Map<string, { documentId: number; href: string }>();
  if (!p.attachments.length) return out;
  const unitName = (await db().query<{ name: string }>('select name from units where id = $1', [run.unitId])).rows[0]?.name ?? '';
  for (const a of p.attachments) {
    try {
      const id = await bringDocument(actor, run, p, a, unitName);
      const doc = id ? await getDocument(db(), id).catch(() => null) : null;
      const file = doc?.files[0];
      if (doc && file) out.set(a.url, { documentId: doc.id, href: file.url });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      a.reason = t(err.messageKey, err.params);
    }
  }
  return out;
}

async function bringDocument(
  actor: Actor,
  run: { id: number; unitId: number },
  p: Extract<Prepared, { outcome: 'article' }>,
  a: Extract<Prepared, { outcome: 'article' }>['attachments'][number],
  unitName: string,
): Promise<number | null> {
  const known = await db().query<{ documentId: number | null }>('select document_id as "documentId" from site_import_sources where unit_id = $1 and url = $2', [run.unitId, a.url]);
  let documentId = known.rows[0]?.documentId ?? null;
  if (!documentId && a.file && !known.rowCount) {
    const name = a.name.replace(/\s+/g, ' ').trim();
    const numbered = /(?:s[oố]\s*:?\s*)?(\d{1,5})\s*\/\s*([A-ZĐ0-9][A-ZĐ0-9.-]{1,30})/u.exec(name);
    const doc = await createDocument(actor, {
      unitId: run.unitId,
      docType: docTypeWords.find(([re]) => re.test(name))?.[1] ?? 'khac',
      issuer: unitName,
      number: numbered?.[1] ?? null,
      symbol: numbered?.[2] ?? null,
      issuedOn: p.date ? new Date(p.date.getTime() + 7 * 3600_000).toISOString().slice(0, 10) : null,
      summary: name.length >= 6 ? name : `${name} — ${p.title}`.slice(0, 500),
      isPublic: true,
    });
    await addDocumentFile(actor, doc.id, a.file);
    await db().query('insert into site_import_sources (unit_id, url, run_id, document_id) values ($1,$2,$3,$4) on conflict do nothing', [run.unitId, a.url, run.id, doc.id]);
    documentId = doc.id;
  }
  return documentId;
}

/* ------------------------------------------------------------------ the job */

export type RunHooks = {
  /** called after a page is prepared and before it is committed (tests simulate a crash here) */
  beforeCommit?: (index: number) => void | Promise<void>;
  /** called after a page's transaction committed */
  afterCommit?: (index: number) => void | Promise<void>;
};

/** Works a run to its end, from wherever it stopped. Safe to call again at any time. */
export async function runSiteImport(runId: number, hooks: RunHooks = {}): Promise<void> {
  const r = await db().query(
    `select id, unit_id as "unitId", source_url as "sourceUrl", kind, mode, item_limit as "limit", status, plan, done, created_by as "createdBy"
       from site_import_runs where id = $1`,
    [runId],
  );
  const run = r.rows[0] as { id: number; unitId: number; sourceUrl: string; kind: RunKind; mode: RunMode; limit: number; status: RunStatus; plan: SourceItem[] | null; done: number; createdBy: number | null } | undefined;
  if (!run || run.status === 'done' || run.status === 'failed') return;
  const actor: Actor = { userId: run.createdBy };
  let plan = run.plan;
  if (!plan) {
    try {
      const found = await discoverSource(run.sourceUrl, run.kind, run.limit);
      plan = found.items;
    } catch (err) {
      if (!(err instanceof AppError)) throw err; // unexpected: let the job retry
      const message = t(err.messageKey, err.params);
      await db().query(`update site_import_runs set status = 'failed', error = $2, started_at = coalesce(started_at, now()), finished_at = now() where id = $1`, [runId, message]);
      return;
    }
    const set = await db().query(
      `update site_import_runs set plan = $2, total = $3, status = 'running', started_at = coalesce(started_at, now()) where id = $1 and plan is null returning plan`,
      [runId, JSON.stringify(plan), plan.length],
    );
    if (!set.rowCount) plan = (await db().query('select plan from site_import_runs where id = $1', [runId])).rows[0].plan as SourceItem[];
  }
  for (let i = run.done; i < plan.length; i++) {
    const item = plan[i];
    let prepared: Prepared;
    try {
      prepared = await preparePage(run, item);
    } catch (err) {
      log.warn('site import: page failed', { url: item.url, err: (err as Error).message });
      prepared = { outcome: 'failed', reason: t('siteimport.reason.error', { message: (err as Error).message.slice(0, 200) }), title: item.title };
    }
    const documents = prepared.outcome === 'article' ? await bringDocuments(actor, run, prepared) : new Map<string, { documentId: number; href: string }>();
    await hooks.beforeCommit?.(i);
    const commit = (write: (tx: Tx) => Promise<ReportItem>) =>
      withTransaction(async (tx) => {
        const cur = await tx.query<{ done: number }>('select done from site_import_runs where id = $1 for update', [runId]);
        if (cur.rows[0].done !== i) return false; // another worker took this page meanwhile
        const line = await write(tx);
        const col = line.outcome;
        await tx.query(
          `update site_import_runs set done = done + 1, ${col} = ${col} + 1, report = report || $2::jsonb where id = $1`,
          [runId, JSON.stringify([line])],
        );
        return true;
      });
    let committed: boolean;
    try {
      committed = await commit((tx) => commitPage(tx, actor, run, item, prepared, documents));
    } catch (err) {
      // a page the newsroom refuses must not stop the run forever: it is reported as failed
      // (if the database itself is down, this write fails too and the job is retried)
      log.warn('site import: page not written', { url: item.url, err: (err as Error).message });
      const reason = err instanceof AppError ? t(err.messageKey, err.params) : t('siteimport.reason.error', { message: (err as Error).message.slice(0, 200) });
      committed = await commit(async () => ({ url: item.url, outcome: 'failed', reason, title: prepared.outcome === 'article' ? prepared.title : (prepared.title ?? null) }));
    }
    if (!committed) {
      const cur = (await db().query<{ done: number }>('select done from site_import_runs where id = $1', [runId])).rows[0].done;
      i = cur - 1;
      continue;
    }
    await hooks.afterCommit?.(i);
  }
  await withTransaction(async (tx) => {
    const done = await tx.query(
      `update site_import_runs set status = 'done', finished_at = now() where id = $1 and status <> 'done' and done >= total
       returning taken, skipped, failed`,
      [runId],
    );
    if (done.rowCount) {
      await recordAudit(tx, actor, { action: 'siteimport.finish', entity: 'site_import', entityId: runId, unitId: run.unitId, after: done.rows[0] });
    }
  });
}

/* ----------------------------------------------------------------- report */

const csvCell = (v: unknown) => {
  const s = v == null ? '' : String(v);
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The report as CSV (UTF-8 with BOM, so Excel opens the Vietnamese right). */
export function reportCsv(run: SiteImportRun): string {
  const lines = [t('siteimport.csv.columns')];
  for (const x of run.report) {
    const reason = [x.reason, ...(x.notes ?? [])].filter(Boolean).join(' ');
    const attachments = (x.attachments ?? []).map((a) => a.url).join(' ');
    lines.push([x.url, t(`siteimport.outcome.${x.outcome}`), reason, x.title ?? '', x.articleId ?? '', x.images ?? '', attachments].map(csvCell).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
