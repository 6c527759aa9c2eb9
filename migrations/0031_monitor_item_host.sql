-- The host of an item's canonical URL, reversed, stored and indexed: the press
-- office's outlet coverage (by host, subdomains included) becomes an index range
-- scan (`host_rev = reverse(h)`, or between `reverse(h) || '.'` and `reverse(h) || '/'`
-- in byte order for subdomains) instead of a
-- regular expression over every monitored item for every outlet.
alter table monitor_items
  add column host_rev text generated always as (reverse(split_part(substring(canonical_url from '://([^/]+)'), ':', 1))) stored;
create index monitor_items_host_rev on monitor_items (host_rev collate "C");
