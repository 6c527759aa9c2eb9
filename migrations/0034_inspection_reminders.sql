-- Inspections: reminders for follow-up actions (việc khắc phục sau kiểm tra).
--
-- One row per reminder sent about an action: kind 'due_soon' (3 days before due_on, Vietnam
-- days) or 'overdue' (the first day after due_on). Written in the same transaction as the
-- in-app notices and the mail jobs, so a job that runs twice, concurrently or dies midway
-- never reminds twice and never leaves a record without its notices (or notices without it).
create table inspection_action_reminders (
  action_id  bigint not null references inspection_actions(id) on delete cascade,
  kind       text not null check (kind in ('due_soon','overdue')),
  due_on     date not null,                 -- the due date the reminder was about
  recipients integer not null default 0,    -- people noticed
  sent_at    timestamptz not null default now(),
  primary key (action_id, kind)
);

-- the reminder job looks for open actions by due date
create index inspection_actions_open_due_idx on inspection_actions (due_on) where status = 'open';
