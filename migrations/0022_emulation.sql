-- Obligations calendar and emulation scoring (thi đua).
--
-- Chasing: a parent unit chases a sub-unit's late deadline (an in-app notice to the
-- sub-unit's focal points and leaders, and an e-mail). Every chase is a row, so the
-- same deadline is not chased twice within the rule's window and the history shows
-- who chased when. Overdue reminders: once a deadline is past due and unfulfilled,
-- the reminder job sends one reminder (outbox column, like reminded_at).
alter table obligation_deadlines add column overdue_reminded_at timestamptz;
create index obligation_deadlines_overdue_idx on obligation_deadlines (due_at)
  where overdue_reminded_at is null and fulfilled_at is null;

create table obligation_chases (
  id           bigint generated always as identity primary key,
  deadline_id  bigint not null references obligation_deadlines(id) on delete cascade,
  unit_id      bigint not null references units(id),       -- the late unit
  chased_by    bigint references users(id),
  chased_at    timestamptz not null,
  recipients   integer not null default 0,                 -- people noticed and e-mailed
  note         text
);
create index obligation_chases_deadline_idx on obligation_chases (deadline_id, chased_at desc);

-- Emulation schemes: a ranking unit (the Sở, a commune office) ranks the units of one
-- type in its subtree over one period, by weighted criteria; each criterion reads one
-- metric from a fixed set of providers (see src/modules/emulation/providers.ts).
create table emulation_schemes (
  id           bigint generated always as identity primary key,
  unit_id      bigint not null references units(id),        -- the ranking unit
  unit_type    text not null,                               -- the level ranked (units.type)
  title        text not null,
  period_kind  text not null check (period_kind in ('school_year','semester','custom')),
  school_year  text check (school_year ~ '^[0-9]{4}-[0-9]{4}$'),
  semester     smallint check (semester in (1, 2)),
  starts_on    date not null,
  ends_on      date not null,
  created_by   bigint references users(id),
  version      integer not null default 1,
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now(),
  check (ends_on >= starts_on)
);
create index emulation_schemes_unit_idx on emulation_schemes (unit_id);

create table emulation_criteria (
  id          bigint generated always as identity primary key,
  scheme_id   bigint not null references emulation_schemes(id) on delete cascade,
  position    integer not null,
  label       text not null,
  metric      text not null,
  weight      numeric(8,2) not null check (weight > 0),
  target      numeric(12,2) not null check (target > 0),   -- the value that earns the full weight
  scope       text not null default 'unit' check (scope in ('unit','subtree')),
  no_data     text not null default 'zero' check (no_data in ('zero','full')),
  unique (scheme_id, position)
);
