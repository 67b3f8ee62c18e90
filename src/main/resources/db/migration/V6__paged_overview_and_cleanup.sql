-- The overviews page through the current pilot of each tenant, newest first (keyset paging on
-- started_at, id); "current" is the tenant's latest run, found through (tenant_id, id).
create index pilot_run_newest on pilot_run (started_at desc, id desc);
create index pilot_run_tenant_latest on pilot_run (tenant_id, id);

-- "N of M items" of a finished pilot: its history no longer changes, so the count is kept once
-- computed from the ticked document (MilestoneExport.progress) instead of reading history per view.
alter table pilot_run add column progress_ticked integer;
alter table pilot_run add column progress_boxes integer;

-- A page reads the issues of its pilots, and the cleanup removes a run's rows, by run.
create index pilot_issue_run on pilot_issue (pilot_run_id);
create index pilot_feedback_run on pilot_feedback (pilot_run_id);
create index onboarding_audit_process on onboarding_audit (process_instance_id);
