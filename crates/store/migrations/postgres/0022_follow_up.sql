-- Following up a recurring problem: which submitters have been contacted, and the card the
-- problem as a whole is handled on.
ALTER TABLE intake_submissions ADD COLUMN contacted_at TIMESTAMPTZ;
ALTER TABLE intake_submissions ADD COLUMN follow_up_task_id UUID REFERENCES tasks(id) ON DELETE SET NULL;
