import { consultationPath, publicConsultations } from '../modules/feedback';
import { config } from '../platform/config';
import { db } from '../platform/db';
import { type MessageKey, t } from '../platform/i18n';
import { formatDateVi } from '../text';
import { SiteLayout, registerSiteMenuSection, siteCached, siteGet } from './site/site-kit';

/**
 * The unit-site page of consultations (/gop-y on a unit's site, /don-vi/<slug>/gop-y on the
 * portal): the unit's drafts that have opened, linking to their portal pages where people
 * comment, plus the general feedback form (opened with `?don-vi=<unit>` so its unit picker
 * offers this unit and its ancestors first). Cached under the portal stamp like every site page.
 */
registerSiteMenuSection({ subpath: '/gop-y', labelKey: 'portal.fb.heading', order: 985 });

siteGet('/gop-y', (c, s) =>
  siteCached(c, s, async () => {
    const list = await publicConsultations(db(), { unitId: s.unit.id, limit: 50, offset: 0 });
    const portal = s.base ? '' : config().publicUrl;
    return (
      <SiteLayout s={s} title={t('portal.fb.heading')} path="/gop-y" description={t('portal.fb.lead')}>
        <h1>{t('portal.fb.heading')}</h1>
        <p>{t('portal.fb.lead')}</p>
        {list.items.length ? (
          <ul>
            {list.items.map((x) => (
              <li>
                <a href={`${portal}${consultationPath(x.slug)}`}>{x.title}</a>
                <br />
                <span class="muted">
                  {t(`portal.fb.status.${x.status}` as MessageKey)} · {t('portal.fb.window', { from: formatDateVi(new Date(x.opensAt)), to: formatDateVi(new Date(x.closesAt)) })} ·{' '}
                  {t('portal.fb.comments_count', { n: x.comments })}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('portal.fb.none')}</p>
        )}
        <p>
          <a href={`${portal}/gop-y/y-kien?don-vi=${s.unit.id}`}>{t('portal.fb.general_link')}</a> · <a href={`${portal}/gop-y/yeu-cau-du-lieu?don-vi=${s.unit.id}`}>{t('portal.fb.request_link')}</a>
        </p>
      </SiteLayout>
    );
  }),
);
