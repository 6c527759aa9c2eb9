-- The update rhythm of an active or contained incident: the due time whose miss was already
-- announced, so the sweep tells the unit and its parent once per missed update.
alter table incidents add column update_reminded_due_at timestamptz;
