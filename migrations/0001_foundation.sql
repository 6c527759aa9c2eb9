-- Foundation: units (ltree hierarchy), people and roles, sessions, audit log, imports.
create extension if not exists ltree;
create extension if not exists pg_trgm;
create extension if not exists unaccent;

create table units (
  id              bigint generated always as identity primary key,
  code            text not null,
  name            text not null,
  type            text not null check (type in ('ministry','department','office','commune','school','affiliated')),
  level           text check (level in ('preschool','primary','lower_secondary','upper_secondary','multi_level','continuing','vocational')),
  parent_id       bigint references units(id),
  -- labels are internal ids, never codes: PostgreSQL 15 refuses hyphens in labels
  path            ltree not null,
  short_name      text,
  doc_abbr        text,
  aliases         text[] not null default '{}',
  contacts        jsonb not null default '{}'::jsonb,
  channels        jsonb not null default '[]'::jsonb,
  -- folded (diacritic-free, lower-case) name, short name, aliases and code, written by the service
  search_text     text not null default '',
  status          text not null default 'active' check (status in ('active','closed','merged')),
  established_on  date,
  closed_on       date,
  merged_into_id  bigint references units(id),
  version         integer not null default 1,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now()
);
create unique index units_code_key on units (code);
create index units_path_gist on units using gist (path);
create index units_parent_idx on units (parent_id);
create index units_search_trgm on units using gin (search_text gin_trgm_ops);

-- What happened to a unit and when: the 2025 reorganisation merged, moved and closed
-- thousands of units; history (articles, reports, scores) keeps pointing at the unit
-- row, and this table says where that unit stood at any date.
create table unit_events (
  id              bigint generated always as identity primary key,
  unit_id         bigint not null references units(id),
  kind            text not null check (kind in ('created','updated','moved','merged','closed','reopened')),
  occurred_on     date not null,
  from_parent_id  bigint references units(id),
  to_parent_id    bigint references units(id),
  related_unit_id bigint references units(id),
  note            text,
  actor_id        bigint,
  created_at      timestamptz not null default now()
);
create index unit_events_unit_idx on unit_events (unit_id, occurred_on);

create table users (
  id              bigint generated always as identity primary key,
  email           text not null,
  name            text not null,
  title           text,
  phone           text,
  unit_id         bigint references units(id),
  password_hash   text,
  is_active       boolean not null default true,
  totp_secret     text,
  is_totp_enabled boolean not null default false,
  locale          text not null default 'vi' check (locale in ('vi','en')),
  search_text     text not null default '',
  last_login_at   timestamptz,
  version         integer not null default 1,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now()
);
create unique index users_email_key on users (lower(email));
create index users_search_trgm on users using gin (search_text gin_trgm_ops);

create table role_assignments (
  id         bigint generated always as identity primary key,
  user_id    bigint not null references users(id) on delete cascade,
  unit_id    bigint not null references units(id),
  role       text not null check (role in ('leader','focal_point','spokesperson','editor','contributor','analyst','administrator','viewer')),
  created_at timestamptz not null default now(),
  unique (user_id, unit_id, role)
);
create index role_assignments_unit_idx on role_assignments (unit_id, role);

create table sessions (
  id            text primary key,          -- sha256 of the cookie token
  user_id       bigint not null references users(id) on delete cascade,
  csrf_token    text not null,
  is_mfa_pending boolean not null default false,
  ip            text,
  user_agent    text,
  created_at    timestamptz not null default now(),
  last_seen_at  timestamptz not null default now(),
  expires_at    timestamptz not null
);
create index sessions_user_idx on sessions (user_id);
create index sessions_expiry_idx on sessions (expires_at);

create table login_attempts (
  id           bigint generated always as identity primary key,
  key          text not null,
  is_success   boolean not null,
  at           timestamptz not null default now()
);
create index login_attempts_key_idx on login_attempts (key, at);

create table password_resets (
  token_hash  text primary key,
  user_id     bigint not null references users(id) on delete cascade,
  expires_at  timestamptz not null,
  used_at     timestamptz,
  created_at  timestamptz not null default now()
);

create table audit_log (
  id          bigint generated always as identity primary key,
  at          timestamptz not null default now(),
  actor_id    bigint references users(id),
  action      text not null,
  entity      text not null,
  entity_id   text,
  unit_id     bigint references units(id),
  before      jsonb,
  after       jsonb,
  ip          text
);
create index audit_log_at_idx on audit_log (at desc);
create index audit_log_entity_idx on audit_log (entity, entity_id);
create index audit_log_unit_idx on audit_log (unit_id);

-- A spreadsheet import: parsed and validated first (the review step), applied by a job.
create table import_runs (
  id           uuid primary key,
  kind         text not null check (kind in ('units','people')),
  status       text not null check (status in ('invalid','ready','running','done','failed')),
  file_name    text not null,
  is_skip_invalid boolean not null default false,
  rows         jsonb not null,
  errors       jsonb not null default '[]'::jsonb,
  total        integer not null,
  processed    integer not null default 0,
  summary      jsonb,
  created_by   bigint references users(id),
  scope_unit_id bigint references units(id),
  created_at   timestamptz not null default now(),
  finished_at  timestamptz
);
