-- Sent and failed notifications are removed after pilot.notifications.keep (OutboxRetention),
-- found by status and age; and a claim reads back the rows it took by its claimer, which without
-- an index read the whole outbox.
create index notification_outbox_done on notification_outbox (status, created_at);
create index notification_outbox_claimed on notification_outbox (claimed_by);
