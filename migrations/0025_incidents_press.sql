-- Issue 7, last part: Zalo OA messages for incidents (a generic one-to-one Zalo
-- outbox kept by the notices module), press questions received by e-mail
-- (inbound SMTP, the raw message kept), briefing invitations and attendance.

-- One-to-one Zalo OA messages queued by other modules (incidents today) in their
-- own transaction; the notices sweep's Zalo rules apply: people without a Zalo id
-- are closed as skipped, retryable failures stay open up to 5 attempts.
create table notice_zalo_outbox (
  id             bigint generated always as identity primary key,
  source_key     text not null unique,                 -- idempotence: e.g. incident-escalation:12:user:34
  user_id        bigint not null references users(id) on delete cascade,
  unit_id        bigint not null references units(id), -- the OA is this unit's or the nearest above with one
  text           text not null,
  created_at     timestamptz not null default now(),
  zalo_at        timestamptz,                          -- null until tried (or skipped)
  zalo_status    text,                                 -- sent | skipped | no_oa | failed:<code>
  zalo_attempts  integer not null default 0
);
create index notice_zalo_outbox_open_idx on notice_zalo_outbox (id) where zalo_at is null;

-- Every message accepted by the inbound SMTP listener, written before the
-- listener answers 250 (write, then acknowledge). A resend of the same
-- Message-ID to the same unit is a no-op.
create table press_inbound_mails (
  id            bigint generated always as identity primary key,
  unit_id       bigint not null references units(id),
  recipient     text not null,
  mail_from     text,
  message_id    text not null,
  size_bytes    integer not null,
  raw           bytea not null,
  question_id   bigint references press_questions(id) on delete set null,
  received_at   timestamptz not null default now(),
  unique (unit_id, message_id)
);

-- Who was invited to a briefing or press conference, and who came.
create table press_briefing_invitees (
  id             bigint generated always as identity primary key,
  briefing_id    bigint not null references press_briefings(id) on delete cascade,
  outlet_id      bigint not null references press_outlets(id),
  journalist_id  bigint references press_journalists(id),
  invited_at     timestamptz not null default now(),
  attended       boolean,                              -- null: not recorded yet
  note           text
);
create unique index press_briefing_invitees_key on press_briefing_invitees (briefing_id, outlet_id, coalesce(journalist_id, 0));
