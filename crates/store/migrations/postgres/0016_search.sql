-- Full-text search over cards (PostgreSQL). ../sqlite/0016_search.sql does the same with
-- SQLite's FTS5; the index tables differ by design and are never moved (the migrations test
-- leaves `task_search*` out of its comparison).
--
-- A card's text is its title (weighted higher) and its description, checklist and comments,
-- as words lower-cased whole ('simple': no stemming, as on SQLite). Anything but letters and
-- digits separates words first, as SQLite's tokenizer does: PostgreSQL's own parser would keep
-- `srv01.corp.local` or an e-mail address as one word. Triggers keep the index in
-- the card's own transaction, so every process sees the same.

CREATE TABLE task_search (
    task_id UUID PRIMARY KEY NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    doc TSVECTOR NOT NULL
);
CREATE INDEX task_search_doc ON task_search USING GIN (doc);

CREATE FUNCTION task_search_refresh(card UUID) RETURNS void LANGUAGE sql AS $$
    INSERT INTO task_search (task_id, doc)
    SELECT t.id,
        setweight(to_tsvector('simple', regexp_replace(t.title, '[^[:alnum:]]+', ' ', 'g')), 'A')
        || to_tsvector('simple', regexp_replace(t.description
            || ' ' || COALESCE((SELECT string_agg(c.text, ' ') FROM task_checklist c WHERE c.task_id = card), '')
            || ' ' || COALESCE((SELECT string_agg(m.body, ' ') FROM task_comments m WHERE m.task_id = card), ''),
            '[^[:alnum:]]+', ' ', 'g'))
    FROM tasks t WHERE t.id = card
    ON CONFLICT (task_id) DO UPDATE SET doc = excluded.doc;
$$;

CREATE FUNCTION task_search_on_task() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM task_search_refresh(NEW.id);
    RETURN NULL;
END
$$;

CREATE FUNCTION task_search_on_part() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM task_search_refresh(OLD.task_id);
    ELSE
        PERFORM task_search_refresh(NEW.task_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER task_search_task AFTER INSERT OR UPDATE OF title, description ON tasks
    FOR EACH ROW EXECUTE FUNCTION task_search_on_task();
CREATE TRIGGER task_search_checklist AFTER INSERT OR UPDATE OF text OR DELETE ON task_checklist
    FOR EACH ROW EXECUTE FUNCTION task_search_on_part();
CREATE TRIGGER task_search_comments AFTER INSERT OR DELETE ON task_comments
    FOR EACH ROW EXECUTE FUNCTION task_search_on_part();

-- The cards made before this migration.
SELECT task_search_refresh(id) FROM tasks;
