-- Distribution, second part (issue 4 leftovers; see docs/DISTRIBUTION.md):
-- 1. Zalo OA token refresh: the OA's refresh token and the Zalo app's secret key, both
--    stored encrypted like the access token (AES-256-GCM, never sent to clients). The app
--    id is public and lives in settings.appId. A refresh token is single-use: it is
--    exchanged while the target row is locked, and the new pair is committed before use.
alter table channel_targets
  add column refresh_token_encrypted text,
  add column app_secret_encrypted    text,
  add column token_refreshed_at      timestamptz,
  add column refresh_failed_at       timestamptz,   -- Zalo refused the refresh token: no more automatic refresh until a new one is saved
  add column refresh_error           text;

-- 2. Removal after withdrawal: one row per successful delivery with a remote id, written in
--    the transaction that withdraws the article (or that records a post made after it),
--    worked like the deliveries outbox (claim with SKIP LOCKED, call outside a transaction,
--    commit the outcome; deleting is idempotent, so a crash in between is simply repeated).
create table delivery_removals (
  id               bigint generated always as identity primary key,
  delivery_id      bigint not null unique references deliveries(id) on delete cascade,
  status           text not null default 'pending' check (status in ('pending','sending','removed','failed','dead','manual_done')),
  attempts         integer not null default 0,
  next_attempt_at  timestamptz,
  lease_until      timestamptz,
  lease_token      text,
  last_error       text,
  last_error_code  text,
  removed_at       timestamptz,
  done_by          bigint references users(id),   -- manual_done: who confirmed the post was removed by hand
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now()
);
create index delivery_removals_due_idx on delivery_removals (next_attempt_at) where status in ('pending','sending');
