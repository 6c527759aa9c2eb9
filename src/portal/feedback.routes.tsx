import type { Context } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { raw } from 'hono/html';
import { clientIp } from '../http/auth';
import {
  type PublicConsultation, type Stance, type UnitChoices, consultationPath, publicComments, publicConsultation, publicConsultations, reportItem, submitComment,
  submitGeneralFeedback, submitSubjectRequest, unitChoices,
} from '../modules/feedback';
import type { PickableUnit } from '../modules/org';
import { formToken } from '../modules/sitecontent';
import { db } from '../platform/db';
import { AppError } from '../platform/errors';
import { type MessageKey, t } from '../platform/i18n';
import { formatDateVi } from '../text';
import { portalVersion } from './freshness';
import { HTML, cached, renderToString } from './http-cache';
import { Layout } from './layout';
import { notFoundPage } from './news.routes';
import { Breadcrumbs, DateVi, Pager, absolute } from './news.views';
import { isSameOrigin } from './same-origin';
import './feedback-site';

/**
 * Public pages of consultations and feedback (issue 8), server-rendered, no client JS:
 *  /gop-y                       consultations past their opening (open first), filter by status
 *  /gop-y/<slug>                the draft's paragraphs with stance counts, visible comments,
 *                               the comment form while open, the published response
 *  /gop-y/y-kien                general feedback to a unit (never public)
 *  /gop-y/yeu-cau-du-lieu       data-subject request (copy or deletion), due in 2 working days
 *                               (both: unit picker with `?tim=<name>` search and `?don-vi=<unit>` context)
 * Forms follow the site forms' spam rules (honeypot, signed timing token bound to the unit,
 * per-hashed-IP hourly limit, link limit, same-origin post) and the sender blocks.
 * Pages with a form carry a fresh token, so they are not cached; the list is cached
 * under the portal stamp (trigger on consultations) and the minute, for its comment counts.
 */
export const feedbackPortalRoutes = new Hono();

const BASE = '/gop-y';
const GENERAL = `${BASE}/y-kien`;
const REQUEST = `${BASE}/yeu-cau-du-lieu`;
const PAGE_SIZE = 12;
const COMMENTS_PAGE = 20;
const FORM_MAX_BYTES = 64 * 1024;
type PublicStatus = 'open' | 'closed' | 'answered';
const statusSlugs = { 'dang-lay-y-kien': 'open', 'het-han': 'closed', 'da-tra-loi': 'answered' } as const;
const slugOfStatus = Object.fromEntries(Object.entries(statusSlugs).map(([s, k]) => [k, s])) as Record<'open' | 'closed' | 'answered', string>;
const num = (s: string | undefined, max = 10_000) => {
  const n = Number(s ?? '');
  return Number.isInteger(n) && n >= 1 && n <= max ? n : null;
};
const slugOk = (s: string) => /^[a-z0-9][a-z0-9-]{0,199}$/.test(s);
const noStore = (body: string, status: number) => new Response(body, { status, headers: { 'content-type': HTML, 'cache-control': 'no-store' } });

/** Page styles for these pages only (the portal's CSP allows inline styles). */
const css = `.fb-status{display:inline-block;padding:.1rem .6rem;border-radius:999px;background:#e3eef8;color:#0b3d6b;font-size:.9rem;font-weight:600}
.fb-status.open{background:#dff3e4;color:#14532d}.fb-status.answered{background:#efe6fa;color:#4a1d7a}
.fb-paras{list-style:none;padding:0;margin:1rem 0}.fb-para{border-left:4px solid #b8c4d0;padding:.4rem .9rem;margin:0 0 1rem;overflow-wrap:anywhere}
.fb-para p{margin:.3rem 0;white-space:pre-line}.fb-para .lbl{font-weight:700}.fb-actions{display:flex;flex-wrap:wrap;gap:.25rem 1rem;font-size:.95rem}
.fb-actions a{display:inline-block;padding:.35rem 0}
.fb-comments{list-style:none;padding:0}.fb-comments li{border-bottom:1px solid #d5dbe1;padding:.6rem 0;overflow-wrap:anywhere}.fb-comments p{margin:.2rem 0;white-space:pre-line}
.fb-report{display:inline}.fb-report button{background:none;color:#8a1c1c;padding:.35rem 0;text-decoration:underline;font-size:.9rem}
.fb-response{background:#f3f0fa;border-left:4px solid #6b3fa0;padding:.6rem 1rem;border-radius:4px}.fb-response p{white-space:pre-line}
.pf-form fieldset{border:1px solid #b8c4d0;border-radius:6px;padding:.6rem .9rem;margin:0;min-width:0}.pf-form legend{font-weight:600;padding:0 .3rem}
.pf-form .opt{display:flex;align-items:center;gap:.5rem;margin:.35rem 0}.pf-form .opt input{width:1.4rem;height:1.4rem;min-height:0;flex:none;margin:0}
.pf-form .opt label{font-weight:400;margin:0}
.fb-pick{display:grid;gap:.6rem;border:1px solid #b8c4d0;border-radius:6px;padding:.6rem .9rem;min-width:0}.fb-pick p{margin:0}
.fb-find{display:flex;gap:.5rem;flex-wrap:wrap}.fb-find input{flex:1 1 12rem;width:auto;min-width:0}.fb-find button{flex:none}
.fb-found{font-weight:600}`;
const extra = <style>{raw(css)}</style>;

