-- Trainings and events (hội nghị, tập huấn, hội thi, …): scheduled by an organiser unit,
-- units and/or people of its subtree invited, their answers, attendance ticked by staff,
-- materials (uploaded files or links), optionally linked to a plan task (then the event
-- is that task's evidence). Press briefings stay in press_briefings (press module); the
-- calendar shows them read-only.
create table events (
  id             bigint generated always as identity primary key,
  unit_id        bigint not null references units(id),          -- organiser
  kind           text not null check (kind in ('conference','training','contest','other')),
  title          text not null,
  description    text,
  starts_at      timestamptz not null,
  ends_at        timestamptz,
  place          text,
  online_url     text,
  plan_task_id   bigint references plan_tasks(id),
  status         text not null default 'planned' check (status in ('planned','held','cancelled')),
  version        integer not null default 1,
  created_by     bigint references users(id),
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now(),
  check (ends_at is null or ends_at >= starts_at)
);
create index events_unit_starts_idx on events (unit_id, starts_at);
create index events_starts_idx on events (starts_at);
create index events_task_idx on events (plan_task_id) where plan_task_id is not null;

-- One row per invited unit (user_id null) or invited person (user_id set; unit_id = their unit).
create table event_invitees (
  id             bigint generated always as identity primary key,
  event_id       bigint not null references events(id) on delete cascade,
  unit_id        bigint not null references units(id),
  user_id        bigint references users(id),
  response       text not null default 'pending' check (response in ('pending','accepted','declined')),
  response_note  text,
  responded_at   timestamptz,
  responded_by   bigint references users(id),
  attended       boolean not null default false,
  attendees      integer not null default 0 check (attendees >= 0),  -- people present for a unit invitation
  attendance_by  bigint references users(id),
  attendance_at  timestamptz,
  invited_at     timestamptz not null default now(),
  invited_by     bigint references users(id)
);
create unique index event_invitees_unit_uq on event_invitees (event_id, unit_id) where user_id is null;
create unique index event_invitees_user_uq on event_invitees (event_id, user_id) where user_id is not null;
create index event_invitees_unit_idx on event_invitees (unit_id, event_id);

create table event_materials (
  id          bigint generated always as identity primary key,
  event_id    bigint not null references events(id) on delete cascade,
  kind        text not null check (kind in ('file','link')),
  title       text not null,
  url         text,                      -- for a link
  file_key    text,                      -- for a file (platform/files)
  file_name   text,
  mime        text,
  size        integer,
  created_by  bigint references users(id),
  created_at  timestamptz not null default now(),
  check ((kind = 'link' and url is not null) or (kind = 'file' and file_key is not null))
);
create index event_materials_event_idx on event_materials (event_id);

-- Inspection (kiểm tra công tác truyền thông) of sub-units: checklist templates with weighted
-- items; an inspection snapshots its checklist's items, records a result 0–100 per item,
-- scores the weighted mean, lists findings and follow-up actions; it closes when every
-- action is closed.
create table inspection_checklists (
  id          bigint generated always as identity primary key,
  unit_id     bigint not null references units(id),
  title       text not null,
  description text,
  is_active   boolean not null default true,
  version     integer not null default 1,
  created_by  bigint references users(id),
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);
create index inspection_checklists_unit_idx on inspection_checklists (unit_id);

create table inspection_checklist_items (
  id            bigint generated always as identity primary key,
  checklist_id  bigint not null references inspection_checklists(id) on delete cascade,
  position      integer not null,
  text          text not null,
  guidance      text,
  weight        numeric(6,2) not null check (weight > 0)
);
create index inspection_checklist_items_idx on inspection_checklist_items (checklist_id, position);

create table inspections (
  id                 bigint generated always as identity primary key,
  unit_id            bigint not null references units(id),          -- the inspecting unit
  inspected_unit_id  bigint not null references units(id),
  checklist_id       bigint references inspection_checklists(id),
  title              text not null,
  mode               text not null check (mode in ('visit','remote')),
  inspected_on       date not null,
  inspectors         text[] not null default '{}',
  summary            text,
  status             text not null default 'planned' check (status in ('planned','follow_up','closed')),
  score              numeric(5,2) check (score between 0 and 100),
  finished_at        timestamptz,
  finished_by        bigint references users(id),
  closed_at          timestamptz,
  version            integer not null default 1,
  created_by         bigint references users(id),
  created_at         timestamptz not null default now(),
  updated_at         timestamptz not null default now(),
  check (inspected_unit_id <> unit_id)
);
create index inspections_inspected_idx on inspections (inspected_unit_id, inspected_on);
create index inspections_unit_idx on inspections (unit_id, inspected_on);

create table inspection_items (
  id             bigint generated always as identity primary key,
  inspection_id  bigint not null references inspections(id) on delete cascade,
  position       integer not null,
  text           text not null,
  guidance       text,
  weight         numeric(6,2) not null check (weight > 0),
  result         numeric(5,2) check (result between 0 and 100),   -- null: not yet assessed
  note           text
);
create index inspection_items_idx on inspection_items (inspection_id, position);

create table inspection_findings (
  id             bigint generated always as identity primary key,
  inspection_id  bigint not null references inspections(id) on delete cascade,
  item_id        bigint references inspection_items(id) on delete set null,
  text           text not null,
  severity       text not null default 'minor' check (severity in ('note','minor','major')),
  created_by     bigint references users(id),
  created_at     timestamptz not null default now()
);
create index inspection_findings_idx on inspection_findings (inspection_id);

create table inspection_actions (
  id             bigint generated always as identity primary key,
  inspection_id  bigint not null references inspections(id) on delete cascade,
  finding_id     bigint references inspection_findings(id) on delete set null,
  title          text not null,
  owner_name     text not null,               -- who does it (a person or a role in the inspected unit)
  due_on         date not null,
  status         text not null default 'open' check (status in ('open','reported','closed')),
  report_note    text,                         -- the inspected unit's report of what was done
  reported_at    timestamptz,
  reported_by    bigint references users(id),
  closed_at      timestamptz,
  closed_by      bigint references users(id),
  created_by     bigint references users(id),
  created_at     timestamptz not null default now()
);
create index inspection_actions_idx on inspection_actions (inspection_id, status);
