-- Incidents (sự cố truyền thông): opened by a unit from scratch or from a monitoring
-- story, handled through triage → active → contained → resolved → review → closed
-- (cancelled from any open stage), with severity clocks, escalation up the unit tree,
-- fast reports (báo cáo nhanh) sent to the units above, a timeline, tasks, the
-- published result of the handling (công khai kết quả xử lý) and a post-incident review.
create table incidents (
  id                      bigint generated always as identity primary key,
  unit_id                 bigint not null references units(id),
  title                   text not null,
  summary                 text not null default '',
  location                text,
  severity                smallint not null check (severity between 1 and 4),
  status                  text not null default 'triage'
                          check (status in ('triage','active','contained','resolved','review','closed','cancelled')),
  story_id                bigint references monitor_stories(id),
  thread_id               bigint references monitor_threads(id),
  detected_at             timestamptz not null,
  opened_at               timestamptz not null,
  active_at               timestamptz,
  contained_at            timestamptz,
  first_statement_at      timestamptz,
  resolved_at             timestamptz,
  review_at               timestamptz,
  closed_at               timestamptz,
  cancelled_at            timestamptz,
  cancel_reason           text,
  -- clocks (from the severity table in incidents.rules.ts), recomputed when the severity changes
  first_statement_due_at  timestamptz,
  fast_report_due_at      timestamptz,
  update_every_hours      integer,
  -- overdue escalation outbox: set once, in the transaction that records the escalation
  statement_escalated_at  timestamptz,
  report_escalated_at     timestamptz,
  -- the published result of the handling
  result_title            text,
  result_html             text not null default '',
  result_published_at     timestamptz,
  result_slug             text unique,
  -- post-incident review checklist: {wentWell, toImprove, lessons, updatedLines}
  review                  jsonb not null default '{}',
  search_text             text not null default '',          -- folded title, summary, place
  created_by              bigint references users(id),
  version                 integer not null default 1,
  created_at              timestamptz not null default now(),
  updated_at              timestamptz not null default now()
);
create index incidents_unit_idx on incidents (unit_id, status, opened_at desc);
create index incidents_story_idx on incidents (story_id) where story_id is not null;
create index incidents_open_idx on incidents (opened_at) where status not in ('closed','cancelled');
create index incidents_published_idx on incidents (result_published_at desc) where result_published_at is not null;

-- Everything that happened: mentions (monitoring items), messages, decisions, statements, tasks, reports, press, notes.
create table incident_timeline (
  id           bigint generated always as identity primary key,
  incident_id  bigint not null references incidents(id) on delete cascade,
  kind         text not null check (kind in ('mention','message','decision','statement','task','report','press','note','stage','escalation')),
  title        text not null,
  body         text not null default '',
  ref_table    text,
  ref_id       bigint,
  actor_id     bigint references users(id),
  at           timestamptz not null,
  created_at   timestamptz not null default now()
);
create index incident_timeline_idx on incident_timeline (incident_id, at desc, id desc);
-- one entry per referenced row (a monitoring item attaches once, however often the sweep runs)
create unique index incident_timeline_ref_key on incident_timeline (incident_id, kind, ref_table, ref_id) where ref_id is not null;

create table incident_tasks (
  id           bigint generated always as identity primary key,
  incident_id  bigint not null references incidents(id) on delete cascade,
  title        text not null,
  owner_id     bigint references users(id),
  due_at       timestamptz,
  done_at      timestamptz,
  created_by   bigint references users(id),
  created_at   timestamptz not null default now()
);
create index incident_tasks_idx on incident_tasks (incident_id, id);

-- Units above the incident's unit that were told (on opening per severity, on a raise of
-- severity, on an overdue clock); notified_at null = still in the outbox.
create table incident_escalations (
  id           bigint generated always as identity primary key,
  incident_id  bigint not null references incidents(id) on delete cascade,
  unit_id      bigint not null references units(id),
  reason       text not null check (reason in ('opened','severity','statement_overdue','report_overdue')),
  created_at   timestamptz not null,
  notified_at  timestamptz,
  unique (incident_id, unit_id, reason)
);
create index incident_escalations_outbox_idx on incident_escalations (created_at) where notified_at is null;
create index incident_escalations_unit_idx on incident_escalations (unit_id, created_at desc);

-- Fast reports (báo cáo nhanh): a draft per incident, then sent reports (numbered per incident).
create table incident_reports (
  id           bigint generated always as identity primary key,
  incident_id  bigint not null references incidents(id) on delete cascade,
  seq          integer not null,
  fields       jsonb not null default '{}',   -- what, when, where, affected, actions, nextSteps, proposals
  status       text not null default 'draft' check (status in ('draft','sent')),
  created_by   bigint references users(id),
  created_at   timestamptz not null,
  updated_at   timestamptz not null,
  sent_at      timestamptz,
  sent_by      bigint references users(id),
  unique (incident_id, seq)
);
create unique index incident_reports_one_draft on incident_reports (incident_id) where status = 'draft';

create table incident_report_recipients (
  report_id    bigint not null references incident_reports(id) on delete cascade,
  unit_id      bigint not null references units(id),
  notified_at  timestamptz,
  read_at      timestamptz,
  read_by      bigint references users(id),
  primary key (report_id, unit_id)
);
create index incident_report_recipients_unit_idx on incident_report_recipients (unit_id, read_at);
create index incident_report_recipients_outbox_idx on incident_report_recipients (report_id) where notified_at is null;

create trigger incidents_portal_touch after insert or update or delete on incidents for each statement execute function portal_touch();
