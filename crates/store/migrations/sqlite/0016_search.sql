-- Full-text search over cards (SQLite). ../postgres/0016_search.sql does the same with
-- PostgreSQL's own text search; the index tables differ by design and are never moved (the
-- migrations test leaves `task_search*` out of its comparison).
--
-- A card's text is its title and, as its body, its description, checklist and comments.
-- Triggers keep the index in the card's own transaction, so every process sees the same.

-- FTS5 rows need integer ids that survive VACUUM: one per card, kept here.
CREATE TABLE task_search_keys (
    n INTEGER PRIMARY KEY,
    task_id BLOB NOT NULL UNIQUE REFERENCES tasks(id) ON DELETE CASCADE
);

-- Contentless: the text stays in the cards' own tables; words are lower-cased whole, å, ä and ö
-- kept as letters of their own.
CREATE VIRTUAL TABLE task_search USING fts5(
    title, body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0'
);

CREATE VIEW task_search_text AS
SELECT t.id AS task_id, t.title AS title,
    t.description
    || ' ' || COALESCE((SELECT group_concat(c.text, ' ') FROM task_checklist c WHERE c.task_id = t.id), '')
    || ' ' || COALESCE((SELECT group_concat(m.body, ' ') FROM task_comments m WHERE m.task_id = t.id), '')
    AS body
FROM tasks t;

CREATE TRIGGER task_search_insert AFTER INSERT ON tasks BEGIN
    INSERT INTO task_search_keys (task_id) VALUES (new.id);
    INSERT INTO task_search (rowid, title, body)
        SELECT k.n, v.title, v.body FROM task_search_keys k JOIN task_search_text v ON v.task_id = k.task_id
        WHERE k.task_id = new.id;
END;

CREATE TRIGGER task_search_update AFTER UPDATE OF title, description ON tasks BEGIN
    DELETE FROM task_search WHERE rowid = (SELECT n FROM task_search_keys WHERE task_id = new.id);
    INSERT INTO task_search (rowid, title, body)
        SELECT k.n, v.title, v.body FROM task_search_keys k JOIN task_search_text v ON v.task_id = k.task_id
        WHERE k.task_id = new.id;
END;

CREATE TRIGGER task_search_delete BEFORE DELETE ON tasks BEGIN
    DELETE FROM task_search WHERE rowid = (SELECT n FROM task_search_keys WHERE task_id = old.id);
END;

CREATE TRIGGER task_search_checklist_insert AFTER INSERT ON task_checklist BEGIN
    DELETE FROM task_search WHERE rowid = (SELECT n FROM task_search_keys WHERE task_id = new.task_id);
    INSERT INTO task_search (rowid, title, body)
        SELECT k.n, v.title, v.body FROM task_search_keys k JOIN task_search_text v ON v.task_id = k.task_id
        WHERE k.task_id = new.task_id;
END;

CREATE TRIGGER task_search_checklist_update AFTER UPDATE OF text ON task_checklist BEGIN
    DELETE FROM task_search WHERE rowid = (SELECT n FROM task_search_keys WHERE task_id = new.task_id);
    INSERT INTO task_search (rowid, title, body)
        SELECT k.n, v.title, v.body FROM task_search_keys k JOIN task_search_text v ON v.task_id = k.task_id
        WHERE k.task_id = new.task_id;
END;

CREATE TRIGGER task_search_checklist_delete AFTER DELETE ON task_checklist BEGIN
    DELETE FROM task_search WHERE rowid = (SELECT n FROM task_search_keys WHERE task_id = old.task_id);
    INSERT INTO task_search (rowid, title, body)
        SELECT k.n, v.title, v.body FROM task_search_keys k JOIN task_search_text v ON v.task_id = k.task_id
        WHERE k.task_id = old.task_id;
END;

CREATE TRIGGER task_search_comment_insert AFTER INSERT ON task_comments BEGIN
    DELETE FROM task_search WHERE rowid = (SELECT n FROM task_search_keys WHERE task_id = new.task_id);
    INSERT INTO task_search (rowid, title, body)
        SELECT k.n, v.title, v.body FROM task_search_keys k JOIN task_search_text v ON v.task_id = k.task_id
        WHERE k.task_id = new.task_id;
END;

CREATE TRIGGER task_search_comment_delete AFTER DELETE ON task_comments BEGIN
    DELETE FROM task_search WHERE rowid = (SELECT n FROM task_search_keys WHERE task_id = old.task_id);
    INSERT INTO task_search (rowid, title, body)
        SELECT k.n, v.title, v.body FROM task_search_keys k JOIN task_search_text v ON v.task_id = k.task_id
        WHERE k.task_id = old.task_id;
END;

-- The cards made before this migration.
INSERT INTO task_search_keys (task_id) SELECT id FROM tasks;
INSERT INTO task_search (rowid, title, body)
    SELECT k.n, v.title, v.body FROM task_search_keys k JOIN task_search_text v ON v.task_id = k.task_id;
