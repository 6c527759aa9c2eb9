-- Monitoring, second half: triage of stories, alert rules and their outbox, in-app
-- notices, spikes, the learned model store, and daily press digests.
-- Builds on 0013_monitoring.sql. See docs/MONITORING.md ("## Learning", "## Spikes",
-- "## Alerts and digest", "## Triage and dashboards").

-- Triage state lives on the story (one report and its copies is triaged once).
alter table monitor_stories
  add column triage_status text not null default 'new' check (triage_status in ('new','reviewed','needs_action','closed')),
  add column assigned_to   bigint references users(id),
  add column triage_note   text,
  add column triaged_at    timestamptz,
  add column triaged_by    bigint references users(id),
  add column triage_version integer not null default 1;
create index monitor_stories_triage_idx on monitor_stories (triage_status, last_seen_at desc);
create index monitor_stories_assigned_idx on monitor_stories (assigned_to) where assigned_to is not null;

-- What the rules had said when a person corrected an item (the learning input needs it):
-- {"via": matched alias of a removed unit, "ruleTone": ..., "ruleCategories": [...]}.
alter table monitor_corrections add column detail jsonb not null default '{}';

-- Alert outbox, step one: an analysed item not yet checked against the alert rules.
alter table monitor_items add column alerts_checked_at timestamptz;
create index monitor_items_alert_pending_idx on monitor_items (id) where alerts_checked_at is null and analysed_at is not null;

-- Wakes the alert sweep as soon as an item is analysed (the cron sweep is the safety net).
create function monitor_item_analysed_notify() returns trigger language plpgsql as $$
begin
  if new.analysed_at is not null and old.analysed_at is null then
    perform pg_notify('monitor_item_analysed', new.id::text);
  end if;
  return new;
end $$;
create trigger monitor_items_analysed_notify after update of analysed_at on monitor_items
  for each row execute function monitor_item_analysed_notify();
create function monitor_item_inserted_notify() returns trigger language plpgsql as $$
begin
  if new.analysed_at is not null then perform pg_notify('monitor_item_analysed', new.id::text); end if;
  return new;
end $$;
create trigger monitor_items_inserted_notify after insert on monitor_items
  for each row execute function monitor_item_inserted_notify();

-- Alert rules: for a person (user_id) or for a unit (user_id null: its leaders, focal points and spokespersons).
create table monitor_alert_rules (
  id              bigint generated always as identity primary key,
  unit_id         bigint not null references units(id),      -- owner and scope: watches this unit's subtree
  user_id         bigint references users(id),               -- the person it is for; null: the unit's own rule
  name            text not null,
  unit_ids        bigint[] not null default '{}',            -- narrower: only these units (within the scope); empty: whole subtree
  categories      text[] not null default '{}',              -- empty: any category
  tones           text[] not null default '{negative}',      -- which tones alert; empty: any
  min_risk        real not null default 0,
  mode            text not null default 'immediate' check (mode in ('immediate','digest')),
  channels        text[] not null default '{inapp}',         -- inapp, email, zalo, webhook
  emails          text[] not null default '{}',              -- extra addresses (besides the person or the unit's people)
  webhook_url     text,
  webhook_secret_enc text,                                   -- AES-256-GCM (distribution secrets): HMAC key of the POSTs
  zalo_url        text,                                      -- Zalo OA relay (a webhook that forwards to the OA)
  quiet_start     time,                                      -- quiet hours (Asia/Ho_Chi_Minh): immediate alerts wait until quiet_end
  quiet_end       time,
  includes_spikes boolean not null default true,
  is_active       boolean not null default true,
  created_by      bigint references users(id),
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  version         integer not null default 1
);
create index monitor_alert_rules_unit_idx on monitor_alert_rules (unit_id) where is_active;

-- Spikes found (one row per unit × category × Vietnam day), with the stories behind them.
create table monitor_spikes (
  id          bigint generated always as identity primary key,
  unit_id     bigint not null references units(id),
  category    text not null,
  day         date not null,
  count       integer not null,
  median      real not null,
  threshold   real not null,
  baseline    integer[] not null,
  story_ids   bigint[] not null default '{}',
  created_at  timestamptz not null default now(),
  unique (unit_id, category, day)
);
create index monitor_spikes_day_idx on monitor_spikes (day desc);

-- Alert outbox, step two: one row per rule × subject (story, spike or digest day) × channel × recipient; sent once.
create table monitor_alerts (
  id          bigint generated always as identity primary key,
  rule_id     bigint not null references monitor_alert_rules(id) on delete cascade,
  kind        text not null check (kind in ('story','spike','digest')),
  story_id    bigint references monitor_stories(id),
  item_id     bigint references monitor_items(id) on delete set null,
  spike_id    bigint references monitor_spikes(id),
  digest_day  date,
  channel     text not null check (channel in ('inapp','email','zalo','webhook')),
  recipient   text not null,                                 -- user id (inapp), address (email), URL (webhook, zalo)
  status      text not null default 'pending' check (status in ('pending','sending','sent','failed')),
  due_at      timestamptz not null default now(),            -- after quiet hours
  attempts    integer not null default 0,
  last_error  text,
  sent_at     timestamptz,
  created_at  timestamptz not null default now()
);
create unique index monitor_alerts_once_key on monitor_alerts
  (rule_id, kind, coalesce(story_id, -item_id, 0), coalesce(spike_id, 0), coalesce(digest_day, '2000-01-01'), channel, recipient);
create index monitor_alerts_due_idx on monitor_alerts (due_at) where status in ('pending','sending');

-- In-app notices.
create table monitor_notices (
  id          bigint generated always as identity primary key,
  user_id     bigint not null references users(id),
  alert_id    bigint references monitor_alerts(id) on delete set null,
  title       text not null,
  body        text not null default '',
  link        text,
  created_at  timestamptz not null default now(),
  read_at     timestamptz
);
create index monitor_notices_user_idx on monitor_notices (user_id, created_at desc);

-- The learned model (weights as JSON) with its cross-validated accuracy beside the rules-only baseline.
create table monitor_models (
  id          bigint generated always as identity primary key,
  model       jsonb not null,
  metrics     jsonb not null,
  examples    integer not null,
  corrections integer not null,
  trained_at  timestamptz not null default now(),
  trained_by  bigint references users(id)                   -- null: the nightly job
);
create index monitor_models_trained_idx on monitor_models (trained_at desc);
