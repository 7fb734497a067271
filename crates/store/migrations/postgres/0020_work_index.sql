-- The dashboards and the workload count cards by a few small columns: open ones (no done_at),
-- recently done ones, and per initiative. This index holds exactly those columns, so the counts
-- read it instead of the card rows with their descriptions (a full scan of wide rows cost most
-- of the dashboard's time on the demo's 10,000-card board).
CREATE INDEX tasks_work ON tasks(org_id, done_at, archived_at, initiative_id, assignee_id, due_on, estimate_hours);
