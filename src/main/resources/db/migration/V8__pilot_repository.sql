-- The repository a pilot's pull requests merge in, as its git host names it (owner/name, or a
-- GitLab group/subgroup/project path), lower case: a git host's merge closes only the waits of
-- the active pilots of its repository. Null for pilots started without one (and all pilots
-- started before this column): the generic webhook alone reaches them (ADR 0019).
alter table pilot_run add column repository varchar(200);

create index pilot_run_active_repository on pilot_run (repository, active_tenant_id);
