-- Newsroom (tin bài): articles with their workflow, versions and comments; photos
-- (resized variants, metadata stripped) and the consents that let a photo or an
-- article identifying pupils be published; links to plan tasks (evidence).
create table media (
  id                     bigint generated always as identity primary key,
  unit_id                bigint not null references units(id),
  uploaded_by            bigint references users(id),
  file_name              text not null,
  mime                   text not null,
  size                   integer not null,
  width                  integer,
  height                 integer,
  variants               jsonb not null default '{}'::jsonb,  -- {"large": {key,width,height}, "medium": …, "small": …}; originals are not kept
  caption                text,
  is_identifying_pupils  boolean not null default false,
  created_at             timestamptz not null default now()
);
create index media_unit_idx on media (unit_id, created_at desc);

create table articles (
  id                     bigint generated always as identity primary key,
  unit_id                bigint not null references units(id),
  author_id              bigint references users(id),
  status                 text not null default 'draft'
                         check (status in ('draft','submitted','rejected','approved','scheduled','published','withdrawn')),
  title                  text not null,
  slug                   text not null unique,
  summary                text,
  body_html              text not null default '',        -- sanitised on the way in
  themes                 text[] not null default '{}',
  cover_media_id         bigint references media(id),
  is_identifying_pupils  boolean not null default false,
  is_on_sector_portal    boolean not null default false,   -- picked by the department's board for the sector portal
  submitted_at           timestamptz,                      -- first submission: what the weekly quota counts
  approved_by            bigint references users(id),
  approved_at            timestamptz,
  scheduled_at           timestamptz,
  published_at           timestamptz,
  published_by           bigint references users(id),
  withdrawn_at           timestamptz,
  withdrawn_reason       text,
  correction_note        text,
  corrected_at           timestamptz,
  is_force_published     boolean not null default false,
  force_reason           text,
  is_review_pending      boolean not null default false,   -- force-published, to be reviewed afterwards
  locked_by              bigint references users(id),
  locked_until           timestamptz,
  version                integer not null default 1,
  search_text            text not null default '',         -- folded title, summary and text (src/text foldVietnamese)
  created_at             timestamptz not null default now(),
  updated_at             timestamptz not null default now()
);
create index articles_unit_status_idx on articles (unit_id, status, updated_at desc);
create index articles_published_idx on articles (published_at desc) where status = 'published';
create index articles_submitted_idx on articles (unit_id, submitted_at) where submitted_at is not null;
create index articles_scheduled_idx on articles (scheduled_at) where status = 'scheduled';
create index articles_search_idx on articles using gin (search_text gin_trgm_ops);

create table article_media (
  article_id  bigint not null references articles(id) on delete cascade,
  media_id    bigint not null references media(id),
  position    integer not null,
  primary key (article_id, media_id)
);

create table article_plan_tasks (
  article_id  bigint not null references articles(id) on delete cascade,
  task_id     bigint not null references plan_tasks(id) on delete cascade,
  primary key (article_id, task_id)
);
create index article_plan_tasks_task_idx on article_plan_tasks (task_id);

create table article_versions (
  article_id  bigint not null references articles(id) on delete cascade,
  version     integer not null,
  snapshot    jsonb not null,
  author_id   bigint references users(id),
  created_at  timestamptz not null default now(),
  primary key (article_id, version)
);

create table article_comments (
  id          bigint generated always as identity primary key,
  article_id  bigint not null references articles(id) on delete cascade,
  author_id   bigint references users(id),
  body        text not null,
  created_at  timestamptz not null default now()
);

-- A consent to publish a pupil's image or personal information (Luật 91/2025/QH15):
-- the parent's always, and the child's own from age 7 (age on the day consent was given).
create table consents (
  id                   bigint generated always as identity primary key,
  unit_id              bigint not null references units(id),
  subject_name         text not null,
  birth_date           date not null,
  guardian_name        text not null,
  guardian_consented_on date not null,
  child_consented_on   date,
  scope                text not null default '',
  file_key             text,                     -- scanned signed form in the file store
  recorded_by          bigint references users(id),
  created_at           timestamptz not null default now(),
  revoked_at           timestamptz
);
create index consents_unit_idx on consents (unit_id);

create table media_consents (
  media_id    bigint not null references media(id) on delete cascade,
  consent_id  bigint not null references consents(id),
  primary key (media_id, consent_id)
);
create table article_consents (
  article_id  bigint not null references articles(id) on delete cascade,
  consent_id  bigint not null references consents(id),
  primary key (article_id, consent_id)
);

-- One reminder per school and week for the weekly article quota (the job is idempotent on this key).
create table quota_reminders (
  unit_id     bigint not null references units(id),
  week_start  date not null,
  sent_at     timestamptz not null default now(),
  primary key (unit_id, week_start)
);
