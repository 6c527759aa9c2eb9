-- Plans, second slice: channels and the sub-unit plan deadline on the plan itself,
-- the signed copy attached once issued, the units a plan is sent to (read and
-- acknowledged), and who fulfilled a deadline.
alter table plans
  add column channels       jsonb not null default '[]'::jsonb,
  add column subplan_due_on date,
  add column signed_file    jsonb;            -- {key, fileName, size, uploadedAt}

create table plan_recipients (
  plan_id          bigint not null references plans(id) on delete cascade,
  unit_id          bigint not null references units(id),
  sent_at          timestamptz not null default now(),
  notified_at      timestamptz,               -- e-mail handed to the mail job (outbox: null = still to send)
  read_at          timestamptz,
  acknowledged_at  timestamptz,
  acknowledged_by  bigint references users(id),
  primary key (plan_id, unit_id)
);
create index plan_recipients_unit_idx on plan_recipients (unit_id);
create index plan_recipients_unnotified_idx on plan_recipients (sent_at) where notified_at is null;

alter table obligation_deadlines
  add column fulfilled_by bigint references users(id);
create index obligation_deadlines_remind_idx on obligation_deadlines (due_at) where reminded_at is null and fulfilled_at is null;
