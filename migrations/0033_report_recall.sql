-- Recalling a submitted report (thu hồi báo cáo, docs/REPORTS.md): the submitting unit's
-- leader takes a submitted report back to draft with a reason. The latest recall is kept
-- on the row (shown on the report page); every recall is in the audit log (report.recall).
-- fulfilled_deadline_ids: the obligation deadlines the submission fulfilled (the linked one
-- and its duty siblings that were still open), so a recall undoes exactly those.
alter table reports
  add column recalled_at            timestamptz,
  add column recalled_by            bigint references users(id),
  add column recall_reason          text check (recall_reason is null or char_length(recall_reason) between 1 and 1000),
  add column recall_count           integer not null default 0,
  add column fulfilled_deadline_ids bigint[];

-- reports submitted before this migration: the linked deadline counts as fulfilled by the
-- submission when its fulfilment is not older than the submission
update reports r
   set fulfilled_deadline_ids = case when d.fulfilled_at is not null and d.fulfilled_at >= r.submitted_at then array[d.id] else '{}'::bigint[] end
  from obligation_deadlines d
 where r.status = 'submitted' and d.id = r.deadline_id;
update reports set fulfilled_deadline_ids = '{}'::bigint[] where status = 'submitted' and deadline_id is null;
