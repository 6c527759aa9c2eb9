import { now } from '../../../platform/clock';
import { addNotice } from './notices.service';
import { config } from '../../../platform/config';
import { type Tx, db, withTransaction } from '../../../platform/db';
import { t } from '../../../platform/i18n';
import { enqueue } from '../../../platform/jobs';
import { log } from '../../../platform/log';
import { formatDateVi } from '../../../text';
import { decryptSecret } from '../../distribution';
import { sendMailJob } from '../../identity';
import { itemConcerns } from '../concern';
import { buildDigest, categoryLabel, digestText, digestTitle, toneLabel } from '../digest/digest.service';
import { afterQuietHours } from './quiet';
import type { AlertChannel } from './rules.service';
import { postWebhook } from './webhook';
import { roleHoldersOf } from '../../org';

/**
 * The alert outbox, in two steps, each safe on any number of workers:
 *
 * 1. `checkNewItems`: analysed items not yet checked (`alerts_checked_at` null)
 *    are matched against the active immediate rules whose unit subtree holds a
 *    unit the item concerns (concern.ts: the units it names, or the owners of
 *    the watched people / topics it matched) in one transaction (rows
 *    claimed with SKIP LOCKED); each match writes one `monitor_alerts` row per
 *    rule × story × channel × recipient — a unique key, so a story's copies and
 *    a re-run never alert twice — then the items are marked checked. Spikes
 *    (spikes.service.ts) and digests (07:00) write rows the same way.
 * 2. `deliverDueAlerts`: due rows (after quiet hours) are sent: an in-app
 *    notice row, or an e-mail job queued through pg-boss IN THE SAME
 *    TRANSACTION that marks the row sent (so exactly once); webhooks and the
 *    Zalo relay are claimed (`sending`, a 2-minute lease) and POSTed after
 *    commit, retried with back-off, `failed` after 8 attempts; each POST
 *    carries `X-Loa-Alert-Id` so a receiver can drop a repeat after a crash.
 */
type Rule = {
  id: number;
  unitId: number;
  userId: number | null;
  name: string;
  channels: AlertChannel[];
  emails: string[];
  webhookUrl: string | null;
  zaloUrl: string | null;
  quietStart: string | null;
  quietEnd: string | null;
};
export type Subject = { kind: 'story' | 'spike' | 'digest'; storyId?: number | null; itemId?: number | null; spikeId?: number | null; digestDay?: string | null };

const ruleCols = `r.id, r.unit_id as "unitId", r.user_id as "userId", r.name, r.channels, r.emails, r.webhook_url as "webhookUrl", r.zalo_url as "zaloUrl",
  to_char(r.quiet_start, 'HH24:MI') as "quietStart", to_char(r.quiet_end, 'HH24:MI') as "quietEnd"`;

export async function loadRules(tx: Tx, ids: number[]): Promise<Map<number, Rule>> {
  const r = await tx.query(`select ${ruleCols} from monitor_alert_rules r where r.id = any($1::bigint[])`, [ids]);
  return new Map(r.rows.map((x) => [Number(x.id), { ...x, id: Number(x.id), unitId: Number(x.unitId), userId: x.userId == null ? null : Number(x.userId) }]));
}

/** The people a rule speaks to: its person, or its unit's leaders, focal points and spokespersons. */
async function recipients(tx: Tx, rule: Rule): Promise<{ userIds: number[]; emails: string[] }> {
  const r = rule.userId
    ? await tx.query('select id, email from users where id = $1 and is_active', [rule.userId])
    : { rows: await roleHoldersOf(tx, rule.unitId, ['leader', 'focal_point', 'spokesperson']) };
  const emails = new Set<string>(rule.emails);
  for (const x of r.rows) emails.add(String(x.email).toLowerCase());
  return { userIds: r.rows.map((x) => Number(x.id)), emails: [...emails] };
}

