-- The milestone document's "Status:" per pilot run: In Progress from the start, Completed when
-- the process sets it (Phase 3 exit and milestone review), Aborted on abort.
alter table pilot_run add column milestone_status varchar(16) default 'Not Started' not null;