const statusLabel = (s: string) => t(`portal.fb.status.${s}` as MessageKey);
const stanceKey = (s: Stance) => t(`portal.fb.stance.${s}` as MessageKey);
const paraLabel = (p: { label: string | null; position: number }) => p.label ?? t('portal.fb.paragraph_n', { n: p.position });

function FbLinks() {
  return (
    <ul class="chips">
      <li>
        <a href={BASE}>{t('portal.fb.heading')}</a>
      </li>
      <li>
        <a href={GENERAL}>{t('portal.fb.general_link')}</a>
      </li>
      <li>
        <a href={REQUEST}>{t('portal.fb.request_link')}</a>
      </li>
    </ul>
  );
}

function ErrorBox(props: { error: string | null }) {
  if (!props.error) return <></>;
  return (
    <div class="notice" role="alert" id="loi">
      <p>
        <strong>{t('portal.fb.error_title')}</strong>
      </p>
      <p>{props.error}</p>
    </div>
  );
}

/** Optional contact details, the purpose of processing and the consent box (Personal Data Protection Law). */
function ContactFields(props: { v: Record<string, string>; id: string }) {
  const { v, id } = props;
  return (
    <fieldset>
      <legend>{t('portal.fb.contact_legend')}</legend>
      <p class="muted">{t('portal.fb.contact_hint')}</p>
      <div>
        <label for={`${id}-name`}>{t('portal.fb.name')}</label>
        <input id={`${id}-name`} type="text" name="name" maxlength={120} autocomplete="name" value={v.name ?? ''} />
      </div>
      <div>
        <label for={`${id}-email`}>{t('portal.fb.email')}</label>
        <input id={`${id}-email`} type="email" name="email" maxlength={254} autocomplete="email" value={v.email ?? ''} />
      </div>
      <div>
        <label for={`${id}-phone`}>{t('portal.fb.phone')}</label>
        <input id={`${id}-phone`} type="tel" name="phone" maxlength={20} autocomplete="tel" value={v.phone ?? ''} />
      </div>
      <p class="muted" id={`${id}-purpose`}>
        {t('portal.fb.purpose')}
      </p>
      <div class="opt">
        <input id={`${id}-consent`} type="checkbox" name="consent" value="1" checked={v.consent === '1'} aria-describedby={`${id}-purpose`} />
        <label for={`${id}-consent`}>{t('portal.fb.consent')}</label>
      </div>
    </fieldset>
  );
}

function Honeypot(props: { id: string }) {
  return (
    <div class="pf-hp" aria-hidden="true">
      <label for={`${props.id}-website`}>{t('portal.fb.website')}</label>
      <input id={`${props.id}-website`} type="text" name="website" tabindex={-1} autocomplete="off" value="" />
    </div>
  );
}

/**
 * Public form posts are small: bodies over FORM_MAX_BYTES are refused with 413, by their
 * Content-Length or, for a chunked body, while it is read (before anything is buffered past the limit).
 */
async function tooBigPage(): Promise<Response> {
  const body = await renderToString(
    <Layout title={t('portal.form_too_big_title')} path={BASE}>
      <h1>{t('portal.form_too_big_title')}</h1>
      <p role="alert">{t('portal.form_too_big', { kb: FORM_MAX_BYTES / 1024 })}</p>
      <FbLinks />
    </Layout>,
  );
  return noStore(body, 413);
}
const formLimit = bodyLimit({ maxSize: FORM_MAX_BYTES, onError: () => tooBigPage() });

