-- Monitoring watchlist beyond units (issue 6): named PEOPLE (a Sở director, principals,
-- spokespeople — typed in, or taken from a unit's leaders and spokespeople) and user-defined
-- keyword TOPICS. Both are matched on folded text with word boundaries by the same automaton
-- as units (src/modules/monitoring/analysis); a person needs context (a title such as
-- "Giám đốc", "Hiệu trưởng", "thầy/cô/ông/bà" next to the name, or the person's unit named in
-- the same item). Matches land in monitor_item_matches (kind person: monitor_watch_people.id;
-- kind topic: monitor_topics.id). See docs/MONITORING.md.
create table monitor_watch_people (
  id          bigint generated always as identity primary key,
  unit_id     bigint not null references units(id),         -- the person's unit (and the scope of who manages the entry)
  name        text not null,                                -- full name as the press writes it: "Nguyễn Văn An"
  title       text,                                         -- "Giám đốc Sở", "Hiệu trưởng" (shown; not needed to match)
  aliases     text[] not null default '{}',                 -- other spellings
  user_id     bigint references users(id),                  -- when taken from the unit's people
  is_active   boolean not null default true,
  created_by  bigint references users(id),
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now(),
  unique (unit_id, name)
);
create index monitor_watch_people_active_idx on monitor_watch_people (unit_id) where is_active;

create table monitor_topics (
  id          bigint generated always as identity primary key,
  unit_id     bigint not null references units(id),         -- the owner (scope); the topic is matched in every item
  code        text not null unique check (code ~ '^[a-z0-9_]{2,40}$'),
  name        text not null,
  keywords    text[] not null check (cardinality(keywords) between 1 and 50),  -- phrases; any of them matches (word boundaries, folded)
  is_active   boolean not null default true,
  created_by  bigint references users(id),
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);

create index monitor_item_matches_ref_idx on monitor_item_matches (kind, ref_id, item_id);

-- Alert rules may also ask for watched people and topics: empty = any (as unit_ids and categories).
alter table monitor_alert_rules
  add column person_ids bigint[] not null default '{}',
  add column topic_ids  bigint[] not null default '{}';
