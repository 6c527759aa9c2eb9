-- Feedback analysis (issue 8): staff code each comment with a tone and topics; Loa suggests
-- both with the monitoring module's classifier engine, trained from the staff's codes plus
-- the labelled seed set (src/modules/feedback/analysis/labelled-feedback.json).

-- Topics (chủ đề): the shared, seeded list (unit_id null) and those a unit adds for itself,
-- which apply to the unit and everything under it.
create table feedback_topics (
  id           bigint generated always as identity primary key,
  unit_id      bigint references units(id),
  key          text not null check (key ~ '^[a-z0-9-]+$'),
  label        text not null check (length(label) between 1 and 120),
  position     integer not null default 100,
  archived_at  timestamptz,
  created_by   bigint references users(id),
  created_at   timestamptz not null default now()
);
create unique index feedback_topics_key_idx on feedback_topics (coalesce(unit_id, 0), key);
create index feedback_topics_unit_idx on feedback_topics (unit_id) where unit_id is not null;

insert into feedback_topics (key, label, position) values
  ('hoc-phi', 'Học phí và các khoản thu', 1),
  ('chuong-trinh-sgk', 'Chương trình – sách giáo khoa', 2),
  ('doi-ngu-giao-vien', 'Đội ngũ giáo viên', 3),
  ('co-so-vat-chat', 'Cơ sở vật chất', 4),
  ('an-toan-truong-hoc', 'An toàn trường học', 5),
  ('thi-cu-tuyen-sinh', 'Thi cử – tuyển sinh', 6),
  ('day-them-hoc-them', 'Dạy thêm học thêm', 7),
  ('ban-tru-bua-an', 'Bán trú – bữa ăn', 8),
  ('chuyen-doi-so', 'Chuyển đổi số', 9),
  ('khac', 'Khác', 99);

-- The live models (newest row) and their measured accuracy; the last few are kept.
create table feedback_models (
  id             bigint generated always as identity primary key,
  model          jsonb not null,                 -- stored weights: tone one-vs-rest, topics keyed by topic id
  metrics        jsonb not null,                 -- macro-F1 etc. on the held-out split (see analysis/evaluate.ts)
  examples       integer not null,
  codes          integer not null,               -- staff codes among the examples
  seed_examples  integer not null,
  fingerprint    text not null,                  -- what it was trained from: the retrain job skips when unchanged
  trained_at     timestamptz not null default now(),
  trained_by     bigint references users(id)
);

-- A staff member's code of one comment (one per comment). consultation_id is copied from the
-- comment so the dashboard reads this table by consultation alone.
create table feedback_codes (
  item_id          bigint primary key references feedback_items(id) on delete cascade,
  consultation_id  bigint references consultations(id) on delete cascade,
  paragraph_id     bigint,                               -- copied from the comment (kept in step by a trigger)
  is_hidden        boolean not null default false,       -- copied from the comment's visibility (trigger)
  tone             text not null check (tone in ('negative','neutral','positive')),
  topic_ids        bigint[] not null default '{}',
  source           text not null check (source in ('manual','accepted','corrected')),
                   -- accepted: the suggestion as it was; corrected: changed from a suggestion; manual: no suggestion
  model_id         bigint references feedback_models(id) on delete set null,
  coded_by         bigint references users(id),
  coded_at         timestamptz not null default now(),
  version          integer not null default 1
);
create index feedback_codes_consultation_idx on feedback_codes (consultation_id) include (paragraph_id, is_hidden, tone, source, topic_ids);

-- The dashboard's per-paragraph stance counts read only this index (an index-only scan once vacuumed).
create index feedback_items_analysis_idx on feedback_items (consultation_id, paragraph_id, visibility, stance);

-- A code follows its comment when moderation hides/unhides it (or its paragraph changes).
create function feedback_codes_follow_item() returns trigger language plpgsql as $$
begin
  if new.visibility is distinct from old.visibility or new.paragraph_id is distinct from old.paragraph_id then
    update feedback_codes set is_hidden = (new.visibility = 'hidden'), paragraph_id = new.paragraph_id where item_id = new.id;
  end if;
  return null;
end $$;
create trigger feedback_items_codes_follow after update of visibility, paragraph_id on feedback_items
  for each row execute function feedback_codes_follow_item();
create index feedback_codes_coded_at_idx on feedback_codes (coded_at desc);

-- The model's suggestion for a comment, computed once per model and kept.
create table feedback_suggestions (
  item_id     bigint primary key references feedback_items(id) on delete cascade,
  model_id    bigint not null references feedback_models(id) on delete cascade,
  tone        text check (tone in ('negative','neutral','positive')),
  tone_p      jsonb,
  topic_ids   bigint[] not null default '{}',
  topic_p     jsonb not null default '{}',
  created_at  timestamptz not null default now()
);
create index feedback_suggestions_model_idx on feedback_suggestions (model_id);
