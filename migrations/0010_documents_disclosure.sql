-- Documents library (văn bản) and public disclosure (công khai, Thông tư 09/2024/TT-BGDĐT).
--
-- documents: the legal and administrative documents a unit publishes on its site,
-- with their number and symbol, type, issuer, signer, dates, field and summary
-- (trích yếu), and files. A plan issued in Loa becomes a row here by itself
-- (source 'plan'): a trigger on `plans` inserts it in the transaction that
-- issues the plan, so no path to 'issued' can forget it.

-- The SQL twin of src/text foldVietnamese for rows written by triggers (NFC,
-- unaccent, đ→d, lower case, one space). The services write search_text with
-- foldVietnamese itself.
create function loa_fold(s text) returns text language sql stable as $$
  select btrim(regexp_replace(lower(unaccent(replace(replace(normalize(coalesce(s, ''), NFC), 'đ', 'd'), 'Đ', 'D'))), '\s+', ' ', 'g'))
$$;

create table documents (
  id             bigint generated always as identity primary key,
  unit_id        bigint not null references units(id),
  source         text not null default 'upload' check (source in ('upload','plan')),
  plan_id        bigint unique references plans(id) on delete cascade,
  number         text,                 -- số: '12', '12/2025'
  symbol         text,                 -- ký hiệu: 'KH-SGDĐT', 'TT-BGDĐT'
  doc_type       text not null,        -- quyet_dinh, ke_hoach, cong_van, ... (documents.service.ts)
  issuer         text not null,        -- cơ quan ban hành (may be outside Loa: 'Bộ Giáo dục và Đào tạo')
  signer         text,
  signer_title   text,
  issued_on      date,
  effective_on   date,
  expires_on     date,
  superseded_on  date,                 -- a plan replaced by a newer one for the same period
  field          text,                 -- lĩnh vực
  summary        text not null,        -- trích yếu
  is_public      boolean not null default true,
  search_text    text not null default '',
  version        integer not null default 1,
  created_by     bigint references users(id),
  updated_by     bigint references users(id),
  deleted_at     timestamptz,
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now(),
  check (expires_on is null or effective_on is null or expires_on >= effective_on)
);
create index documents_unit_idx on documents (unit_id, issued_on desc nulls last, id desc) where deleted_at is null;
create index documents_issued_idx on documents (issued_on desc nulls last, id desc) where deleted_at is null and is_public;
create index documents_search_idx on documents using gin (search_text gin_trgm_ops);
create index documents_type_idx on documents (doc_type) where deleted_at is null;

create table document_files (
  id           bigint generated always as identity primary key,
  document_id  bigint not null references documents(id) on delete cascade,
  position     integer not null default 0,
  file_key     text not null,          -- content address in the file store (platform/files.ts)
  file_name    text not null,
  mime         text not null,          -- sniffed from the bytes, never the browser's word
  size         integer not null,
  created_at   timestamptz not null default now()
);
create index document_files_doc_idx on document_files (document_id, position);

-- Issued plans in their issuing unit's library.
create function documents_from_plan() returns trigger language plpgsql as $$
begin
  if new.status = 'issued' and (tg_op = 'INSERT' or old.status is distinct from 'issued') then
    insert into documents (unit_id, source, plan_id, number, symbol, doc_type, issuer, signer, signer_title,
                           issued_on, effective_on, field, summary, search_text, created_at, updated_at)
    select new.unit_id, 'plan', new.id, lpad(new.number::text, 2, '0'), coalesce(new.symbol, 'KH'), 'ke_hoach', u.name,
           new.signer->>'name', nullif(concat_ws(' ', new.signer->>'deputyTitle', new.signer->>'title'), ''),
           new.issued_on, new.issued_on, 'Truyền thông', 'Kế hoạch ' || new.title,
           loa_fold(concat_ws(' ', lpad(new.number::text, 2, '0') || '/' || coalesce(new.symbol, 'KH'), new.number::text, 'Kế hoạch', new.title,
                              u.name, new.signer->>'name', 'Truyền thông')),
           now(), now()
      from units u where u.id = new.unit_id
    on conflict (plan_id) do update
      set number = excluded.number, symbol = excluded.symbol, issued_on = excluded.issued_on, effective_on = excluded.effective_on,
          summary = excluded.summary, search_text = excluded.search_text, superseded_on = null, deleted_at = null, updated_at = now();
  elsif tg_op = 'UPDATE' and new.status = 'superseded' and old.status = 'issued' then
    update documents set superseded_on = current_date, updated_at = now() where plan_id = new.id and superseded_on is null;
  end if;
  return null;
