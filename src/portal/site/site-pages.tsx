import type { Context } from 'hono';
import { raw } from 'hono/html';
import { type PublicArticleCard, articlePath, imageUrl, latestForPortal, latestForUnit } from '../../modules/newsroom/public.service';
import { textOfHtml } from '../../modules/newsroom/html';
import { findUnit, listChildren, listSpokespersons } from '../../modules/org';
import { listLeaders, orgTree, slugsOf, subtreeUnitIds } from '../../modules/sites/sites.public';
import { db } from '../../platform/db';
import { type MessageKey, t } from '../../platform/i18n';
import { formatDateVi } from '../../text';
import { type SiteContext, SiteLayout, registerSiteMenuSection, siteCached, siteGet, siteGetBesidePortal, siteMenu, sitePath } from './site-kit';
import { ts } from './site.text';

/**
 * The sections every unit's site carries (Decree 42/2022/NĐ-CP, from 1 July
 * 2026 Decree 224/2026/NĐ-CP): home, introduction and history, organisation
 * chart drawn from the unit tree, leaders, functions and duties, subordinate
 * units, the unit's news and contacts with its spokesperson. Server-rendered,
 * no client script needed, cached per node against the portal change stamp.
 */
const notSchool = ['ministry', 'department', 'office', 'commune'];
registerSiteMenuSection({ subpath: '', labelKey: 'menu.home', order: 0 });
registerSiteMenuSection({ subpath: '/gioi-thieu', labelKey: 'menu.about', order: 10 });
registerSiteMenuSection({ subpath: '/co-cau-to-chuc', labelKey: 'menu.org', order: 20 });
registerSiteMenuSection({ subpath: '/lanh-dao', labelKey: 'menu.leaders', order: 30 });
registerSiteMenuSection({ subpath: '/chuc-nang-nhiem-vu', labelKey: 'menu.functions', order: 40 });
registerSiteMenuSection({ subpath: '/don-vi-truc-thuoc', labelKey: 'menu.children', order: 50, forTypes: notSchool });
registerSiteMenuSection({ subpath: '/tin-tuc', labelKey: 'menu.news', order: 60 });
registerSiteMenuSection({ subpath: '/lien-he', labelKey: 'menu.contact', order: 1000 });

const typeLabel = (type: string) => t(`unit.type.${type}` as MessageKey);
const Rich = (props: { html: string }) => <div class="rich">{raw(props.html)}</div>;
const Updated = (props: { d: Date }) => (
  <p class="updated">
    <time datetime={props.d.toISOString()}>{ts('updated', { date: formatDateVi(props.d) })}</time>
  </p>
);
const excerpt = (text: string, max = 320) => (text.length > max ? `${text.slice(0, max - 1).replace(/\s+\S*$/, '')}…` : text);

function NewsList(props: { items: PublicArticleCard[]; isShowingUnit: boolean }) {
  if (!props.items.length) return <p>{ts('home.no_news')}</p>;
  return (
    <ul class="news">
      {props.items.map((a) => (
        <li>
          {a.cover && (
            <img
              src={imageUrl(a.cover, 'small')}
              width={a.cover.variants.small.width}
              height={a.cover.variants.small.height}
              alt={a.cover.caption ?? ''}
              loading="lazy"
              decoding="async"
            />
          )}
          <h3>
            <a href={articlePath(a.slug)}>{a.title}</a>
          </h3>
          <p class="muted">
            <time datetime={a.publishedAt.toISOString()}>{formatDateVi(a.publishedAt)}</time>
            {props.isShowingUnit && <> · {a.unitName}</>}
          </p>
        </li>
      ))}
    </ul>
  );
}

// ---- home ------------------------------------------------------------------------------------------

async function selectedNews(s: SiteContext): Promise<{ items: PublicArticleCard[]; total: number }> {
  const [units, selected] = await Promise.all([subtreeUnitIds(db(), s.unit.path), latestForPortal(db(), { limit: 60 })]);
  const items = selected.items.filter((a) => units.has(a.unitId));
  return { items: items.slice(0, 6), total: items.length };
}

