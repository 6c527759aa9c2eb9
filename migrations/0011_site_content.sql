-- Site content of a unit's website (issue 5): admissions notices, the leaders' weekly
-- work schedule, photo albums and videos, FAQ, links, the contact form's inbox and the
-- page satisfaction ratings. Everything belongs to one unit and is shown on that unit's
-- site only. See docs/SITES.md, "Site content".

create table admission_notices (
  id            bigint generated always as identity primary key,
  unit_id       bigint not null references units(id),
  title         text not null,
  slug          text not null,
  school_year   text not null check (school_year ~ '^[0-9]{4}-[0-9]{4}$'),
  grade         text,                                   -- e.g. "Lớp 6", "Lớp 10", "Mầm non 5 tuổi"
  summary       text,
  body_html     text not null default '',              -- sanitised on the way in (sanitizeArticleHtml)
  apply_from    date,
  apply_to      date,
  exam_on       date,
  result_on     date,
  attachments   jsonb not null default '[]'::jsonb,     -- [{key, name, size, mime}] in the file store
  status        text not null default 'draft' check (status in ('draft','published')),
  published_at  timestamptz,
  created_by    bigint references users(id),
  version       integer not null default 1,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  unique (unit_id, slug),
  check (apply_from is null or apply_to is null or apply_from <= apply_to)
);
create index admission_notices_unit_idx on admission_notices (unit_id, status, apply_to desc nulls last);

-- Files uploaded for the site (admissions attachments, videos), type sniffed by magic bytes.
create table site_files (
  key           text not null check (key ~ '^[0-9a-f]{64}$'),
  unit_id       bigint not null references units(id),
  name          text not null,
  mime          text not null,
  size          integer not null,
  uploaded_by   bigint references users(id),
  created_at    timestamptz not null default now(),
  primary key (unit_id, key)
);

create table work_schedule_items (
  id            bigint generated always as identity primary key,
  unit_id       bigint not null references units(id),
  day           date not null,
  start_time    time not null,
  end_time      time,
  content       text not null,
  chair         text,                                   -- who chairs (chủ trì)
  participants  text,                                   -- thành phần
  place         text,
  created_by    bigint references users(id),
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  check (end_time is null or end_time >= start_time)
);
create index work_schedule_unit_day_idx on work_schedule_items (unit_id, day, start_time);

create table albums (
  id            bigint generated always as identity primary key,
  unit_id       bigint not null references units(id),
  title         text not null,
  slug          text not null,
  description   text,
  taken_on      date,
  status        text not null default 'draft' check (status in ('draft','published')),
  published_at  timestamptz,
  created_by    bigint references users(id),
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  unique (unit_id, slug)
);
create index albums_unit_idx on albums (unit_id, status, taken_on desc);

-- The photos are the newsroom's media rows (resized, metadata stripped; pupils' consents on media_consents).
create table album_photos (
  album_id      bigint not null references albums(id) on delete cascade,
  media_id      bigint not null references media(id),
  position      integer not null default 0,
  primary key (album_id, media_id)
);

create table videos (
  id            bigint generated always as identity primary key,
  unit_id       bigint not null references units(id),
  title         text not null,
  description   text,
  source        text not null check (source in ('file','youtube')),
  file_key      text,                                   -- file store key (MP4/WebM, type sniffed)
  mime          text,
  size          integer,
  youtube_id    text check (youtube_id is null or youtube_id ~ '^[A-Za-z0-9_-]{11}$'),
  status        text not null default 'draft' check (status in ('draft','published')),
  published_at  timestamptz,
  created_by    bigint references users(id),
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  check ((source = 'file' and file_key is not null) or (source = 'youtube' and youtube_id is not null))
);
create index videos_unit_idx on videos (unit_id, status, created_at desc);

create table faqs (
  id            bigint generated always as identity primary key,
  unit_id       bigint not null references units(id),
  question      text not null,
  answer        text not null,                          -- plain text, paragraphs by blank lines
  group_name    text,
  position      integer not null default 0,
  is_published  boolean not null default true,
  search_text   text not null default '',
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now()
);
create index faqs_unit_idx on faqs (unit_id, group_name, position);

create table site_links (
  id            bigint generated always as identity primary key,
  unit_id       bigint not null references units(id),
  title         text not null,
  url           text not null check (url ~ '^https://'),
  group_name    text,
  position      integer not null default 0,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now()
);
create index site_links_unit_idx on site_links (unit_id, group_name, position);

-- The contact form's inbox. `notified_at` null = the focal point's e-mail is still to be queued (outbox).
create table contact_messages (
  id            bigint generated always as identity primary key,
  unit_id       bigint not null references units(id),
  name          text not null,
  email         text,
  phone         text,
  subject       text not null,
  message       text not null,
  page_path     text,
  ip_hash       text not null,
  status        text not null default 'new' check (status in ('new','handled')),
  assigned_to   bigint references users(id),
  reply_note    text,
  handled_by    bigint references users(id),
  handled_at    timestamptz,
  notified_at   timestamptz,
  created_at    timestamptz not null default now(),
  check (email is not null or phone is not null)
);
create index contact_messages_unit_idx on contact_messages (unit_id, status, created_at desc);
create index contact_messages_outbox_idx on contact_messages (created_at) where notified_at is null;

-- Every public form attempt (sent or refused), for the per-IP rate limit; swept after a day.
create table site_form_hits (
  ip_hash       text not null,
  kind          text not null,                          -- 'contact' | 'rating'
  at            timestamptz not null default now()
);
create index site_form_hits_idx on site_form_hits (ip_hash, kind, at);

create table page_ratings (
  id            bigint generated always as identity primary key,
  unit_id       bigint not null references units(id),
  page_path     text not null,
  ip_hash       text not null,
  day           date not null,                          -- Vietnam calendar day
  score         smallint not null check (score between 1 and 5),
  comment       text,
  created_at    timestamptz not null default now(),
  unique (unit_id, page_path, ip_hash, day)
);
create index page_ratings_unit_idx on page_ratings (unit_id, day);

-- The key that signs the contact form's timestamp token and salts IP hashes; one per installation.
create table site_form_secret (
  id            integer primary key default 1 check (id = 1),
  secret        text not null default replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')
);
insert into site_form_secret (id) values (1);

create trigger admission_notices_portal_touch after insert or update or delete on admission_notices for each statement execute function portal_touch();
create trigger work_schedule_portal_touch after insert or update or delete on work_schedule_items for each statement execute function portal_touch();
create trigger albums_portal_touch after insert or update or delete on albums for each statement execute function portal_touch();
create trigger album_photos_portal_touch after insert or update or delete on album_photos for each statement execute function portal_touch();
create trigger videos_portal_touch after insert or update or delete on videos for each statement execute function portal_touch();
create trigger faqs_portal_touch after insert or update or delete on faqs for each statement execute function portal_touch();
create trigger site_links_portal_touch after insert or update or delete on site_links for each statement execute function portal_touch();
