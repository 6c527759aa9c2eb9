-- Data-subject requests (issue 8 review, D1): a request is acted on only once the requester's identity is verified.
-- Portal requests start unverified; the requester confirms control of the e-mail through a one-time link
-- (only the SHA-256 of the random token is stored), or staff record that they verified identity in person or
-- by phone (verify_note, audited). Requests registered by staff count as verified by staff at registration.
alter table feedback_subject_requests
  add column verified_at       timestamptz,
  add column verified_how      text check (verified_how in ('email','staff')),
  add column verified_by       bigint references users(id),
  add column verify_note       text,
  add column verify_token_hash text,
  add column verify_sent_at    timestamptz;
update feedback_subject_requests set verified_at = received_at, verified_how = 'staff', verified_by = created_by where created_by is not null;
create unique index feedback_subject_requests_verify_idx on feedback_subject_requests (verify_token_hash) where verify_token_hash is not null;