siteGet('', (c, s) =>
  siteCached(c, s, async () => {
    // a Sở (or the ministry) shows its subtree's news its board selected for the portal; others their own and their subtree's
    const isBoard = s.unit.type === 'department' || s.unit.type === 'ministry';
    const news = isBoard ? await selectedNews(s) : await latestForUnit(db(), s.unit.id, { limit: 6 });
    const intro = excerpt(textOfHtml(s.settings.introHtml));
    const hasSubtree = notSchool.includes(s.unit.type);
    const quick = siteMenu(s, '').filter((m) => m.href !== sitePath(s, ''));
    return (
      <SiteLayout s={s} title={s.unit.name} path="" description={intro || `${typeLabel(s.unit.type)} — ${s.unit.name}`}>
        <h1>{s.unit.name}</h1>
        {intro && (
          <section aria-labelledby="h-intro">
            <h2 id="h-intro">{ts('home.intro')}</h2>
            <p>{intro}</p>
            <p>
              <a href={sitePath(s, '/gioi-thieu')}>{ts('home.intro_more')}</a>
            </p>
          </section>
        )}
        <section aria-labelledby="h-news">
          <h2 id="h-news">{isBoard ? ts('home.news_selected') : hasSubtree ? ts('home.news_subtree', { unit: s.unit.shortName || s.unit.name }) : ts('home.news')}</h2>
          <NewsList items={news.items} isShowingUnit={hasSubtree} />
          {(isBoard || news.total > news.items.length) && (
            <p>
              <a href={sitePath(s, '/tin-tuc')}>{ts('home.news_all')}</a>
            </p>
          )}
        </section>
        <section aria-labelledby="h-quick">
          <h2 id="h-quick">{ts('home.quick')}</h2>
          <ul class="quick">
            {quick.map((m) => (
              <li>
                <a href={m.href} rel={m.isExternal ? 'noopener nofollow' : undefined}>
                  {m.label}
                </a>
              </li>
            ))}
          </ul>
        </section>
      </SiteLayout>
    );
  }),
);

// ---- introduction and history ----------------------------------------------------------------------

siteGet('/gioi-thieu', (c, s) =>
  siteCached(c, s, () => {
    const st = s.settings;
    const isEmpty = !st.introHtml && !st.historyHtml;
    return (
      <SiteLayout s={s} title={ts('about.heading')} path="/gioi-thieu" description={excerpt(textOfHtml(st.introHtml), 200) || undefined}>
        <h1>{ts('about.heading')}</h1>
        {isEmpty && <p>{ts('about.empty')}</p>}
        {st.introHtml && (
          <section aria-labelledby="h-about">
            <h2 id="h-about">{ts('about.intro')}</h2>
            <Rich html={st.introHtml} />
          </section>
        )}
        {st.historyHtml && (
          <section aria-labelledby="h-history">
            <h2 id="h-history">{ts('about.history')}</h2>
            <Rich html={st.historyHtml} />
          </section>
        )}
        <Updated d={st.updatedAt} />
      </SiteLayout>
    );
  }),
);

// ---- organisation chart ----------------------------------------------------------------------------

type Node = { id: number; name: string; type: string; parentId: number | null; slug: string };
function OrgBranch(props: { node: Node; byParent: Map<number, Node[]>; s: SiteContext; isSelf?: boolean }) {
  const kids = props.byParent.get(props.node.id) ?? [];
  const href = props.isSelf ? null : `/don-vi/${props.node.slug}`;
  return (
    <li>
      <span class={props.isSelf ? 'box self' : 'box'}>
        {href ? <a href={href}>{props.node.name}</a> : props.node.name}
        <span class="kind">{typeLabel(props.node.type)}</span>
      </span>
      {kids.length > 0 && (
        <ul>
          {kids.map((k) => (
            <OrgBranch node={k} byParent={props.byParent} s={props.s} />
          ))}
        </ul>
      )}
    </li>
  );
}