/** Writes a rule's outbox rows for one subject; returns how many were new. */
export async function queueAlert(tx: Tx, rule: Rule, subject: Subject, at = now()): Promise<number> {
  const who = await recipients(tx, rule);
  const later = afterQuietHours(at, rule.quietStart, rule.quietEnd);
  const rows: { channel: AlertChannel; recipient: string; due: Date }[] = [];
  for (const ch of rule.channels) {
    if (ch === 'inapp') for (const id of who.userIds) rows.push({ channel: ch, recipient: String(id), due: at });
    if (ch === 'email') for (const e of who.emails) rows.push({ channel: ch, recipient: e, due: subject.kind === 'digest' ? at : later });
    if (ch === 'webhook' && rule.webhookUrl) rows.push({ channel: ch, recipient: rule.webhookUrl, due: later });
    if (ch === 'zalo' && rule.zaloUrl) rows.push({ channel: ch, recipient: rule.zaloUrl, due: later });
  }
  let n = 0;
  for (const row of rows) {
    const r = await tx.query(
      `insert into monitor_alerts (rule_id, kind, story_id, item_id, spike_id, digest_day, channel, recipient, due_at, created_at)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) on conflict do nothing`,
      [rule.id, subject.kind, subject.storyId ?? null, subject.itemId ?? null, subject.spikeId ?? null, subject.digestDay ?? null, row.channel, row.recipient, row.due, at],
    );
    n += r.rowCount ?? 0;
  }
  return n;
}

/** Step 1: match newly analysed items against the immediate rules. Returns how many items were checked. */
export async function checkNewItems(limit = 500): Promise<number> {
  return withTransaction(async (tx) => {
    const items = await tx.query<{ id: number }>(
      `select id from monitor_items where analysed_at is not null and alerts_checked_at is null order by id limit $1 for update skip locked`,
      [limit],
    );
    if (!items.rowCount) return 0;
    const ids = items.rows.map((x) => x.id);
    const matches = await tx.query<{ ruleId: number; storyId: number | null; itemId: number }>(
      `select distinct on (r.id, coalesce(i.story_id, -i.id)) r.id as "ruleId", i.story_id as "storyId", i.id as "itemId"
         from monitor_items i
         join ${itemConcerns} cu on cu.item_id = i.id
         join units un on un.id = cu.unit_id
         join monitor_alert_rules r on r.is_active and r.mode = 'immediate'
         join units ru on ru.id = r.unit_id
         left join monitor_stories st on st.id = i.story_id
        where i.id = any($1::bigint[])
          and un.path <@ ru.path
          and (cardinality(r.unit_ids) = 0 or cu.unit_id = any(r.unit_ids))
          and (cardinality(r.categories) = 0 or r.categories && i.categories)
          and (cardinality(r.tones) = 0 or i.tone = any(r.tones))
          and i.risk_score >= r.min_risk
          and (cardinality(r.person_ids) = 0 or exists (select 1 from monitor_item_matches mm where mm.item_id = i.id and mm.kind = 'person' and mm.ref_id = any(r.person_ids)))
          and (cardinality(r.topic_ids) = 0 or exists (select 1 from monitor_item_matches mm where mm.item_id = i.id and mm.kind = 'topic' and mm.ref_id = any(r.topic_ids)))
          and coalesce(st.triage_status, 'new') <> 'closed'
        order by r.id, coalesce(i.story_id, -i.id), i.id`,
      [ids],
    );
    const rules = await loadRules(tx, [...new Set(matches.rows.map((m) => Number(m.ruleId)))]);
    for (const m of matches.rows) {
      const rule = rules.get(Number(m.ruleId));
      if (rule) await queueAlert(tx, rule, { kind: 'story', storyId: m.storyId, itemId: m.itemId });
    }
    await tx.query('update monitor_items set alerts_checked_at = $2 where id = any($1::bigint[])', [ids, now()]);
    return ids.length;
  });
}

type Message = { subject: string; text: string; noticeTitle: string; noticeBody: string; link: string; payload: Record<string, unknown> };

