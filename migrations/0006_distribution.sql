-- Distribution (phát hành): where a published article goes besides the portal. Each unit
-- has channel targets: a Facebook Page and a Zalo Official Account (posted through their
-- APIs), an e-mail newsletter (double opt-in subscribers), and Facebook/Zalo groups
-- (no API: a share kit, and the editor records where it was shared).
-- See docs/DISTRIBUTION.md.
create table channel_targets (
  id                    bigint generated always as identity primary key,
  unit_id               bigint not null references units(id),
  kind                  text not null check (kind in ('facebook_page','zalo_oa','newsletter','facebook_group','zalo_group')),
  name                  text not null,
  external_id           text,                       -- Facebook page id, Zalo OA id
  url                   text,                       -- the page / group address people open
  token_encrypted       text,                       -- AES-256-GCM, "v1:<iv>:<tag>:<ciphertext>" (base64url); never sent to clients
  token_hint            text,                       -- last characters of the token, to tell tokens apart in the UI
  token_expires_at      timestamptz,
  expiry_warned_for     timestamptz,                -- the token_expires_at value the daily warning was already sent for
  settings              jsonb not null default '{}'::jsonb,  -- facebook_page: {postAs: link|photo}; zalo_oa: {isBroadcasting, monthlyQuota}
  quota_exhausted_until timestamptz,                -- Zalo said "out of quota": no broadcast before this moment
  attention             text,                       -- why a person must act (token_expired, permission); null when fine
  attention_message     text,
  attention_at          timestamptz,
  is_active             boolean not null default true,
  created_by            bigint references users(id),
  created_at            timestamptz not null default now(),
  updated_at            timestamptz not null default now()
);
create index channel_targets_unit_idx on channel_targets (unit_id) where is_active;
create index channel_targets_expiry_idx on channel_targets (token_expires_at) where is_active and token_expires_at is not null;

-- The outbox: one row per (article, API target), written in the transaction that
-- publishes the article, worked by distribution.work-deliveries (claimed with SKIP LOCKED).
create table deliveries (
  id               bigint generated always as identity primary key,
  article_id       bigint not null references articles(id) on delete cascade,
  target_id        bigint not null references channel_targets(id),
  status           text not null default 'pending' check (status in ('pending','sending','sent','failed','dead')),
  attempts         integer not null default 0,
  next_attempt_at  timestamptz,                     -- null: nothing automatic will happen (sent, dead, failed waiting for a person)
  lease_until      timestamptz,                     -- while 'sending': a worker owns the row until then
  lease_token      text,
  is_uncertain     boolean not null default false,  -- the last attempt may have posted (timeout, 5xx, crash): look it up first
  marker           text not null,                   -- carried in the post ("?loa=<marker>") so the post can be found again
  state            jsonb not null default '{}'::jsonb,  -- per-platform progress (Zalo: article token/id, broadcast)
  remote_id        text,
  remote_url       text,
  last_error       text,
  last_error_code  text,
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now(),
  sent_at          timestamptz,
  unique (article_id, target_id)
);
create index deliveries_due_idx on deliveries (next_attempt_at) where status in ('pending','sending','failed');
create index deliveries_target_idx on deliveries (target_id, created_at desc);

-- Newsletter subscribers of a unit: pending until the e-mailed link is opened.
create table newsletter_subscribers (
  id               bigint generated always as identity primary key,
  unit_id          bigint not null references units(id),
  email            text not null,
  status           text not null default 'pending' check (status in ('pending','confirmed','unsubscribed')),
  confirm_sent_at  timestamptz,
  confirmed_at     timestamptz,
  unsubscribed_at  timestamptz,
  created_at       timestamptz not null default now()
);
create unique index newsletter_subscribers_email_idx on newsletter_subscribers (unit_id, lower(email));
create index newsletter_subscribers_confirmed_idx on newsletter_subscribers (unit_id) where status = 'confirmed';

-- Share kit: where an editor shared an article by hand (a Facebook or Zalo group), with the proof link.
create table share_proofs (
  id           bigint generated always as identity primary key,
  article_id   bigint not null references articles(id) on delete cascade,
  target_id    bigint not null references channel_targets(id),
  url          text not null,
  note         text,
  shared_at    timestamptz not null,
  recorded_by  bigint references users(id),
  created_at   timestamptz not null default now()
);
create index share_proofs_article_idx on share_proofs (article_id);
