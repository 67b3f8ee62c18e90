-- The pilot summary: compiled from what the engine and our tables recorded, then edited and
-- confirmed by product management. One row per pilot run, rewritten when compiled again.
create table pilot_summary (
  pilot_run_id     bigint        not null primary key references pilot_run (id),
  compiled_at      timestamp with time zone not null,
  compiled_json    varchar(100000) not null,
  compiled_markdown varchar(100000) not null,
  confirmed_text   varchar(100000),
  confirmed_by     varchar(64),
  confirmed_at     timestamp with time zone
);
