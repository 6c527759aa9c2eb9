-- Public feedback and consultations (góp ý, lấy ý kiến dự thảo): a unit publishes a
-- draft policy or plan split into paragraphs for an open..close window; people comment
-- on the whole or on a paragraph with a stance; general feedback and hotline intake;
-- contact details kept apart so they can be erased (Luật Bảo vệ dữ liệu cá nhân);
-- reports, hiding, auto-hiding and blocking; a published response ("you said, we did")
-- by a deadline; data-subject requests answered within 2 working days.
-- Staff coding (tone, topics) is NOT here: the analysis part adds it in 0020.

create table consultations (
  id                     bigint generated always as identity primary key,
  unit_id                bigint not null references units(id),
  title                  text not null,
  summary                text not null default '',
  slug                   text not null unique check (slug ~ '^[a-z0-9-]+$'),
  opens_at               timestamptz not null,
  closes_at              timestamptz not null,
  response_due_at        timestamptz not null,              -- when the "you said, we did" must be published
  response_text          text,                              -- the response (plain text, paragraphs on blank lines)
  response_published_at  timestamptz,
  response_published_by  bigint references users(id),
  created_by             bigint references users(id),
  version                integer not null default 1,
  created_at             timestamptz not null default now(),
  updated_at             timestamptz not null default now(),
  check (closes_at > opens_at),
  check (response_due_at >= closes_at)
);
-- status is derived: answered (response published) > draft (now < opens_at) > open (now < closes_at) > closed
create index consultations_unit_idx on consultations (unit_id, opens_at desc);
create index consultations_public_idx on consultations (closes_at desc, opens_at);
create index consultations_due_idx on consultations (response_due_at) where response_published_at is null;

create table consultation_paragraphs (
  id               bigint generated always as identity primary key,
  consultation_id  bigint not null references consultations(id) on delete cascade,
  position         integer not null,                    -- 1, 2, 3 …
  label            text,                                -- e.g. "Điều 3" when the text had one
  body             text not null,
  unique (consultation_id, position)
);

-- Contact details a sender chose to leave: kept apart so they can be erased on request.
create table feedback_contacts (
  id          bigint generated always as identity primary key,
  name        text,
  email       text,                                     -- lower-cased
  phone       text,
  created_at  timestamptz not null default now()
);
create index feedback_contacts_email_idx on feedback_contacts (email) where email is not null;
create index feedback_contacts_phone_idx on feedback_contacts (phone) where phone is not null;

-- Every comment, general feedback and hotline note.
create table feedback_items (
  id               bigint generated always as identity primary key,
  unit_id          bigint not null references units(id),
  consultation_id  bigint references consultations(id) on delete cascade,
  paragraph_id     bigint references consultation_paragraphs(id) on delete set null,   -- null = on the whole draft
  channel          text not null default 'web' check (channel in ('web','hotline','staff')),
  stance           text check (stance in ('agree','disagree','partly')),
  subject          text,
  body             text not null,
  visibility       text not null default 'public' check (visibility in ('public','hidden','private')),
                   -- public: shown on the consultation page; hidden: moderated; private: general feedback / hotline, never shown
  hidden_reason    text,
  hidden_auto      boolean not null default false,     -- hidden by the report threshold, not by a person
  hidden_by        bigint references users(id),
  hidden_at        timestamptz,
  report_count     integer not null default 0,          -- distinct reporters
  kept_by_staff    boolean not null default false,      -- staff unhid it: reports no longer auto-hide it
  contact_id       bigint references feedback_contacts(id) on delete set null,
  consent_version  text,                                -- version of the consent text shown, when contact details were left
  consent_at       timestamptz,
  ip_hash          text,                                -- salted hash (sitecontent ipHash), never the address
  email_hash       text,                                -- salted hash of the sender's e-mail, for blocks; cleared on erasure
  anonymised_at    timestamptz,
  handled_at       timestamptz,                         -- general feedback / hotline: marked handled
  handled_by       bigint references users(id),
  monitor_item_id  bigint,                              -- sent to monitoring (monitor_items.id)
  incident_id      bigint,                              -- opened as an incident (incidents.id)
  created_by       bigint references users(id),         -- staff who typed a hotline call
  created_at       timestamptz not null default now(),
  check (paragraph_id is null or consultation_id is not null),
  check (visibility <> 'hidden' or hidden_reason is not null)
);
create index feedback_items_consultation_idx on feedback_items (consultation_id, paragraph_id, id);
create index feedback_items_consultation_time_idx on feedback_items (consultation_id, created_at desc, id desc) where consultation_id is not null;
create index feedback_items_unit_idx on feedback_items (unit_id, created_at desc);
create index feedback_items_contact_idx on feedback_items (contact_id) where contact_id is not null;
create index feedback_items_email_hash_idx on feedback_items (email_hash) where email_hash is not null;

-- Reports ("báo cáo vi phạm") from distinct reporters (hashed IP or user).
create table feedback_reports (
  item_id        bigint not null references feedback_items(id) on delete cascade,
  reporter_hash  text not null,
  reason         text,
  created_at     timestamptz not null default now(),
  primary key (item_id, reporter_hash)
);

-- Blocked senders: by hashed IP and/or hashed e-mail.
create table feedback_blocks (
  id          bigint generated always as identity primary key,
  ip_hash     text,
  email_hash  text,
  reason      text not null,
  item_id     bigint references feedback_items(id) on delete set null,
  created_by  bigint references users(id),
  created_at  timestamptz not null default now(),
  removed_at  timestamptz,
  check (ip_hash is not null or email_hash is not null)
);
create index feedback_blocks_ip_idx on feedback_blocks (ip_hash) where removed_at is null;
create index feedback_blocks_email_idx on feedback_blocks (email_hash) where removed_at is null;

-- Data-subject requests (export or deletion of one's data), due in 2 working days.
create table feedback_subject_requests (
  id            bigint generated always as identity primary key,
  unit_id       bigint not null references units(id),
  kind          text not null check (kind in ('export','erase')),
  name          text,
  email         text,
  phone         text,
  note          text,
  received_at   timestamptz not null default now(),
  due_date      date not null,                          -- 2 working days after receipt (holiday calendar)
  status        text not null default 'open' check (status in ('open','done','rejected')),
  result_note   text,
  matched_items integer,
  fulfilled_at  timestamptz,
  fulfilled_by  bigint references users(id),
  created_by    bigint references users(id),
  check (email is not null or phone is not null)
);
create index feedback_subject_requests_open_idx on feedback_subject_requests (unit_id, due_date) where status = 'open';

-- Reminders sent about a response deadline: one row per consultation and kind, so the job is idempotent.
create table consultation_reminders (
  consultation_id  bigint not null references consultations(id) on delete cascade,
  kind             text not null,                       -- 'due_soon' | 'overdue'
  sent_at          timestamptz not null default now(),
  primary key (consultation_id, kind)
);

create trigger consultations_portal_touch after insert or update or delete on consultations for each statement execute function portal_touch();
-- no trigger on feedback_items: a busy consultation would otherwise flush every cached portal page on each
-- comment; pages with comments are not cached, and the list's counts refresh every minute.
