-- Reports (báo cáo) drafted from the data: the monthly public-opinion report and the
-- semester / year-end report on the plan. A report is generated (by the job
-- reports.generate) into structured sections — numbers from the other modules plus
-- text a person edits — then approved (signed) by a leader, exported (DOCX in the
-- Decree 30 layout, XLSX, PDF) and submitted to the parent unit. Submitting fulfils the
-- linked obligation deadline; lateness is measured against its due time.
create table reports (
  id                    bigint generated always as identity primary key,
  unit_id               bigint not null references units(id),
  kind                  text not null check (kind in ('monthly_opinion','semester','year_end')),
  period_key            text not null,            -- '2026-10' | '2025-2026/1' | '2025-2026' | '2026'
  period_start          date not null,
  period_end            date not null,            -- inclusive
  period_label          text not null,            -- 'tháng 10 năm 2026'
  title                 text not null,
  status                text not null default 'generating'
                        check (status in ('generating','draft','approved','submitted')),
  sections              jsonb not null default '[]'::jsonb,   -- [{key,title,lines,tables,facts,text}]
  progress_done         integer not null default 0,
  progress_total        integer not null default 0,
  generation            integer not null default 1,           -- bumped on each (re)generation: a stale job does nothing
  generated_at          timestamptz,
  generation_error      text,
  deadline_id           bigint references obligation_deadlines(id),
  due_at                timestamptz,
  approved_by           bigint references users(id),
  approved_at           timestamptz,
  signer                jsonb,                                 -- {title, name} of the leader who signed
  submitted_by          bigint references users(id),
  submitted_at          timestamptz,
  submitted_to_unit_id  bigint references units(id),
  created_by            bigint references users(id),
  version               integer not null default 1,
  created_at            timestamptz not null default now(),
  updated_at            timestamptz not null default now(),
  check (period_end >= period_start)
);
create index reports_unit_idx on reports (unit_id, kind, period_start desc);
create index reports_inbox_idx on reports (submitted_to_unit_id, submitted_at desc) where status = 'submitted';
-- one live report per unit, kind and period
create unique index reports_unit_period_key on reports (unit_id, kind, period_key);