async function compose(tx: Tx, a: { kind: string; storyId: number | null; itemId: number | null; spikeId: number | null; digestDay: string | null; ruleName: string; ruleUnitId: number }): Promise<Message> {
  const base = config().publicUrl;
  if (a.kind === 'story') {
    const r = await tx.query(
      `select coalesce(st.title, i.title) as title, i.link, s.name as source, i.tone, i.categories, i.risk_score, i.reasons, coalesce(st.item_count, 1) as copies,
              coalesce((select array_agg(distinct u.name) from ${itemConcerns} cu join units u on u.id = cu.unit_id where cu.item_id = i.id), '{}') as units
         from monitor_items i join monitor_sources s on s.id = i.source_id left join monitor_stories st on st.id = i.story_id
        where i.id = coalesce($1, (select min(id) from monitor_items where story_id = $2))`,
      [a.itemId, a.storyId],
    );
    const x = r.rows[0] ?? { title: '', link: null, source: '', tone: 'neutral', categories: [], risk_score: 0, reasons: [], copies: 1, units: [] };
    const link = a.storyId ? `${base}/admin/theo-doi/tin/${a.storyId}` : `${base}/admin/theo-doi`;
    const params = {
      title: x.title,
      units: (x.units as string[]).join(', ') || '—',
      source: x.source ?? '',
      link: x.link ?? '',
      tone: toneLabel(x.tone),
      categories: (x.categories as string[]).map(categoryLabel).join(', ') || '—',
      risk: Math.round(Number(x.risk_score) * 100) / 100,
      reasons: (x.reasons as string[]).join('; ') || '—',
      url: link,
      rule: a.ruleName,
    };
    return {
      subject: t('insights.mail.story_subject', params),
      text: t('insights.mail.story_body', params),
      noticeTitle: t('insights.notice.story', params),
      noticeBody: `${params.source} — ${params.units} — ${params.categories}`,
      link: a.storyId ? `/theo-doi/tin/${a.storyId}` : '/theo-doi',
      payload: { type: 'monitor.story', storyId: a.storyId, itemId: a.itemId, title: x.title, link: x.link, source: x.source, units: x.units, tone: x.tone, categories: x.categories, riskScore: Number(x.risk_score), reasons: x.reasons, url: link, rule: a.ruleName },
    };
  }
  if (a.kind === 'spike') {
    const r = await tx.query(
      `select sp.*, u.name as unit_name,
              coalesce((select array_agg(st.title order by st.item_count desc) from monitor_stories st where st.id = any(sp.story_ids)), '{}') as titles
         from monitor_spikes sp join units u on u.id = sp.unit_id where sp.id = $1`,
      [a.spikeId],
    );
    const x = r.rows[0];
    const link = `${base}/admin/theo-doi?unitId=${x.unit_id}&category=${x.category}`;
    const params = {
      unit: x.unit_name,
      category: categoryLabel(x.category),
      count: x.count,
      median: Math.round(Number(x.median) * 10) / 10,
      date: formatDateVi(new Date(`${new Date(x.day).toISOString().slice(0, 10)}T12:00:00+07:00`)),
      stories: (x.titles as string[]).slice(0, 10).map((s) => `- ${s}`).join('\n') || '—',
      url: link,
      rule: a.ruleName,
    };
    return {
      subject: t('insights.mail.spike_subject', params),
      text: t('insights.mail.spike_body', params),
      noticeTitle: t('insights.notice.spike', params),
      noticeBody: (x.titles as string[]).slice(0, 3).join(' · '),
      link: `/theo-doi?unitId=${x.unit_id}&category=${x.category}`,
      payload: { type: 'monitor.spike', spikeId: a.spikeId, unitId: Number(x.unit_id), unit: x.unit_name, category: x.category, day: params.date, count: x.count, median: Number(x.median), threshold: Number(x.threshold), storyIds: x.story_ids.map(Number), url: link, rule: a.ruleName },
    };
  }
  const day = a.digestDay as string;
  const d = await buildDigest(tx, a.ruleUnitId, day);
  const page = `${base}/admin/theo-doi/diem-tin?unitId=${a.ruleUnitId}&day=${day}`;
  return {
    subject: `[Loa] ${d.title} — ${d.unitName}`,
    text: digestText(d, page),
    noticeTitle: d.title,
    noticeBody: t('insights.digest.totals', { stories: d.totals.stories, items: d.totals.items, negative: d.totals.negative, neutral: d.totals.neutral, positive: d.totals.positive }),
    link: `/theo-doi/diem-tin?unitId=${a.ruleUnitId}&day=${day}`,
    payload: { type: 'monitor.digest', ...d, url: page },
  };
}

const MAX_ATTEMPTS = 8;
const backoff = (attempts: number) => Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3600_000);

