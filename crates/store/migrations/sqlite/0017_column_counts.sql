-- Live cards per column, kept by triggers (SQLite). Keep in step with
-- ../postgres/0017_column_counts.sql.
--
-- A board page shows every column's count and a move checks a WIP limit; counting the cards
-- made both grow with the board (29 ms at 38,000 cards). The count is derived, so it is not
-- moved with an organisation: the cards' own triggers rebuild it on import.
CREATE TABLE column_counts (
    column_id BLOB PRIMARY KEY NOT NULL REFERENCES board_columns(id) ON DELETE CASCADE,
    live BIGINT NOT NULL
);

CREATE TRIGGER column_counts_insert AFTER INSERT ON tasks WHEN new.archived_at IS NULL BEGIN
    INSERT INTO column_counts (column_id, live) VALUES (new.column_id, 1)
        ON CONFLICT (column_id) DO UPDATE SET live = live + 1;
END;

CREATE TRIGGER column_counts_delete AFTER DELETE ON tasks WHEN old.archived_at IS NULL BEGIN
    UPDATE column_counts SET live = live - 1 WHERE column_id = old.column_id;
END;

CREATE TRIGGER column_counts_leave AFTER UPDATE OF column_id, archived_at ON tasks
    WHEN old.archived_at IS NULL BEGIN
    UPDATE column_counts SET live = live - 1 WHERE column_id = old.column_id;
END;

CREATE TRIGGER column_counts_enter AFTER UPDATE OF column_id, archived_at ON tasks
    WHEN new.archived_at IS NULL BEGIN
    INSERT INTO column_counts (column_id, live) VALUES (new.column_id, 1)
        ON CONFLICT (column_id) DO UPDATE SET live = live + 1;
END;

INSERT INTO column_counts (column_id, live)
    SELECT column_id, COUNT(*) FROM tasks WHERE archived_at IS NULL GROUP BY column_id;
