-- Events: reminders before an event starts, and a per-person calendar feed (iCalendar).
--
-- events.reminder: how long before starts_at the people responsible for the event get a
-- reminder (in-app notice + e-mail): none, 1 hour, 1 day (default) or 3 days.
alter table events add column reminder text not null default '1d' check (reminder in ('none','1h','1d','3d'));

-- One row per reminder sent: (event, person, the start time it was about). Written in the
-- same transaction as the notice and the mail job, so a job that runs twice or dies midway
-- never reminds twice; moving the event to another time allows a new reminder.
create table event_reminders_sent (
  event_id   bigint not null references events(id) on delete cascade,
  user_id    bigint not null references users(id) on delete cascade,
  starts_at  timestamptz not null,
  sent_at    timestamptz not null default now(),
  primary key (event_id, user_id, starts_at)
);
-- the reminder job looks for planned events whose reminder time has come
create index events_planned_starts_idx on events (starts_at) where status = 'planned' and reminder <> 'none';

-- A person's secret calendar-feed token (only its SHA-256 is stored): calendar apps fetch
-- /api/events/feed/<token> without a session. One per person; regenerating replaces it,
-- revoking deletes it. unit_id is the unit whose calendar the feed shows; access is
-- re-checked against the person's current roles on every fetch.
create table event_feed_tokens (
  user_id       bigint primary key references users(id) on delete cascade,
  unit_id       bigint not null references units(id),
  token_hash    text not null unique,
  created_at    timestamptz not null default now(),
  last_used_at  timestamptz
);
