-- Zalo outbox lease: a sweep claims an open message by setting lease_until (now + 2 min)
-- in an autocommit UPDATE … SKIP LOCKED, and only then sends it. Another sweep overlapping
-- it skips rows whose lease has not expired, so a message is not sent twice; a sweep that
-- dies mid-send leaves the lease to expire and the message is tried again.
alter table notice_zalo_outbox add column lease_until timestamptz;
