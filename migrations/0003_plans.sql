-- Plans (Kế hoạch truyền thông): the document, its appendix tasks and obligations,
-- cascaded from a parent plan, and the deadlines the obligations create per unit.
create table plans (
  id              bigint generated always as identity primary key,
  unit_id         bigint not null references units(id),
  parent_plan_id  bigint references plans(id),
  status          text not null default 'draft' check (status in ('draft','submitted','approved','issued','superseded')),
  number          integer,             -- restarts at 1 every 1 January per issuing unit (Decree 30/2020)
  number_year     integer,
  symbol          text,                -- e.g. 'KH-SGDĐT'; shown as `Số: 12/KH-SGDĐT`
  title           text not null,       -- trích yếu, without the word "Kế hoạch"
  period          jsonb not null,      -- {"year": 2026} or {"schoolYear": "2025-2026"}
  place           text,
  issued_on       date,
  basis           jsonb not null default '[]'::jsonb,
  sections        jsonb not null default '[]'::jsonb,
  budget          jsonb not null default '[]'::jsonb,
  signer          jsonb,
  recipients      jsonb not null default '[]'::jsonb,
  author_id       bigint references users(id),
  approved_by     bigint references users(id),
  approved_at     timestamptz,
  issued_at       timestamptz,
  version         integer not null default 1,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now()
);
create index plans_unit_idx on plans (unit_id);
create index plans_parent_idx on plans (parent_plan_id);
create unique index plans_number_key on plans (unit_id, number_year, number) where number is not null;

create table plan_tasks (
  id              bigint generated always as identity primary key,
  plan_id         bigint not null references plans(id) on delete cascade,
  parent_task_id  bigint references plan_tasks(id),
  position        integer not null,
  task_group      text,
  topic           text not null,
  products        text,
  lead            text[] not null default '{}',
  partners        text[] not null default '{}',
  quarters        integer[] not null default '{}',
  unit_types      text[] not null default '{}',   -- empty: applies to every unit type
  objectives      jsonb not null default '[]'::jsonb
);
create index plan_tasks_plan_idx on plan_tasks (plan_id, position);
create index plan_tasks_parent_idx on plan_tasks (parent_task_id);

create table plan_task_progress (
  task_id     bigint not null references plan_tasks(id) on delete cascade,
  quarter     integer not null check (quarter between 1 and 4),
  status      text not null check (status in ('not_started','in_progress','done','at_risk')),
  note        text,
  evidence    jsonb not null default '[]'::jsonb,
  updated_by  bigint references users(id),
  updated_at  timestamptz not null default now(),
  primary key (task_id, quarter)
);

create table plan_obligations (
  id                    bigint generated always as identity primary key,
  plan_id               bigint not null references plans(id) on delete cascade,
  parent_obligation_id  bigint references plan_obligations(id),
  who                   text,
  unit_types            text[] not null default '{}',
  what                  text not null,
  recurrence            text not null check (recurrence in ('once','weekly','monthly','quarterly','semester','yearly','on_event','on_request')),
  day_of_month          integer check (day_of_month between 1 and 31),
  is_before_day         boolean not null default false,
  due_date              date,
  is_working_days_only  boolean not null default false,
  quantity              integer,
  reminder_days         integer not null default 3
);
create index plan_obligations_plan_idx on plan_obligations (plan_id);

create table obligation_deadlines (
  id             bigint generated always as identity primary key,
  obligation_id  bigint not null references plan_obligations(id) on delete cascade,
  unit_id        bigint not null references units(id),
  label          text not null,
  due_date       date not null,
  due_at         timestamptz not null,
  reminded_at    timestamptz,
  fulfilled_at   timestamptz,
  unique (obligation_id, unit_id, due_date)
);
create index obligation_deadlines_due_idx on obligation_deadlines (due_at) where fulfilled_at is null;
create index obligation_deadlines_unit_idx on obligation_deadlines (unit_id, due_at);

create table holidays (
  day   date primary key,
  name  text not null
);

create table plan_comments (
  id         bigint generated always as identity primary key,
  plan_id    bigint not null references plans(id) on delete cascade,
  author_id  bigint references users(id),
  body       text not null,
  created_at timestamptz not null default now()
);

create table plan_versions (
  id         bigint generated always as identity primary key,
  plan_id    bigint not null references plans(id) on delete cascade,
  version    integer not null,
  snapshot   jsonb not null,
  author_id  bigint references users(id),
  created_at timestamptz not null default now(),
  unique (plan_id, version)
);
