-- One number that changes whenever anything the public portal shows changes (articles,
-- their photos, units). Statement-level triggers bump it and NOTIFY `loa_portal`, so
-- each web node drops its rendered pages at once and, while its LISTEN connection is
-- up, serves cached pages without asking the database anything.
create table portal_stamp (
  id          integer primary key default 1 check (id = 1),
  version     bigint not null default 0,
  changed_at  timestamptz not null default now()
);
insert into portal_stamp (id, version) values (1, 0);

create function portal_touch() returns trigger language plpgsql as $$
begin
  update portal_stamp set version = version + 1, changed_at = now() where id = 1;
  perform pg_notify('loa_portal', '');
  return null;
end $$;

create trigger articles_portal_touch after insert or update or delete on articles for each statement execute function portal_touch();
create trigger article_media_portal_touch after insert or update or delete on article_media for each statement execute function portal_touch();
create trigger media_portal_touch after update or delete on media for each statement execute function portal_touch();
create trigger units_portal_touch after insert or update or delete on units for each statement execute function portal_touch();
