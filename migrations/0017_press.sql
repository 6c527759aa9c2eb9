-- Press office (issue 7): outlets and journalists (coverage from monitoring), press
-- questions with their workflow and deadlines, press releases on the portal,
-- briefings and press conferences (Decree 09/2017 obligations), the issues library
-- (cơ sở dữ liệu về các vấn đề dư luận quan tâm), correction requests to outlets
-- and rebuttals of false information published on the portal.
-- Incidents (migration 0015) are referred to by id without a foreign key, so this
-- migration does not depend on that module's tables.

create table press_outlets (
  id           bigint generated always as identity primary key,
  unit_id      bigint not null references units(id),
  name         text not null,
  kind         text not null check (kind in ('print','online','tv','radio','magazine')),
  host         text,                                   -- website host, lower-case, no www.
  contacts     text,
  notes        text,
  search_text  text not null default '',
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now()
);
create index press_outlets_unit_idx on press_outlets (unit_id, name);
create index press_outlets_host_idx on press_outlets (host);

create table press_journalists (
  id           bigint generated always as identity primary key,
  outlet_id    bigint not null references press_outlets(id) on delete cascade,
  name         text not null,
  beat         text,
  phone        text,
  email        text,
  notes        text,
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now()
);
create index press_journalists_outlet_idx on press_journalists (outlet_id);

-- The issues library: facts (sanitised HTML), approved position, Q&A, owners, review date.
create table press_issues (
  id             bigint generated always as identity primary key,
  unit_id        bigint not null references units(id),
  topic          text not null,
  facts_html     text not null default '',
  position       text not null default '',
  qa             jsonb not null default '[]',            -- [{q, a}]
  owner_ids      bigint[] not null default '{}',
  tags           text[] not null default '{}',
  review_on      date,
  status         text not null default 'draft' check (status in ('draft','approved','archived')),
  approved_by    bigint references users(id),
  approved_at    timestamptz,
  reminded_for   date,                                  -- the review date a reminder was sent for (idempotence)
  search_text    text not null default '',
  created_by     bigint references users(id),
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now()
);
create index press_issues_unit_idx on press_issues (unit_id, status);
create index press_issues_search_idx on press_issues using gin (search_text gin_trgm_ops);

create table press_questions (
  id               bigint generated always as identity primary key,
  unit_id          bigint not null references units(id),
  channel          text not null check (channel in ('form','email','phone')),
  outlet_id        bigint references press_outlets(id),
  journalist_id    bigint references press_journalists(id),
  outlet_name      text,                                -- as the journalist wrote it
  journalist_name  text not null,
  email            text,
  phone            text,
  subject          text not null,
  question         text not null,
  deadline_at      timestamptz,                         -- the answer the journalist asked for by
  status           text not null default 'received'
                   check (status in ('received','assigned','drafted','approved','answered','declined')),
  assigned_to      bigint references users(id),
  draft_answer     text,
  drafted_by       bigint references users(id),
  approved_by      bigint references users(id),
  approved_at      timestamptz,
  answer           text,
  answered_by      bigint references users(id),
  answered_at      timestamptz,
  decline_reason   text,
  incident_id      bigint,
  ip_hash          text,
  reminded_soon_at timestamptz,                         -- "due within 24 h" reminder sent
  reminded_late_at timestamptz,                         -- "overdue" reminder sent
  created_by       bigint references users(id),
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now()
);
create index press_questions_unit_idx on press_questions (unit_id, status, deadline_at);

create table press_question_issues (
  question_id  bigint not null references press_questions(id) on delete cascade,
  issue_id     bigint not null references press_issues(id) on delete cascade,
  primary key (question_id, issue_id)
);

create table press_releases (
  id              bigint generated always as identity primary key,
  unit_id         bigint not null references units(id),
  title           text not null,
  summary         text,
  body_html       text not null default '',
  slug            text not null unique,
  status          text not null default 'draft' check (status in ('draft','approved','published','withdrawn')),
  author_id       bigint references users(id),
  approved_by     bigint references users(id),
  approved_at     timestamptz,
  published_at    timestamptz,
  withdrawn_at    timestamptz,
  withdraw_reason text,
  search_text     text not null default '',
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now()
);
create index press_releases_unit_idx on press_releases (unit_id, status, updated_at desc);
create index press_releases_published_idx on press_releases (published_at desc) where status = 'published';

-- Briefings (information to the press) and press conferences, scheduled and recorded.
create table press_briefings (
  id                 bigint generated always as identity primary key,
  unit_id            bigint not null references units(id),
  kind               text not null check (kind in ('briefing','conference')),
  title              text not null,
  starts_at          timestamptz not null,
  place              text,
  spokesperson_id    bigint references users(id),
  topics             text[] not null default '{}',
  outlet_ids         bigint[] not null default '{}',
  status             text not null default 'planned' check (status in ('planned','held','cancelled')),
  minutes            text,
  created_by         bigint references users(id),
  created_at         timestamptz not null default now(),
  updated_at         timestamptz not null default now()
);
create index press_briefings_unit_idx on press_briefings (unit_id, starts_at);

create table press_corrections (
  id                     bigint generated always as identity primary key,
  unit_id                bigint not null references units(id),
  outlet_id              bigint references press_outlets(id),
  item_id                bigint references monitor_items(id),
  what_wrong             text not null,
  requested_correction   text not null,
  sent_on                date,
  outcome                text not null default 'pending' check (outcome in ('pending','corrected','partly','refused','no_answer')),
  outcome_url            text,
  outcome_at             timestamptz,
  reminded_at            timestamptz,
  created_by             bigint references users(id),
  created_at             timestamptz not null default now(),
  updated_at             timestamptz not null default now()
);
create index press_corrections_unit_idx on press_corrections (unit_id, outcome);

create table press_rebuttals (
  id              bigint generated always as identity primary key,
  unit_id         bigint not null references units(id),
  thread_id       bigint references monitor_threads(id),
  issue_id        bigint references press_issues(id),
  incident_id     bigint,
  title           text not null,
  false_claim     text not null default '',
  body_html       text not null default '',
  slug            text not null unique,
  status          text not null default 'draft' check (status in ('draft','published','withdrawn')),
  author_id       bigint references users(id),
  published_by    bigint references users(id),
  published_at    timestamptz,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now()
);
create index press_rebuttals_published_idx on press_rebuttals (published_at desc) where status = 'published';

create trigger press_releases_portal_touch after insert or update or delete on press_releases for each statement execute function portal_touch();
create trigger press_rebuttals_portal_touch after insert or update or delete on press_rebuttals for each statement execute function portal_touch();