async function readForm(c: Context): Promise<Record<string, string>> {
  if (Number(c.req.header('content-length') ?? 0) > FORM_MAX_BYTES) return {};
  try {
    const out: Record<string, string> = {};
    for (const [k, v] of (await c.req.formData()).entries()) if (typeof v === 'string') out[k] = v.slice(0, 20_000);
    return out;
  } catch {
    return {};
  }
}

// ---- list --------------------------------------------------------------------------------------

feedbackPortalRoutes.get(BASE, async (c) => {
  const status: PublicStatus | null = statusSlugs[(c.req.query('trang-thai') ?? '') as keyof typeof statusSlugs] ?? null;
  const page = num(c.req.query('trang')) ?? 1;
  const listPath = (s: PublicStatus | null, p = 1) => {
    const qs = [s ? `trang-thai=${slugOfStatus[s]}` : '', p > 1 ? `trang=${p}` : ''].filter(Boolean).join('&');
    return qs ? `${BASE}?${qs}` : BASE;
  };
  // comment counts are not part of the portal stamp (no trigger on feedback_items): refresh them every minute
  return cached(c, `${await portalVersion()}|${Math.floor(Date.now() / 60_000)}`, async () => {
    const list = await publicConsultations(db(), { status: status ?? undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const body = await renderToString(
      <Layout title={t('portal.fb.heading')} description={t('portal.fb.lead')} path={BASE} meta={{ canonical: absolute(listPath(status, page)), extra }}>
        <h1>{t('portal.fb.heading')}</h1>
        <p>{t('portal.fb.lead')}</p>
        <FbLinks />
        <nav aria-label={t('portal.fb.filter')}>
          <ul class="chips">
            {([null, 'open', 'closed', 'answered'] as const).map((s) => (
              <li>
                <a href={listPath(s)} aria-current={status === s ? 'page' : undefined}>
                  {s ? statusLabel(s) : t('portal.fb.all')}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {list.items.length ? (
          <ul class="news-grid">
            {list.items.map((x) => (
              <li class="news-card">
                <h2>
                  <a href={consultationPath(x.slug)}>{x.title}</a>
                </h2>
                <p class="meta">
                  <span class={`fb-status ${x.status}`}>{statusLabel(x.status)}</span> · {x.unitName}
                </p>
                <p class="meta">
                  {t('portal.fb.window', { from: formatDateVi(new Date(x.opensAt)), to: formatDateVi(new Date(x.closesAt)) })} · {t('portal.fb.comments_count', { n: x.comments })}
                </p>
                {x.summary && <p class="sum">{x.summary.length > 220 ? `${x.summary.slice(0, 217).replace(/\s+\S*$/, '')}…` : x.summary}</p>}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('portal.fb.none')}</p>
        )}
        <Pager page={page} pages={Math.max(1, Math.ceil(list.total / PAGE_SIZE))} href={(p) => listPath(status, p)} />
      </Layout>,
    );
    return { body, type: HTML };
  }, listPath(status, page));
});

// ---- general feedback and data-subject requests (registered before /gop-y/:slug) ---------------

/** What the unit picker shows: from the page's query (`tim` = name search, `don-vi` = the site the visitor came from) or the posted form. */
type Pick = { query?: string | null; contextUnitId?: number | null; chosenUnitId?: number | null };
const pickOfQuery = (c: Context): Pick => ({ query: c.req.query('tim') ?? null, contextUnitId: num(c.req.query('don-vi'), Number.MAX_SAFE_INTEGER) });
const pickOfForm = (v: Record<string, string>): Pick => ({ contextUnitId: num(v['don-vi'], Number.MAX_SAFE_INTEGER), chosenUnitId: num(v.unitId, Number.MAX_SAFE_INTEGER) });

/** The units offered (short list + search results) and the signed timing token of each (tokens are bound to the unit). */
async function unitOptions(pick: Pick) {
  const choices = await unitChoices(db(), pick);
  const units = [...choices.found, ...choices.shortList];
  const tokens = await Promise.all(units.map(async (u) => `${u.id}:${await formToken(db(), u.id)}`));
  return { choices, tokens: tokens.join(' ') };
}
const tokenFor = (tokens: string, unitId: number) => tokens.split(' ').find((x) => x.startsWith(`${unitId}:`))?.slice(String(unitId).length + 1) ?? '';

/** The empty GET form the picker's search box and button belong to (through their `form` attribute): forms cannot nest. */
function UnitSearchForm(props: { id: string; action: string; contextUnitId: number | null | undefined }) {
  return (
    <form id={`${props.id}-find`} method="get" action={`${props.action}#${props.id}-pick`}>
      {props.contextUnitId ? <input type="hidden" name="don-vi" value={String(props.contextUnitId)} /> : null}
    </form>
  );
}

/**
 * The unit picker of the general feedback and data request forms, without JavaScript: a search box
 * (accent-insensitive, server-side, `?tim=`) that belongs to the separate GET form above, and the
 * select of the short list plus the search results. Enter in the search box searches; Enter
 * elsewhere sends the feedback form.
 */
function UnitPicker(props: { choices: UnitChoices; id: string; contextUnitId: number | null | undefined }) {
  const { choices, id } = props;
  const label = (u: PickableUnit, withParent: boolean) => (withParent && u.parentName ? `${u.name} — ${u.parentName}` : u.name);
  const option = (u: PickableUnit, withParent: boolean) => (
    <option value={String(u.id)} selected={u.id === choices.selected}>
      {label(u, withParent)}
    </option>
  );
  return (
    <div class="fb-pick" id={`${id}-pick`}>
      {props.contextUnitId ? <input type="hidden" name="don-vi" value={String(props.contextUnitId)} /> : null}
      <div>
        <label for={`${id}-find-q`}>{t('portal.fb.unit_search')}</label>
        <div class="fb-find">
          <input id={`${id}-find-q`} type="search" name="tim" form={`${id}-find`} maxlength={100} value={choices.query} autocomplete="off" aria-describedby={`${id}-find-hint`} />
          <button type="submit" form={`${id}-find`}>
            {t('portal.fb.unit_search_button')}
          </button>
        </div>
        <p class="muted" id={`${id}-find-hint`}>
          {t('portal.fb.unit_search_hint')}
        </p>
      </div>
      {choices.query && (
        <p role="status" class="fb-found">
          {choices.found.length === 0
            ? t('portal.fb.unit_found_none', { q: choices.query })
            : choices.more
              ? t('portal.fb.unit_found_more', { n: choices.found.length, q: choices.query })
              : t('portal.fb.unit_found', { n: choices.found.length, q: choices.query })}
        </p>
      )}
      <div>
        <label for={`${id}-unit`}>{`${t('portal.fb.unit')} *`}</label>
        <select id={`${id}-unit`} name="unitId" required>
          <option value="" selected={choices.selected == null}>
            {t('portal.fb.unit_choose')}
          </option>
          {choices.found.length > 0 && <optgroup label={t('portal.fb.unit_group_found')}>{choices.found.map((u) => option(u, true))}</optgroup>}
          {choices.shortList.length > 0 && (
            <optgroup label={props.contextUnitId ? t('portal.fb.unit_group_site') : t('portal.fb.unit_group_top')}>{choices.shortList.map((u) => option(u, false))}</optgroup>
          )}
        </select>
      </div>
    </div>
  );
}

async function generalPage(v: Record<string, string>, error: string | null, status: number, pick: Pick = pickOfForm(v)): Promise<Response> {
  const { choices, tokens } = await unitOptions(pick);
  const body = await renderToString(
    <Layout title={t('portal.fb.general_heading')} description={t('portal.fb.general_lead')} path={GENERAL} meta={{ extra }}>
      <Breadcrumbs items={[[t('portal.nav.home'), '/'], [t('portal.fb.heading'), BASE]]} />
      <h1>{t('portal.fb.general_heading')}</h1>
      <p>{t('portal.fb.general_lead')}</p>
      <ErrorBox error={error} />
      <UnitSearchForm id="yk" action={GENERAL} contextUnitId={pick.contextUnitId} />
      <form class="pf-form" method="post" action={GENERAL}>
        <input type="hidden" name="tokens" value={tokens} />
        <p class="muted">{t('portal.fb.required')}</p>
        <Honeypot id="yk" />
        <UnitPicker choices={choices} id="yk" contextUnitId={pick.contextUnitId} />
        <div>
          <label for="yk-subject">{t('portal.fb.subject')}</label>
          <input id="yk-subject" type="text" name="subject" maxlength={200} value={v.subject ?? ''} />
        </div>
        <div>
          <label for="yk-body">{`${t('portal.fb.body')} *`}</label>
          <textarea id="yk-body" name="body" required minlength={10} maxlength={5000} rows={7}>
            {v.body ?? ''}
          </textarea>
        </div>
        <ContactFields v={v} id="yk" />
        <div>
          <button type="submit">{t('portal.fb.send')}</button>
        </div>
      </form>
    </Layout>,
  );
  return noStore(body, status);
}

function errorStatus(err: unknown): number | null {
  return err instanceof AppError && err.status < 500 ? (err.status === 429 ? 429 : err.status === 403 ? 403 : 400) : null;
}

feedbackPortalRoutes.get(GENERAL, (c) => generalPage({}, null, 200, pickOfQuery(c)));
feedbackPortalRoutes.post(GENERAL, formLimit, async (c) => {
  const v = await readForm(c);
  if (!isSameOrigin(c)) return generalPage(v, t('portal.fb.cross_site'), 403);
  const unitId = Number(v.unitId);
  try {
    if (!Number.isInteger(unitId) || unitId <= 0) throw new AppError('feedback.bad_unit', 400, 'feedback.bad_unit');
    await submitGeneralFeedback(clientIp(c), { unitId, subject: v.subject, body: v.body ?? '', name: v.name, email: v.email, phone: v.phone, consent: v.consent === '1', website: v.website, token: tokenFor(v.tokens ?? '', unitId) });
  } catch (err) {
    const st = errorStatus(err);
    if (st) return generalPage(v, t((err as AppError).messageKey, (err as AppError).params), st);
    throw err;
  }
  const body = await renderToString(
    <Layout title={t('portal.fb.sent_title')} path={GENERAL}>
      <h1>{t('portal.fb.sent_title')}</h1>
      <p role="status">{t('portal.fb.general_sent')}</p>
      <FbLinks />
    </Layout>,
  );
  return noStore(body, 200);
});

async function requestPage(v: Record<string, string>, error: string | null, status: number, pick: Pick = pickOfForm(v)): Promise<Response> {
  const { choices, tokens } = await unitOptions(pick);
  const kind = v.kind === 'erase' ? 'erase' : 'export';
  const body = await renderToString(
    <Layout title={t('portal.fb.request_heading')} description={t('portal.fb.request_lead')} path={REQUEST} meta={{ extra }}>
      <Breadcrumbs items={[[t('portal.nav.home'), '/'], [t('portal.fb.heading'), BASE]]} />
      <h1>{t('portal.fb.request_heading')}</h1>
      <p>{t('portal.fb.request_lead')}</p>
      <ErrorBox error={error} />
      <UnitSearchForm id="yc" action={REQUEST} contextUnitId={pick.contextUnitId} />
      <form class="pf-form" method="post" action={REQUEST}>
        <input type="hidden" name="tokens" value={tokens} />
        <Honeypot id="yc" />
        <UnitPicker choices={choices} id="yc" contextUnitId={pick.contextUnitId} />
        <fieldset>
          <legend>{t('portal.fb.request_kind')}</legend>
          {(['export', 'erase'] as const).map((k) => (
            <div class="opt">
              <input id={`yc-kind-${k}`} type="radio" name="kind" value={k} checked={kind === k} />
              <label for={`yc-kind-${k}`}>{t(`portal.fb.request_kind.${k}` as MessageKey)}</label>
            </div>
          ))}
        </fieldset>
        <p class="muted" id="yc-reach">
          {t('portal.fb.request_reach')}
        </p>
        <div>
          <label for="yc-name">{t('portal.fb.name')}</label>
          <input id="yc-name" type="text" name="name" maxlength={120} autocomplete="name" value={v.name ?? ''} />
        </div>
        <div>
          <label for="yc-email">{t('portal.fb.email')}</label>
          <input id="yc-email" type="email" name="email" maxlength={254} autocomplete="email" value={v.email ?? ''} aria-describedby="yc-reach" />
        </div>
        <div>
          <label for="yc-phone">{t('portal.fb.phone')}</label>
          <input id="yc-phone" type="tel" name="phone" maxlength={20} autocomplete="tel" value={v.phone ?? ''} aria-describedby="yc-reach" />
        </div>
        <div>
          <label for="yc-note">{t('portal.fb.note')}</label>
          <textarea id="yc-note" name="note" maxlength={2000} rows={3}>
            {v.note ?? ''}
          </textarea>
        </div>
        <p class="muted">{t('portal.fb.request_purpose')}</p>
        <div>
          <button type="submit">{t('portal.fb.request_send')}</button>
        </div>
      </form>
    </Layout>,
  );
  return noStore(body, status);
}

feedbackPortalRoutes.get(REQUEST, (c) => requestPage({}, null, 200, pickOfQuery(c)));
feedbackPortalRoutes.post(REQUEST, formLimit, async (c) => {
  const v = await readForm(c);
  if (!isSameOrigin(c)) return requestPage(v, t('portal.fb.cross_site'), 403);
  const unitId = Number(v.unitId);
  let due: string;
  try {
    if (!Number.isInteger(unitId) || unitId <= 0) throw new AppError('feedback.bad_unit', 400, 'feedback.bad_unit');
    const r = await submitSubjectRequest(clientIp(c), {
      unitId, kind: v.kind === 'erase' ? 'erase' : 'export', name: v.name, email: v.email, phone: v.phone, note: v.note, website: v.website, token: tokenFor(v.tokens ?? '', unitId),
    });
    due = r.dueDate;
  } catch (err) {
    const st = errorStatus(err);
    if (st) return requestPage(v, t((err as AppError).messageKey, (err as AppError).params), st);
    throw err;
  }
  const [y, m, d] = due.split('-');
  const body = await renderToString(
    <Layout title={t('portal.fb.request_heading')} path={REQUEST}>
      <h1>{t('portal.fb.request_heading')}</h1>
      <p role="status">{t('portal.fb.request_sent', { date: `${d}/${m}/${y}` })}</p>
      <FbLinks />
    </Layout>,
  );
  return noStore(body, 200);
});

// ---- one consultation --------------------------------------------------------------------------

function ConsultationView(props: { c: PublicConsultation; comments: Awaited<ReturnType<typeof publicComments>>; filter: number | null; page: number; v: Record<string, string>; error: string | null; token: string }) {
  const { c, comments, filter, page, v } = props;
  const path = consultationPath(c.slug);
  const filterLabel = filter === 0 ? t('portal.fb.whole') : filter ? paraLabel(c.paragraphs.find((p) => p.position === filter) ?? { label: null, position: filter }) : null;
  const commentsHref = (pos: number | null, p = 1) => `${path}?${[pos != null ? `y-kien=${pos}` : '', p > 1 ? `trang=${p}` : ''].filter(Boolean).join('&')}#y-kien`;
  const selected = v.paragraph ?? '';
  return (
    <>
      <Breadcrumbs items={[[t('portal.nav.home'), '/'], [t('portal.fb.heading'), BASE]]} />
      <article class="article">
        <header>
          <h1>{c.title}</h1>
          <p class="meta">
            <span class={`fb-status ${c.status}`}>{statusLabel(c.status)}</span> · {c.unitName}
          </p>
          <p class="meta">
            {t('portal.fb.window', { from: formatDateVi(new Date(c.opensAt)), to: formatDateVi(new Date(c.closesAt)) })} · {t('portal.fb.comments_count', { n: c.totalPublic })}
          </p>
        </header>
        {c.summary && <p class="lead">{c.summary}</p>}
        {c.responseText && c.responsePublishedAt ? (
          <section aria-labelledby="h-resp" class="fb-response" id="ket-qua">
            <h2 id="h-resp">{t('portal.fb.response_heading')}</h2>
            <p class="meta">{t('portal.fb.response_published', { date: formatDateVi(new Date(c.responsePublishedAt)) })}</p>
            <p>{c.responseText}</p>
          </section>
        ) : c.status === 'closed' ? (
          <p class="notice">
            {t('portal.fb.closed_note')} {t('portal.fb.response_due', { date: formatDateVi(new Date(c.responseDueAt)) })}
          </p>
        ) : null}
        <section aria-labelledby="h-paras">
          <h2 id="h-paras">{t('portal.fb.paragraphs')}</h2>
          <p class="muted">{t('portal.fb.stances', c.whole.stances)}</p>
          <ol class="fb-paras">
            {c.paragraphs.map((p) => (
              <li class="fb-para" id={`doan-${p.position}`}>
                {!p.label && <p class="lbl">{paraLabel(p)}</p>}
                <p>{p.body}</p>
                <p class="muted">{t('portal.fb.stances', p.stances)}</p>
                <p class="fb-actions">
                  {c.status === 'open' && <a href={`${path}?doan=${p.position}#gui-gop-y`} aria-label={`${t('portal.fb.comment_here')}: ${paraLabel(p)}`}>{t('portal.fb.comment_here')}</a>}
                  {p.comments > 0 && <a href={commentsHref(p.position)} aria-label={`${t('portal.fb.see_comments', { n: p.comments })}: ${paraLabel(p)}`}>{t('portal.fb.see_comments', { n: p.comments })}</a>}
                </p>
              </li>
            ))}
          </ol>
        </section>
        <section aria-labelledby="h-comments" id="y-kien">
          <h2 id="h-comments">{filterLabel ? t('portal.fb.comments_of', { label: filterLabel }) : t('portal.fb.comments')}</h2>
          {filterLabel && (
            <p>
              <a href={`${path}#y-kien`}>{t('portal.fb.all_comments')}</a>
            </p>
          )}
          {comments.items.length ? (
            <ul class="fb-comments">
              {comments.items.map((x) => (
                <li>
                  <p class="meta">
                    <strong>{x.name ?? t('portal.fb.anonymous')}</strong> · {x.paragraphLabel} · {x.stance ? stanceKey(x.stance) : ''} · <DateVi d={new Date(x.createdAt)} />
                  </p>
                  <p>{x.body}</p>
                  <form class="fb-report" method="post" action={`${path}/bao-cao`}>
                    <input type="hidden" name="itemId" value={String(x.id)} />
                    <input type="hidden" name="token" value={props.token} />
                    <Honeypot id={`bc-${x.id}`} />
                    <button type="submit" aria-label={`${t('portal.fb.report')} #${x.id}`}>{t('portal.fb.report')}</button>
                  </form>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('portal.fb.no_comments')}</p>
          )}
          <Pager page={page} pages={Math.max(1, Math.ceil(comments.total / COMMENTS_PAGE))} href={(p) => commentsHref(filter, p)} />
        </section>
        {c.status === 'open' && (
          <section aria-labelledby="h-form" id="gui-gop-y">
            <h2 id="h-form">{t('portal.fb.form_heading')}</h2>
            <ErrorBox error={props.error} />
            <form class="pf-form" method="post" action={`${path}#gui-gop-y`}>
              <input type="hidden" name="token" value={props.token} />
              <p class="muted">{t('portal.fb.required')}</p>
              <Honeypot id="gy" />
              <div>
                <label for="gy-paragraph">{`${t('portal.fb.on')} *`}</label>
                <select id="gy-paragraph" name="paragraph">
                  <option value="0" selected={selected === '0' || selected === ''}>
                    {t('portal.fb.whole')}
                  </option>
                  {c.paragraphs.map((p) => (
                    <option value={String(p.position)} selected={selected === String(p.position)}>
                      {`${paraLabel(p)}: ${p.body.replace(/^Điều\s+\d+[a-zđ]?\.?\s*/, '').slice(0, 60)}${p.body.length > 60 ? '…' : ''}`}
                    </option>
                  ))}
                </select>
              </div>
              <fieldset>
                <legend>{`${t('portal.fb.stance')} *`}</legend>
                {(['agree', 'partly', 'disagree'] as const).map((s) => (
                  <div class="opt">
                    <input id={`gy-stance-${s}`} type="radio" name="stance" value={s} checked={v.stance === s} required />
                    <label for={`gy-stance-${s}`}>{stanceKey(s)}</label>
                  </div>
                ))}
              </fieldset>
              <div>
                <label for="gy-body">{`${t('portal.fb.body')} *`}</label>
                <textarea id="gy-body" name="body" required minlength={5} maxlength={5000} rows={6}>
                  {v.body ?? ''}
                </textarea>
              </div>
              <ContactFields v={v} id="gy" />
              <div>
                <button type="submit">{t('portal.fb.send')}</button>
              </div>
            </form>
          </section>
        )}
      </article>
    </>
  );
}

async function consultationPage(c: Context, slug: string, v: Record<string, string>, error: string | null, status: number): Promise<Response> {
  const cons = await publicConsultation(db(), slug);
  if (!cons) {
    const out = await notFoundPage(t('portal.fb.not_found_title'), t('portal.fb.not_found'));
    return c.body(out.body, 404, { 'content-type': HTML });
  }
  const filterRaw = c.req.query('y-kien');
  const filter = filterRaw === '0' ? 0 : num(filterRaw, 1000);
  const page = num(c.req.query('trang')) ?? 1;
  const para = filter ? cons.paragraphs.find((p) => p.position === filter) : null;
  const comments = await publicComments(db(), cons.id, { paragraphId: filter === 0 ? 0 : (para?.id ?? null), limit: COMMENTS_PAGE, offset: (page - 1) * COMMENTS_PAGE });
  const preselect = num(c.req.query('doan'), 1000);
  const values = { ...v, paragraph: v.paragraph ?? (preselect ? String(preselect) : '') };
  // the comment form (while open) and the report forms under the comments carry the signed timing token
  const token = cons.status === 'open' || comments.items.length ? await formToken(db(), cons.unitId) : '';
  const body = await renderToString(
    <Layout title={cons.title} description={cons.summary || t('portal.fb.lead')} path={BASE} meta={{ canonical: absolute(consultationPath(cons.slug)), ogType: 'article', extra }}>
      <ConsultationView c={cons} comments={comments} filter={filter ?? (para ? para.position : null)} page={page} v={values} error={error} token={token} />
    </Layout>,
  );
  return noStore(body, status);
}

feedbackPortalRoutes.get(`${BASE}/:slug`, async (c) => {
  const slug = c.req.param('slug');
  if (!slugOk(slug)) {
    const out = await notFoundPage(t('portal.fb.not_found_title'), t('portal.fb.not_found'));
    return c.body(out.body, 404, { 'content-type': HTML });
  }
  return consultationPage(c, slug, {}, null, 200);
});

feedbackPortalRoutes.post(`${BASE}/:slug`, formLimit, async (c) => {
  const slug = c.req.param('slug');
  const v = await readForm(c);
  if (!slugOk(slug)) return c.body((await notFoundPage(t('portal.fb.not_found_title'), t('portal.fb.not_found'))).body, 404, { 'content-type': HTML });
  if (!isSameOrigin(c)) return consultationPage(c, slug, v, t('portal.fb.cross_site'), 403);
  const cons = await publicConsultation(db(), slug);
  if (!cons) return consultationPage(c, slug, v, null, 404);
  const pos = Number(v.paragraph ?? '0');
  const para = pos > 0 ? cons.paragraphs.find((p) => p.position === pos) : null;
  try {
    if (pos > 0 && !para) throw new AppError('feedback.bad_paragraph', 400, 'feedback.bad_paragraph');
    await submitComment(clientIp(c), {
      consultationId: cons.id, paragraphId: para?.id ?? null, stance: (v.stance ?? '') as Stance, body: v.body ?? '', name: v.name, email: v.email, phone: v.phone,
      consent: v.consent === '1', website: v.website, token: v.token ?? '',
    });
  } catch (err) {
    const st = errorStatus(err);
    if (st) return consultationPage(c, slug, v, t((err as AppError).messageKey, (err as AppError).params), st);
    throw err;
  }
  const body = await renderToString(
    <Layout title={t('portal.fb.sent_title')} path={BASE}>
      <h1>{t('portal.fb.sent_title')}</h1>
      <p role="status">{t('portal.fb.sent')}</p>
      <p>
        <a href={`${consultationPath(slug)}?da-gui=1#y-kien`}>{t('portal.fb.back')}</a>
      </p>
    </Layout>,
  );
  return noStore(body, 200);
});

feedbackPortalRoutes.post(`${BASE}/:slug/bao-cao`, formLimit, async (c) => {
  const slug = c.req.param('slug');
  const v = await readForm(c);
  if (!slugOk(slug) || !isSameOrigin(c)) return c.body((await notFoundPage(t('portal.fb.not_found_title'), t('portal.fb.not_found'))).body, 404, { 'content-type': HTML });
  const id = num(v.itemId, Number.MAX_SAFE_INTEGER);
  const cons = await publicConsultation(db(), slug);
  if (!cons) return c.body((await notFoundPage(t('portal.fb.not_found_title'), t('portal.fb.not_found'))).body, 404, { 'content-type': HTML });
  try {
    if (!id) throw new AppError('feedback.item_not_found', 404, 'feedback.item_not_found');
    await reportItem(clientIp(c), { consultationId: cons.id, itemId: id, reason: v.reason, website: v.website, token: v.token ?? '' });
  } catch (err) {
    // a comment that is not (publicly) on this consultation: not found
    if (err instanceof AppError && err.status === 404) return c.body((await notFoundPage(t('portal.fb.not_found_title'), t('portal.fb.not_found'))).body, 404, { 'content-type': HTML });
    const st = errorStatus(err);
    if (st) return consultationPage(c, slug, {}, t((err as AppError).messageKey, (err as AppError).params), st);
    throw err;
  }
  const body = await renderToString(
    <Layout title={t('portal.fb.reported_title')} path={BASE}>
      <h1>{t('portal.fb.reported_title')}</h1>
      <p role="status">{t('portal.fb.reported')}</p>
      <p>
        <a href={`${consultationPath(slug)}?da-gui=1#y-kien`}>{t('portal.fb.back')}</a>
      </p>
    </Layout>,
  );
  return noStore(body, 200);
});
