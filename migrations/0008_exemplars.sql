-- Exemplars (gương người tốt, việc tốt; mô hình hay): exemplary people, teams and
-- models, nominated by a unit, approved or rejected by the board of the unit or of
-- a unit above it, published as stories on the portal, and counted later by
-- emulation scoring. A pupil exemplar needs a valid consent before publishing.
create table exemplars (
  id                     bigint generated always as identity primary key,
  unit_id                bigint not null references units(id),
  kind                   text not null check (kind in ('person','team','model')),
  name                   text not null,
  title                  text,                               -- role or description, e.g. "Giáo viên Ngữ văn"
  summary                text,
  story_html             text not null default '',          -- sanitised on the way in (sanitizeArticleHtml)
  achievements           text[] not null default '{}',
  field                  text,                               -- field or theme, e.g. "Chuyển đổi số"
  photo_media_id         bigint references media(id),
  status                 text not null default 'nominated'
                         check (status in ('nominated','approved','rejected','published','archived')),
  nominated_by           bigint references users(id),
  nominated_at           timestamptz not null default now(),
  decided_by             bigint references users(id),
  decided_at             timestamptz,
  decision_note          text,
  published_at           timestamptz,
  published_by           bigint references users(id),
  slug                   text not null unique,
  school_year            text not null check (school_year ~ '^[0-9]{4}-[0-9]{4}$'),
  is_pupil               boolean not null default false,     -- the exemplar is a pupil (kind 'person')
  is_identifying_pupils  boolean not null default false,     -- the story or photo identifies pupils
  version                integer not null default 1,
  search_text            text not null default '',          -- folded name, title, summary, story
  created_at             timestamptz not null default now(),
  updated_at             timestamptz not null default now(),
  check (not is_pupil or kind = 'person')
);
create index exemplars_unit_status_idx on exemplars (unit_id, status, updated_at desc);
create index exemplars_published_idx on exemplars (published_at desc) where status = 'published';
create index exemplars_year_idx on exemplars (school_year, unit_id) where status = 'published';
create index exemplars_search_idx on exemplars using gin (search_text gin_trgm_ops);

create table exemplar_consents (
  exemplar_id  bigint not null references exemplars(id) on delete cascade,
  consent_id   bigint not null references consents(id),
  primary key (exemplar_id, consent_id)
);

create trigger exemplars_portal_touch after insert or update or delete on exemplars for each statement execute function portal_touch();
