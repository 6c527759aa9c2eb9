-- Unit websites (issue 5): every unit's site settings, its own domains, its leaders.
-- Every unit has a site row from the moment it exists (a statement trigger on units
-- writes one with a slug made from its name), so resolving /don-vi/<slug> or a Host
-- is one indexed lookup.

-- The slug of a Vietnamese name: diacritics dropped, đ→d, lower-case ASCII words joined
-- by dashes (the same result as src/text slugify for Vietnamese names).
create function site_slug_of(name text) returns text language sql immutable as $$
  select trim(both '-' from left(trim(both '-' from regexp_replace(
    translate(normalize(name, NFC), 'àÀáÁạẠảẢãÃâÂầẦấẤậẬẩẨẫẪăĂằẰắẮặẶẳẲẵẴèÈéÉẹẸẻẺẽẼêÊềỀếẾệỆểỂễỄìÌíÍịỊỉỈĩĨòÒóÓọỌỏỎõÕôÔồỒốỐộỘổỔỗỖơƠờỜớỚợỢởỞỡỠùÙúÚụỤủỦũŨưƯừỪứỨựỰửỬữỮỳỲýÝỵỴỷỶỹỸđĐABCDEFGHIJKLMNOPQRSTUVWXYZ', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeeeeeeeiiiiiiiiiioooooooooooooooooooooooooooooooooouuuuuuuuuuuuuuuuuuuuuuyyyyyyyyyyddabcdefghijklmnopqrstuvwxyz'),
    '[^a-z0-9]+', '-', 'g')), 80))
$$;

create table site_settings (
  unit_id          bigint primary key references units(id),
  slug             text not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 100),
  primary_color    text not null default '#0b4f8a' check (primary_color ~ '^#[0-9a-f]{6}$'),
  logo_media_id    bigint references media(id),
  banner_media_id  bigint references media(id),
  tagline          text not null default '',
  menu             jsonb not null default '[]'::jsonb,   -- [{label, href}]: internal subpath or https URL
  intro_html       text not null default '',             -- sanitised rich text
  history_html     text not null default '',
  functions_html   text not null default '',
  version          integer not null default 1,
  updated_at       timestamptz not null default now(),
  updated_by       bigint references users(id)
);
create unique index site_settings_slug_key on site_settings (slug);

-- Old slugs keep answering with a 301 to the current one.
create table site_slug_redirects (
  slug        text primary key,
  unit_id     bigint not null references units(id),
  created_at  timestamptz not null default now()
);

-- A unit's own host names (lower-case, no port); a Host header is looked up here.
create table site_domains (
  domain      text primary key check (domain = lower(domain) and domain ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$'),
  unit_id     bigint not null references units(id),
  created_at  timestamptz not null default now()
);
create index site_domains_unit_idx on site_domains (unit_id);

create table site_leaders (
  id              bigint generated always as identity primary key,
  unit_id         bigint not null references units(id),
  name            text not null,
  position        text not null default '',
  photo_media_id  bigint references media(id),
  bio_html        text not null default '',
  duties_html     text not null default '',
  sort_order      integer not null default 0,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now()
);
create index site_leaders_unit_idx on site_leaders (unit_id, sort_order, id);

-- New units get their site row in the same statement; a name already taken gets the unit id appended.
create function site_settings_for_new_units() returns trigger language plpgsql as $$
begin
  insert into site_settings (unit_id, slug)
  select n.id,
         case when n.base <> '' and n.rn = 1
                   and not exists (select 1 from site_settings s where s.slug = n.base)
                   and not exists (select 1 from site_slug_redirects r where r.slug = n.base)
              then n.base
              else coalesce(nullif(n.base, ''), 'don-vi') || '-' || n.id end
    from (select nu.id, site_slug_of(nu.name) as base,
                 row_number() over (partition by site_slug_of(nu.name) order by nu.id) as rn
            from new_units nu) n
  on conflict (unit_id) do nothing;
  return null;
end $$;
create trigger units_site_settings after insert on units referencing new table as new_units
  for each statement execute function site_settings_for_new_units();

-- Existing units: the same rule, ordered so higher units (Sở before schools) get the plain slug.
insert into site_settings (unit_id, slug)
select n.id, case when n.base <> '' and n.rn = 1 then n.base else coalesce(nullif(n.base, ''), 'don-vi') || '-' || n.id end
  from (select u.id, site_slug_of(u.name) as base,
               row_number() over (partition by site_slug_of(u.name) order by nlevel(u.path), u.id) as rn
          from units u) n;

create trigger site_settings_portal_touch after insert or update or delete on site_settings for each statement execute function portal_touch();
create trigger site_domains_portal_touch after insert or update or delete on site_domains for each statement execute function portal_touch();
create trigger site_leaders_portal_touch after insert or update or delete on site_leaders for each statement execute function portal_touch();
create trigger site_slug_redirects_portal_touch after insert or update or delete on site_slug_redirects for each statement execute function portal_touch();
