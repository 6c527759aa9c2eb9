-- Moving in from an old website (chuyển dữ liệu từ trang cũ): a unit points Loa at its
-- old site's RSS/Atom feed or sitemap; a job fetches each page, extracts the article
-- and its images and creates newsroom articles. `plan` is the list of pages found when
-- the run started; `done` is the cursor into it. Each page is committed in its own
-- transaction together with its report line and `done + 1`, so a killed worker resumes
-- at the first page not yet committed and never imports a page twice.
create table site_import_runs (
  id           bigint generated always as identity primary key,
  unit_id      bigint not null references units(id),
  source_url   text not null,
  kind         text not null check (kind in ('rss','sitemap')),
  mode         text not null default 'publish' check (mode in ('publish','draft')),
  item_limit   integer not null default 200 check (item_limit between 1 and 2000),
  status       text not null default 'queued' check (status in ('queued','running','done','failed')),
  plan         jsonb,                                    -- [{url,title,date,summary}] found at the start; null until then
  total        integer not null default 0,
  done         integer not null default 0,
  taken        integer not null default 0,
  skipped      integer not null default 0,
  failed       integer not null default 0,
  report       jsonb not null default '[]'::jsonb,        -- [{url,outcome:'taken'|'skipped'|'failed',reason,title,articleId,images,attachments}]
  error        text,                                     -- why the whole run failed (source unreachable, not a feed)
  created_by   bigint references users(id),
  created_at   timestamptz not null default now(),
  started_at   timestamptz,
  finished_at  timestamptz
);
create index site_import_runs_unit_idx on site_import_runs (unit_id, created_at desc);

-- Pages (and attached files) already taken into a unit, by their old address: the
-- de-duplication key across runs. A page points at its article, a file at its document.
create table site_import_sources (
  unit_id      bigint not null references units(id),
  url          text not null,
  run_id       bigint not null references site_import_runs(id),
  article_id   bigint references articles(id) on delete set null,
  document_id  bigint references documents(id) on delete set null,
  created_at   timestamptz not null default now(),
  primary key (unit_id, url)
);