siteGet('/co-cau-to-chuc', (c, s) =>
  siteCached(c, s, async () => {
    const [nodes, leaders] = await Promise.all([orgTree(db(), s.unit.path, 2), listLeaders(db(), s.unit.id)]);
    const self = nodes.find((n) => n.id === s.unit.id);
    const byParent = new Map<number, Node[]>();
    for (const n of nodes) if (n.parentId != null && n.id !== s.unit.id) byParent.set(n.parentId, [...(byParent.get(n.parentId) ?? []), n]);
    return (
      <SiteLayout s={s} title={ts('org.heading')} path="/co-cau-to-chuc">
        <h1>{ts('org.heading')}</h1>
        <p>{ts('org.lead', { unit: s.unit.name })}</p>
        {leaders.length > 0 && (
          <section aria-labelledby="h-org-leaders">
            <h2 id="h-org-leaders">{ts('org.leaders')}</h2>
            <div class="org">
              <ul>
                {leaders.map((l) => (
                  <li>
                    <span class="box">
                      <a href={`${sitePath(s, '/lanh-dao')}#lanh-dao-${l.id}`}>{l.name}</a>
                      <span class="kind">{l.position}</span>
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          </section>
        )}
        <section aria-labelledby="h-org-units">
          <h2 id="h-org-units">{ts('org.units')}</h2>
          <div class="org">
            <ul>{self && <OrgBranch node={self} byParent={byParent} s={s} isSelf />}</ul>
          </div>
        </section>
      </SiteLayout>
    );
  }),
);

// ---- leaders -----------------------------------------------------------------------------------------

siteGet('/lanh-dao', (c, s) =>
  siteCached(c, s, async () => {
    const leaders = await listLeaders(db(), s.unit.id);
    return (
      <SiteLayout s={s} title={ts('leaders.heading')} path="/lanh-dao">
        <h1>{ts('leaders.heading')}</h1>
        {!leaders.length && <p>{ts('leaders.empty')}</p>}
        <ul class="leaders">
          {leaders.map((l) => (
            <li class="leader" id={`lanh-dao-${l.id}`}>
              {l.photo ? (
                <img src={l.photo.small} alt={ts('leaders.photo_alt', { name: l.name })} width="128" height="160" loading="lazy" />
              ) : (
                <span aria-hidden="true"></span>
              )}
              <div>
                <h2>{l.name}</h2>
                {l.position && <p class="pos">{l.position}</p>}
                {l.bioHtml && (
                  <>
                    <h3>{ts('leaders.bio')}</h3>
                    <Rich html={l.bioHtml} />
                  </>
                )}
                {l.dutiesHtml && (
                  <>
                    <h3>{ts('leaders.duties')}</h3>
                    <Rich html={l.dutiesHtml} />
                  </>
                )}
                <Updated d={l.updatedAt} />
              </div>
            </li>
          ))}
        </ul>
      </SiteLayout>
    );
  }),
);

// ---- functions and duties ------------------------------------------------------------------------

siteGet('/chuc-nang-nhiem-vu', (c, s) =>
  siteCached(c, s, () => (
    <SiteLayout s={s} title={ts('functions.heading')} path="/chuc-nang-nhiem-vu">
      <h1>{ts('functions.heading')}</h1>
      {s.settings.functionsHtml ? <Rich html={s.settings.functionsHtml} /> : <p>{ts('functions.empty')}</p>}
      <Updated d={s.settings.updatedAt} />
    </SiteLayout>
  )),
);

// ---- subordinate units -----------------------------------------------------------------------------

siteGet('/don-vi-truc-thuoc', (c, s) =>
  siteCached(c, s, async () => {
    const children = await listChildren(db(), s.unit.id, false);
    const slugs = await slugsOf(db(), children.map((u) => u.id));
    return (
      <SiteLayout s={s} title={ts('children.heading')} path="/don-vi-truc-thuoc">
        <h1>{ts('children.heading')}</h1>
        {children.length ? (
          <>
            <p class="muted">{ts('children.count', { n: children.length })}</p>
            <ul class="units">
              {children.map((u) => (
                <li>
                  <a href={`/don-vi/${slugs.get(u.id) ?? encodeURIComponent(u.code)}`}>{u.name}</a> <span class="muted">· {typeLabel(u.type)}</span>
                  {u.contacts.address && <div class="muted">{u.contacts.address}</div>}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>{ts('children.empty')}</p>
        )}
      </SiteLayout>
    );
  }),
);

// ---- news ------------------------------------------------------------------------------------------

const PAGE = 12;
const pageOf = (c: Context) => {
  const n = Number(c.req.query('trang') ?? '1');
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
};
siteGetBesidePortal('/tin-tuc', (c, s) => {
  const page = pageOf(c);
  return siteCached(
    c,
    s,
    async () => {
      const list = await latestForUnit(db(), s.unit.id, { limit: PAGE, offset: (page - 1) * PAGE });
      const pages = Math.max(1, Math.ceil(list.total / PAGE));
      const href = (p: number) => `${sitePath(s, '/tin-tuc')}${p > 1 ? `?trang=${p}` : ''}`;
      return (
        <SiteLayout s={s} title={ts('news.heading')} path="/tin-tuc" description={ts('news.lead', { unit: s.unit.name })}>
          <h1>{ts('news.heading')}</h1>
          <p>{ts('news.lead', { unit: s.unit.name })}</p>
          <NewsList items={list.items} isShowingUnit={notSchool.includes(s.unit.type)} />
          {pages > 1 && (
            <nav class="pager" aria-label={ts('news.heading')}>
              {page > 1 && (
                <a href={href(page - 1)} rel="prev">
                  {ts('news.newer')}
                </a>
              )}{' '}
              {page < pages && (
                <a href={href(page + 1)} rel="next">
                  {ts('news.older')}
                </a>
              )}
            </nav>
          )}
          <p class="muted">
            <a href={`/don-vi/${encodeURIComponent(s.unit.code)}/rss.xml`}>RSS</a>
          </p>
        </SiteLayout>
      );
    },
    `/tin-tuc?trang=${page}`,
  );
});

// ---- contacts and the spokesperson -----------------------------------------------------------------

siteGet('/lien-he', (c, s) =>
  siteCached(c, s, async () => {
    const spokes = (await listSpokespersons(db(), s.unit.path)).filter((x) => x.unitId === s.unit.id);
    const parent = s.unit.parentId ? await findUnit(db(), s.unit.parentId) : null;
    const parentSlug = parent ? (await slugsOf(db(), [parent.id])).get(parent.id) : undefined;
    const ct = s.unit.contacts ?? {};
    const hasContacts = !!(ct.address || ct.phone || ct.email);
    return (
      <SiteLayout s={s} title={ts('contact.heading')} path="/lien-he">
        <h1>{ts('contact.heading')}</h1>
        <section aria-labelledby="h-ct">
          <h2 id="h-ct">{ts('contact.unit')}</h2>
          {hasContacts ? (
            <dl class="contacts">
              {ct.address && (
                <>
                  <dt>{ts('foot.address')}</dt>
                  <dd>{ct.address}</dd>
                </>
              )}
              {ct.phone && (
                <>
                  <dt>{ts('foot.phone')}</dt>
                  <dd>
                    <a href={`tel:${ct.phone.replace(/[^0-9+]/g, '')}`}>{ct.phone}</a>
                  </dd>
                </>
              )}
              {ct.email && (
                <>
                  <dt>{ts('foot.email')}</dt>
                  <dd>
                    <a href={`mailto:${ct.email}`}>{ct.email}</a>
                  </dd>
                </>
              )}
              {parent && (
                <>
                  <dt>{ts('contact.parent')}</dt>
                  <dd>
                    <a href={`/don-vi/${parentSlug ?? encodeURIComponent(parent.code)}`}>{parent.name}</a>
                  </dd>
                </>
              )}
            </dl>
          ) : (
            <p>{ts('contact.none')}</p>
          )}
        </section>
        {s.unit.channels.length > 0 && (
          <section aria-labelledby="h-channels">
            <h2 id="h-channels">{ts('contact.channels')}</h2>
            <ul>
              {s.unit.channels.map((ch) => (
                <li>
                  {t(`channel.${ch.kind}` as MessageKey)}:{' '}
                  {/^https:\/\/[^\s"<>]+$/.test(ch.address) ? (
                    <a href={ch.address} rel="noopener">
                      {ch.name || ch.address}
                    </a>
                  ) : (
                    ch.name || ch.address
                  )}
                </li>
              ))}
            </ul>
          </section>
        )}
        <section aria-labelledby="h-spokes">
          <h2 id="h-spokes">{ts('contact.spokes')}</h2>
          {spokes.length ? (
            <div class="table-wrap">
              <table class="stack">
                <thead>
                  <tr>
                    <th scope="col">{ts('contact.spokes_name')}</th>
                    <th scope="col">{ts('contact.spokes_title')}</th>
                    <th scope="col">{ts('contact.spokes_phone')}</th>
                    <th scope="col">{ts('contact.spokes_email')}</th>
                  </tr>
                </thead>
                <tbody>
                  {spokes.map((x) => (
                    <tr>
                      <td>{x.name}</td>
                      <td>{x.title ?? ''}</td>
                      <td>{x.phone ? <a href={`tel:${x.phone.replace(/[^0-9+]/g, '')}`}>{x.phone}</a> : ''}</td>
                      <td>
                        <a href={`mailto:${x.email}`}>{x.email}</a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>{ts('contact.spokes_none')}</p>
          )}
        </section>
      </SiteLayout>
    );
  }),
);
