-- Lines to take and internal notices (định hướng thông tin, thông báo nội bộ): written
-- once by a unit, approved (a public line to take by the unit's spokesperson or a leader;
-- never by its author), then pushed down to the sub-units concerned: one delivery row per
-- unit and one per person, written by ONE set-based statement in the sending transaction.
-- A delivery row is also the recipient's in-app notice; opening it records read_at once,
-- instructions ask for an acknowledgement, and a sweep job e-mails, sends Zalo OA messages
-- and reminds those who have not read (once per reminder step). See docs/INCIDENTS.md.
create table notices (
  id                  bigint generated always as identity primary key,
  unit_id             bigint not null references units(id),           -- the issuing unit
  kind                text not null check (kind in ('line_to_take','guidance','instruction','notice')),
  title               text not null,
  body_html           text not null default '',                        -- sanitised on the way in (sanitizeArticleHtml)
  attachments         jsonb not null default '[]'::jsonb,              -- [{ name, url }]
  is_public           boolean not null default false,                  -- a line to take meant for public use
  is_ack_required     boolean not null default false,                  -- recipients confirm (instructions)
  incident_id         bigint references incidents(id),                 -- the incident it answers (0015)
  audience_unit_types text[] not null default '{}',                    -- empty: every type
  audience_unit_ids   bigint[] not null default '{}',                  -- empty: the whole subtree; else only these units (inside it)
  audience_roles      text[] not null default '{focal_point,leader}',
  reminder_hours      integer[] not null default '{24,48}',            -- hours after sending, ascending
  status              text not null default 'draft'
                      check (status in ('draft','approved','sent','withdrawn','superseded')),
  series_id           bigint,                                          -- the first version's id (null on the first version itself)
  revision            integer not null default 1,
  supersedes_id       bigint references notices(id),
  version             integer not null default 1,                      -- optimistic concurrency of edits
  created_by          bigint references users(id),
  approved_by         bigint references users(id),
  approved_at         timestamptz,
  sent_by             bigint references users(id),
  sent_at             timestamptz,
  withdrawn_by        bigint references users(id),
  withdrawn_at        timestamptz,
  withdraw_note       text,
  recipient_count     integer not null default 0,
  unit_count          integer not null default 0,
  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now()
);
create index notices_unit_idx on notices (unit_id, updated_at desc);
create index notices_incident_idx on notices (incident_id) where incident_id is not null;
create index notices_sent_idx on notices (sent_at) where status = 'sent';

-- One row per receiving unit: the roll-up's skeleton (a unit with no person in the chosen roles still shows).
create table notice_units (
  notice_id  bigint not null references notices(id) on delete cascade,
  unit_id    bigint not null references units(id),
  unit_path  ltree not null,                                           -- the unit's path when sent
  primary key (notice_id, unit_id)
);

-- One row per receiving person: the in-app notice, the read receipt and the outbox columns.
create table notice_deliveries (
  id               bigint generated always as identity primary key,
  notice_id        bigint not null references notices(id) on delete cascade,
  user_id          bigint not null references users(id),
  unit_id          bigint not null references units(id),              -- the unit the person receives it for
  roles            text[] not null,
  read_token       text not null,                                      -- the e-mailed link's unguessable token
  created_at       timestamptz not null,
  read_at          timestamptz,
  read_via         text check (read_via in ('app','email')),
  acknowledged_at  timestamptz,
  emailed_at       timestamptz,                                        -- outbox: null until the mail job is queued
  zalo_at          timestamptz,                                        -- outbox: null until the Zalo message was tried (or skipped)
  zalo_status      text,                                               -- sent | skipped | no_oa | failed:<code>
  zalo_attempts    integer not null default 0,
  reminded_step    integer not null default 0,                         -- how many reminder steps were sent
  reminded_at      timestamptz,
  unique (notice_id, user_id)
);
create unique index notice_deliveries_token_key on notice_deliveries (read_token);
create index notice_deliveries_user_idx on notice_deliveries (user_id, created_at desc);
create index notice_deliveries_mail_outbox_idx on notice_deliveries (id) where emailed_at is null;
create index notice_deliveries_zalo_outbox_idx on notice_deliveries (id) where zalo_at is null;
create index notice_deliveries_unread_idx on notice_deliveries (notice_id) where read_at is null;

-- A person's Zalo user id (as the issuing OA knows them), for OA messages; people without one get e-mail only.
create table notice_zalo_ids (
  user_id       bigint primary key references users(id) on delete cascade,
  zalo_user_id  text not null,
  updated_at    timestamptz not null default now()
);
