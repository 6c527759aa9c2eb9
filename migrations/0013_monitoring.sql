-- Monitoring (theo dõi báo chí và dư luận): sources (feeds, news sitemaps, a signed
-- webhook, manual entries, hotline notes), the items they bring, story clusters (copies
-- and rewrites of one report; size = reach), threads (follow-ups about one event),
-- what each item matched and how it was judged, the aliases users add to the
-- watchlist, and the corrections people make while triaging (the learning input).
-- See docs/MONITORING.md.
create table monitor_sources (
  id                    bigint generated always as identity primary key,
  unit_id               bigint references units(id),          -- the unit that owns the source (scope); null: system-wide
  kind                  text not null check (kind in ('feed','sitemap','webhook','manual','hotline')),
  name                  text not null,
  url                   text,                                  -- feed / sitemap address (null for webhook, manual, hotline)
  is_active             boolean not null default true,         -- false: paused
  interval_seconds      integer check (interval_seconds between 60 and 86400),  -- fixed by a person; null: adaptive
  adaptive_seconds      integer not null default 900,          -- the interval computed from the publishing rate
  next_poll_at          timestamptz not null default now(),
  lease_until           timestamptz,                           -- a worker is polling it until then
  etag                  text,
  last_modified         text,
  is_backlog_taken      boolean not null default false,        -- the first poll took the whole feed
  last_polled_at        timestamptz,
  last_success_at       timestamptz,
  last_error            text,
  last_error_code       text,
  last_error_at         timestamptz,
  consecutive_failures  integer not null default 0,
  items_total           integer not null default 0,
  webhook_secret_enc    text,                                  -- AES-256-GCM (distribution secrets); shown to a person once
  webhook_secret_hint   text,
  created_by            bigint references users(id),
  created_at            timestamptz not null default now(),
  updated_at            timestamptz not null default now(),
  version               integer not null default 1
);
create unique index monitor_sources_url_key on monitor_sources (url) where url is not null;
create index monitor_sources_due_idx on monitor_sources (next_poll_at) where is_active and kind in ('feed','sitemap');
create index monitor_sources_unit_idx on monitor_sources (unit_id);

-- Story clusters: one report and its syndicated copies, rewrites and copies without diacritics.
create table monitor_threads (
  id             bigint generated always as identity primary key,
  title          text not null,
  unit_ids       bigint[] not null default '{}',
  categories     text[] not null default '{}',
  key_terms      text[] not null default '{}',   -- folded syllable bigrams that characterise the thread
  story_count    integer not null default 0,
  item_count     integer not null default 0,
  first_seen_at  timestamptz not null,
  last_seen_at   timestamptz not null,
  created_at     timestamptz not null default now()
);
create index monitor_threads_last_idx on monitor_threads (last_seen_at desc);
create index monitor_threads_units_idx on monitor_threads using gin (unit_ids);

create table monitor_stories (
  id             bigint generated always as identity primary key,
  thread_id      bigint references monitor_threads(id),
  title          text not null,                  -- the first item's title
  first_item_id  bigint,
  item_count     integer not null default 0,     -- reach: how many copies
  source_count   integer not null default 0,
  unit_ids       bigint[] not null default '{}',
  categories     text[] not null default '{}',
  tone           text not null default 'neutral' check (tone in ('negative','neutral','positive')),
  max_risk       real not null default 0,
  first_seen_at  timestamptz not null,
  last_seen_at   timestamptz not null,
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now()
);
create index monitor_stories_last_idx on monitor_stories (last_seen_at desc);
create index monitor_stories_thread_idx on monitor_stories (thread_id);
create index monitor_stories_units_idx on monitor_stories using gin (unit_ids);

