-- Archiving plan items and a card's history (SQLite). Keep in step with
-- ../postgres/0015_archive.sql.

-- When the item was archived; archived items leave every list and count until restored. A
-- board archives its cards and forms with the same moment, so restoring it brings back just
-- those and not cards archived on their own.
ALTER TABLE tasks ADD COLUMN archived_at TEXT;
ALTER TABLE boards ADD COLUMN archived_at TEXT;
ALTER TABLE goals ADD COLUMN archived_at TEXT;
ALTER TABLE initiatives ADD COLUMN archived_at TEXT;
ALTER TABLE intake_forms ADD COLUMN archived_at TEXT;
ALTER TABLE agendas ADD COLUMN archived_at TEXT;

-- What happened to a card after it was made (the card's own row says when that was), oldest
-- first: its history, and what undoing the last move reads.
CREATE TABLE task_events (
    id BLOB PRIMARY KEY NOT NULL,
    org_id BLOB NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    task_id BLOB NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    -- The name of whoever did it, as comments keep their author.
    actor TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('moved', 'undone', 'edited', 'archived', 'restored')),
    -- A move's place before and after.
    from_column BLOB REFERENCES board_columns(id) ON DELETE SET NULL,
    from_rank TEXT,
    -- When the card counted as done before the move, so undoing it keeps the day.
    from_done_at TEXT,
    to_column BLOB REFERENCES board_columns(id) ON DELETE SET NULL
);
CREATE INDEX task_events_task ON task_events(task_id, at);