/** Step 2: send what is due. Returns how many rows were handled. */
export async function deliverDueAlerts(limit = 100): Promise<number> {
  const posts: { id: number; url: string; secret: string | null; payload: Record<string, unknown>; attempts: number }[] = [];
  const handled = await withTransaction(async (tx) => {
    const at = now();
    const rows = await tx.query(
      `select a.id, a.kind, a.story_id as "storyId", a.item_id as "itemId", a.spike_id as "spikeId", to_char(a.digest_day, 'YYYY-MM-DD') as "digestDay",
              a.channel, a.recipient, a.attempts, r.name as "ruleName", r.unit_id as "ruleUnitId", r.webhook_secret_enc as "secretEnc"
         from monitor_alerts a join monitor_alert_rules r on r.id = a.rule_id
        where a.status in ('pending', 'sending') and a.due_at <= $2
        order by a.due_at, a.id limit $1 for update of a skip locked`,
      [limit, at],
    );
    for (const a of rows.rows) {
      let msg: Message;
      try {
        msg = await compose(tx, a);
      } catch (err) {
        log.warn('alert could not be composed', { alertId: a.id, err: (err as Error).message });
        await tx.query(`update monitor_alerts set status = 'failed', last_error = $2 where id = $1`, [a.id, (err as Error).message]);
        continue;
      }
      if (a.channel === 'inapp') {
        await addNotice(tx, { userId: Number(a.recipient), alertId: a.id, title: msg.noticeTitle, body: msg.noticeBody, link: msg.link, at });
        await tx.query(`update monitor_alerts set status = 'sent', sent_at = $2, attempts = attempts + 1 where id = $1`, [a.id, at]);
      } else if (a.channel === 'email') {
        await enqueue(sendMailJob, { to: a.recipient, subject: msg.subject, text: msg.text }, { tx });
        await tx.query(`update monitor_alerts set status = 'sent', sent_at = $2, attempts = attempts + 1 where id = $1`, [a.id, at]);
      } else {
        const attempts = a.attempts + 1;
        await tx.query(`update monitor_alerts set status = 'sending', attempts = $2, due_at = $3 where id = $1`, [a.id, attempts, new Date(at.getTime() + 120_000)]);
        const secret = a.channel === 'webhook' && a.secretEnc ? decryptSecret(a.secretEnc) : null;
        posts.push({ id: a.id, url: a.recipient, secret, payload: { ...msg.payload, text: msg.text, subject: msg.subject }, attempts });
      }
    }
    return rows.rowCount ?? 0;
  });
  for (const p of posts) {
    const r = await postWebhook(p.url, p.secret, p.id, p.payload);
    if (r.ok) await db().query(`update monitor_alerts set status = 'sent', sent_at = $2, last_error = null where id = $1`, [p.id, now()]);
    else if (p.attempts >= MAX_ATTEMPTS) await db().query(`update monitor_alerts set status = 'failed', last_error = $2 where id = $1`, [p.id, r.error ?? null]);
    else await db().query(`update monitor_alerts set status = 'pending', last_error = $2, due_at = $3 where id = $1`, [p.id, r.error ?? null, new Date(now().getTime() + backoff(p.attempts))]);
  }
  return handled;
}

/** 07:00: queue today's digest for every active digest-mode rule (once per rule and day). */
export async function queueDigests(day: string): Promise<number> {
  return withTransaction(async (tx) => {
    const r = await tx.query<{ id: number }>(`select id from monitor_alert_rules where is_active and mode = 'digest' order by id for update skip locked`);
    const rules = await loadRules(tx, r.rows.map((x) => Number(x.id)));
    let n = 0;
    for (const rule of rules.values()) n += await queueAlert(tx, { ...rule, channels: rule.channels }, { kind: 'digest', digestDay: day });
    return n;
  });
}

/** One sweep: check new items, then deliver everything due (loops while there is work). */
export async function sweepAlerts(): Promise<{ checked: number; delivered: number }> {
  let checked = 0;
  let delivered = 0;
  for (let n = await checkNewItems(); n > 0; n = await checkNewItems()) checked += n;
  for (let n = await deliverDueAlerts(); n > 0; n = await deliverDueAlerts()) {
    delivered += n;
    if (delivered > 5000) break;
  }
  return { checked, delivered };
}

export { digestTitle };
