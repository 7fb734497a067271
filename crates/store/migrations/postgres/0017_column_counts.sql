-- Live cards per column, kept by a trigger (PostgreSQL). Keep in step with
-- ../sqlite/0017_column_counts.sql.
--
-- A board page shows every column's count and a move checks a WIP limit; counting the cards
-- made both grow with the board (29 ms at 38,000 cards). The count is derived, so it is not
-- moved with an organisation: the cards' own trigger rebuilds it on import.
CREATE TABLE column_counts (
    column_id UUID PRIMARY KEY NOT NULL REFERENCES board_columns(id) ON DELETE CASCADE,
    live BIGINT NOT NULL
);

CREATE FUNCTION column_counts_on_task() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') AND OLD.archived_at IS NULL THEN
        UPDATE column_counts SET live = live - 1 WHERE column_id = OLD.column_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.archived_at IS NULL THEN
        INSERT INTO column_counts (column_id, live) VALUES (NEW.column_id, 1)
            ON CONFLICT (column_id) DO UPDATE SET live = column_counts.live + 1;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER column_counts_task AFTER INSERT OR DELETE OR UPDATE OF column_id, archived_at ON tasks
    FOR EACH ROW EXECUTE FUNCTION column_counts_on_task();

INSERT INTO column_counts (column_id, live)
    SELECT column_id, COUNT(*) FROM tasks WHERE archived_at IS NULL GROUP BY column_id;
