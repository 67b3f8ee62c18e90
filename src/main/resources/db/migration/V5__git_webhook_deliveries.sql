-- Every merge the git webhook accepted: signed, well-formed and fresh. A delivery id is accepted
-- once, and so is a pull request's merge: the signature covers the body only, so a replay under
-- a new delivery id is caught by the pull request it names.
create table git_webhook_delivery (
  delivery_id          varchar(200)  not null primary key,
  received_at          timestamp with time zone not null,
  repository           varchar(200)  not null,
  pull_request_number  integer       not null,
  source_branch        varchar(200)  not null,
  target_branch        varchar(200)  not null,
  merged_at            timestamp with time zone not null,
  url                  varchar(2000) not null,
  constraint git_webhook_delivery_pull_request unique (repository, pull_request_number)
);