end $$;
create trigger plans_to_documents after insert or update of status on plans for each row execute function documents_from_plan();

-- Plans issued before this migration.
insert into documents (unit_id, source, plan_id, number, symbol, doc_type, issuer, signer, signer_title, issued_on, effective_on,
                       superseded_on, field, summary, search_text)
select p.unit_id, 'plan', p.id, lpad(p.number::text, 2, '0'), coalesce(p.symbol, 'KH'), 'ke_hoach', u.name, p.signer->>'name',
       nullif(concat_ws(' ', p.signer->>'deputyTitle', p.signer->>'title'), ''), p.issued_on, p.issued_on,
       case when p.status = 'superseded' then current_date end, 'Truyền thông', 'Kế hoạch ' || p.title,
       loa_fold(concat_ws(' ', lpad(p.number::text, 2, '0') || '/' || coalesce(p.symbol, 'KH'), p.number::text, 'Kế hoạch', p.title, u.name, p.signer->>'name', 'Truyền thông'))
  from plans p join units u on u.id = p.unit_id
 where p.status in ('issued', 'superseded') and p.number is not null;

create trigger documents_portal_touch after insert or update or delete on documents for each statement execute function portal_touch();
create trigger document_files_portal_touch after insert or update or delete on document_files for each statement execute function portal_touch();

-- Public disclosure (công khai) of a school, per Thông tư 09/2024/TT-BGDĐT: entries
-- under eight headings per school year. An entry with changed_on is an update
-- ("information changed on this day"), due 10 working days later; one without
-- is the yearly disclosure, due 30 June. due_on is fixed when the entry is
-- recorded, with the holiday calendar of that moment.
create table disclosure_entries (
  id            bigint generated always as identity primary key,
  unit_id       bigint not null references units(id),
  heading       text not null check (heading in ('general','finance','staff','facilities','quality','education_plan','results','annual_report')),
  school_year   text not null check (school_year ~ '^[0-9]{4}-[0-9]{4}$'),
  title         text not null,
  body_html     text not null default '',            -- sanitised on the way in (sanitizeArticleHtml)
  changed_on    date,                                 -- null: the yearly disclosure
  due_on        date not null,
  published_at  timestamptz,                          -- null: a draft, not on the site
  reminded_at   timestamptz,                          -- outbox: the reminder e-mail was queued
  version       integer not null default 1,
  created_by    bigint references users(id),
  updated_by    bigint references users(id),
  deleted_at    timestamptz,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now()
);
create index disclosure_entries_unit_idx on disclosure_entries (unit_id, school_year, heading) where deleted_at is null;
create index disclosure_entries_remind_idx on disclosure_entries (due_on) where published_at is null and reminded_at is null and deleted_at is null;

create table disclosure_files (
  id          bigint generated always as identity primary key,
  entry_id    bigint not null references disclosure_entries(id) on delete cascade,
  position    integer not null default 0,
  file_key    text not null,
  file_name   text not null,
  mime        text not null,
  size        integer not null,
  created_at  timestamptz not null default now()
);
create index disclosure_files_entry_idx on disclosure_files (entry_id, position);

-- Yearly reminders already queued, one per school, school year and heading (outbox).
create table disclosure_reminders (
  unit_id      bigint not null references units(id),
  school_year  text not null,
  heading      text not null,
  reminded_at  timestamptz not null default now(),
  primary key (unit_id, school_year, heading)
);

create trigger disclosure_entries_portal_touch after insert or update or delete on disclosure_entries for each statement execute function portal_touch();
create trigger disclosure_files_portal_touch after insert or update or delete on disclosure_files for each statement execute function portal_touch();
