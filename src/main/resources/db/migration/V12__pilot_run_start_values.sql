-- What a pilot was started with and every overview shows (tenant name, environment, region, the
-- pilot window), kept with its run: a page of pilots reads them from its own rows instead of the
-- engine's history, whose variable index outgrows the database's cache at thousands of pilots
-- (ADR 0026). Null for pilots started before this column: their values are read from history.
alter table pilot_run add column tenant_name varchar(200);
alter table pilot_run add column environment varchar(100);
alter table pilot_run add column region varchar(100);
alter table pilot_run add column pilot_start varchar(64);
alter table pilot_run add column pilot_end varchar(64);