create table monitor_items (
  id              bigint generated always as identity primary key,
  source_id       bigint not null references monitor_sources(id),
  kind            text not null default 'article' check (kind in ('article','post','hotline')),
  guid            text not null,                 -- the feed's id (or the canonical URL, or a content hash)
  link            text,                          -- exactly as the source gave it
  canonical_url   text,                          -- utm_*, fbclid, fragment stripped; host lower-case, no www.
  title           text not null default '',
  body            text not null default '',      -- summary or extracted text
  author          text,
  published_at    timestamptz,
  fetched_at      timestamptz not null default now(),
  content_hash    text not null,                 -- sha256 of the folded title + body
  shingles        integer[] not null default '{}', -- hashed folded syllable bigrams (story similarity)
  story_id        bigint references monitor_stories(id),
  thread_id       bigint references monitor_threads(id),
  tone            text not null default 'neutral' check (tone in ('negative','neutral','positive')),
  categories      text[] not null default '{}',
  risk_score      real not null default 0,
  reasons         text[] not null default '{}',
  analysed_at     timestamptz,                   -- null: the pipeline has not processed it yet
  created_by      bigint references users(id),   -- manual entries and hotline notes
  created_at      timestamptz not null default now(),
  unique (source_id, guid)
);
create unique index monitor_items_canonical_key on monitor_items (canonical_url) where canonical_url is not null;
create index monitor_items_pending_idx on monitor_items (id) where analysed_at is null;
create index monitor_items_story_idx on monitor_items (story_id);
create index monitor_items_thread_idx on monitor_items (thread_id);
create index monitor_items_published_idx on monitor_items (coalesce(published_at, fetched_at) desc);
create index monitor_items_source_idx on monitor_items (source_id, created_at desc);
create index monitor_items_categories_idx on monitor_items using gin (categories);

-- LSH buckets of each item's MinHash signature: the candidates a new item is compared with.
create table monitor_item_bands (
  band     smallint not null,
  hash     integer not null,
  item_id  bigint not null references monitor_items(id) on delete cascade,
  primary key (band, hash, item_id)
);
create index monitor_item_bands_item_idx on monitor_item_bands (item_id);

-- Which units an item concerns, and how (the matched alias, the rule, or a person's correction).
create table monitor_item_units (
  item_id  bigint not null references monitor_items(id) on delete cascade,
  unit_id  bigint not null references units(id),
  via      text not null default '',
  origin   text not null default 'rules' check (origin in ('rules','model','user')),
  primary key (item_id, unit_id)
);
create index monitor_item_units_unit_idx on monitor_item_units (unit_id, item_id);

-- People and topics an item matched (kind person: users.id; kind topic: a topic id).
create table monitor_item_matches (
  item_id  bigint not null references monitor_items(id) on delete cascade,
  kind     text not null check (kind in ('person','topic')),
  ref_id   bigint not null,
  code     text,
  via      text not null default '',
  primary key (item_id, kind, ref_id)
);

-- Aliases users add to the watchlist (a nickname of a school, an old name).
create table monitor_aliases (
  id          bigint generated always as identity primary key,
  unit_id     bigint not null references units(id),
  alias       text not null,
  created_by  bigint references users(id),
  created_at  timestamptz not null default now(),
  unique (unit_id, alias)
);

-- Corrections made while triaging: the learning input (M2's classifier).
-- field 'unit': old/new are unit ids as text (old null = added, new null = removed);
-- 'tone': old/new are tones; 'category': old/new are category codes (null = added/removed).
create table monitor_corrections (
  id          bigint generated always as identity primary key,
  item_id     bigint not null references monitor_items(id) on delete cascade,
  field       text not null check (field in ('unit','tone','category')),
  old_value   text,
  new_value   text,
  user_id     bigint references users(id),
  at          timestamptz not null default now()
);
create index monitor_corrections_item_idx on monitor_corrections (item_id);
create index monitor_corrections_at_idx on monitor_corrections (at);

-- Source health over time: one row per source and day (Asia/Ho_Chi_Minh).
create table monitor_source_days (
  source_id  bigint not null references monitor_sources(id) on delete cascade,
  day        date not null,
  polls      integer not null default 0,
  failures   integer not null default 0,
  items      integer not null default 0,
  primary key (source_id, day)
);

-- Webhook replay guard: a signature is accepted once within the timestamp window.
create table monitor_webhook_seen (
  source_id    bigint not null references monitor_sources(id) on delete cascade,
  signature    text not null,
  received_at  timestamptz not null default now(),
  primary key (source_id, signature)
);
